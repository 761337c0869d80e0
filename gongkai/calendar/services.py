"""Writes to the working-day calendar. Each one checks permission, changes the stored years,
moves every open deadline that depends on them (the holders) and records one audit entry, all in
one transaction; the command, the admin form and the admin delete button call these only."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.models import Unit

from .domain.workdays import CalendarSource, WorkdayCalendar
from .domain.year_calendar import PACKAGE_YEARS, YearCalendar
from .holders import recompute_deadlines
from .models import CalendarVersion, CalendarYear
from .permissions import require_calendar_manager
from .selectors import invalidate_calendar_cache


@dataclass(frozen=True)
class CalendarChange:
    """What a calendar write did; `recomputed` is holder name → deadlines moved."""

    year: int
    changed: bool
    recomputed: Mapping[str, int] = field(default_factory=dict)
    row: CalendarYear | None = None


@contextmanager
def _calendar_write() -> Iterator[None]:
    try:
        with transaction.atomic():
            # Queues concurrent calendar writes (row lock on PostgreSQL).
            CalendarVersion.objects.select_for_update().get_or_create(pk=1)
            yield
    finally:
        # Committed: reload now rather than after the next check. Rolled back: the holders may
        # have cached the calendar of the failed write, which must go.
        invalidate_calendar_cache()


def _effective_days(year: int, row: CalendarYear | None) -> tuple[str, set[str], set[str]]:
    """Source, holidays and make-up days that `year` has before a write."""
    if row is not None:
        return CalendarSource.LOADED, set(row.holidays), set(row.makeup_workdays)
    if year in PACKAGE_YEARS:
        data = YearCalendar.from_package(year).to_json()
        return CalendarSource.PACKAGE, set(data["holidays"]), set(data["makeup_workdays"])
    return CalendarSource.PROVISIONAL, {date(year, 1, 1).isoformat()}, set()


def _day_changes(before: tuple[str, set[str], set[str]], after: YearCalendar) -> dict[str, Any]:
    source, holidays, makeup = before
    data = after.to_json()
    return {
        "previous_source": source,
        "holidays_added": sorted(set(data["holidays"]) - holidays),
        "holidays_removed": sorted(holidays - set(data["holidays"])),
        "makeup_workdays_added": sorted(set(data["makeup_workdays"]) - makeup),
        "makeup_workdays_removed": sorted(makeup - set(data["makeup_workdays"])),
    }


def _audit_unit() -> Unit | None:
    # The calendar belongs to no unit; with a single top-level unit, filing the entry under it
    # lets that unit's auditors and administrators read it (the log is scoped by unit).
    roots = list(Unit.objects.filter(parent__isnull=True)[:2])
    return roots[0] if len(roots) == 1 else None


def calendar_year_load(*, actor, data: YearCalendar, source: str) -> CalendarChange:
    """Store `data` as its year's calendar (a new year, or a correction of a known one).

    `source` says where it came from (“命令行导入：2027.json”, “管理后台编辑”). Loading the same
    days again changes nothing and records nothing.
    """
    require_calendar_manager(actor)
    with _calendar_write():
        row = CalendarYear.objects.filter(year=data.year).first()
        new = data.to_json()
        if (
            row is not None
            and row.holidays == new["holidays"]
            and row.makeup_workdays == new["makeup_workdays"]
        ):
            return CalendarChange(data.year, changed=False, row=row)
        changes = _day_changes(_effective_days(data.year, row), data)
        if row is None:
            row = CalendarYear(year=data.year)
        row.set_days(data)
        row.source = source[:200]
        row.updated_by = actor
        row.save()
        recomputed = _recompute(data.year)
        audit_record(
            actor=actor,
            action="calendar.load",
            obj=row,
            changes={"year": data.year, "source": row.source, **changes, "recomputed": recomputed},
            unit=_audit_unit(),
        )
    return CalendarChange(data.year, changed=True, recomputed=recomputed, row=row)


def calendar_year_delete(*, actor, year: int) -> CalendarChange:
    """Remove a loaded year: it goes back to the package data, or becomes provisional."""
    require_calendar_manager(actor)
    with _calendar_write():
        row = CalendarYear.objects.filter(year=year).first()
        if row is None:
            return CalendarChange(year, changed=False)
        before = _effective_days(year, row)
        row_id = row.pk
        row.delete()
        # Django clears the primary key on delete; the entry must name the row that was.
        row.pk = row_id
        recomputed = _recompute(year)
        audit_record(
            actor=actor,
            action="calendar.delete",
            obj=row,
            changes={
                "year": year,
                "now_source": WorkdayCalendar().source(year),
                "holidays_removed": sorted(before[1]),
                "makeup_workdays_removed": sorted(before[2]),
                "recomputed": recomputed,
            },
            unit=_audit_unit(),
        )
    return CalendarChange(year, changed=True, recomputed=recomputed)


def _recompute(year: int) -> dict[str, int]:
    """Announce the change to other processes, then move the deadlines that depend on it."""
    CalendarVersion.objects.filter(pk=1).update(token=uuid.uuid4().hex)
    # The holders must count with the calendar just written, not with this process's cache.
    invalidate_calendar_cache()
    return recompute_deadlines(frozenset({year}))
