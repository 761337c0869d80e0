import pytest

from gongkai.importer.domain.units import (
    Assignment,
    parse_label_line,
    split_top_level,
    split_trailing_annotation,
    split_units,
    units_in_text,
)


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (
            "省政府各部门，各市州政府、兰州新区管委会",
            ["省政府各部门", "各市州政府", "兰州新区管委会"],
        ),
        ("各乡镇、村（居）民委员会；", ["各乡镇", "村（居）民委员会"]),
        (
            "平凉工业园区（高新区）管委会，市直各部门",
            ["平凉工业园区（高新区）管委会", "市直各部门"],
        ),
        ("各县（市、区）人民政府", ["各县（市、区）人民政府"]),
        (
            "省委外宣办〔省政府新闻办〕、省政府办公厅",
            ["省委外宣办〔省政府新闻办〕", "省政府办公厅"],
        ),
        ("省卫生健康委等，各市州政府", ["省卫生健康委", "各市州政府"]),
        ("中、省驻平有关单位", ["中、省驻平有关单位"]),
        ("市委、市政府", ["市委", "市政府"]),
        ("由市政务公开办", ["市政务公开办"]),
        ("省政府办公厅，省政府办公厅", ["省政府办公厅"]),
    ],
)
def test_split_units(text, units):
    assert split_units(text) == units


@pytest.mark.parametrize(
    ("text", "addressees"),
    [
        (
            "各市、自治州人民政府，兰州新区管委会，省政府各部门",
            ["各市、自治州人民政府", "兰州新区管委会", "省政府各部门"],
        ),
        (
            "各乡（镇）人民政府、县直各部门、州驻县有关单位",
            ["各乡（镇）人民政府", "县直各部门", "州驻县有关单位"],
        ),
        (
            "各地级以上市人民政府，省政府各部门、各直属机构",
            ["各地级以上市人民政府", "省政府各部门、各直属机构"],
        ),
    ],
)
def test_split_top_level(text, addressees):
    assert split_top_level(text) == addressees


@pytest.mark.parametrize(
    ("paragraph", "text", "assignment"),
    [
        (
            "推进公开。（牵头单位：省政府办公厅；责任单位：各市州政府、兰州新区管委会；完成时限：2020年12月底前）",
            "推进公开。",
            Assignment(["省政府办公厅"], ["各市州政府", "兰州新区管委会"], "2020年12月底前"),
        ),
        ("推进公开。（责任单位：省政府各部门）", "推进公开。", Assignment([], ["省政府各部门"])),
        ("推进公开。（省审改办牵头落实）", "推进公开。", Assignment(["省审改办"], [])),
        (
            "推进公开。（省审改办、省人社厅分别牵头落实）",
            "推进公开。",
            Assignment(["省审改办", "省人社厅"], []),
        ),
        ("推进公开。（省政府有关部门负责落实）", "推进公开。", Assignment([], ["省政府有关部门"])),
        (
            "推进公开。（各市州政府、省政府各部门，省委外宣办〔省政府新闻办〕负责落实）",
            "推进公开。",
            Assignment([], ["各市州政府", "省政府各部门", "省委外宣办〔省政府新闻办〕"]),
        ),
        (
            "推进公开。（各市州政府、省政府各部门分别落实）",
            "推进公开。",
            Assignment([], ["各市州政府", "省政府各部门"]),
        ),
        (
            "推进公开。（省政府办公厅牵头，各市州政府配合，2020年12月底前完成）。",
            "推进公开。",
            Assignment(["省政府办公厅"], ["各市州政府"], "2020年12月底前完成"),
        ),
        (
            "推进公开。（市政府办公室负责，持续推进）",
            "推进公开。",
            Assignment([], ["市政府办公室"], "持续推进"),
        ),
        # A recurrence or 定期 is a time, not a unit.
        (
            "推进公开。（省政府办公厅牵头，每季度报送）",
            "推进公开。",
            Assignment(["省政府办公厅"], [], "每季度报送"),
        ),
        (
            "推进公开。（省政府办公厅牵头，定期通报）",
            "推进公开。",
            Assignment(["省政府办公厅"], [], "定期通报"),
        ),
    ],
)
def test_trailing_annotations(paragraph, text, assignment):
    assert split_trailing_annotation(paragraph, 2020) == (text, assignment)


@pytest.mark.parametrize(
    "paragraph",
    [
        "同步确定其公开属性（含主动公开、不予公开、依申请公开3种）",
        "按照《意见》（国办发〔2019〕54号）",
        "推进政府和社会资本合作（PPP）",
        "形成整体联动格局（见附件）。",
        "结尾没有括号。",
        "括号不配对）",
    ],
)
def test_parentheses_that_are_not_annotations_stay(paragraph):
    assert split_trailing_annotation(paragraph, 2020) == (paragraph, None)


@pytest.mark.parametrize(
    ("line", "assignment"),
    [
        ("牵头单位：市市场监管局、市发展改革委", Assignment(["市市场监管局", "市发展改革委"], [])),
        ("责任单位：各乡（镇）人民政府", Assignment([], ["各乡（镇）人民政府"])),
        ("完成时限：2021年6月底前）", Assignment([], [], "2021年6月底前")),
        (
            "牵头单位：县政府办公室 责任单位：各乡镇 完成时限：持续推进",
            Assignment(["县政府办公室"], ["各乡镇"], "持续推进"),
        ),
        ("配合单位：市财政局", Assignment([], ["市财政局"])),
        ("责任单位在后面说明。", None),
    ],
)
def test_label_lines(line, assignment):
    assert parse_label_line(line) == assignment


@pytest.mark.parametrize(
    ("text", "lead", "responsible"),
    [
        (
            "强化指导。由市政务公开办牵头，市委网信办、市融媒体中心配合，开展一次全面体检。",
            ["市政务公开办"],
            ["市委网信办", "市融媒体中心"],
        ),
        ("由市政务公开办牵头，负责对各单位政务公开工作进行督查。", ["市政务公开办"], []),
        ("由县政府办公室牵头，各乡镇参与，编制目录。", ["县政府办公室"], ["各乡镇"]),
        # Subjects of 要: lists of units at the start of a sentence.
        ("推进公开。各地、各部门要进一步提高认识。", [], ["各地", "各部门"]),
        ("省司法厅要在2020年底前梳理。各地要建立机制。", [], ["省司法厅", "各地"]),
        ("各县（市、区）政府、市直各部门要加强力量。", [], ["各县（市、区）政府", "市直各部门"]),
        (
            "县级以上地方政府要明确主管部门；各级政府部门要确定负责同志。",
            [],
            ["县级以上地方政府", "各级政府部门"],
        ),
        # Not units: a subject that is a person or a clause, a unit inside a sentence, a
        # 由 that does not lead, a lead unit named again as a subject.
        ("主要负责同志要带头。同时，要注意收集问题。", [], []),
        ("各市州、各部门主要负责人要通过新闻发布会解读。", [], []),
        ("督促指导各乡镇做好公开。市政务公开办负责承办日常工作。", [], []),
        ("由承办单位负责将办理结果反馈诉求人。", [], []),
        ("由市政府办牵头，各部门要密切配合。", ["市政府办"], []),
        ("由市政府办牵头。市政府办要加强统筹。", ["市政府办"], []),
    ],
)
def test_units_in_text(text, lead, responsible):
    assignment = units_in_text(text)
    assert (assignment.lead_units, assignment.responsible_units) == (lead, responsible)
