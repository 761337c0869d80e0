"""The checks a supervising office runs on a report it receives beyond the arithmetic of table
三: no blank or "/" cell, table 二's 现行有效 carried over from last year, section 五 written and
section 六 stating the 信息处理费 as the records show it."""

import copy
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.reports.domain import tables as t
from gongkai.reports.domain.checks import (
    CELLS_FILLED,
    FEES_STATED,
    IN_FORCE_CARRIED,
    SECTION_WRITTEN,
    FeesCollected,
    ReportTexts,
    check_report,
    check_texts,
    report_is_publishable,
)
from gongkai.reports.domain.narrative import ReportFacts, prefilled_texts
from gongkai.reports.tests import hand_fixture as fx

NP = fx.NP.value
NO_FEES = FeesCollected(0, Decimal(0))
WRITTEN = ReportTexts("总体情况。", "办理时限管理有待加强。", "本年度未收取信息处理费。")


def table2(rules=(0, 0, 0), normative=(0, 0, 0)) -> t.Table2:
    table = t.empty_table2()
    for row, (issued, repealed, in_force) in ((t.RULES, rules), (t.NORMATIVE_DOCUMENTS, normative)):
        table[row].update(
            {t.ISSUED_THIS_YEAR: issued, t.REPEALED_THIS_YEAR: repealed, t.IN_FORCE: in_force}
        )
    return table


def failing(**changes):
    args = {
        "table3": fx.EXPECTED_2025,
        "table4": fx.EXPECTED_APPEALS_2025,
        "previous_carried_out": None,
        "table2": t.empty_table2(),
        **changes,
    }
    table3, table4 = args.pop("table3"), args.pop("table4")
    return [(c.rule, c.detail, c.cells) for c in check_report(table3, table4, **args) if not c.ok]


# --- blank cells --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "detail"),
    [
        ("table3", t.NEW, NP, None, "表三有空白单元格：自然人：一（本年新收）为空"),
        ("table3", t.CARRIED_OUT, t.TOTAL, "", "表三有空白单元格：总计：四（结转下年度）为空"),
        (
            "table3",
            t.NEW,
            NP,
            "/",
            "表三有空白单元格：自然人：一（本年新收）填写了“/”，应填数字（没有的填0）",
        ),
        (
            "table4",
            fx.REVIEW,
            t.PENDING,
            "／",
            "表四有空白单元格：行政复议：尚未审结填写了“／”，应填数字（没有的填0）",
        ),
        (
            "table2",
            t.FEES_COLLECTED,
            t.AMOUNT_WAN_YUAN,
            None,
            "表二有空白单元格：行政事业性收费：本年收费金额（单位：万元）为空",
        ),
        (
            "table2",
            t.RULES,
            t.IN_FORCE,
            "3",
            "表二有空白单元格：规章：现行有效件数填写了“3”，应填数字（没有的填0）",
        ),
    ],
)
def test_a_blank_or_slash_cell_is_named(table, row, column, value, detail):
    tables = {
        "table2": t.empty_table2(),
        "table3": copy.deepcopy(fx.EXPECTED_2025),
        "table4": copy.deepcopy(fx.EXPECTED_APPEALS_2025),
    }
    tables[table][row][column] = value
    assert failing(**tables) == [(CELLS_FILLED, detail, [(row, column)])]


def test_a_missing_cell_is_blank_too():
    table4 = copy.deepcopy(fx.EXPECTED_APPEALS_2025)
    del table4[fx.REVIEW][t.TOTAL]
    assert failing(table4=table4) == [
        (CELLS_FILLED, "表四有空白单元格：行政复议：总计为空", [(fx.REVIEW, t.TOTAL)])
    ]


_TABLE3_CELLS = [(row, column) for row in t.TABLE3_ROWS for column in t.TABLE3_COLUMNS]


