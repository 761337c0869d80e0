"""What the supervising office of a city sees across its counties: figures per region.

A region is a government unit (the city, each county: the units that run a site) with the
units below it that no lower region holds: the city's row is 市本级, a county's row its own
departments, townships and villages. Each module owns its records, so it owns its roll-up
figure: it registers it from its own ``AppConfig.ready`` (a ``rollups.py`` beside its
selectors), as it registers search kinds and assessment indicators; the screen
(「各县（区）汇总」, portal) shows the registry only, so a new figure changes nothing there.

A figure's ``compute`` counts **in the database, grouped by region in one query**: it annotates
its records with `region_of` (the nearest region above each record's unit) and groups by it,
never one query per region.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, IntegerField, Value, When


@dataclass(frozen=True)
class Region:
    unit_id: int
    path: str


@dataclass(frozen=True)
class Cell:
    """One region's figure: what the table shows, the number behind it (for the spreadsheet)
    and the admin list that shows its records, filtered to the region."""

    text: str
    value: int | None = None
    url: str = ""
    alert: bool = False  # something is overdue or failed: the screen marks it


# compute(regions=..., year=..., today=...) → {region unit id: Cell}; a region left out shows “—”.
Compute = Callable[..., Mapping[int, Cell]]


@dataclass(frozen=True)
class Rollup:
    key: str  # "<module>.<name>"
    label: str  # the column heading (Chinese, gettext)
    module: str  # the app label that owns the records
    order: int
    compute: Compute
    note: str = ""  # what is counted, shown under the table


_ROLLUPS: dict[str, Rollup] = {}


def register_rollup(rollup: Rollup) -> None:
    if rollup.key in _ROLLUPS and _ROLLUPS[rollup.key] != rollup:
        raise ValueError(f"roll-up {rollup.key!r} is already registered")
    _ROLLUPS[rollup.key] = rollup


def rollups() -> list[Rollup]:
    return sorted(_ROLLUPS.values(), key=lambda r: (r.order, r.key))


def _deepest_first(regions: Sequence[Region]) -> list[Region]:
    # A unit belongs to the nearest region above it: test the longest paths first.
    return sorted(regions, key=lambda r: len(r.path), reverse=True)


def region_of(path_field: str, regions: Sequence[Region]) -> Case:
    """An expression giving each row the id of the region its unit lies in (NULL outside every
    region): ``path_field`` is the lookup of the unit's path, e.g. ``"unit__path"``."""
    return Case(
        *(
            When(**{f"{path_field}__startswith": r.path}, then=Value(r.unit_id))
            for r in _deepest_first(regions)
        ),
        default=None,
        output_field=IntegerField(),
    )


def region_for_path(path: str, regions: Sequence[Region]) -> int | None:
    """The same rule in Python, for figures whose rule runs outside the database."""
    for region in _deepest_first(regions):
        if path.startswith(region.path):
            return region.unit_id
    return None


def compute_all(
    regions: Sequence[Region], *, year: int, today: date
) -> list[tuple[Rollup, Mapping[int, Cell]]]:
    if not regions:
        return [(r, {}) for r in rollups()]
    return [(r, r.compute(regions=regions, year=year, today=today)) for r in rollups()]
