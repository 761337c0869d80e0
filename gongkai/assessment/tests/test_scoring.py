"""The scoring rules, redistribution of 不适用 weights and ranking (pure, no database)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.assessment.domain.scoring import (
    Line,
    Rule,
    RuleKind,
    effective_max,
    points_for,
    rank,
    rate_of,
    total_score,
)
from gongkai.core.domain.errors import DomainError

LINEAR_95 = Rule(RuleKind.LINEAR, D(10), full_at=D("0.95"))
LINEAR_60_100 = Rule(RuleKind.LINEAR, D(10), full_at=D(1), zero_at=D("0.6"))
DEDUCT = Rule(RuleKind.DEDUCT, D(5), per_item=D(1), cap=D(3))
DEDUCT_NO_CAP = Rule(RuleKind.DEDUCT, D(5), per_item=D(2))
FLAG = Rule(RuleKind.FLAG, D(4))
ENTERED = Rule(RuleKind.ENTERED, D(6))


@pytest.mark.parametrize(
    ("rule", "value", "points"),
    [
        (LINEAR_95, D(1), D("10.00")),
        (LINEAR_95, D("0.95"), D("10.00")),
        (LINEAR_95, D("0.475"), D("5.00")),
        (LINEAR_95, D(0), D("0.00")),
        (LINEAR_60_100, D("0.6"), D("0.00")),
        (LINEAR_60_100, D("0.5"), D("0.00")),
        (LINEAR_60_100, D("0.8"), D("5.00")),
        (DEDUCT, D(0), D("5.00")),
        (DEDUCT, D(2), D("3.00")),
        (DEDUCT, D(9), D("2.00")),  # capped at 3
        (DEDUCT_NO_CAP, D(1), D("3.00")),
        (DEDUCT_NO_CAP, D(7), D("0.00")),  # never below zero
        (FLAG, D(1), D("4.00")),
        (FLAG, D(0), D("0.00")),
        (ENTERED, D("4.5"), D("4.50")),
        (ENTERED, D(9), D("6.00")),
        (LINEAR_95, None, None),
    ],
)
def test_points(rule, value, points):
    assert points_for(rule, value) == points


@pytest.mark.parametrize(
    ("numerator", "denominator", "rate"),
    [(3, 4, D("0.75")), (0, 5, D(0)), (0, 0, None), (2, None, None)],
)
def test_rate_without_denominator_is_not_applicable(numerator, denominator, rate):
    assert rate_of(numerator, denominator) == rate


@pytest.mark.parametrize(
    "rule",
    [
        Rule(RuleKind.LINEAR, D(0)),
        Rule(RuleKind.LINEAR, D(5), full_at=D("0.5"), zero_at=D("0.5")),
        Rule(RuleKind.LINEAR, D(5), full_at=D("1.2")),
        Rule(RuleKind.DEDUCT, D(5)),
        Rule(RuleKind.DEDUCT, D(5), per_item=D(1), cap=D(6)),
    ],
)
def test_rules_that_cannot_score_are_refused(rule):
    with pytest.raises(DomainError):
        rule.check()


def test_rule_descriptions_are_chinese():
    assert LINEAR_95.describe() == "比率达到95%得满分10分，其间按比例计分"
    assert DEDUCT.describe() == "每项扣1分，最多扣3分（满分5分）"
    assert LINEAR_60_100.describe() == "比率达到100%得满分10分，不高于60%不得分，其间按比例计分"


def test_not_applicable_weight_is_redistributed_over_the_rest():
    # 20 + 30 applicable, 50 不适用: the unit earned 10 + 30 of 50 → 80 of 100.
    lines = [Line(D(20), D(10)), Line(D(30), D(30)), Line(D(50), None)]
    assert total_score(lines, D(100)) == D("80.00")
    assert effective_max(lines, D(100)) == [D("40.00"), D("60.00"), None]


def test_nothing_applicable_has_no_score():
    assert total_score([Line(D(10), None)], D(100)) is None
    assert total_score([], D(100)) is None


def test_everything_applicable_is_a_plain_sum():
    lines = [Line(D(40), D("35.5")), Line(D(60), D(50))]
    assert total_score(lines, D(100)) == D("85.50")


def test_competition_ranking_skips_after_ties_and_leaves_out_unscored():
    ranks = rank([(1, D(90)), (2, D(95)), (3, D(90)), (4, None), (5, D(80))])
    assert ranks == {2: 1, 1: 2, 3: 2, 5: 4}


points = st.integers(min_value=0, max_value=10_000).map(lambda n: D(n) / 100)
weights = st.integers(min_value=1, max_value=500).map(lambda n: D(n) / 10)


@given(
    st.lists(
        st.tuples(weights, st.booleans(), points),
        min_size=1,
        max_size=8,
    )
)
def test_score_stays_within_full_and_full_marks_give_full(specs):
    lines = [
        Line(top, min(top, earned) if applicable else None) for top, applicable, earned in specs
    ]
    score = total_score(lines, D(100))
    if all(line.points is None for line in lines):
        assert score is None
        return
    assert D(0) <= score <= D(100)
    perfect = [
        Line(line.max_points, line.max_points if line.points is not None else None)
        for line in lines
    ]
    assert total_score(perfect, D(100)) == D("100.00")


@given(
    st.decimals(min_value=-1, max_value=2, places=4), st.sampled_from([LINEAR_95, LINEAR_60_100])
)
def test_linear_points_are_bounded_and_monotonic(rate, rule):
    earned = points_for(rule, rate)
    assert D(0) <= earned <= rule.max_points
    assert points_for(rule, rate + D("0.01")) >= earned


@given(st.integers(min_value=0, max_value=1000), st.sampled_from([DEDUCT, DEDUCT_NO_CAP]))
def test_deductions_never_exceed_the_cap(count, rule):
    earned = points_for(rule, D(count))
    cap = rule.cap if rule.cap is not None else rule.max_points
    assert rule.max_points - cap <= earned <= rule.max_points