@given(
    st.sampled_from(_TABLE3_CELLS),
    st.sampled_from([None, "", " ", "/", "／", "-", "无"]),
)
def test_any_blanked_cell_fails_the_report_and_is_the_one_named(cell, blank):
    table3 = copy.deepcopy(fx.EXPECTED_2025)
    table3[cell[0]][cell[1]] = blank
    checks = check_report(table3, fx.EXPECTED_APPEALS_2025, previous_carried_out=None)
    assert not report_is_publishable(checks)
    # The sums cannot be formed: the blank is the one thing reported.
    assert [(c.rule, c.cells) for c in checks if not c.ok] == [(CELLS_FILLED, [cell])]


# --- table 二: 现行有效 carried over ----------------------------------------------------------------


def test_in_force_carries_over_from_last_year():
    previous = {t.RULES: 2, t.NORMATIVE_DOCUMENTS: 10}
    consistent = table2(rules=(1, 0, 3), normative=(4, 2, 12))
    assert failing(table2=consistent, previous_in_force=previous) == []
    broken = table2(rules=(1, 0, 3), normative=(4, 2, 13))
    assert failing(table2=broken, previous_in_force=previous) == [
        (
            IN_FORCE_CARRIED,
            "行政规范性文件：现行有效件数 13 ≠ 上年度现行有效件数 10 + 本年制发件数 4"
            " − 本年废止件数 2（= 12）",
            [
                (t.NORMATIVE_DOCUMENTS, t.IN_FORCE),
                (t.NORMATIVE_DOCUMENTS, t.ISSUED_THIS_YEAR),
                (t.NORMATIVE_DOCUMENTS, t.REPEALED_THIS_YEAR),
            ],
        )
    ]


def test_in_force_is_not_carried_over_without_last_years_report():
    checks = check_report(
        fx.EXPECTED_2025,
        fx.EXPECTED_APPEALS_2025,
        previous_carried_out=None,
        table2=table2(rules=(0, 0, 99)),
    )
    assert not any(c.rule == IN_FORCE_CARRIED for c in checks)


_COUNT = st.integers(min_value=0, max_value=500)


@given(_COUNT, _COUNT, _COUNT, st.integers(min_value=-5, max_value=5))
def test_in_force_passes_exactly_when_the_stock_adds_up(previous, issued, repealed, off):
    in_force = previous + issued - repealed + off
    checks = check_report(
        fx.EXPECTED_2025,
        fx.EXPECTED_APPEALS_2025,
        previous_carried_out=None,
        table2=table2(rules=(issued, repealed, in_force)),
        previous_in_force={t.RULES: previous, t.NORMATIVE_DOCUMENTS: 0},
    )
    [rules] = [c for c in checks if c.rule == IN_FORCE_CARRIED and c.cells[0][0] == t.RULES]
    assert rules.ok == (off == 0)


# --- the text -----------------------------------------------------------------------------------

PROBLEMS = "五、存在的主要问题及改进情况"
OTHER = "六、其他需要报告的事项"


@pytest.mark.parametrize(
    ("problems", "detail"),
    [
        ("", f"{PROBLEMS}：未填写"),
        ("  \n ", f"{PROBLEMS}：未填写"),
        ("无", f"{PROBLEMS}：只写了“无”，应如实说明相关情况"),
        ("暂无。", f"{PROBLEMS}：只写了“暂无。”，应如实说明相关情况"),
        ("/", f"{PROBLEMS}：只写了“/”，应如实说明相关情况"),
        ("无问题。", f"{PROBLEMS}：只写了“无问题。”，应如实说明相关情况"),
        ("未发现问题，下一步将继续规范依申请公开办理。", None),
        ("依申请公开答复的规范性有待提高，下一步将加强培训。", None),
    ],
)
def test_section_five_must_be_written(problems, detail):
    texts = ReportTexts(WRITTEN.overview, problems, WRITTEN.other_matters)
    failed = [(c.rule, c.detail) for c in check_texts(texts, NO_FEES) if not c.ok]
    assert failed == ([] if detail is None else [(SECTION_WRITTEN, detail)])


def test_section_one_must_be_written_too():
    texts = ReportTexts("", WRITTEN.problems, WRITTEN.other_matters)
    failed = [(c.rule, c.detail) for c in check_texts(texts, NO_FEES) if not c.ok]
    assert failed == [(SECTION_WRITTEN, "一、总体情况：未填写")]


