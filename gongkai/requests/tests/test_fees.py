from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.domain.errors import DomainError
from gongkai.requests.domain.fees import (
    FeeError,
    compute_fee,
    fee_by_count,
    fee_by_volume,
)

# (already filed this month, requests in this application, fee), computed by hand from 第四条:
# 1–10 free; 11–30 at 100; 31–40 at 200; 41–50 at 300; 51–60 at 400; … 101–110 at 900.
BY_COUNT = [
    (0, 0, 0),
    (0, 1, 0),
    (0, 10, 0),
    (0, 11, 100),
    (0, 30, 20 * 100),  # 2000
    (0, 31, 2000 + 200),  # 2200
    (0, 40, 2000 + 10 * 200),  # 4000
    (0, 41, 4000 + 300),  # 4300
    (0, 45, 2000 + 2000 + 5 * 300),  # 5500
    (0, 50, 2000 + 2000 + 3000),  # 7000
    (0, 51, 7000 + 400),  # 7400
    (0, 60, 7000 + 10 * 400),  # 11000
    (0, 61, 11000 + 500),  # 11500
    (8, 5, 3 * 100),  # requests 9–13: 9 and 10 free, 11–13 at 100
    (10, 1, 100),  # the 11th
    (29, 3, 100 + 2 * 200),  # the 30th at 100, the 31st and 32nd at 200
    (40, 1, 300),  # the 41st
    (100, 1, 900),  # the 101st: the eighth band above 30
    (35, 10, 5 * 200 + 5 * 300),  # 36–40 at 200, 41–45 at 300
]

# (pages, fee) from 第五条: 1–30 free; 31–100 at 10; 101–200 at 20; 201+ at 40.
BY_VOLUME = [
    (0, 0),
    (1, 0),
    (30, 0),
    (31, 10),
    (100, 70 * 10),  # 700
    (101, 700 + 20),  # 720
    (200, 700 + 100 * 20),  # 2700
    (201, 2700 + 40),  # 2740
    (250, 2700 + 50 * 40),  # 4700
]


@pytest.mark.parametrize(("before", "count", "fee"), BY_COUNT)
def test_fee_by_count(before, count, fee):
    assert fee_by_count(before, count) == Decimal(fee)


@pytest.mark.parametrize(("pages", "fee"), BY_VOLUME)
def test_fee_by_volume(pages, fee):
    assert fee_by_volume(pages) == Decimal(fee)


def test_breakdown_lines_for_the_fee_notice():
    by_volume = compute_fee("volume", pages=250)
    assert [str(line) for line in by_volume.lines] == [
        "1—30页：30页，不收费",
        "31—100页：70页 × 10元 = 700元",
        "101—200页：100页 × 20元 = 2000元",
        "201页以上：50页 × 40元 = 2000元",
    ]
    assert by_volume.total == Decimal(4700)
    assert by_volume.basis == "《政府信息公开信息处理费管理办法》第五条"

    by_count = compute_fee("count", requests_this_month_before=8, requests_in_this_application=25)
    assert [str(line) for line in by_count.lines] == [
        "1—10件：2件，不收费",
        "11—30件：20件 × 100元 = 2000元",
        "31—40件：3件 × 200元 = 600元",
    ]
    assert by_count.total == Decimal(2600)
    assert by_count.counted_before == 8
    assert by_count.basis == "《政府信息公开信息处理费管理办法》第四条"


def test_both_standards_at_once_are_refused():
    with pytest.raises(FeeError, match="不得同时按照两种标准重复计算") as raised:
        compute_fee(
            "count", requests_this_month_before=0, requests_in_this_application=12, pages=40
        )
    assert isinstance(raised.value, DomainError)
    with pytest.raises(FeeError, match="第三条"):
        compute_fee("volume", pages=40, requests_in_this_application=12)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "count", "requests_in_this_application": 3}, "按件计收须填写"),
        ({"method": "volume"}, "按量计收须填写页数"),
        ({"method": "volume", "pages": -1}, "页数不能为负数"),
        (
            {
                "method": "count",
                "requests_this_month_before": -1,
                "requests_in_this_application": 1,
            },
            "本月此前累计申请件数不能为负数",
        ),
        ({"method": "weight", "pages": 3}, "未知的计收方式"),
    ],
)
def test_incomplete_or_impossible_input_is_refused_in_chinese(kwargs, message):
    with pytest.raises(FeeError, match=message):
        compute_fee(**kwargs)


# --- properties -------------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=300)


def rate_of_nth_request(n: int) -> int:
    """第四条 restated independently: ceil((n - 30) / 10) bands above 30, each 100 more."""
    if n <= 10:
        return 0
    if n <= 30:
        return 100
    return 100 * (1 + -(-(n - 30) // 10))


@given(counts, counts)
def test_count_fee_is_the_sum_of_each_requests_rate(before, count):
    expected = sum(rate_of_nth_request(n) for n in range(before + 1, before + count + 1))
    assert fee_by_count(before, count) == Decimal(expected)


@given(counts, counts)
def test_count_fee_never_decreases(before, count):
    assert fee_by_count(before, count) <= fee_by_count(before, count + 1)
    assert fee_by_count(before, count) <= fee_by_count(before + 1, count)


@given(st.integers(0, 1000))
def test_volume_fee_never_decreases(pages):
    assert fee_by_volume(pages) <= fee_by_volume(pages + 1)


@given(counts, counts, counts)
def test_splitting_an_application_changes_nothing(before, a, b):
    assert fee_by_count(before, a + b) == fee_by_count(before, a) + fee_by_count(before + a, b)


@given(counts, counts)
def test_breakdown_lines_add_up(before, count):
    breakdown = compute_fee(
        "count", requests_this_month_before=before, requests_in_this_application=count
    )
    assert sum(line.units for line in breakdown.lines) == count
    assert sum(line.amount for line in breakdown.lines) == breakdown.total
