import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.importer.domain.dates import (
    Recurrence,
    Timing,
    date_line,
    find_dates,
    find_timings,
    parse_deadline,
    read_timing,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2020年8月19日", date(2020, 8, 19)),
        (" 2020 年 8 月 19 日 ", date(2020, 8, 19)),
        ("二〇二二年十一月三日", date(2022, 11, 3)),
        ("二零二二年十月二十一日", date(2022, 10, 21)),
        ("二〇二〇年十二月三十一日", date(2020, 12, 31)),
        ("二○二一年一月十日", date(2021, 1, 10)),
        ("2016-05-25", date(2016, 5, 25)),
        ("2016/5/25", date(2016, 5, 25)),
        ("2020年2月30日", None),
        ("二〇二二年十三月三日", None),
        ("2020年8月20日印发", None),
        ("时间：2016-05-25", None),
        ("甘肃省人民政府办公厅", None),
    ],
)
def test_date_line(line, expected):
    assert date_line(line) == expected


def test_find_dates_in_running_text():
    text = "时间：2016-05-25，于2020年8月19日和二〇二〇年十月二十一日，2020.13.01 不是日期"
    assert [found for _, _, found in find_dates(text)] == [
        date(2016, 5, 25),
        date(2020, 8, 19),
        date(2020, 10, 21),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年6月底前", date(2024, 6, 30)),
        ("2024年2月底前", date(2024, 2, 29)),
        ("2025年12月31日前", date(2025, 12, 31)),
        ("2021年6月底前）", date(2021, 6, 30)),
        ("年底前", date(2020, 12, 31)),
        ("年内", date(2020, 12, 31)),
        ("2022年底前", date(2022, 12, 31)),
        ("2022年年底前", date(2022, 12, 31)),
        ("6月底前", date(2020, 6, 30)),
        ("九月底前", date(2020, 9, 30)),
        ("6月15日前", date(2020, 6, 15)),
        ("2023年上半年", date(2023, 6, 30)),
        ("2023年下半年", date(2023, 12, 31)),
        ("2023年第三季度", date(2023, 9, 30)),
        ("2023年一季度", date(2023, 3, 31)),
        ("2022年10月中旬", date(2022, 10, 20)),
        ("2022年10月上旬", date(2022, 10, 10)),
        ("2022年10月下旬", date(2022, 10, 31)),
        ("2021年6月底前完成，并长期坚持", date(2021, 6, 30)),
        ("持续推进", None),
        ("长期坚持", None),
        ("常态化开展", None),
        ("每年6月底前", None),
        ("每季度", None),
        ("按规定时限", None),
    ],
)
def test_parse_deadline_in_a_2020_document(text, expected):
    assert parse_deadline(text, 2020) == expected


def test_a_deadline_without_a_year_needs_the_documents_year():
    assert parse_deadline("年底前", None) is None
    assert parse_deadline("6月底前", None) is None
    assert parse_deadline("2024年6月底前", None) == date(2024, 6, 30)


QUARTER_ENDS = (date(2023, 3, 31), date(2023, 6, 30), date(2023, 9, 30), date(2023, 12, 31))
MONTH_ENDS = tuple(date(2023, month, calendar.monthrange(2023, month)[1]) for month in range(1, 13))


@pytest.mark.parametrize(
    ("text", "deadline", "recurrence"),
    [
        # Deadlines in the plan's year.
        ("年内", date(2023, 12, 31), None),
        ("年底前", date(2023, 12, 31), None),
        ("年末", date(2023, 12, 31), None),
        ("上半年", date(2023, 6, 30), None),
        ("下半年", date(2023, 12, 31), None),
        ("一季度", date(2023, 3, 31), None),
        ("第三季度", date(2023, 9, 30), None),
        ("6月底前", date(2023, 6, 30), None),
        ("2月底前", date(2023, 2, 28), None),
        ("6月15日前", date(2023, 6, 15), None),
        ("十月中旬", date(2023, 10, 20), None),
        # A year written out is that year, not the plan's.
        ("2024年上半年", date(2024, 6, 30), None),
        ("2022年底前", date(2022, 12, 31), None),
        # Recurrences: due at the end of each period of the plan's year.
        ("每季度", None, Recurrence("quarterly", QUARTER_ENDS)),
        ("每季度第一个月10日前", None, Recurrence("quarterly", QUARTER_ENDS)),
        ("每月", None, Recurrence("monthly", MONTH_ENDS)),
        ("每半年", None, Recurrence("half_yearly", (date(2023, 6, 30), date(2023, 12, 31)))),
        ("每年", None, Recurrence("yearly", (date(2023, 12, 31),))),
        # Yearly work on a named day: that day of the plan's year.
        ("每年6月底前", None, Recurrence("yearly", (date(2023, 6, 30),))),
        ("每年3月15日前", None, Recurrence("yearly", (date(2023, 3, 15),))),
        # Neither: open-ended, or regular without a period.
        ("持续推进", None, None),
        ("长期坚持", None, None),
        ("定期", None, None),
        ("按规定时限", None, None),
    ],
)
def test_read_timing_in_a_2023_plan(text, deadline, recurrence):
    assert read_timing(text, 2023) == Timing(text, deadline, recurrence)


