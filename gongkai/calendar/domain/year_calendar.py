"""Holiday data of one calendar year, from `chinese_calendar` or from a calendar file.

`chinese_calendar` (pinned 1.11.0) knows 2004–2026. Later years, and corrections of known years,
come as calendar files that an administrator loads once the State Council notice is out::

    {"year": 2027,
     "holidays": ["2027-01-01", ...],          # every day off, weekend days inside a break too
     "makeup_workdays": ["2027-02-06", ...]}   # weekend days declared working days (调休上班)

Public API:

- `YearCalendar`: validated, immutable holiday data of one year.
- `YearCalendar.from_package(year)`: the year as `chinese_calendar` has it, with Chinese names.
- `YearCalendar.to_json()`: the calendar-file form (``parse_calendar_file`` reads it back).
- `parse_calendar_file(text)`: parse and validate a calendar file; raises `CalendarDataError`.
- `parse_iso_date(text, what)`, `parse_date_lines(text, what)`: the same date checks for one
  date (command-line options) and for dates typed one per line (the admin form).
- `PACKAGE_YEARS`: the years `chinese_calendar` covers.
- `LOADABLE_YEARS`: the years a calendar file may describe.
"""

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import chinese_calendar

from .errors import CalendarDataError

# Before 2004 nothing (not even the package) has data worth correcting; the upper bound only
# catches typing slips such as 20207.
LOADABLE_YEARS = range(2004, 2101)

PACKAGE_YEARS = frozenset(day.year for day in chinese_calendar.holidays)

# The package names holidays in English; staff and applicants read Chinese.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}

WEEKDAY_NAMES_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

_REQUIRED_KEYS = ("year", "holidays", "makeup_workdays")
# date.fromisoformat in 3.11 also takes 20270101 and 2027-W01-1; the file format is stricter.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class YearCalendar:
    """Days off and make-up working days of one year; validated on construction.

    `holidays` lists every day off of the public-holiday breaks (including the weekend days
    inside a break); ordinary weekends need not be listed. `makeup_workdays` are weekend days
    declared working days. `names` optionally maps a day to its Chinese holiday name (元旦,
    春节 …), used only for explanations.
    """

    year: int
    holidays: frozenset[date]
    makeup_workdays: frozenset[date]
    names: Mapping[date, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        # Callers (the DB layer, the file parser) hand over lists or sets; freeze them here so
        # the instance stays hashable and immutable.
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "makeup_workdays", frozenset(self.makeup_workdays))
        _check_year(self.year)
        if not self.holidays:
            raise CalendarDataError(f"{self.year} 年的 holidays 不能为空：至少应包含元旦")
        for day in sorted(self.holidays | self.makeup_workdays):
            if day.year != self.year:
                raise CalendarDataError(f"{day.isoformat()} 不在 {self.year} 年内")
        both = sorted(self.holidays & self.makeup_workdays)
        if both:
            raise CalendarDataError(f"{both[0].isoformat()} 同时被列为节假日和调休上班日")
        for day in sorted(self.makeup_workdays):
            if day.weekday() < 5:
                raise CalendarDataError(
                    f"{day.isoformat()}（{WEEKDAY_NAMES_ZH[day.weekday()]}）被列为调休上班日，"
                    "但调休上班日只能是周六或周日"
                )

    @classmethod
    def from_package(cls, year: int) -> "YearCalendar":
        """Return `year` as `chinese_calendar` has it; `CalendarDataError` if it lacks the year."""
        if year not in PACKAGE_YEARS:
            raise CalendarDataError(f"chinese_calendar 没有 {year} 年的节假日数据")
        names: dict[date, str] = {}
        holidays: list[date] = []
        makeup: list[date] = []
        for source, days in (
            (chinese_calendar.holidays, holidays),
            (chinese_calendar.workdays, makeup),
        ):
            for day, name in source.items():
                if day.year == year:
                    days.append(day)
                    if name:
                        names[day] = HOLIDAY_NAMES_ZH.get(name, name)
        return cls(
            year=year, holidays=frozenset(holidays), makeup_workdays=frozenset(makeup), names=names
        )

    def to_json(self) -> dict[str, Any]:
        """Return the calendar-file form of this year (names are not part of the file)."""
        return {
            "year": self.year,
            "holidays": [day.isoformat() for day in sorted(self.holidays)],
            "makeup_workdays": [day.isoformat() for day in sorted(self.makeup_workdays)],
        }


