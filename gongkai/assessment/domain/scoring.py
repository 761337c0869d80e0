"""How a figure becomes points, and how a unit's points become its score. No Django.

Scoring rules (one per indicator of a scheme):

- ``linear``: a rate scores ``max × (rate − zero_at) / (full_at − zero_at)``, clamped to
  ``[0, max]``: full marks from ``full_at`` (e.g. 95 %), none at or below ``zero_at``.
- ``deduct``: a count costs ``per_item`` points each, at most ``cap`` (by default all of
  ``max``): ``max − min(cap, per_item × count)``.
- ``flag``: full marks when done (1), none otherwise.
- ``entered``: the assessing office enters the points (0 … max) with evidence.

不适用 and redistribution: an indicator with no data for a unit (the module returned nothing,
a rate with no denominator, or the office entered it as not applicable) is 不适用 for that unit.
Its weight is redistributed over the unit's applicable indicators in proportion to their
weights, so every unit of a group is scored out of the same full score and the ranking
compares like with like: ``score = Σ points × full / Σ applicable max``. A unit for which no
indicator applies has no score (it is listed, not ranked).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from gongkai.core.domain.errors import DomainError

TWO_PLACES = Decimal("0.01")


class RuleKind(StrEnum):
    LINEAR = "linear"
    DEDUCT = "deduct"
    FLAG = "flag"
    ENTERED = "entered"


RULE_LABELS = {
    RuleKind.LINEAR: "按比率线性计分",
    RuleKind.DEDUCT: "每项扣分（设上限）",
    RuleKind.FLAG: "完成得满分",
    RuleKind.ENTERED: "考核办录入得分",
}


@dataclass(frozen=True)
class Rule:
    kind: RuleKind
    max_points: Decimal
    full_at: Decimal = Decimal(1)  # LINEAR: the rate that earns full marks
    zero_at: Decimal = Decimal(0)  # LINEAR: the rate at or below which nothing is earned
    per_item: Decimal = Decimal(0)  # DEDUCT: points per item
    cap: Decimal | None = None  # DEDUCT: the most that can be deducted (None: max_points)

    def check(self) -> None:
        """A DomainError (Chinese) when the rule cannot score anything sensibly."""
        if self.max_points <= 0:
            raise DomainError("分值必须大于0。")
        if self.kind is RuleKind.LINEAR and not (0 <= self.zero_at < self.full_at <= 1):
            raise DomainError("线性计分须满足：0 ≤ 零分比率 < 满分比率 ≤ 100%。")
        if self.kind is RuleKind.DEDUCT:
            if self.per_item <= 0:
                raise DomainError("每项扣分必须大于0。")
            if self.cap is not None and not (0 < self.cap <= self.max_points):
                raise DomainError("扣分上限必须大于0且不超过该项分值。")

    def describe(self) -> str:
        """The rule in one Chinese phrase, for the score table and the bulletin."""
        if self.kind is RuleKind.LINEAR:
            text = f"比率达到{_percent(self.full_at)}得满分{number_text(self.max_points)}分"
            if self.zero_at > 0:
                text += f"，不高于{_percent(self.zero_at)}不得分"
            return text + "，其间按比例计分"
        if self.kind is RuleKind.DEDUCT:
            cap = self.cap if self.cap is not None else self.max_points
            return f"每项扣{number_text(self.per_item)}分，最多扣{number_text(cap)}分（满分{number_text(self.max_points)}分）"
        if self.kind is RuleKind.FLAG:
            return f"完成得{number_text(self.max_points)}分，未完成不得分"
        return f"由考核办根据佐证材料评定，满分{number_text(self.max_points)}分"


def number_text(value: Decimal) -> str:
    """A number as people write it: 30, 2.5 (never 3E+1 or 30.00)."""
    return format(value.normalize(), "f")


def _percent(rate: Decimal) -> str:
    return f"{number_text(rate * 100)}%"


def rate_of(numerator: int, denominator: int | None) -> Decimal | None:
    """The rate, or None when there is nothing to measure (不适用)."""
    if not denominator:
        return None
    return Decimal(numerator) / Decimal(denominator)


def points_for(rule: Rule, value: Decimal | None) -> Decimal | None:
    """The points a figure earns under ``rule``; None when it is 不适用 (no figure).

    ``value`` is a rate (LINEAR), a count (DEDUCT), 1/0 (FLAG) or the entered points (ENTERED).
    """
    if value is None:
        return None
    top = rule.max_points
    if rule.kind is RuleKind.LINEAR:
        share = (value - rule.zero_at) / (rule.full_at - rule.zero_at)
        earned = top * min(Decimal(1), max(Decimal(0), share))
    elif rule.kind is RuleKind.DEDUCT:
        cap = rule.cap if rule.cap is not None else top
        earned = top - min(cap, rule.per_item * max(value, Decimal(0)))
    elif rule.kind is RuleKind.FLAG:
        earned = top if value > 0 else Decimal(0)
    else:
        earned = min(top, max(Decimal(0), value))
    return earned.quantize(TWO_PLACES, ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    """One indicator of one unit: its rule's full marks and the points earned (None: 不适用)."""

    max_points: Decimal
    points: Decimal | None


def total_score(lines: Sequence[Line], full: Decimal) -> Decimal | None:
    """The unit's score out of ``full`` after redistributing the 不适用 weights (module doc)."""
    applicable = [line for line in lines if line.points is not None]
    weight = sum((line.max_points for line in applicable), Decimal(0))
    if not applicable or weight <= 0:
        return None
    earned = sum((line.points for line in applicable), Decimal(0))  # type: ignore[misc]
    return (earned * full / weight).quantize(TWO_PLACES, ROUND_HALF_UP)


def effective_max(lines: Sequence[Line], full: Decimal) -> list[Decimal | None]:
    """Each line's full marks after redistribution (None for 不适用): what it weighs in the
    unit's score, shown so the redistribution can be checked by hand."""
    weight = sum((line.max_points for line in lines if line.points is not None), Decimal(0))
    if weight <= 0:
        return [None for _ in lines]
    return [
        None
        if line.points is None
        else (line.max_points * full / weight).quantize(TWO_PLACES, ROUND_HALF_UP)
        for line in lines
    ]


def rank(scores: Iterable[tuple[int, Decimal | None]]) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4) by score, highest first; units with no score are not
    ranked."""
    ordered = sorted(((s, key) for key, s in scores if s is not None), key=lambda p: -p[0])
    ranks: dict[int, int] = {}
    previous: Decimal | None = None
    place = 0
    for position, (score, key) in enumerate(ordered, start=1):
        if score != previous:
            place = position
            previous = score
        ranks[key] = place
    return ranks
