from datetime import date, timedelta

import chinese_calendar
import pytest

from gongkai.calendar.domain.holiday_names import infer_holiday_names
from gongkai.calendar.domain.year_calendar import HOLIDAY_NAMES_ZH, PACKAGE_YEARS

# Days off that are no recurring holiday: the rule leaves them unnamed.
ONE_OFF = {date(2015, 9, 3), date(2015, 9, 4)}


def _days(first: date, count: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(count)]


@pytest.mark.parametrize("year", sorted(PACKAGE_YEARS))
def test_inferred_names_agree_with_the_package(year):
    package = {
        day: HOLIDAY_NAMES_ZH[name]
        for day, name in chinese_calendar.holidays.items()
        if day.year == year
    }
    inferred = infer_holiday_names(package)
    for day, name in package.items():
        if day in ONE_OFF:
            assert day not in inferred
        elif inferred[day] == "中秋节、国庆节":
            # The package names the 中秋 day inside a merged break, the rule the whole break.
            assert name in ("中秋节", "国庆节")
        else:
            assert inferred[day] == name, day


def test_national_day_break_alone_and_merged():
    separate = infer_holiday_names([*_days(date(2026, 9, 25), 3), *_days(date(2026, 10, 1), 7)])
    assert separate[date(2026, 9, 25)] == "中秋节" and separate[date(2026, 10, 7)] == "国庆节"
    merged = infer_holiday_names(_days(date(2025, 10, 1), 8))
    assert set(merged.values()) == {"中秋节、国庆节"}


def test_new_year_break_beginning_in_december():
    assert infer_holiday_names([date(2023, 12, 30), date(2023, 12, 31)]) == {
        date(2023, 12, 30): "元旦",
        date(2023, 12, 31): "元旦",
    }
