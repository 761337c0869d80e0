"""The pure parts added for the stored report: periods, figures files, charts, the grid, text."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from gongkai.reports.domain.charts import describe, grouped_bar_chart, nice_ceiling
from gongkai.reports.domain.figures import Figures, FiguresError, check_figures, parse_figure_rows
from gongkai.reports.domain.grid import (
    number_text,
    positioned,
    table2_grid,
    table3_grid,
    table4_grid,
    values_of,
)
from gongkai.reports.domain.narrative import ReportFacts, fee_line, overview_text, problems_text
from gongkai.reports.domain.periods import Period, deadline_rule, default_covers_subtree
from gongkai.reports.domain.tables import TABLE3_COLUMNS, TABLE3_ROWS, empty_table2
from gongkai.reports.tests import hand_fixture as fx

HEADER = ["unit", "year", "period", "licensing", "penalty", "coercion", "fees_wan_yuan"]


def test_periods():
    assert Period.ANNUAL.dates(2025) == (date(2025, 1, 1), date(2025, 12, 31))
    assert Period.HALF_YEAR.dates(2025) == (date(2025, 1, 1), date(2025, 6, 30))
    assert Period.HALF_YEAR.title("某局", 2025) == "某局2025年上半年政府信息公开工作情况报告"
    assert deadline_rule("government") == "annual-report-government"
    assert deadline_rule("department") == deadline_rule("township") == "annual-report-department"
    assert deadline_rule("village") is None
    assert default_covers_subtree("government") and not default_covers_subtree("township")


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (["C", "2025", "", "1", "1", "1", "-2"], "行政事业性收费（万元）应为不小于0的数字"),
        (["C", "2025", "", "1.5", "1", "1", "0"], "行政许可应为不小于0的整数"),
        (["C", "2025", "", "1", "1", "1", "0.00001"], "最多保留4位小数"),
        (["C", "2025", "全年报", "1", "1", "1", "0"], "报告期应为“年度”或“半年”"),
        (["", "2025", "", "1", "1", "1", "0"], "单位代码为空"),
        (["C", "25", "", "1", "1", "1", "0"], "年度应为四位年份"),
        (["C", "2025", "", "1", "1", "1", "NaN"], "应为不小于0的数字"),
    ],
)
def test_bad_figure_rows_are_named_by_row(row, problem):
    with pytest.raises(FiguresError) as refused:
        parse_figure_rows([HEADER, ["C", "2024", "", "0", "0", "0", "0"], row])
    assert len(refused.value.problems) == 1
    assert (
        refused.value.problems[0].startswith("第 3 行：") and problem in refused.value.problems[0]
    )


def test_figure_files_accept_chinese_headers_thousands_and_blank_lines():
    rows = parse_figure_rows(
        [
            ["单位代码", "年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费（万元）"],
            [],
            ["C", "2025年", "1,200", "", "3.0", "12.5"],
        ]
    )
    assert rows[0].row == 3 and rows[0].period is Period.ANNUAL
    assert rows[0].figures == Figures(1200, 0, 3, Decimal("12.5"))


def test_figure_files_refuse_duplicates_missing_columns_and_emptiness():
    with pytest.raises(FiguresError, match="与第 2 行重复"):
        parse_figure_rows(
            [
                HEADER,
                ["C", "2025", "", "1", "1", "1", "1"],
                ["C", "2025", "年度", "0", "0", "0", "0"],
            ]
        )
    with pytest.raises(FiguresError, match="缺少列：行政强制"):
        parse_figure_rows([["unit", "year", "licensing", "penalty", "fees_wan_yuan"]])
    with pytest.raises(FiguresError, match="没有数据行"):
        parse_figure_rows([HEADER])
    with pytest.raises(FiguresError, match="文件为空"):
        parse_figure_rows([])
    assert check_figures(Figures(-1, 0, 0, Decimal("0.12345"))) == [
        "行政许可不能为负数",
        "行政事业性收费（万元）最多保留4位小数",
    ]


def test_charts():
    assert [nice_ceiling(n) for n in (0, 1, 3, 10, 11, 24, 51, 300)] == [
        1,
        1,
        5,
        10,
        20,
        50,
        100,
        500,
    ]
    chart = grouped_bar_chart(
        title="收到申请",
        categories=["2024年", "2025年"],
        series=[("新收", [5, 10]), ("办结", [4, 0])],
    )
    assert (
        chart.description
        == "收到申请。新收：2024年 5件，2025年 10件；办结：2024年 4件，2025年 0件。"
    )
    tallest = max(chart.bars, key=lambda b: b.value)
    assert tallest.y == chart.plot_top and tallest.height == chart.plot_bottom - chart.plot_top
    assert [t.value for t in chart.ticks] == [0, 5, 10]
    assert chart.rows == [("2024年", (5, 4)), ("2025年", (10, 0))]
    empty = grouped_bar_chart(title="无", categories=["2025年"], series=[("新收", [0])])
    assert empty.bars[0].height == 0 and [t.value for t in empty.ticks] == [0, 1]
    with pytest.raises(ValueError):
        grouped_bar_chart(title="x", categories=["a"], series=[("s", [1, 2])])
    assert describe("t", ["a"], [("s", [1])]) == "t。s：a 1件。"


def test_the_grids_show_every_cell_once_in_the_official_layout():
    grid3 = table3_grid(fx.EXPECTED_2025)
    values = values_of(grid3)
    assert len(values) == len(TABLE3_ROWS) * len(TABLE3_COLUMNS)
    assert values[("table3", "new", "total")] == "10"
    # Every row of the grid covers every column exactly once.
    covered: dict[int, int] = {}
    for r, _, cell in positioned(grid3):
        for dr in range(cell.rowspan):
            covered[r + dr] = covered.get(r + dr, 0) + cell.colspan
    assert set(covered.values()) == {grid3.columns}
    assert len(values_of(table4_grid(fx.EXPECTED_APPEALS_2025))) == 15
    table2 = empty_table2()
    table2["fees_collected"]["amount_wan_yuan"] = Decimal("12.5000")
    assert values_of(table2_grid(table2))[("table2", "fees_collected", "amount_wan_yuan")] == "12.5"
    assert number_text(Decimal("0.0000")) == "0" and number_text(Decimal("100")) == "100"


FACTS_2025 = ReportFacts(
    period_name="2025年",
    subject="本机关",
    documents_published=12,
    rules_issued=0,
    normative_issued=3,
    interpretations_published=2,
    requests_new=10,
    requests_carried_in=3,
    requests_closed=9,
    requests_granted=4,
    requests_carried_out=4,
    closed_late=1,
    fees_collected_count=0,
    fees_collected_yuan=Decimal(0),
    appeals=5,
    appeals_corrected=1,
)


def test_the_prefilled_sentences():
    facts = FACTS_2025
    text = overview_text(facts)
    assert "主动公开政府信息12条，其中制发规章0件、行政规范性文件3件" in text
    assert "被申请行政复议、提起行政诉讼5件，其中结果被纠正1件" in text
    assert (
        problems_text(facts)
        == "2025年办结的9件申请中，有1件超过法定期限答复，依申请公开办理时限管理有待加强。"
    )
    assert problems_text(replace(facts, closed_late=0)) == "2025年办结的9件申请均在法定期限内办结。"
    assert fee_line(facts) == "2025年，本机关未收取信息处理费。"
    assert ReportFacts.from_json(facts.to_json()) == facts


def test_facts_frozen_before_closed_late_still_read():
    frozen = {
        **{k: v for k, v in FACTS_2025.to_json().items() if k != "closed_late"},
        "replies": 7,
        "replies_late": 2,
    }
    assert ReportFacts.from_json(frozen) == replace(FACTS_2025, closed_late=2)