def parse_calendar_file(text: str) -> YearCalendar:
    """Parse and validate a calendar file; raise `CalendarDataError` (Chinese) on any fault."""
    # Windows Notepad saves UTF-8 with a byte-order mark, which json refuses.
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CalendarDataError(
            f"日历文件不是有效的 JSON（第 {error.lineno} 行第 {error.colno} 列：{error.msg}）"
        ) from error
    if not isinstance(data, dict):
        raise CalendarDataError("日历文件应为一个 JSON 对象，包含 year、holidays、makeup_workdays")
    missing = [key for key in _REQUIRED_KEYS if key not in data]
    if missing:
        raise CalendarDataError(f"日历文件缺少字段：{'、'.join(missing)}")
    unknown = sorted(set(data) - set(_REQUIRED_KEYS))
    if unknown:
        raise CalendarDataError(
            f"日历文件含有未知字段：{'、'.join(unknown)}（只允许 year、holidays、makeup_workdays）"
        )
    year = data["year"]
    _check_year(year)
    return YearCalendar(
        year=year,
        holidays=frozenset(_parse_dates(data["holidays"], "holidays")),
        makeup_workdays=frozenset(_parse_dates(data["makeup_workdays"], "makeup_workdays")),
    )


def _check_year(year: object) -> None:
    # bool is an int subclass; `"year": true` is a slip, not 1.
    if not isinstance(year, int) or isinstance(year, bool):
        raise CalendarDataError(f"year 应为整数年份，实际为 {json.dumps(year, ensure_ascii=False)}")
    if year not in LOADABLE_YEARS:
        raise CalendarDataError(
            f"年份 {year} 超出支持范围（{LOADABLE_YEARS[0]}–{LOADABLE_YEARS[-1]}）"
        )


def _parse_dates(values: object, key: str) -> Iterable[date]:
    if not isinstance(values, list):
        raise CalendarDataError(f'{key} 应为日期字符串列表，例如 ["2027-01-01"]')
    seen: set[date] = set()
    for value in values:
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            shown = json.dumps(value, ensure_ascii=False)
            raise CalendarDataError(f"{key} 中的 {shown} 不是 YYYY-MM-DD 格式的日期")
        try:
            day = date.fromisoformat(value)
        except ValueError as error:
            raise CalendarDataError(f"{key} 中的 {value} 不是有效日期") from error
        if day in seen:
            raise CalendarDataError(f"{value} 在 {key} 中重复出现")
        seen.add(day)
    return seen


def parse_iso_date(text: str, what: str) -> date:
    """`text` as a ``YYYY-MM-DD`` date; `CalendarDataError` naming `what` (e.g. “起算日”)."""
    text = text.strip()
    if not _ISO_DATE.fullmatch(text):
        raise CalendarDataError(f"{what}“{text}”不是 YYYY-MM-DD 格式的日期")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CalendarDataError(f"{what}“{text}”不是有效日期") from None


def parse_date_lines(text: str, what: str) -> frozenset[date]:
    """Dates written one per line (blank lines ignored), as typed into the admin form.

    The checks are those of a calendar file: strict ``YYYY-MM-DD``, no repeats. `what` names
    the list in messages (“节假日”).
    """
    days: dict[date, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        day = parse_iso_date(line, f"{what}第 {number} 行的")
        if day in days:
            raise CalendarDataError(
                f"{what}第 {number} 行的 {day.isoformat()} 与第 {days[day]} 行重复"
            )
        days[day] = number
    return frozenset(days)
