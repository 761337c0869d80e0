import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.zones.domain.checklist import (
    CHECKLIST,
    ItemResult,
    Point,
    ZoneRuleError,
    ZoneStatus,
    check_transition,
    missing_points,
    validate_results,
)


def all_pass() -> list[ItemResult]:
    return [ItemResult(item.code, True, "") for item in CHECKLIST]


def test_the_five_items_are_the_texts_five():
    assert [i.name for i in CHECKLIST] == [
        "统一功能定位",
        "统一规划布局",
        "统一标识标牌",
        "统一设备配置",
        "统一管理",
    ]
    assert all("51号" in i.source for i in CHECKLIST)


@pytest.mark.parametrize(
    ("present", "missing"),
    [
        ({Point.ELECTRONIC, Point.MATERIALS, Point.CONSULTATION}, []),
        ({Point.ELECTRONIC}, [Point.MATERIALS, Point.CONSULTATION]),
        (set(), [Point.ELECTRONIC, Point.MATERIALS, Point.CONSULTATION]),
    ],
)
def test_missing_points(present, missing):
    assert missing_points(present) == missing


def test_results_come_back_in_checklist_order():
    results = list(reversed(all_pass()))
    assert [r.code for r in validate_results(results)] == [i.code for i in CHECKLIST]


@pytest.mark.parametrize(
    ("results", "message"),
    [
        (all_pass()[:4], "统一管理尚未填写"),
        ([*all_pass(), ItemResult("layout", True, "")], "重复"),
        ([*all_pass(), ItemResult("colour", True, "")], "不在"),
        ([ItemResult("function", False, " "), *all_pass()[1:]], "须写明发现的问题：统一功能定位"),
    ],
)
def test_refused_results(results, message):
    with pytest.raises(ZoneRuleError, match=message):
        validate_results(results)


@given(st.lists(st.booleans(), min_size=5, max_size=5), st.permutations(range(5)))
def test_any_complete_explained_set_is_accepted(verdicts, order):
    results = [
        ItemResult(CHECKLIST[i].code, verdicts[i], "问题" if not verdicts[i] else "") for i in order
    ]
    checked = validate_results(results)
    assert [r.passed for r in checked] == verdicts


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (ZoneStatus.OPEN, ZoneStatus.SUSPENDED, True),
        (ZoneStatus.SUSPENDED, ZoneStatus.OPEN, True),
        (ZoneStatus.OPEN, ZoneStatus.CLOSED, True),
        (ZoneStatus.CLOSED, ZoneStatus.OPEN, False),
        (ZoneStatus.CLOSED, ZoneStatus.SUSPENDED, False),
        (ZoneStatus.OPEN, ZoneStatus.OPEN, True),
    ],
)
def test_transitions(current, new, allowed):
    if allowed:
        check_transition(current, new)
    else:
        with pytest.raises(ZoneRuleError):
            check_transition(current, new)
