"""Working-day calendar with a precomputed per-year index, and the counting rules.

Where each year's data comes from, first match wins:

1. a year the caller loaded (``WorkdayCalendar(extra_years={2027: YearCalendar(...)})``), so a
   loaded file also replaces a year the package knows (a correction);
2. `chinese_calendar` (2004–2026);
3. otherwise the year is *provisional*: Saturdays, Sundays and 1 January off, nothing else.
   Results touching such a year must be shown as provisional (see `provisional_years`).

Counting rules:

- ``add_workdays(d, n)`` is the n-th working day strictly after ``d``. The start day never
  counts, even when it is itself a working day or a holiday. ``n == 0`` gives ``d``.
- ``workdays_between(a, b)`` counts working days D with a < D ≤ b (negative when b < a), so
  ``workdays_between(d, add_workdays(d, n)) == n``.
- A pause (A, B) stops the clock: working days D with A < D ≤ B are not counted. Pauses may
  overlap each other and holidays.

Each year is indexed once, lazily: the kind of every day, the cumulative count of working days
up to each day, and the ordinals of its working days. ``add_workdays`` is then a couple of list
look-ups per year crossed instead of a walk over days.

Public API:

- `WorkdayCalendar`: the calendar; methods `is_workday`, `add_workdays`,
  `add_workdays_paused`, `workdays_between`, `day_info`, `source`, `is_provisional`,
  `provisional_years`.
- `DayKind`, `DayInfo`, `CalendarSource`: what `day_info` and `source` return.
- `default_calendar()` / `set_default_calendar(calendar)`: the process-wide calendar (package
  data only until the DB layer installs one with its loaded years).
- `is_workday(d)`, `add_workdays(d, n)`, `workdays_between(a, b)`: the same on the default.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum, StrEnum

from .errors import CalendarDataError
from .year_calendar import PACKAGE_YEARS, YearCalendar


class DayKind(IntEnum):
    """What a day is; make-up working days are working days."""

    WORKDAY = 0
    WEEKEND = 1
    HOLIDAY = 2
    MAKEUP_WORKDAY = 3


class CalendarSource(StrEnum):
    """Where a year's data comes from."""

    LOADED = "loaded"
    PACKAGE = "package"
    PROVISIONAL = "provisional"


@dataclass(frozen=True, slots=True)
class DayInfo:
    """One day as the calendar sees it; `name` is the Chinese holiday name when known."""

    day: date
    kind: DayKind
    name: str | None
    provisional: bool

    @property
    def is_workday(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


class _YearIndex:
    __slots__ = (
        "cumulative",
        "first_ordinal",
        "kinds",
        "names",
        "provisional_years",
        "source",
        "workday_ordinals",
        "year",
    )

    def __init__(
        self,
        year: int,
        holidays: frozenset[date],
        makeup_workdays: frozenset[date],
        names: Mapping[date, str],
        source: CalendarSource,
    ) -> None:
        self.year = year
        self.source = source
        # Ready-made answer for the common case of a deadline within one year.
        self.provisional_years = (year,) if source is CalendarSource.PROVISIONAL else ()
        self.names = names
        self.first_ordinal = date(year, 1, 1).toordinal()
        length = date(year + 1, 1, 1).toordinal() - self.first_ordinal
        self.kinds = bytearray(length)
        # cumulative[i] = working days among the first i days of the year, so the count up to
        # and including day-of-year index i is cumulative[i + 1].
        self.cumulative = [0] * (length + 1)
        self.workday_ordinals: list[int] = []
        day = date(year, 1, 1)
        for i in range(length):
            if day in makeup_workdays:
                kind = DayKind.MAKEUP_WORKDAY
            elif day in holidays:
                kind = DayKind.HOLIDAY
            elif day.weekday() >= 5:
                kind = DayKind.WEEKEND
            else:
                kind = DayKind.WORKDAY
            self.kinds[i] = kind
            if kind in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY):
                self.workday_ordinals.append(self.first_ordinal + i)
            self.cumulative[i + 1] = len(self.workday_ordinals)
            day += timedelta(days=1)


