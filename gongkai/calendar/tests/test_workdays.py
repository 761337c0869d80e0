from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.calendar.domain.errors import CalendarDataError
from gongkai.calendar.domain.workdays import (
    CalendarSource,
    DayKind,
    WorkdayCalendar,
    add_workdays,
    default_calendar,
    is_workday,
    merge_pauses,
    set_default_calendar,
    workdays_between,
)
from gongkai.calendar.domain.year_calendar import YearCalendar


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# Transcribed from the State Council notices (statutes.md §7), independently of the package.
HOLIDAYS = {
    **{date(2025, 1, 1): "元旦"},
    **dict.fromkeys(_days(date(2025, 1, 28), date(2025, 2, 4)), "春节"),
    **dict.fromkeys(_days(date(2025, 4, 4), date(2025, 4, 6)), "清明节"),
    **dict.fromkeys(_days(date(2025, 5, 1), date(2025, 5, 5)), "劳动节"),
    **dict.fromkeys(_days(date(2025, 5, 31), date(2025, 6, 2)), "端午节"),
    **dict.fromkeys(_days(date(2025, 10, 1), date(2025, 10, 8)), "国庆节"),
    date(2025, 10, 6): "中秋节",  # 中秋 falls inside the 2025 National Day break
    **dict.fromkeys(_days(date(2026, 1, 1), date(2026, 1, 3)), "元旦"),
    **dict.fromkeys(_days(date(2026, 2, 15), date(2026, 2, 23)), "春节"),
    **dict.fromkeys(_days(date(2026, 4, 4), date(2026, 4, 6)), "清明节"),
    **dict.fromkeys(_days(date(2026, 5, 1), date(2026, 5, 5)), "劳动节"),
    **dict.fromkeys(_days(date(2026, 6, 19), date(2026, 6, 21)), "端午节"),
    **dict.fromkeys(_days(date(2026, 9, 25), date(2026, 9, 27)), "中秋节"),
    **dict.fromkeys(_days(date(2026, 10, 1), date(2026, 10, 7)), "国庆节"),
}
MAKEUP_WORKDAYS = {
    date(2025, 1, 26): "春节",
    date(2025, 2, 8): "春节",
    date(2025, 4, 27): "劳动节",
    date(2025, 9, 28): "国庆节",
    date(2025, 10, 11): "国庆节",
    date(2026, 1, 4): "元旦",
    date(2026, 2, 14): "春节",
    date(2026, 2, 28): "春节",
    date(2026, 5, 9): "劳动节",
    date(2026, 9, 20): "国庆节",
    date(2026, 10, 10): "国庆节",
}


def _reference_is_workday(day: date) -> bool:
    return day in MAKEUP_WORKDAYS or (day.weekday() < 5 and day not in HOLIDAYS)


