"""The catalog's pure rules: time rules, periods, gaps, elements, the table and the powers list."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.calendar.domain.workdays import default_calendar
from gongkai.catalog.domain.elements import (
    Audience,
    Channel,
    ElementError,
    Level,
    Method,
    channels_cell,
    parse_audience,
    parse_channels,
    parse_levels,
    parse_method,
)
from gongkai.catalog.domain.gaps import (
    GapReason,
    GapSubject,
    Publication,
    find_gap,
    gap_trend,
    month_ends,
)
from gongkai.catalog.domain.powers import PowerData, PowerKind, compare_versions, parse_powers
from gongkai.catalog.domain.rules import (
    RuleError,
    RuleKind,
    TimeRule,
    chinese_number,
    parse_time_rule,
    period_label,
    period_start,
    previous_period,
)
from gongkai.catalog.domain.sheets import Sheet, TableError
from gongkai.catalog.domain.table import match_area, parse_catalog

CAL = default_calendar()
Q = TimeRule(RuleKind.QUARTERLY)
W20 = TimeRule(RuleKind.WORKDAYS, 20)

# --- Time rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("信息形成或者变更之日起20个工作日内", "workdays:20"),
        ("信息形成（变更）之日起二十个工作日内", "workdays:20"),
        ("自批准之日起十五个工作日内", "workdays:15"),
        ("７个工作日内", "workdays:7"),
        ("每月10日前公开上月情况", "monthly"),
        ("按月公开", "monthly"),
        ("每季度公开", "quarterly"),
        ("每季度结束后15个工作日内", "quarterly"),
        ("每半年公开一次", "halfyearly"),
        ("每年1月底前公开上年度情况", "yearly"),
        ("本级人民代表大会批准后20日内，每年公开", "yearly"),
        ("长期公开", "ongoing"),
        ("实时更新", "ongoing"),
        ("及时公开", "workdays:20"),
        ("批准后20日内", None),
        ("按有关规定", None),
        ("", None),
    ],
)
def test_time_limit_texts_are_read_as_rules(text, code):
    rule = parse_time_rule(text)
    assert (rule.code if rule else None) == code


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("20", 20),
        ("二十", 20),
        ("十五", 15),
        ("十", 10),
        ("三十", 30),
        ("七", 7),
        ("一百二十", 120),
        ("两", 2),
        ("x", None),
    ],
)
def test_chinese_numbers(text, number):
    assert chinese_number(text) == number


@pytest.mark.parametrize(
    "code", ["workdays", "workdays:0", "workdays:abc", "monthly:3", "weekly", ""]
)
def test_bad_rule_codes_are_refused_in_chinese(code):
    with pytest.raises(RuleError) as error:
        TimeRule.from_code(code)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(error.value))


rules = st.one_of(
    st.builds(TimeRule, st.just(RuleKind.WORKDAYS), st.integers(1, 250)),
    st.sampled_from([TimeRule(k) for k in RuleKind if k is not RuleKind.WORKDAYS]),
)
days = st.dates(date(2015, 1, 1), date(2026, 12, 31))


@given(rules)
def test_a_rules_own_words_and_code_read_back_as_the_rule(rule):
    assert parse_time_rule(rule.label) == rule
    assert TimeRule.from_code(rule.code) == rule


@given(
    st.sampled_from([RuleKind.MONTHLY, RuleKind.QUARTERLY, RuleKind.HALF_YEARLY, RuleKind.YEARLY]),
    days,
)
def test_periods_are_contiguous(kind, day):
    start = period_start(kind, day)
    assert start <= day and period_start(kind, start) == start
    previous_start, previous_end = previous_period(kind, day)
    assert previous_end + timedelta(days=1) == start
    assert period_start(kind, previous_end) == previous_start


def test_period_labels():
    assert period_label(RuleKind.QUARTERLY, date(2026, 7, 1)) == "2026年第三季度"
    assert period_label(RuleKind.MONTHLY, date(2026, 10, 1)) == "2026年10月"
    assert period_label(RuleKind.HALF_YEARLY, date(2026, 7, 1)) == "2026年下半年"
    assert period_label(RuleKind.YEARLY, date(2025, 1, 1)) == "2025年"


# --- Gaps ------------------------------------------------------------------------------------


def gap(rule, adopted, pubs, today):
    return find_gap(rule, adopted_on=adopted, publications=pubs, today=today, calendar=CAL)


P = Publication
GAP_TABLE = [
    # rule, adopted, publications, today, expected reason (None: no gap)
    (Q, date(2026, 1, 5), [], date(2026, 11, 23), GapReason.NEVER),
    (Q, date(2026, 1, 5), [P(date(2026, 5, 10))], date(2026, 11, 23), GapReason.PERIOD),
    (Q, date(2026, 1, 5), [P(date(2026, 7, 2))], date(2026, 11, 23), None),  # in Q3
    (
        Q,
        date(2026, 1, 5),
        [P(date(2026, 10, 9))],
        date(2026, 11, 23),
        None,
    ),  # Q3's, published in Q4
    (Q, date(2026, 8, 1), [], date(2026, 11, 23), None),  # not in the catalog for all of Q3
    (Q, date(2026, 7, 1), [], date(2026, 11, 23), GapReason.NEVER),
    (
        TimeRule(RuleKind.MONTHLY),
        date(2026, 1, 1),
        [P(date(2026, 9, 30))],
        date(2026, 11, 1),
        GapReason.PERIOD,
    ),
    (
        TimeRule(RuleKind.MONTHLY),
        date(2026, 1, 1),
        [P(date(2026, 10, 1))],
        date(2026, 11, 30),
        None,
    ),
    (TimeRule(RuleKind.YEARLY), date(2024, 3, 1), [P(date(2025, 2, 1))], date(2026, 11, 23), None),
    (
        TimeRule(RuleKind.YEARLY),
        date(2024, 3, 1),
        [P(date(2024, 12, 1))],
        date(2026, 11, 23),
        GapReason.PERIOD,
    ),
    # 20 working days after 2026-03-02 (Mon) is 2026-03-30.
    (W20, date(2026, 3, 2), [], date(2026, 3, 30), None),
    (W20, date(2026, 3, 2), [], date(2026, 3, 31), GapReason.NEVER),
    (
        W20,
        date(2026, 3, 2),
        [P(date(2026, 4, 20), date(2026, 3, 2))],
        date(2026, 5, 1),
        GapReason.LATE,
    ),
    (W20, date(2026, 3, 2), [P(date(2026, 3, 30), date(2026, 3, 2))], date(2026, 5, 1), None),
    (
        W20,
        date(2026, 3, 2),
        [P(date(2026, 4, 20), date(2026, 3, 2)), P(date(2026, 4, 21), date(2026, 4, 20))],
        date(2026, 5, 1),
        None,
    ),
    (W20, date(2026, 3, 2), [P(date(2026, 4, 20))], date(2026, 5, 1), None),  # formation unknown
    (TimeRule(RuleKind.ONGOING), date(2026, 3, 2), [], date(2026, 3, 31), GapReason.NEVER),
    (TimeRule(RuleKind.ONGOING), date(2026, 3, 2), [P(date(2020, 1, 1))], date(2026, 3, 31), None),
    # Publications after "today" do not count: the trend looks back.
    (Q, date(2026, 1, 5), [P(date(2026, 12, 1))], date(2026, 11, 23), GapReason.NEVER),
]


@pytest.mark.parametrize(("rule", "adopted", "pubs", "today", "expected"), GAP_TABLE)
def test_gap_rules(rule, adopted, pubs, today, expected):
    found = gap(rule, adopted, pubs, today)
    assert (found.reason if found else None) == expected
    if found:
        assert found.message and all(ord(ch) < 0x10000 for ch in found.message)


def test_gap_messages_name_the_period_and_the_last_publication():
    found = gap(Q, date(2026, 1, 5), [P(date(2026, 5, 10))], date(2026, 11, 23))
    assert "2026年第三季度没有公开内容" in found.message and "2026-05-10" in found.message
    assert found.last_published == date(2026, 5, 10)


publications = st.lists(st.builds(Publication, days, st.one_of(st.none(), days)), max_size=6)


@given(rules, days, publications, st.integers(0, 800))
def test_publishing_today_closes_any_gap(rule, adopted, pubs, later):
    today = adopted + timedelta(days=later)
    assert gap(rule, adopted, [*pubs, Publication(today, today)], today) is None


@given(rules, days)
def test_an_item_just_adopted_has_no_gap(rule, adopted):
    assert gap(rule, adopted, [], adopted) is None


@given(
    st.sampled_from([TimeRule(k) for k in RuleKind if k is not RuleKind.WORKDAYS]),
    days,
    publications,
    publications,
    st.integers(0, 800),
)
def test_more_publications_never_add_a_gap(rule, adopted, some, more, later):
    today = adopted + timedelta(days=later)
    if gap(rule, adopted, [*some, *more], today) is not None:
        assert gap(rule, adopted, some, today) is not None


def test_month_ends_and_trend():
    assert month_ends(date(2026, 3, 15), 3) == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 15),
    ]
    subjects = [
        GapSubject(1, Q, date(2025, 12, 1), None, (P(date(2025, 12, 20)),)),
        GapSubject(2, W20, date(2026, 1, 5), date(2026, 3, 1), ()),  # dropped on 1 March
    ]
    trend = gap_trend(subjects, today=date(2026, 4, 15), months=4, calendar=CAL)
    # January: W20 not due yet; February: W20 missing; March: dropped; April: Q1 empty.
    assert trend == [
        (date(2026, 1, 31), 0),
        (date(2026, 2, 28), 1),
        (date(2026, 3, 31), 0),
        (date(2026, 4, 15), 1),
    ]


# --- Elements ----------------------------------------------------------------------------------


def test_channel_cells_in_both_notations():
    cell = "■政府网站 □政府公报 ■两微一端 □发布会/听证会 ■公开查阅点"
    assert parse_channels(cell) == (Channel.WEBSITE, Channel.NEW_MEDIA, Channel.READING_POINT)
    assert parse_channels("政府网站、公开查阅点，社区/企事业单位/村公示栏（电子屏）") == (
        Channel.WEBSITE,
        Channel.READING_POINT,
        Channel.NOTICE_BOARD,
    )
    with pytest.raises(ElementError, match="无法识别的公开渠道“电报”"):
        parse_channels("政府网站、电报")


@given(st.sets(st.sampled_from(list(Channel))))
def test_channels_cell_reads_back(chosen):
    assert set(parse_channels(channels_cell(list(chosen)))) == chosen


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("县级", (Level.COUNTY,)),
        ("乡级", (Level.TOWNSHIP,)),
        ("县级、乡级", (Level.COUNTY, Level.TOWNSHIP)),
        ("乡、村级", (Level.TOWNSHIP, Level.VILLAGE)),
        ("县乡两级", (Level.COUNTY, Level.TOWNSHIP)),
        ("乡镇级", (Level.TOWNSHIP,)),
        ("村（居）级", (Level.VILLAGE,)),
    ],
)
def test_levels(text, levels):
    assert parse_levels(text) == levels


def test_audience_and_method_words():
    assert parse_audience("全社会√") is Audience.PUBLIC
    assert parse_audience("特定群众") is Audience.SPECIFIC
    assert parse_method("依申请公开") is Method.ON_REQUEST
    with pytest.raises(ElementError, match="公开方式"):
        parse_method("随便")
    with pytest.raises(ElementError, match="公开层级"):
        parse_levels("省级")


# --- The table -------------------------------------------------------------------------------

FLAT_HEADER = [
    "序号",
    "试点领域",
    "一级事项",
    "二级事项",
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
    "公开对象",
    "公开方式",
    "公开层级",
]
ROW = [
    "1",
    "财政预决算",
    "部门预决算",
    "部门预算",
    "部门收支总表",
    "《预算法》",
    "每年公开",
    "各预算部门",
    "■政府网站 □政府公报",
    "全社会",
    "主动",
    "县级、乡级",
]


def test_a_flat_table_is_read():
    rows = parse_catalog([Sheet("", [FLAT_HEADER, ROW])])
    assert len(rows) == 1
    row = rows[0]
    assert (row.area_text, row.level1, row.level2) == ("财政预决算", "部门预决算", "部门预算")
    assert row.rule == TimeRule(RuleKind.YEARLY)
    assert row.channels == (Channel.WEBSITE,)
    assert row.levels == (Level.COUNTY, Level.TOWNSHIP)


def test_the_two_row_layout_with_ticks_and_merged_headings():
    title = ["甘肃省涉农补贴领域基层政务公开标准目录"]
    top = [
        "序号",
        "公开事项",
        "",
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道和载体",
        "公开对象",
        "",
        "公开方式",
        "",
        "公开层级",
        "",
    ]
    sub = [
        "",
        "一级事项",
        "二级事项",
        "",
        "",
        "",
        "",
        "",
        "全社会",
        "特定群体",
        "主动",
        "依申请",
        "县级",
        "乡级",
    ]
    first = [
        "1",
        "耕地地力保护补贴",
        "补贴政策",
        "补贴对象、标准",
        "条例",
        "信息形成或者变更之日起20个工作日内",
        "县农业农村局",
        "■政府网站",
        "√",
        "",
        "√",
        "",
        "√",
        "√",
    ]
    second = [
        "2",
        "",
        "发放结果",
        "补贴对象、面积、金额",
        "条例",
        "每年",
        "乡镇人民政府",
        "■政府网站 ■社区/企事业单位/村公示栏（电子屏）",
        "",
        "√",
        "√",
        "",
        "",
        "√",
    ]
    rows = parse_catalog([Sheet("Sheet1", [title, top, sub, first, second])])
    assert [(r.level1, r.level2) for r in rows] == [
        ("耕地地力保护补贴", "补贴政策"),
        ("耕地地力保护补贴", "发放结果"),
    ]
    assert rows[1].audience is Audience.SPECIFIC and rows[1].levels == (Level.TOWNSHIP,)
    assert "涉农补贴" in rows[0].area_text  # from the title row


def test_every_row_problem_is_listed_with_its_row_number():
    bad = [
        "2",
        "财政预决算",
        "部门预决算",
        "部门决算",
        "",
        "",
        "批准后20日内",
        "各预算部门",
        "电报",
        "全社会",
        "主动",
        "省级",
    ]
    with pytest.raises(TableError) as error:
        parse_catalog([Sheet("", [FLAT_HEADER, ROW, bad, ROW])])
    problems = error.value.problems
    assert any(p.startswith("第3行：缺少公开内容（要素）、公开依据") for p in problems)
    assert any("第3行：无法识别的公开渠道“电报”" in p for p in problems)
    assert any("第3行：公开层级“省级”" in p for p in problems)
    assert any("第3行：无法从公开时限“批准后20日内”识别时限规则" in p for p in problems)
    assert any(p.startswith("第4行：") and "与第2行重复" in p for p in problems)
    assert "未写入任何数据" in str(error.value)


def test_a_file_without_the_header_is_refused():
    with pytest.raises(TableError, match="没有找到表头"):
        parse_catalog([Sheet("", [["名称", "备注"], ["a", "b"]])])


def test_areas_are_matched_by_name_alias_or_title():
    areas = {
        1: ["财政预决算", "预决算"],
        2: ["生态环境", "环境保护"],
        3: ["社会救助"],
        4: ["社会保险"],
    }
    assert match_area("财政预决算", areas) == 1
    assert match_area("环境保护领域", areas) == 2
    assert match_area("甘肃省社会救助领域基层政务公开标准目录", areas) == 3
    assert match_area("不存在", areas) is None


# --- Powers list -----------------------------------------------------------------------------


def test_powers_table_and_version_changes():
    header = [
        "序号",
        "权力类型",
        "权力编码",
        "权力名称",
        "设定依据",
        "实施主体",
        "责任事项",
        "追责情形",
    ]
    rows = parse_powers(
        [
            Sheet(
                "",
                [
                    header,
                    [
                        "1",
                        "行政许可",
                        "001",
                        "社会团体登记",
                        "条例第三条",
                        "县民政局",
                        "受理、审查",
                        "依法追责",
                    ],
                    [
                        "2",
                        "",
                        "002",
                        "婚姻登记",
                        "婚姻登记条例",
                        "县民政局",
                        "",
                        "",
                    ],  # type merged down
                    ["3", "公共服务事项", "", "养老服务指导", "办法", "", "", ""],
                ],
            )
        ]
    )
    kinds = [r.data.kind for r in rows]
    assert kinds == [PowerKind.LICENSING, PowerKind.LICENSING, PowerKind.PUBLIC_SERVICE]
    old = [r.data for r in rows]
    new = [
        old[0],
        PowerData(PowerKind.LICENSING, "婚姻登记", code="002", basis="《婚姻登记条例》第二条"),
        PowerData(PowerKind.BENEFIT, "高龄津贴"),
    ]
    changes = compare_versions(old, new)
    assert [p.name for p in changes.added] == ["高龄津贴"]
    assert [p.name for p in changes.removed] == ["养老服务指导"]
    assert changes.changed[0][2] == ["设定依据", "实施主体"]


def test_powers_table_problems_have_row_numbers():
    with pytest.raises(TableError) as error:
        parse_powers(
            [
                Sheet(
                    "",
                    [
                        ["权力类型", "权力名称", "设定依据"],
                        ["行政指导", "x", "y"],
                        ["行政许可", "", ""],
                    ],
                )
            ]
        )
    assert "第2行：权力类型“行政指导”无法识别" in error.value.problems[0]
    assert error.value.problems[1] == "第3行：缺少权力名称、设定依据。"