class WorkdayCalendar:
    """Working days from loaded years, then `chinese_calendar`, then provisional rules.

    Building one is cheap: years are indexed on first use. Instances are meant to be shared
    and replaced (not mutated) when the loaded years change.
    """

    def __init__(self, extra_years: Mapping[int, YearCalendar] | None = None) -> None:
        self._extra = dict(extra_years or {})
        for year, data in self._extra.items():
            if data.year != year:
                raise CalendarDataError(f"载入的 {year} 年日历数据实际是 {data.year} 年的")
        self._years: dict[int, _YearIndex] = {}

    def _index(self, year: int) -> _YearIndex:
        # Hot paths inline `self._years.get(year)` and call this only on a miss.
        index = self._years.get(year)
        if index is None:
            index = self._years[year] = self._build(year)
        return index

    def _build(self, year: int) -> _YearIndex:
        if year in self._extra:
            data, source = self._extra[year], CalendarSource.LOADED
        elif year in PACKAGE_YEARS:
            data, source = YearCalendar.from_package(year), CalendarSource.PACKAGE
        else:
            new_year = date(year, 1, 1)
            return _YearIndex(
                year,
                frozenset({new_year}),
                frozenset(),
                {new_year: "元旦"},
                CalendarSource.PROVISIONAL,
            )
        return _YearIndex(year, data.holidays, data.makeup_workdays, data.names, source)

    def source(self, year: int) -> CalendarSource:
        """Where the data of `year` comes from."""
        return self._index(year).source

    def is_provisional(self, year: int) -> bool:
        """True when no source covers `year` and it is computed by the provisional rule."""
        return self._index(year).source is CalendarSource.PROVISIONAL

    def provisional_years(self, first: date, last: date) -> tuple[int, ...]:
        """The provisional years among the years of `first` … `last` (inclusive, ascending)."""
        if first.year == last.year:
            return (self._years.get(first.year) or self._index(first.year)).provisional_years
        low, high = sorted((first.year, last.year))
        return tuple(year for year in range(low, high + 1) if self.is_provisional(year))

    def day_info(self, day: date) -> DayInfo:
        """Kind, Chinese holiday name and provisional flag of `day`."""
        index = self._index(day.year)
        return DayInfo(
            day=day,
            kind=DayKind(index.kinds[day.toordinal() - index.first_ordinal]),
            name=index.names.get(day),
            provisional=index.source is CalendarSource.PROVISIONAL,
        )

    def is_workday(self, day: date) -> bool:
        """True for weekdays that are not holidays, and for make-up working days."""
        index = self._years.get(day.year) or self._index(day.year)
        offset = day.toordinal() - index.first_ordinal
        return index.cumulative[offset + 1] != index.cumulative[offset]

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day strictly after `start` (`start` itself if n is 0)."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0:
            return start
        index = self._years.get(start.year) or self._index(start.year)
        target = index.cumulative[start.toordinal() - index.first_ordinal + 1] + n
        while target > len(index.workday_ordinals):
            target -= len(index.workday_ordinals)
            index = self._index(index.year + 1)
        return date.fromordinal(index.workday_ordinals[target - 1])

    def add_workdays_paused(self, start: date, n: int, pauses: Iterable[tuple[date, date]]) -> date:
        """Like `add_workdays`, but working days D with A < D ≤ B of any pause (A, B) don't count.

        Pauses must satisfy A ≤ B (callers validate, with a message for their context).
        """
        position, remaining = start, n
        for pause_start, pause_end in merge_pauses(pauses):
            if pause_end <= position:
                continue
            if pause_start > position:
                available = self.workdays_between(position, pause_start)
                if remaining <= available:
                    break
                remaining -= available
            position = pause_end
        return self.add_workdays(position, remaining)

    def workdays_between(self, a: date, b: date) -> int:
        """Working days D with a < D ≤ b; negative (−count of b < D ≤ a) when b < a."""
        if b < a:
            return -self.workdays_between(b, a)
        index_a = self._years.get(a.year) or self._index(a.year)
        index_b = self._years.get(b.year) or self._index(b.year)
        count = (
            index_b.cumulative[b.toordinal() - index_b.first_ordinal + 1]
            - index_a.cumulative[a.toordinal() - index_a.first_ordinal + 1]
        )
        for year in range(a.year, b.year):
            count += len(self._index(year).workday_ordinals)
        return count


def merge_pauses(pauses: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Union of pauses (A, B] as disjoint, ascending intervals; touching ones are joined."""
    merged: list[tuple[date, date]] = []
    for start, end in sorted(pauses):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


_default: WorkdayCalendar | None = None


def default_calendar() -> WorkdayCalendar:
    """The process-wide calendar: package data, plus whatever `set_default_calendar` installed."""
    global _default
    if _default is None:
        _default = WorkdayCalendar()
    return _default


def set_default_calendar(calendar: WorkdayCalendar | None) -> None:
    """Install `calendar` as the process-wide default; None goes back to package data only."""
    global _default
    _default = calendar


def is_workday(day: date) -> bool:
    """`WorkdayCalendar.is_workday` on the default calendar."""
    return default_calendar().is_workday(day)


def add_workdays(start: date, n: int) -> date:
    """`WorkdayCalendar.add_workdays` on the default calendar."""
    return default_calendar().add_workdays(start, n)


def workdays_between(a: date, b: date) -> int:
    """`WorkdayCalendar.workdays_between` on the default calendar."""
    return default_calendar().workdays_between(a, b)