def _walk(start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        if _reference_is_workday(day):
            n -= 1
    return day


CAL = WorkdayCalendar()


def test_official_lists_have_the_announced_sizes() -> None:
    assert sum(day.year == 2025 for day in HOLIDAYS) == 28
    assert sum(day.year == 2026 for day in HOLIDAYS) == 33


@pytest.mark.parametrize(("day", "name"), sorted(HOLIDAYS.items()))
def test_every_2025_2026_holiday_is_a_day_off_with_its_chinese_name(day: date, name: str) -> None:
    info = CAL.day_info(day)
    assert (info.kind, info.name, info.provisional) == (DayKind.HOLIDAY, name, False)
    assert not CAL.is_workday(day)


@pytest.mark.parametrize(("day", "name"), sorted(MAKEUP_WORKDAYS.items()))
def test_every_2025_2026_makeup_day_is_a_working_day(day: date, name: str) -> None:
    info = CAL.day_info(day)
    assert (info.kind, info.name) == (DayKind.MAKEUP_WORKDAY, name)
    assert day.weekday() >= 5
    assert CAL.is_workday(day)
    # Counting from the day before, the make-up day is the first working day.
    assert CAL.add_workdays(day - timedelta(days=1), 1) == day


def test_every_day_of_2025_2026_matches_the_notices() -> None:
    for day in _days(date(2025, 1, 1), date(2026, 12, 31)):
        assert CAL.is_workday(day) == _reference_is_workday(day), day


@pytest.mark.parametrize("n", [1, 3, 5, 7, 15, 20, 40])
def test_add_workdays_matches_a_day_walk_for_every_start_in_2025_2026(n: int) -> None:
    for start in _days(date(2024, 12, 31), date(2026, 10, 31)):
        assert CAL.add_workdays(start, n) == _walk(start, n), start


def test_start_day_is_not_counted_even_when_a_holiday() -> None:
    # 2025-01-28 is the first day of the Spring Festival; the first working day after it is
    # the 2025-02-05 restart, not the holiday itself.
    assert CAL.add_workdays(date(2025, 1, 28), 1) == date(2025, 2, 5)
    assert CAL.add_workdays(date(2025, 1, 27), 1) == date(2025, 2, 5)
    assert CAL.add_workdays(date(2025, 1, 24), 1) == date(2025, 1, 26)


def test_add_zero_workdays_is_the_start() -> None:
    assert CAL.add_workdays(date(2025, 2, 1), 0) == date(2025, 2, 1)


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        CAL.add_workdays(date(2025, 2, 1), -1)


def test_workdays_between_counts_a_exclusive_b_inclusive() -> None:
    assert CAL.workdays_between(date(2025, 1, 24), date(2025, 2, 27)) == 20
    assert CAL.workdays_between(date(2025, 1, 27), date(2025, 2, 4)) == 0
    assert CAL.workdays_between(date(2025, 2, 27), date(2025, 1, 24)) == -20
    assert CAL.workdays_between(date(2025, 3, 3), date(2025, 3, 3)) == 0


def test_workdays_between_spans_several_years() -> None:
    expected = sum(
        _reference_is_workday(day) for day in _days(date(2025, 1, 1), date(2026, 12, 31))
    )
    assert CAL.workdays_between(date(2024, 12, 31), date(2026, 12, 31)) == expected


def test_year_without_data_is_provisional_with_weekends_and_new_year_off() -> None:
    assert CAL.source(2027) is CalendarSource.PROVISIONAL
    assert CAL.source(2026) is CalendarSource.PACKAGE
    new_year = CAL.day_info(date(2027, 1, 1))
    assert (new_year.kind, new_year.name, new_year.provisional) == (DayKind.HOLIDAY, "元旦", True)
    assert CAL.is_workday(date(2027, 2, 8))  # would-be Spring Festival: unknown, so a workday
    assert not CAL.is_workday(date(2027, 1, 2))
    assert CAL.provisional_years(date(2026, 12, 1), date(2028, 1, 5)) == (2027, 2028)
    assert CAL.provisional_years(date(2026, 1, 1), date(2026, 12, 31)) == ()


# Invented for the tests: the real 2027 arrangement has not been announced.
LOADED_2027 = YearCalendar(
    year=2027,
    holidays=frozenset({date(2027, 1, 1), date(2027, 1, 8)}),
    makeup_workdays=frozenset({date(2027, 1, 9)}),
)


def test_loaded_year_is_used_and_not_provisional() -> None:
    calendar = WorkdayCalendar(extra_years={2027: LOADED_2027})
    assert calendar.source(2027) is CalendarSource.LOADED
    assert not calendar.is_provisional(2027)
    assert not calendar.is_workday(date(2027, 1, 8))
    assert calendar.is_workday(date(2027, 1, 9))
    assert calendar.day_info(date(2027, 1, 8)).name is None


def test_loaded_year_overrides_the_package() -> None:
    corrected = YearCalendar(year=2025, holidays=frozenset({date(2025, 1, 2)}), makeup_workdays=())
    calendar = WorkdayCalendar(extra_years={2025: corrected})
    assert calendar.source(2025) is CalendarSource.LOADED
    assert calendar.is_workday(date(2025, 1, 1))
    assert not calendar.is_workday(date(2025, 1, 2))
    assert calendar.is_workday(date(2025, 1, 29))


def test_loaded_year_under_the_wrong_key_is_refused() -> None:
    with pytest.raises(CalendarDataError, match="实际是 2027 年"):
        WorkdayCalendar(extra_years={2028: LOADED_2027})


def test_default_calendar_is_cached_and_replaceable() -> None:
    assert default_calendar() is default_calendar()
    assert not is_workday(date(2025, 1, 28))
    loaded = WorkdayCalendar(extra_years={2027: LOADED_2027})
    set_default_calendar(loaded)
    try:
        assert default_calendar() is loaded
        assert not is_workday(date(2027, 1, 8))
        assert add_workdays(date(2027, 1, 7), 1) == date(2027, 1, 9)
        assert workdays_between(date(2027, 1, 7), date(2027, 1, 11)) == 2
    finally:
        set_default_calendar(None)
    assert is_workday(date(2027, 1, 8))


def test_merge_pauses_joins_overlapping_and_touching_pauses() -> None:
    d = date(2025, 3, 1)
    pauses = [
        (d + timedelta(5), d + timedelta(9)),
        (d, d + timedelta(3)),
        (d + timedelta(3), d + timedelta(4)),
    ]
    assert merge_pauses(pauses) == [(d, d + timedelta(4)), (d + timedelta(5), d + timedelta(9))]


def test_pause_skips_working_days_after_its_start_up_to_its_end() -> None:
    # 2025-03-03 (Mon) + 5 = 2025-03-10; pausing 03-04..03-06 (3 working days) moves it 3 on.
    start = date(2025, 3, 3)
    assert CAL.add_workdays_paused(start, 5, [(date(2025, 3, 4), date(2025, 3, 7))]) == date(
        2025, 3, 13
    )


# --- properties -------------------------------------------------------------------------

dates = st.dates(min_value=date(2004, 1, 1), max_value=date(2030, 12, 31))
counts = st.integers(min_value=1, max_value=60)


@given(dates, counts)
def test_add_workdays_lands_on_a_working_day_with_none_skipped(start: date, n: int) -> None:
    due = CAL.add_workdays(start, n)
    previous = CAL.add_workdays(start, n - 1)
    assert CAL.is_workday(due)
    assert previous < due
    assert not any(
        CAL.is_workday(day) for day in _days(previous + timedelta(1), due - timedelta(1))
    )


@given(dates, counts)
def test_workdays_between_inverts_add_workdays(start: date, n: int) -> None:
    due = CAL.add_workdays(start, n)
    assert CAL.workdays_between(start, due) == n
    assert CAL.workdays_between(due, start) == -n


@given(dates, dates)
def test_workdays_between_matches_counting_day_by_day(a: date, b: date) -> None:
    low, high = sorted((a, b))
    if (high - low).days > 800:
        high = low + timedelta(days=800)
    expected = sum(CAL.is_workday(day) for day in _days(low + timedelta(1), high))
    assert CAL.workdays_between(low, high) == expected


pause_lists = st.lists(
    st.tuples(st.integers(-10, 80), st.integers(0, 40)).map(
        lambda offsets: (offsets[0], offsets[0] + offsets[1])
    ),
    max_size=4,
)


@given(dates, counts, pause_lists)
def test_add_workdays_paused_matches_a_day_walk(
    start: date, n: int, pause_offsets: list[tuple[int, int]]
) -> None:
    pauses = [(start + timedelta(a), start + timedelta(b)) for a, b in pause_offsets]
    day, remaining = start, n
    while remaining:
        day += timedelta(days=1)
        paused = any(a < day <= b for a, b in pauses)
        if CAL.is_workday(day) and not paused:
            remaining -= 1
    assert CAL.add_workdays_paused(start, n, pauses) == day
