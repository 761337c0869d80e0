"""Chinese names for the days off of a loaded year, inferred from their dates.

Calendar files list dates only, but explanations read better with “春节放假” than with
“节假日放假”. Every statutory break falls inside a fixed window of the Gregorian year (the lunar
feasts drift by about a month, and their windows do not overlap), so a day off inside a window
takes that window's name. The one ambiguity is 中秋节 next to 国庆节: the break that contains
1 October is 国庆节, and when it has eight days or more it is the merged 中秋节、国庆节 break
(2009, 2012, 2017, 2020, 2023, 2025). Days off outside every window (one-off days such as
2015-09-03) get no name. The rule reproduces every name `chinese_calendar` gives for 2004–2026
except those two one-off days (see tests).

Public API:

- `infer_holiday_names(holidays)`: day → Chinese name for the days that fall in a window.
"""

from collections.abc import Iterable
from datetime import date, timedelta

# (first month, first day), (last month, last day), name; the bounds are inclusive.
_WINDOWS = (
    ((1, 1), (1, 5), "元旦"),
    ((1, 15), (3, 5), "春节"),
    ((3, 30), (4, 8), "清明节"),
    ((4, 27), (5, 10), "劳动节"),
    ((5, 25), (6, 28), "端午节"),
    ((9, 5), (10, 10), "中秋节"),
    # 元旦 breaks may begin on 30 or 31 December of the year before (2023-12-30).
    ((12, 28), (12, 31), "元旦"),
)

NATIONAL_DAY = "国庆节"
MERGED_BREAK = "中秋节、国庆节"
# 国庆节 alone gives 7 days off; with 中秋节 inside or adjacent the break is 8.
MERGED_BREAK_MIN_DAYS = 8


def infer_holiday_names(holidays: Iterable[date]) -> dict[date, str]:
    """Name each day off that falls in a holiday window; see the module docstring."""
    days = frozenset(holidays)
    names: dict[date, str] = {}
    for day in days:
        month_day = (day.month, day.day)
        for first, last, name in _WINDOWS:
            if first <= month_day <= last:
                names[day] = name
                break
    october_first = next((day for day in days if (day.month, day.day) == (10, 1)), None)
    if october_first is not None:
        national_break = _break_around(october_first, days)
        name = MERGED_BREAK if len(national_break) >= MERGED_BREAK_MIN_DAYS else NATIONAL_DAY
        names.update(dict.fromkeys(national_break, name))
    return names


def _break_around(day: date, days: frozenset[date]) -> list[date]:
    """The run of consecutive days off that contains `day`."""
    first = last = day
    while first - timedelta(days=1) in days:
        first -= timedelta(days=1)
    while last + timedelta(days=1) in days:
        last += timedelta(days=1)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
