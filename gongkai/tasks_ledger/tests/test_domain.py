"""Unit names, the plan's tree and its title: the pure rules of the ledger."""

from types import SimpleNamespace

import pytest

from gongkai.tasks_ledger.domain.plans import plan_title
from gongkai.tasks_ledger.domain.tree import task_tree
from gongkai.tasks_ledger.domain.unit_names import (
    UnitNameIndex,
    is_collective,
    match_names,
    normalise_name,
)


def test_names_are_compared_without_spaces_and_with_one_kind_of_bracket():
    assert normalise_name(" 省委外宣办〔省政府 新闻办〕") == "省委外宣办（省政府新闻办）"
    assert normalise_name("平凉工业园区(高新区)管委会") == "平凉工业园区（高新区）管委会"


@pytest.mark.parametrize(
    "name",
    [
        "各县（市、区）人民政府",
        "各市州政府",
        "省政府各部门",
        "市直各部门",
        "县直各部门",
        "省政府有关部门",
        "中央在甘有关单位",
        "中、省驻平有关单位",
        "县政府相关部门",
        "各乡镇",
        "村（居）民委员会",
        "行业主管部门",
    ],
)
def test_group_names_are_collective(name):
    assert is_collective(name)


@pytest.mark.parametrize(
    "name", ["市政府政务公开办", "兰州新区管委会", "省卫生健康委", "县政府办公室"]
)
def test_names_of_one_unit_are_not_collective(name):
    assert not is_collective(name)


INDEX = UnitNameIndex.build(
    [
        ("甲县人民政府办公室", 1, "/10/1/"),
        ("县政府办", 1, "/10/1/"),
        ("乙县人民政府办公室", 2, "/20/2/"),
        ("县政府办", 2, "/20/2/"),
        ("县财政局", 3, "/10/3/"),
        ("县财政局", 4, "/20/4/"),
        ("县财政局", 5, "/30/5/"),
    ]
)


def test_a_name_resolves_by_full_name_short_name_or_alias():
    assert INDEX.resolve("甲县人民政府办公室", "/10/1/") == 1
    assert INDEX.resolve("县政府办", "/10/1/") == 1


def test_a_shared_short_name_means_the_unit_nearest_the_issuer():
    assert INDEX.resolve("县财政局", "/20/2/") == 4
    assert INDEX.resolve("县政府办", "/10/7/") == 1


def test_equally_near_namesakes_leave_the_name_unresolved():
    assert INDEX.resolve("县财政局", "/99/") is None


def test_match_sorts_names_into_units_groups_and_names_to_map():
    match = match_names(["县财政局", "各乡镇", "县委宣传部", "县政府办"], INDEX, "/10/1/")
    assert match.unit_ids == [3, 1]
    assert match.collective == ["各乡镇"]
    assert match.unmatched == ["县委宣传部"]


def _task(*path):
    return SimpleNamespace(path=list(path))


def test_tasks_are_grouped_by_their_numbering_path():
    a, b, c, d, e = (
        _task("二", "（一）", "1"),
        _task("二", "（一）", "1"),
        _task("二", "（二）"),
        _task("三"),
        _task(),
    )
    tree = task_tree([a, b, c, d, e])
    assert [node.label for node in tree] == ["二", "三", ""]
    first = tree[0].children[0]
    assert first.label == "（一）" and first.children[0].tasks == [a, b]
    assert tree[0].children[1].tasks == [c]
    assert tree[1].tasks == [d] and tree[2].tasks == [e]


@pytest.mark.parametrize(
    ("document_title", "expected"),
    [
        (
            "平凉市人民政府办公室关于印发平凉市2023年政务公开工作要点的通知",
            "平凉市2023年政务公开工作要点",
        ),
        (
            "积石山县人民政府办公室关于印发《积石山县全面推进基层政务公开标准化规范化工作实施方案》",
            "积石山县全面推进基层政务公开标准化规范化工作实施方案",
        ),
        (
            "广东省人民政府办公厅关于转发国务院办公厅2020年政务公开工作要点的通知",
            "广东省人民政府办公厅关于转发国务院办公厅2020年政务公开工作要点的通知",
        ),
    ],
)
def test_a_plan_is_called_by_the_plan_a_notice_prints(document_title, expected):
    assert plan_title(document_title) == expected
