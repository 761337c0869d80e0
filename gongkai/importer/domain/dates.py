"""Dates in Chinese official text, and work-plan times (完成时限) as deadlines or recurrences.

Written dates take three forms: ``2020年8月19日``, ``二〇二二年十一月三日`` (GB/T 9704 before
2012, still common) and ``2016-05-25`` (web pages). Deadlines are mostly relative:
``2024年6月底前``, ``年底前``, ``年内``, ``上半年``, ``6月底前`` (of the plan's year),
``持续推进`` (none). Recurring work (``每季度``, ``每月``, ``每年6月底前``) has no single
deadline but a due date in each period of the plan's year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .numerals import DIGIT_CHARS, counting_value, digits_value

_CN_YEAR = f"[{DIGIT_CHARS}]{{4}}"
_CN_COUNT = "[一二三四五六七八九十]{1,3}"
_MONTH_OR_DAY = rf"(?:\d{{1,2}}|{_CN_COUNT})"
_S = r"[ \t\u3000]*"

_DATE = re.compile(
    rf"(?P<year>\d{{4}}|{_CN_YEAR}){_S}年{_S}(?P<month>{_MONTH_OR_DAY}){_S}月{_S}"
    rf"(?P<day>{_MONTH_OR_DAY}){_S}日"
    rf"|(?<!\d)(?P<iso_year>\d{{4}})(?P<sep>[-/.])(?P<iso_month>\d{{1,2}})(?P=sep)"
    rf"(?P<iso_day>\d{{1,2}})(?!\d)"
)
_DATE_LINE = re.compile(rf"{_S}(?:{_DATE.pattern}){_S}")

_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
_TEN_DAYS = {"上旬": 10, "中旬": 20}
_DEADLINE = re.compile(
    rf"(?P<full>{_DATE.pattern})"
    rf"|(?P<ym_year>\d{{4}})年(?P<ym_month>{_MONTH_OR_DAY})月(?:份)?(?P<ym_part>上旬|中旬|下旬)?"
    rf"|(?P<y_year>\d{{4}})年(?:第?(?P<y_quarter>[一二三四1-4])季度|(?P<y_half>上半年|下半年)"
    rf"|年?(?:底|末|内))"
    rf"|(?<![\d年])(?:第?(?P<quarter>[一二三四1-4])季度|(?P<half>上半年|下半年))"
    rf"|(?<![\d年])(?P<md_month>{_MONTH_OR_DAY})月(?P<md_day>{_MONTH_OR_DAY})日"
    rf"|(?<![\d年])(?P<m_month>{_MONTH_OR_DAY})月(?:份)?(?P<m_part>上旬|中旬|下旬)?"
    rf"|(?P<this_year>年底|年末|年内)"
)
# A recurring deadline ("每年6月底前") has no single date, even when it names one.
_RECURRING = re.compile(r"每年|每半年|每季度?|每月|每周|定期")
Period = Literal["weekly", "monthly", "quarterly", "half_yearly", "yearly"]
_PERIODS: dict[str, Period] = {
    "每周": "weekly",
    "每月": "monthly",
    "每季": "quarterly",
    "每季度": "quarterly",
    "每半年": "half_yearly",
    "每年": "yearly",
}
_PERIOD = re.compile("|".join(sorted(_PERIODS, key=len, reverse=True)))
# In running text a date is a deadline only when the text says so (…前, …底, …内), and the
# times of plans' prose are short phrases within one clause.
_DEADLINE_MARK = re.compile(r"[前底末内]|以前|之前")
_TIME_WORD = re.compile("[年月季周]")
_CLAUSE_MARKS = "，。；：！？\n"
_CLAUSE_BREAK = re.compile(f"[{_CLAUSE_MARKS}]")
_TIMING_TEXT_LENGTH = 40


@dataclass(frozen=True)
class Recurrence:
    period: Period
    dates: tuple[date, ...]
    """When each round is due in the plan's year: the end of each period, or the day the text
    names for yearly work (每年6月底前). Empty when the year is not known."""


@dataclass(frozen=True)
class Timing:
    """A time read from a work plan: a deadline, a recurrence, or neither (持续推进)."""

    text: str
    """The words it was read from, as written."""
    deadline: date | None = None
    recurrence: Recurrence | None = None


def find_dates(text: str) -> list[tuple[int, int, date]]:
    """(start, end, date) of every valid written date in `text`."""
    found = []
    for match in _DATE.finditer(text):
        value = _date_of(match)
        if value is not None:
            found.append((match.start(), match.end(), value))
    return found


def date_line(paragraph: str) -> date | None:
    """The date if `paragraph` is nothing but a date (the 成文日期 line of a signature)."""
    match = _DATE_LINE.fullmatch(paragraph)
    return _date_of(match) if match else None


def parse_deadline(text: str, year: int | None) -> date | None:
    """The last day `text` allows, or None for open-ended (``持续推进``, ``长期坚持``),
    recurring or unreadable deadlines.

    `year` is the document's year, used for deadlines written without one (``年底前``).
    """
    if _RECURRING.search(text):
        return None
    match = _DEADLINE.search(text)
    return _deadline_of(match, year) if match else None


def read_timing(text: str, year: int | None) -> Timing:
    """What a 完成时限 says: a deadline (``6月底前``), a recurrence in the plan's `year`
    (``每季度``, ``每年6月底前``), or neither (``持续推进``, ``定期``)."""
    period = _PERIOD.search(text)
    if period:
        rest = text[period.end() :]
        return Timing(text, recurrence=_recurrence(_PERIODS[period[0]], rest, year))
    return Timing(text, deadline=parse_deadline(text, year))


def find_timings(text: str, year: int | None) -> list[Timing]:
    """The times written into a plan's prose, in order: ``年内至少召开一次``,
    ``2020年8月底前``, ``每季度应向社会公开``. Each one's text runs to the end of its clause,
    and a clause with a recurrence gives only that.

    A date counts only as a deadline (``6月30日前``, not ``2022年12月，…``), and ``定期`` or
    ``持续`` say nothing about when.
    """
    # Every form of a time in prose has one of these; most task texts have none.
    if not _TIME_WORD.search(text):
        return []
    found: list[tuple[int, Timing]] = []
    recurring: list[tuple[int, int]] = []
    for period in _PERIOD.finditer(text):
        start, end = _clause_start(text, period.start()), _clause_end(text, period.end())
        if recurring and recurring[-1][1] >= start:
            continue
        recurring.append((start, end))
        recurrence = _recurrence(_PERIODS[period[0]], text[period.end() : end], year)
        words = text[period.start() : end][:_TIMING_TEXT_LENGTH]
        found.append((period.start(), Timing(words, recurrence=recurrence)))
    for match in _DEADLINE.finditer(text):
        if any(start <= match.start() < end for start, end in recurring):
            continue
        end = _clause_end(text, match.end())
        after = text[match.end() : min(match.end() + 2, end)]
        marked = match["quarter"] or match["half"] or match["y_quarter"] or match["y_half"]
        if not (marked or _DEADLINE_MARK.search(match[0]) or _DEADLINE_MARK.match(after)):
            continue
        deadline = _deadline_of(match, year)
        if deadline is not None:
            words = text[match.start() : end][:_TIMING_TEXT_LENGTH]
            found.append((match.start(), Timing(words, deadline=deadline)))
    return [timing for _, timing in sorted(found, key=lambda item: item[0])]


def _clause_start(text: str, position: int) -> int:
    return max(text.rfind(mark, 0, position) for mark in _CLAUSE_MARKS) + 1


def _clause_end(text: str, position: int) -> int:
    found = _CLAUSE_BREAK.search(text, position)
    return found.start() if found else len(text)


def _deadline_of(match: re.Match[str], year: int | None) -> date | None:
    if match["full"]:
        return _date_of(match)
    if match["ym_year"]:
        return _month_deadline(int(match["ym_year"]), match["ym_month"], match["ym_part"])
    if match["y_year"]:
        return _year_deadline(int(match["y_year"]), match["y_quarter"], match["y_half"])
    if year is None:
        return None
    if match["quarter"] or match["half"]:
        return _year_deadline(year, match["quarter"], match["half"])
    if match["md_month"]:
        return _valid_date(year, _count(match["md_month"]), _count(match["md_day"]))
    if match["m_month"]:
        return _month_deadline(year, match["m_month"], match["m_part"])
    return date(year, 12, 31)


def _date_of(match: re.Match[str]) -> date | None:
    if match["iso_year"]:
        parts = (int(match["iso_year"]), int(match["iso_month"]), int(match["iso_day"]))
    else:
        year = int(match["year"]) if match["year"].isdigit() else digits_value(match["year"])
        parts = (year, _count(match["month"]), _count(match["day"]))
    return _valid_date(*parts)


def _valid_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _count(text: str) -> int | None:
    return int(text) if text.isdigit() else counting_value(text)


def _month_deadline(year: int, month_text: str, part: str | None) -> date | None:
    month = _count(month_text)
    if month is None or not 1 <= month <= 12 or not 1 <= year <= 9999:
        return None
    day = _TEN_DAYS.get(part or "", calendar.monthrange(year, month)[1])
    return date(year, month, day)


def _year_deadline(year: int, quarter: str | None, half: str | None) -> date | None:
    if not 1 <= year <= 9999:
        return None
    if quarter:
        number = int(quarter) if quarter.isdigit() else "一二三四".index(quarter) + 1
        return date(year, *_QUARTER_END[number])
    if half == "上半年":
        return date(year, 6, 30)
    return date(year, 12, 31)


def _recurrence(period: Period, rest: str, year: int | None) -> Recurrence:
    """`rest` is the text after the period's word: 每年|6月底前."""
    if year is None or not 1 <= year <= 9999:
        return Recurrence(period, ())
    if period == "yearly":
        # 每年6月底前: the day it names; 每年 alone: by the end of the year.
        match = _DEADLINE.match(rest)
        named = _deadline_of(match, year) if match else None
        due = named if named is not None and named.year == year else date(year, 12, 31)
        return Recurrence(period, (due,))
    if period == "weekly":
        first_sunday = date(year, 1, 1) + timedelta(days=6 - date(year, 1, 1).weekday())
        weeks = range(0, (date(year, 12, 31) - first_sunday).days + 1, 7)
        return Recurrence(period, tuple(first_sunday + timedelta(days=days) for days in weeks))
    months = {"monthly": range(1, 13), "quarterly": (3, 6, 9, 12), "half_yearly": (6, 12)}
    return Recurrence(
        period,
        tuple(date(year, month, calendar.monthrange(year, month)[1]) for month in months[period]),
    )
