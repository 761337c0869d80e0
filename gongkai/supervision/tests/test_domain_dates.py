from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.supervision.domain.dates import find_dates, newest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布日期：2026-05-01", [date(2026, 5, 1)]),
        ("2026/05/01 公告", [date(2026, 5, 1)]),
        ("2026.5.1", [date(2026, 5, 1)]),
        ("2026年5月1日", [date(2026, 5, 1)]),
        ("2026 年 05 月 01 日", [date(2026, 5, 1)]),
        ("２０２６－０５－０１", [date(2026, 5, 1)]),
        ("２０２６年５月１日", [date(2026, 5, 1)]),
        ("2026-02-30", []),  # no such day
        ("05-01", []),  # no year: not read
        ("2026-05/01", []),  # mixed separators
        ("电话 12026-05-01", []),  # part of a longer number
        ("文号 2026-05-012", []),
        ("2026年5月", []),
        ("2025-12-31 至 2026年1月2日", [date(2025, 12, 31), date(2026, 1, 2)]),
    ],
)
def test_find_dates(text, expected):
    assert find_dates(text) == expected


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(range(5))
)
def test_every_written_form_reads_back(day, form):
    written = [
        day.isoformat(),
        day.strftime("%Y/%m/%d"),
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}年{day.month:02d}月{day.day:02d}日",
    ][form]
    assert find_dates(f"（{written}）") == [day]


def test_newest_ignores_dates_after_today():
    today = date(2026, 5, 10)
    assert newest([date(2026, 5, 1), date(2026, 6, 1)], today=today) == date(2026, 5, 1)
    assert newest([date(2026, 6, 1)], today=today) is None
    assert newest([], today=today) is None