def test_weekly_work_is_due_every_sunday():
    dates = read_timing("每周", 2023).recurrence.dates
    assert len(dates) == 53 and {due.weekday() for due in dates} == {6}
    assert (dates[0], dates[-1]) == (date(2023, 1, 1), date(2023, 12, 31))


def test_a_timing_without_the_plans_year_has_no_dates():
    assert read_timing("年内", None) == Timing("年内")
    assert read_timing("每季度", None) == Timing("每季度", recurrence=Recurrence("quarterly", ()))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "市、县政务公开领导小组年内至少召开一次政务公开领导小组会议，专题研究。",
            [Timing("年内至少召开一次政务公开领导小组会议", date(2023, 12, 31))],
        ),
        (
            "2020年8月底前，省级部门完成目录建设；年底前集中发布。",
            [
                Timing("2020年8月底前", date(2020, 8, 31)),
                Timing("年底前集中发布", date(2023, 12, 31)),
            ],
        ),
        (
            "自2016年起各市州人民政府每季度应向社会公开水质。",
            [
                Timing(
                    "每季度应向社会公开水质",
                    recurrence=Recurrence("quarterly", QUARTER_ENDS),
                )
            ],
        ),
        ("于6月30日前完成。", [Timing("6月30日前完成", date(2023, 6, 30))]),
        (
            "上半年召开一次，下半年再召开一次。",
            [
                Timing("上半年召开一次", date(2023, 6, 30)),
                Timing("下半年再召开一次", date(2023, 12, 31)),
            ],
        ),
        # Dates that are not deadlines, and times relative to an event.
        ("2022年12月，召开会议。", []),
        ("2023年5月22日印发。", []),
        ("确保3个工作日内答复，20个工作日内上网。", []),
        ("按照《2022年度全市政务公开工作考核方案》整改。", []),
        ("定期通报，持续推进。", []),
    ],
)
def test_find_timings_in_a_2023_plans_prose(text, found):
    assert find_timings(text, 2023) == found


YEARS = st.integers(min_value=1900, max_value=2100)
MONTHS = st.integers(min_value=1, max_value=12)
RELATIVE = st.sampled_from(
    ["年内", "年底前", "年末", "上半年", "下半年", "一季度", "第二季度", "三季度", "第四季度"]
)
PERIODS = st.sampled_from(["每周", "每月", "每季度", "每半年", "每年"])


@given(YEARS, RELATIVE)
def test_a_relative_deadline_falls_in_the_plans_year(year, text):
    deadline = read_timing(text, year).deadline
    assert deadline is not None and deadline.year == year
    # Every one of them ends a month: quarters, halves and the year end on a month's last day.
    assert deadline.day == calendar.monthrange(year, deadline.month)[1]


@given(YEARS, MONTHS)
def test_a_month_deadline_is_that_months_last_day_and_never_after_the_year_end(year, month):
    deadline = read_timing(f"{month}月底前", year).deadline
    assert deadline == date(year, month, calendar.monthrange(year, month)[1])
    assert deadline <= read_timing("年内", year).deadline
    assert (deadline <= read_timing("上半年", year).deadline) is (month <= 6)


@given(YEARS, PERIODS)
def test_a_recurrences_dates_are_in_the_plans_year_in_order_and_end_it(year, text):
    timing = read_timing(text, year)
    dates = timing.recurrence.dates
    assert timing.deadline is None
    assert list(dates) == sorted(set(dates))
    assert all(due.year == year for due in dates)
    # The last round is due at the end of the year (a week may end before it).
    assert date(year, 12, 25) <= dates[-1] <= date(year, 12, 31)


@given(YEARS, MONTHS, st.integers(min_value=1, max_value=31))
def test_yearly_work_on_a_named_day_is_due_on_it_in_the_plans_year(year, month, day):
    timing = read_timing(f"每年{month}月{day}日前", year)
    valid = day <= calendar.monthrange(year, month)[1]
    expected = date(year, month, day) if valid else date(year, 12, 31)
    assert timing.recurrence == Recurrence("yearly", (expected,))


@given(YEARS, st.text(alphabet="年内底前上下半每季度月日一二三四5六，。的工作要召开", max_size=30))
def test_find_timings_never_fails_and_keeps_to_its_words(year, text):
    for timing in find_timings(text, year):
        assert timing.text and timing.text in text
        assert (timing.deadline is None) or (timing.recurrence is None)
