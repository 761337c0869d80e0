import json
from datetime import date

import pytest

from gongkai.calendar.domain.errors import CalendarDataError
from gongkai.calendar.domain.year_calendar import (
    PACKAGE_YEARS,
    YearCalendar,
    parse_calendar_file,
    parse_date_lines,
    parse_iso_date,
)

# Invented for the tests: the real 2027 arrangement has not been announced.
VALID_2027 = {
    "year": 2027,
    "holidays": ["2027-01-01", "2027-02-06", "2027-02-07", "2027-02-08"],
    "makeup_workdays": ["2027-01-30"],
}


def _file(**changes: object) -> str:
    return json.dumps({**VALID_2027, **changes})


def test_valid_file_parses() -> None:
    year = parse_calendar_file(_file())
    assert year.year == 2027
    assert date(2027, 2, 7) in year.holidays
    assert year.makeup_workdays == frozenset({date(2027, 1, 30)})


def test_file_round_trips_through_to_json() -> None:
    year = parse_calendar_file(_file())
    assert parse_calendar_file(json.dumps(year.to_json())) == year


def test_byte_order_mark_is_accepted() -> None:
    assert parse_calendar_file("\ufeff" + _file()).year == 2027


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"year": 2027,', "不是有效的 JSON"),
        ("[]", "应为一个 JSON 对象"),
        (json.dumps({"year": 2027, "holidays": ["2027-01-01"]}), "缺少字段：makeup_workdays"),
        (json.dumps({"holidays": [], "makeup_workdays": []}), "缺少字段：year"),
        (_file(note="x"), "未知字段：note"),
        (_file(year="2027"), "year 应为整数年份"),
        (_file(year=True), "year 应为整数年份"),
        (_file(year=2003), "年份 2003 超出支持范围"),
        (_file(year=2101), "年份 2101 超出支持范围"),
        (_file(holidays="2027-01-01"), "holidays 应为日期字符串列表"),
        (_file(holidays=["2027/01/01"]), "不是 YYYY-MM-DD 格式的日期"),
        (_file(holidays=["20270101"]), "不是 YYYY-MM-DD 格式的日期"),
        (_file(holidays=[20270101]), "不是 YYYY-MM-DD 格式的日期"),
        (_file(makeup_workdays=["2027-02-30"]), "makeup_workdays 中的 2027-02-30 不是有效日期"),
        (_file(holidays=["2027-01-01", "2028-01-01"]), "2028-01-01 不在 2027 年内"),
        (_file(makeup_workdays=["2026-12-26"]), "2026-12-26 不在 2027 年内"),
        (_file(holidays=["2027-01-01", "2027-01-01"]), "2027-01-01 在 holidays 中重复出现"),
        (_file(holidays=[]), "holidays 不能为空"),
        (_file(makeup_workdays=["2027-03-08"]), "2027-03-08（星期一）被列为调休上班日"),
    ],
)
def test_bad_file_is_rejected_with_a_chinese_message(text: str, message: str) -> None:
    with pytest.raises(CalendarDataError) as caught:
        parse_calendar_file(text)
    assert message in str(caught.value)


def test_day_both_holiday_and_makeup_day_is_rejected() -> None:
    text = _file(holidays=["2027-01-01", "2027-03-06"], makeup_workdays=["2027-03-06"])
    with pytest.raises(CalendarDataError, match=r"^2027-03-06 同时被列为节假日和调休上班日$"):
        parse_calendar_file(text)


def test_year_calendar_validates_when_built_directly() -> None:
    with pytest.raises(CalendarDataError, match="不在 2027 年内"):
        YearCalendar(year=2027, holidays={date(2026, 1, 1)}, makeup_workdays=set())


@pytest.mark.parametrize("year", sorted(PACKAGE_YEARS))
def test_every_package_year_passes_the_file_rules(year: int) -> None:
    package_year = YearCalendar.from_package(year)
    assert parse_calendar_file(json.dumps(package_year.to_json())) == package_year


def test_package_names_are_chinese() -> None:
    year = YearCalendar.from_package(2025)
    assert year.names[date(2025, 1, 28)] == "春节"
    assert year.names[date(2025, 1, 26)] == "春节"


def test_package_years_are_2004_to_2026() -> None:
    assert frozenset(range(2004, 2027)) == PACKAGE_YEARS


def test_from_package_rejects_unknown_year() -> None:
    with pytest.raises(CalendarDataError, match="没有 2027 年"):
        YearCalendar.from_package(2027)


def test_date_lines_ignore_blank_lines_and_spaces() -> None:
    text = " 2027-01-01 \r\n\n2027-02-05\n"
    assert parse_date_lines(text, "节假日") == {date(2027, 1, 1), date(2027, 2, 5)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-01-01\n2027-1-2", "节假日第 2 行的“2027-1-2”不是 YYYY-MM-DD 格式的日期"),
        ("2027-02-29", "节假日第 1 行的“2027-02-29”不是有效日期"),
        ("2027-01-01 元旦", "不是 YYYY-MM-DD 格式的日期"),
        ("2027-01-01\n\n2027-01-01", "节假日第 3 行的 2027-01-01 与第 1 行重复"),
    ],
)
def test_bad_date_lines_are_rejected(text: str, message: str) -> None:
    with pytest.raises(CalendarDataError) as caught:
        parse_date_lines(text, "节假日")
    assert message in str(caught.value)


def test_parse_iso_date_names_the_value() -> None:
    assert parse_iso_date("2027-03-01", "起算日") == date(2027, 3, 1)
    with pytest.raises(CalendarDataError, match=r"^起算日“20270301”不是 YYYY-MM-DD 格式的日期$"):
        parse_iso_date("20270301", "起算日")
