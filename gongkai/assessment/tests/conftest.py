from __future__ import annotations

from decimal import Decimal as D

import pytest

from gongkai.assessment import registry
from gongkai.assessment.domain.scoring import Rule, RuleKind
from gongkai.assessment.services import heading_add, item_add, scheme_create

# A registered indicator whose figures the test sets: the scheme machinery is tested apart from
# the modules' own indicators (test_indicators.py).
FIGURES: dict[int, registry.Measure] = {}


def _compute(*, year: int, unit_ids):
    return {uid: FIGURES[uid] for uid in unit_ids if uid in FIGURES}


TEST_RATE = registry.Indicator(
    key="testing.rate",
    label="测试比率",
    kind=registry.Kind.RATE,
    module="assessment",
    formula="测试分子 ÷ 测试分母",
    compute=_compute,
    evidence=lambda *, year, unit_id: [],
    advice="提高测试比率。",
)
registry.register_indicator(TEST_RATE)


@pytest.fixture
def figures():
    FIGURES.clear()
    yield FIGURES
    FIGURES.clear()


@pytest.fixture
def scheme(unit_tree, figures):
    """2025: 测试比率 (40, departments and townships, full at 90 %), an entered 培训 (30, both)
    and the problem list (30, deduct 10 each)."""
    s = scheme_create(actor=None, unit=unit_tree["county"], year=2025, title="2025年度政务公开考核")
    computed = heading_add(actor=None, scheme=s, title="公开质量")
    work = heading_add(actor=None, scheme=s, title="工作保障")
    both = ["department", "township"]
    item_add(
        actor=None,
        heading=computed,
        key="testing.rate",
        rule=Rule(RuleKind.LINEAR, D(40), full_at=D("0.9")),
        groups=both,
    )
    item_add(
        actor=None,
        heading=work,
        label="组织政务公开培训",
        rule=Rule(RuleKind.ENTERED, D(30)),
        groups=both,
    )
    item_add(
        actor=None,
        heading=work,
        key="assessment.problems_overdue",
        rule=Rule(RuleKind.DEDUCT, D(30), per_item=D(10)),
        groups=both,
    )
    return s
