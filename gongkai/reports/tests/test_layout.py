from decimal import Decimal

from gongkai.reports.domain import layout
from gongkai.reports.domain import tables as t


def test_table3_rows_hold_every_key_once_in_the_formats_order():
    keys = [row.key for row in layout.TABLE3_ROW_LAYOUT if row.key is not None]
    assert keys == list(t.TABLE3_ROWS)


def test_table3_headings_and_levels_follow_the_format():
    printed = [(row.level, row.label) for row in layout.TABLE3_ROW_LAYOUT]
    assert printed[:5] == [
        (0, "一、本年新收政府信息公开申请数量"),
        (0, "二、上年结转政府信息公开申请数量"),
        (0, "三、本年度办理结果"),
        (1, "（一）予以公开"),
        (1, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ]
    assert printed[-2:] == [(1, "（七）总计"), (0, "四、结转下年度继续办理")]
    headings = [row.label for row in layout.TABLE3_ROW_LAYOUT if row.key is None]
    assert headings == [
        "三、本年度办理结果",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
    ]
    assert [row.level for row in layout.TABLE3_ROW_LAYOUT].count(2) == 8 + 3 + 5 + 3


def test_table3_columns_and_their_grouping():
    assert [c.key for c in layout.TABLE3_COLUMN_LAYOUT] == list(t.TABLE3_COLUMNS)
    assert [(c.label, c.group) for c in layout.TABLE3_COLUMN_LAYOUT] == [
        ("自然人", None),
        ("商业企业", "法人或其他组织"),
        ("科研机构", "法人或其他组织"),
        ("社会公益组织", "法人或其他组织"),
        ("法律服务机构", "法人或其他组织"),
        ("其他", "法人或其他组织"),
        ("总计", None),
    ]
    assert layout.TABLE3_APPLICANT_HEADING == "申请人情况"
    assert (
        layout.TABLE3_BALANCE_NOTE
        == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    )


def test_every_cell_has_a_reference_for_messages():
    assert set(layout.TABLE3_ROW_REFERENCES) == set(t.TABLE3_ROWS)
    assert set(layout.TABLE3_COLUMN_REFERENCES) == set(t.TABLE3_COLUMNS)
    assert set(layout.TABLE4_GROUP_REFERENCES) == set(t.TABLE4_GROUPS)
    assert set(layout.TABLE4_COLUMN_LABELS) == set(t.TABLE4_COLUMNS)
    assert layout.TABLE3_ROW_REFERENCES["refused.state_secret"] == "三（三）1.属于国家秘密"
    assert layout.TABLE3_ROW_REFERENCES["partly_granted"] == "三（二）部分公开"


def test_table4_headers():
    assert [(g.key, g.label, g.parent) for g in layout.TABLE4_GROUP_LAYOUT] == [
        ("review", "行政复议", None),
        ("lawsuit_direct", "未经复议直接起诉", "行政诉讼"),
        ("lawsuit_after_review", "复议后起诉", "行政诉讼"),
    ]
    assert [layout.TABLE4_COLUMN_LABELS[c] for c in t.TABLE4_COLUMNS] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]


def test_table2_blocks_cover_the_table2_keys():
    layout_cells = {
        row: tuple(column for column, _ in block.columns)
        for block in layout.TABLE2_BLOCKS
        for row, _ in block.rows
    }
    assert layout_cells == t.TABLE2_ROW_COLUMNS
    assert [b.label for b in layout.TABLE2_BLOCKS] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]


def test_empty_table2_counts_are_int_and_the_fee_amount_is_decimal():
    table = t.empty_table2()
    assert table[t.FEES_COLLECTED] == {t.AMOUNT_WAN_YUAN: Decimal(0)}
    assert isinstance(table[t.FEES_COLLECTED][t.AMOUNT_WAN_YUAN], Decimal)
    assert table[t.RULES] == {t.ISSUED_THIS_YEAR: 0, t.REPEALED_THIS_YEAR: 0, t.IN_FORCE: 0}


def test_totals_are_filled_from_the_leaf_cells():
    table = t.empty_table3()
    table["granted"]["natural_person"] = 2
    table["unable.not_held"]["research"] = 1
    table[t.NEW]["research"] = 4
    filled = t.table3_with_totals(table)
    assert filled[t.TOTAL] == dict.fromkeys(t.TABLE3_COLUMNS, 0) | {
        "natural_person": 2,
        "research": 1,
        t.TOTAL: 3,
    }
    assert filled[t.NEW][t.TOTAL] == 4
    assert table[t.TOTAL][t.TOTAL] == 0, "the input is left unchanged"

    table4 = t.empty_table4()
    table4["review"]["upheld"] = 2
    table4["review"]["pending"] = 1
    assert t.table4_with_totals(table4)["review"][t.TOTAL] == 3
