import pytest

from gongkai.documents.domain.subject_classes import (
    SUBJECT_CLASSES,
    choices,
    display_choices,
    display_label,
    find_by_label,
    label,
)

# Verbatim from statutes.md §6 (gov.cn 主题分类), parsed below so the module's hand-made tuple
# is checked against the fact sheet rather than against a second hand copy.
FACT_SHEET = """
1. 国务院组织机构: 国务院, 国务院办公厅, 国务院组成部门, 国务院直属特设机构, 国务院直属机构, 国务院办事机构, 国务院直属事业单位, 国务院部委管理的国家局, 国务院议事协调机构, 其他
2. 综合政务: 政务公开, 政务督查, 应急管理, 电子政务, 文秘工作, 保密工作, 信访, 参事、文史, 其他
3. 国民经济管理、国有资产监管: 宏观经济, 经济体制改革, 统计, 物价, 国有资产监管, 重大建设项目, 其他
4. 财政、金融、审计: 财政, 税务, 银行, 货币（含外汇）, 证券, 保险, 社会信用体系建设, 审计, 其他
5. 国土资源、能源: 土地, 矿产, 水资源, 海洋, 煤炭, 石油与天然气, 电力, 其他
6. 农业、林业、水利: 农业、畜牧业、渔业, 林业, 水利, 其他
7. 工业、交通: 机械制造与重工业, 轻工纺织, 化工, 国防工业, 航天、航空, 信息产业（含电信）, 公路, 水运, 铁路, 民航, 邮政, 其他
8. 商贸、海关、旅游: 对外经贸合作, 国内贸易（含供销）, 海关, 检验、检疫, 旅游, 其他
9. 市场监管、安全生产监管: 工商, 质量监督, 标准, 食品药品监管, 安全生产监管, 其他
10. 城乡建设、环境保护: 城市规划, 城乡建设（含住房）, 环境监测、保护与治理, 节能与资源综合利用, 气象、水文、测绘、地震, 其他
11. 科技、教育: 科技, 教育, 知识产权, 其他
12. 文化、广电、新闻出版: 文化, 文物, 新闻出版, 广播、电影、电视, 其他
13. 卫生、体育: 卫生, 医药管理, 体育, 其他
14. 人口与计划生育、妇女儿童工作: 人口与计划生育, 妇女儿童, 其他
15. 劳动、人事、监察: 劳动就业, 社会保障, 人事工作, 军转安置, 监察, 纠正行业不正之风, 其他
16. 公安、安全、司法: 公安, 国家安全, 司法, 其他
17. 民政、扶贫、救灾: 减灾救灾, 优抚安置, 社会福利, 行政区划与地名, 社团管理, 扶贫, 其他
18. 民族、宗教: 民族事务, 宗教事务
19. 对外事务: 外交、外事, 国际条约、国际组织, 其他
20. 港澳台侨工作: 港澳工作, 对台工作, 侨务工作
21. 国防: 国防建设, 国防动员
22. 其他
"""


def fact_sheet() -> list[tuple[str, list[str]]]:
    classes = []
    for line in FACT_SHEET.strip().splitlines():
        name, _, children = line.split(". ", 1)[1].partition(": ")
        classes.append((name, children.split(", ") if children else []))
    return classes


def test_there_are_22_top_level_classes() -> None:
    assert len(SUBJECT_CLASSES) == 22
    assert [c.code for c in SUBJECT_CLASSES] == [f"{n:02d}" for n in range(1, 23)]


def test_tree_matches_the_fact_sheet() -> None:
    assert [(c.name, [s.name for s in c.children]) for c in SUBJECT_CLASSES] == fact_sheet()


def test_codes_are_unique_and_nest() -> None:
    codes = [code for code, _ in choices()]
    assert len(codes) == len(set(codes))
    for top in SUBJECT_CLASSES:
        for n, sub in enumerate(top.children, start=1):
            assert sub.code == f"{top.code}{n:02d}"


def test_choices_are_flat_in_tree_order_with_gov_cn_labels() -> None:
    result = choices()
    assert result[:3] == [
        ("01", "国务院组织机构"),
        ("0101", "国务院组织机构\\国务院"),
        ("0102", "国务院组织机构\\国务院办公厅"),
    ]
    assert ("02", "综合政务") in result
    assert ("0201", "综合政务\\政务公开") in result
    assert result[-1] == ("22", "其他")
    assert len(result) == 22 + sum(len(c.children) for c in SUBJECT_CLASSES)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("02", "综合政务"),
        ("0201", "综合政务\\政务公开"),
        ("1302", "卫生、体育\\医药管理"),
        ("0404", "财政、金融、审计\\货币（含外汇）"),
        ("2003", "港澳台侨工作\\侨务工作"),
        ("22", "其他"),
    ],
)
def test_label(code: str, text: str) -> None:
    assert label(code) == text


def test_label_of_unknown_code() -> None:
    with pytest.raises(KeyError):
        label("2201")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("卫生、体育\\医药管理", "1302"),
        ("医药管理", "1302"),
        (" 医药管理 ", "1302"),
        ("卫生、体育/医药管理", "1302"),
        ("综合政务\\政务公开", "0201"),
        ("政务公开", "0201"),
        ("综合政务", "02"),
        ("国防", "21"),
        ("国防建设", "2101"),
        ("其他", "22"),  # the top-level class; the sub-classes named 其他 need their parent
        ("民政、扶贫、救灾\\其他", "1707"),
        ("国有资产监管", "0305"),
    ],
)
def test_find_by_label(text: str, code: str) -> None:
    assert find_by_label(text) == code


@pytest.mark.parametrize("text", ["医药", "卫生、体育\\政务公开", "Health", ""])
def test_find_by_label_unknown(text: str) -> None:
    assert find_by_label(text) is None


def test_every_label_round_trips() -> None:
    for code, text in choices():
        assert find_by_label(text) == code


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("1703", "民政、扶贫、救灾 › 社会福利"),
        ("17", "民政、扶贫、救灾"),
        ("0404", "财政、金融、审计 › 货币（含外汇）"),
    ],
)
def test_display_label_separates_levels_without_a_backslash(code: str, shown: str) -> None:
    assert display_label(code) == shown


def test_display_choices_are_the_choices_without_backslashes() -> None:
    shown = display_choices()
    assert [code for code, _ in shown] == [code for code, _ in choices()]
    assert not any("\\" in text for _, text in shown)
    # Still one label per code, so a reader can tell every choice apart.
    assert len({text for _, text in shown}) == len(shown)
