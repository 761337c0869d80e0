"""What the assessment can compute: each module registers the indicators of its own records.

A module owns its data, so it owns the indicators computed from it: it registers them from its
``AppConfig.ready`` (an ``indicators.py`` beside its selectors), and the assessment computes a
scheme from this registry only, as search does with its kinds. Adding an indicator needs no
change here.

An indicator's ``compute`` counts **in the database**: one aggregate query grouped by unit over
the year (``values("unit_id").annotate(...)``), never a Python loop over records, so a
province of 2,000 units is a handful of queries per indicator. It returns a ``Measure`` per unit
id; a unit it leaves out has no data (不适用, its weight goes to the other indicators of its
group; see ``domain/scoring.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Kind(StrEnum):
    RATE = "rate"  # numerator / denominator, e.g. 主动公开及时率; no denominator → 不适用
    COUNT = "count"  # a number of items, e.g. 目录缺漏数 (deductions count these)
    FLAG = "flag"  # done or not (1 / 0), e.g. 年报按时发布


@dataclass(frozen=True)
class Measure:
    """One unit's figure for one indicator and year, with the inputs behind it.

    ``numerator`` is the items that meet the rule (RATE), the items counted (COUNT) or 1/0
    (FLAG); ``denominator`` only for a RATE. ``evidence`` is the number of records behind the
    figure, the rows the drill-down lists (by default the denominator, else the numerator).
    """

    numerator: int
    denominator: int | None = None
    evidence: int | None = None

    @property
    def evidence_count(self) -> int:
        if self.evidence is not None:
            return self.evidence
        return self.denominator if self.denominator is not None else self.numerator


@dataclass(frozen=True)
class EvidenceRow:
    """One record behind a figure, as the drill-down page lists it."""

    label: str
    date: date | None
    counted: bool  # meets the rule (counted in the numerator)
    note: str = ""  # why it does or does not count, e.g. "第 23 个工作日发布"
    url: str = ""  # the record in the admin (or on the portal); empty when it has no page


# compute(year=..., unit_ids=...) → {unit id: Measure}; only units it has data for.
Compute = Callable[..., Mapping[int, Measure]]
# evidence(year=..., unit_id=...) → the records behind that unit's figure.
Evidence = Callable[..., Iterable[EvidenceRow]]


@dataclass(frozen=True)
class Indicator:
    key: str  # "<module>.<name>": lower-case letters, digits and underscores; in schemes, JSON
    label: str  # what the scheme and the bulletin call it (Chinese, gettext)
    kind: Kind
    module: str  # the app label that owns the records
    formula: str  # how the figure is counted, in Chinese, shown beside every score
    compute: Compute
    evidence: Evidence
    # What the unit should do when it loses points here (shown on its own page).
    advice: str = ""
    # For a COUNT: True when more is better (e.g. trainings held); deductions read False.
    higher_is_better: bool = True


_INDICATORS: dict[str, Indicator] = {}
_KEY = re.compile(r"[a-z_]+\.[a-z0-9_]+")


def register_indicator(indicator: Indicator) -> None:
    if not _KEY.fullmatch(indicator.key):
        raise ValueError(f"indicator key {indicator.key!r} must read <module>.<name>")
    if indicator.key in _INDICATORS and _INDICATORS[indicator.key] != indicator:
        raise ValueError(f"indicator {indicator.key!r} is already registered")
    _INDICATORS[indicator.key] = indicator


def indicators() -> list[Indicator]:
    return list(_INDICATORS.values())


def get_indicator(key: str) -> Indicator | None:
    return _INDICATORS.get(key)


def choices() -> Sequence[tuple[str, str]]:
    """The registered indicators for a scheme's form, by module then key."""
    return [
        (i.key, f"{i.label}（{i.key}）") for i in sorted(_INDICATORS.values(), key=lambda i: i.key)
    ]