TWO_FEES = FeesCollected(2, Decimal("200.50"))


@pytest.mark.parametrize(
    ("other_matters", "fees", "detail"),
    [
        ("2025年，本机关未收取信息处理费。", NO_FEES, None),
        ("本年度没有收取信息处理费。", NO_FEES, None),
        ("信息处理费：0元。", NO_FEES, None),
        ("", NO_FEES, f"{OTHER}：收费记录显示本期未收取信息处理费，正文应写明“未收取信息处理费”"),
        (
            "无。",
            NO_FEES,
            f"{OTHER}：收费记录显示本期未收取信息处理费，正文应写明“未收取信息处理费”",
        ),
        (
            "本年度收取信息处理费150元。",
            NO_FEES,
            f"{OTHER}：收费记录显示本期未收取信息处理费，正文应写明“未收取信息处理费”",
        ),
        ("收取信息处理费2笔，共计200.50元。", TWO_FEES, None),
        ("共收取信息处理费200.5元。", TWO_FEES, None),
        ("共收取信息处理费0.02005万元。", TWO_FEES, None),
        (
            "无。",
            TWO_FEES,
            f"{OTHER}：收费记录显示本期收取信息处理费2笔、共200.50元，正文没有说明",
        ),
        (
            "本年度未收取信息处理费。",
            TWO_FEES,
            f"{OTHER}：收费记录显示本期收取信息处理费2笔、共200.50元，正文所写金额与之不符",
        ),
        (
            "收取信息处理费2笔，共计120元。",
            TWO_FEES,
            f"{OTHER}：收费记录显示本期收取信息处理费2笔、共200.50元，正文所写金额与之不符",
        ),
    ],
)
def test_section_six_states_the_processing_fee_as_recorded(other_matters, fees, detail):
    texts = ReportTexts(WRITTEN.overview, WRITTEN.problems, other_matters)
    failed = [(c.rule, c.detail) for c in check_texts(texts, fees) if not c.ok]
    assert failed == ([] if detail is None else [(FEES_STATED, detail)])


_AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)


@given(
    st.integers(min_value=0, max_value=40),
    _AMOUNTS,
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=30),
)
def test_the_prefilled_text_passes_the_text_checks(fee_count, amount, replies, late):
    """What `narrative` writes from the records is what the checks accept, whatever the records."""
    yuan = amount if fee_count else Decimal(0)
    facts = ReportFacts(
        period_name="2025年",
        subject="本机关",
        documents_published=3,
        rules_issued=0,
        normative_issued=1,
        interpretations_published=1,
        requests_new=replies,
        requests_carried_in=0,
        requests_closed=replies,
        requests_granted=replies,
        requests_carried_out=0,
        closed_late=min(late, replies),
        fees_collected_count=fee_count,
        fees_collected_yuan=yuan,
        appeals=0,
        appeals_corrected=0,
    )
    texts = ReportTexts(**prefilled_texts(facts))
    checks = check_texts(texts, FeesCollected(fee_count, yuan))
    assert report_is_publishable(checks), [c.detail for c in checks if not c.ok]


def test_the_printed_tables_show_0_never_a_blank_or_slash():
    """What a supervising office's tool reads is the published tables: every number cell of
    tables 二, 三 and 四 prints a number, 0 where there is nothing."""
    from gongkai.reports.domain.grid import table2_grid, table3_grid, table4_grid

    grids = [
        table2_grid(t.empty_table2()),
        table3_grid(t.empty_table3()),
        table4_grid(t.empty_table4()),
    ]
    cells = [cell for grid in grids for row in grid.rows for cell in row if cell.key]
    table2_cells = sum(len(columns) for columns in t.TABLE2_ROW_COLUMNS.values())
    table3_cells = len(t.TABLE3_ROWS) * len(t.TABLE3_COLUMNS)
    table4_cells = len(t.TABLE4_GROUPS) * len(t.TABLE4_COLUMNS)
    assert len(cells) == table2_cells + table3_cells + table4_cells
    assert {cell.text for cell in cells} == {"0"}
