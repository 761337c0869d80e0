"""Reads: the process's working-day calendar, deadlines computed with it, and the provisional
years staff must be warned about.

Every module computes due dates with `deadline_for` (or, for bulk work with its own rules,
`current_calendar`), never with ``compute_deadline`` and the domain's package-only default.

Web workers, the task worker and commands are separate processes, each with its own cached
calendar. A calendar write changes the token in `CalendarVersion`; every process compares its
token with the stored one at most every `CHECK_SECONDS` and rebuilds on a difference, and the
process that made the write rebuilds at once. Computing many deadlines therefore costs no
query per deadline.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.utils import timezone

from .conf import day_count_overrides, fee_period_pauses
from .domain.deadlines import Deadline, Pause, compute_deadline
from .domain.workdays import CalendarSource, DayInfo, DayKind, WorkdayCalendar
from .holders import open_deadline_years
from .models import CalendarVersion, CalendarYear

CHECK_SECONDS = 5.0

# Next year's arrangement is usually announced in November; warning about it earlier would only
# teach people to ignore the warning. Deadlines that already reach into it are reported anyway
# through the holders' open years.
NEXT_YEAR_WATCHED_FROM = (11, 1)


@dataclass(frozen=True)
class _Cached:
    calendar: WorkdayCalendar
    token: str
    checked_at: float


_cached: _Cached | None = None


def _stored_token() -> str:
    return CalendarVersion.objects.filter(pk=1).values_list("token", flat=True).first() or ""


def _build() -> WorkdayCalendar:
    return WorkdayCalendar({row.year: row.to_year_calendar() for row in CalendarYear.objects.all()})


def current_calendar() -> WorkdayCalendar:
    """The calendar of this process: loaded years, then the package, then provisional years."""
    global _cached
    now = time.monotonic()
    cached = _cached
    if cached is not None and now - cached.checked_at < CHECK_SECONDS:
        return cached.calendar
    # The token is read before the rows: a write landing in between then leaves new rows under
    # the old token, which only costs one more rebuild; the other order could keep old rows
    # under the new token for good.
    token = _stored_token()
    unchanged = cached is not None and cached.token == token
    calendar = cached.calendar if unchanged else _build()
    _cached = _Cached(calendar, token, now)
    return calendar


def invalidate_calendar_cache() -> None:
    """Make the next `current_calendar()` of this process read the database."""
    global _cached
    _cached = None


def stored_calendar_available() -> bool:
    """False before ``gongkai migrate``: commands then fall back to the package data."""
    return CalendarVersion._meta.db_table in connection.introspection.table_names()


def deadline_for(
    rule_key: str,
    start: date | int,
    *,
    corrected: date | None = None,
    pauses: Iterable[Pause] = (),
    extended: bool = False,
    calendar: WorkdayCalendar | None = None,
) -> Deadline:
    """`compute_deadline` with this deployment's calendar and day-count settings.

    Raises `DeadlineError` (Chinese message) for arguments the rule does not allow.
    """
    return compute_deadline(
        rule_key,
        start,
        corrected=corrected,
        pauses=pauses,
        extended=extended,
        calendar=calendar or current_calendar(),
        day_counts=day_count_overrides(),
        fee_period_pauses=fee_period_pauses(),
    )


def provisional_years_that_matter(today: date | None = None) -> list[int]:
    """Provisional years staff must hear about: this year, next year from 1 November, and
    every year an open deadline touches."""
    today = today or timezone.localdate()
    years = {today.year} | open_deadline_years()
    if (today.month, today.day) >= NEXT_YEAR_WATCHED_FROM:
        years.add(today.year + 1)
    calendar = current_calendar()
    return sorted(year for year in years if calendar.is_provisional(year))


@dataclass(frozen=True)
class YearOverview:
    """The days of a year that differ from the plain week, and where the data comes from."""

    year: int
    source: CalendarSource
    holidays: list[DayInfo]
    makeup_workdays: list[DayInfo]


def year_overview(year: int, calendar: WorkdayCalendar) -> YearOverview:
    holidays: list[DayInfo] = []
    makeup: list[DayInfo] = []
    day = date(year, 1, 1)
    while day.year == year:
        info = calendar.day_info(day)
        if info.kind is DayKind.HOLIDAY:
            holidays.append(info)
        elif info.kind is DayKind.MAKEUP_WORKDAY:
            makeup.append(info)
        day += timedelta(days=1)
    return YearOverview(year, calendar.source(year), holidays, makeup)
