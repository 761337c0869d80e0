"""Checks of an annual report before it may be published.

The format states one rule (table 三's 勾稽关系: 一 + 二 = 三（七） + 四, per column); the others
follow from how the tables are built and are what supervising offices run on the reports they
receive (e.g. the open-source KIROGOVCOMPARE): totals, carry-over across years, no blank or "/"
cell, section 五 written, the 信息处理费 stated in section 六. Each rule is checked per column, row,
group or section, so that a failure names the cells or the section to correct.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gongkai.reports.domain import tables as t
from gongkai.reports.domain.layout import (
    REPORT_SECTIONS,
    TABLE2_BLOCKS,
    TABLE3_COLUMN_REFERENCES,
    TABLE3_ROW_REFERENCES,
    TABLE4_COLUMN_LABELS,
    TABLE4_GROUP_REFERENCES,
)

BALANCE = "table3.balance"
TOTAL_ROW = "table3.total_row"
TOTAL_COLUMN = "table3.total_column"
CARRIED_IN_MATCHES = "table3.carried_in"
APPEAL_TOTAL = "table4.total"
NOT_NEGATIVE = "not_negative"
CELLS_FILLED = "cells_filled"
IN_FORCE_CARRIED = "table2.in_force"
SECTION_WRITTEN = "text.section_written"
FEES_STATED = "text.fees_stated"

RULE_TITLES: dict[str, str] = {
    BALANCE: "勾稽关系：第一项加第二项之和，等于第三项加第四项之和",
    TOTAL_ROW: "三（七）总计等于各项办理结果之和",
    TOTAL_COLUMN: "总计列等于自然人与法人或其他组织各列之和",
    CARRIED_IN_MATCHES: "二（上年结转）等于上年度四（结转下年度继续办理）",
    APPEAL_TOTAL: "表四总计等于结果维持、结果纠正、其他结果、尚未审结之和",
    NOT_NEGATIVE: "各项数据不得为负数",
    CELLS_FILLED: "表格没有空白或填“/”的单元格",
    IN_FORCE_CARRIED: "表二现行有效件数等于上年度现行有效件数加本年制发件数减本年废止件数",
    SECTION_WRITTEN: "“一、总体情况”和“五、存在的主要问题及改进情况”已如实填写",
    FEES_STATED: "“六、其他需要报告的事项”说明信息处理费收取情况，与收费记录一致",
}

Cell = tuple[str, str]


@dataclass(frozen=True)
class CheckResult:
    rule: str
    ok: bool
    detail: str
    cells: list[Cell]
    """(row, column) of table 三, or (group, column) of table 四, or (row, column) of table 二;
    empty for a check of the text, whose detail names the section."""


@dataclass(frozen=True)
class ReportTexts:
    """The sections the unit writes (一, 五, 六), as the text checks read them."""

    overview: str
    problems: str
    other_matters: str


@dataclass(frozen=True)
class FeesCollected:
    """The 信息处理费 the records show collected in the period (paid fee notices)."""

    count: int
    yuan: Decimal


def _amount(name: str, value: int) -> str:
    """A space between name and number only where no bracket separates them.

    As the format's readers write it: 一（本年新收）3, 三（七）总计 2.
    """
    return f"{name}{value}" if name.endswith("）") else f"{name} {value}"


def _sum_text(parts: Iterable[tuple[str, int]]) -> str:
    return " + ".join(_amount(name, value) for name, value in parts)


def _relation(ok: bool) -> str:
    return "=" if ok else "≠"


def _check_balance(table3: t.Table3) -> list[CheckResult]:
    results = []
    for column in t.TABLE3_COLUMNS:
        left, right = (t.NEW, t.CARRIED_IN), (t.TOTAL, t.CARRIED_OUT)
        left_sum = sum(table3[row][column] for row in left)
        right_sum = sum(table3[row][column] for row in right)
        ok = left_sum == right_sum
        detail = (
            f"{TABLE3_COLUMN_REFERENCES[column]}："
            f"{_sum_text((TABLE3_ROW_REFERENCES[r], table3[r][column]) for r in left)} "
            f"{_relation(ok)} "
            f"{_sum_text((TABLE3_ROW_REFERENCES[r], table3[r][column]) for r in right)}"
        )
        results.append(CheckResult(BALANCE, ok, detail, [(r, column) for r in (*left, *right)]))
    return results


def _check_total_row(table3: t.Table3) -> list[CheckResult]:
    results = []
    for column in t.TABLE3_COLUMNS:
        total = table3[t.TOTAL][column]
        outcomes_sum = sum(table3[row][column] for row in t.OUTCOME_ROWS)
        ok = total == outcomes_sum
        detail = (
            f"{TABLE3_COLUMN_REFERENCES[column]}：{_amount(TABLE3_ROW_REFERENCES[t.TOTAL], total)} "
            f"{_relation(ok)} 各项办理结果之和 {outcomes_sum}"
        )
        cells = [(t.TOTAL, column), *((row, column) for row in t.OUTCOME_ROWS)]
        results.append(CheckResult(TOTAL_ROW, ok, detail, cells))
    return results


def _check_total_column(table3: t.Table3) -> list[CheckResult]:
    results = []
    for row in t.TABLE3_ROWS:
        total = table3[row][t.TOTAL]
        applicants_sum = sum(table3[row][column] for column in t.APPLICANT_COLUMNS)
        ok = total == applicants_sum
        parts = _sum_text(
            (TABLE3_COLUMN_REFERENCES[c], table3[row][c]) for c in t.APPLICANT_COLUMNS
        )
        detail = (
            f"{TABLE3_ROW_REFERENCES[row]}：总计 {total} {_relation(ok)} "
            f"各类申请人之和 {applicants_sum}（{parts}）"
        )
        cells = [(row, t.TOTAL), *((row, column) for column in t.APPLICANT_COLUMNS)]
        results.append(CheckResult(TOTAL_COLUMN, ok, detail, cells))
    return results


def _check_carried_in(
    table3: t.Table3, previous_carried_out: Mapping[str, int]
) -> list[CheckResult]:
    results = []
    for column in t.TABLE3_COLUMNS:
        carried_in, previous = table3[t.CARRIED_IN][column], previous_carried_out[column]
        ok = carried_in == previous
        detail = (
            f"{TABLE3_COLUMN_REFERENCES[column]}："
            f"{_amount(TABLE3_ROW_REFERENCES[t.CARRIED_IN], carried_in)} {_relation(ok)} "
            f"{_amount('上年度' + TABLE3_ROW_REFERENCES[t.CARRIED_OUT], previous)}"
        )
        results.append(CheckResult(CARRIED_IN_MATCHES, ok, detail, [(t.CARRIED_IN, column)]))
    return results


def _check_appeal_totals(table4: t.Table4) -> list[CheckResult]:
    results = []
    for group in t.TABLE4_GROUPS:
        total = table4[group][t.TOTAL]
        parts = [(TABLE4_COLUMN_LABELS[c], table4[group][c]) for c in t.TABLE4_RESULT_COLUMNS]
        parts_sum = sum(value for _, value in parts)
        ok = total == parts_sum
        detail = (
            f"{TABLE4_GROUP_REFERENCES[group]}：总计 {total} {_relation(ok)} "
            f"{_sum_text(parts)}（= {parts_sum}）"
        )
        cells = [(group, column) for column in t.TABLE4_COLUMNS]
        results.append(CheckResult(APPEAL_TOTAL, ok, detail, cells))
    return results


def _check_not_negative(
    table_name: str,
    table: Mapping[str, Mapping[str, int | Decimal]],
    name_of: Callable[[str, str], str],
) -> CheckResult:
    negative = [
        (row, column)
        for row, cells in table.items()
        for column, value in cells.items()
        if value < 0
    ]
    if not negative:
        return CheckResult(NOT_NEGATIVE, True, f"{table_name}没有负数", [])
    listed = "；".join(f"{name_of(row, column)} {table[row][column]}" for row, column in negative)
    return CheckResult(NOT_NEGATIVE, False, f"{table_name}有负数：{listed}", negative)


_TABLE2_ROW_LABELS = {key: label for block in TABLE2_BLOCKS for key, label in block.rows}
_TABLE2_COLUMN_LABELS = {key: label for block in TABLE2_BLOCKS for key, label in block.columns}


def _is_number(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _blank_text(value: object) -> str:
    if isinstance(value, str) and value.strip():
        return f"填写了“{value.strip()}”，应填数字（没有的填0）"
    return "为空"


def _check_cells_filled(
    table_name: str,
    table: Mapping[str, Mapping[str, object]],
    shape: Mapping[str, Iterable[str]],
    name_of: Callable[[str, str], str],
) -> CheckResult:
    """Every cell the format has holds a number: 0 where there is nothing, never blank or "/"."""
    blank = [
        (row, column)
        for row, columns in shape.items()
        for column in columns
        if not _is_number(table.get(row, {}).get(column))
    ]
    if not blank:
        return CheckResult(CELLS_FILLED, True, f"{table_name}没有空白单元格", [])
    listed = "；".join(
        f"{name_of(row, column)}{_blank_text(table.get(row, {}).get(column))}"
        for row, column in blank
    )
    return CheckResult(CELLS_FILLED, False, f"{table_name}有空白单元格：{listed}", blank)


def _table2_name(row: str, column: str) -> str:
    return f"{_TABLE2_ROW_LABELS[row]}：{_TABLE2_COLUMN_LABELS[column]}"


def _table3_name(row: str, column: str) -> str:
    return f"{TABLE3_COLUMN_REFERENCES[column]}：{TABLE3_ROW_REFERENCES[row]}"


def _table4_name(group: str, column: str) -> str:
    return f"{TABLE4_GROUP_REFERENCES[group]}：{TABLE4_COLUMN_LABELS[column]}"


def _filled_checks(
    table2: Mapping[str, Mapping[str, object]] | None,
    table3: Mapping[str, Mapping[str, object]],
    table4: Mapping[str, Mapping[str, object]],
) -> list[CheckResult]:
    shapes: list[tuple[str, Mapping[str, Mapping[str, object]], Mapping, Callable]] = []
    if table2 is not None:
        shapes.append(("表二", table2, t.TABLE2_ROW_COLUMNS, _table2_name))
    shapes.append(("表三", table3, dict.fromkeys(t.TABLE3_ROWS, t.TABLE3_COLUMNS), _table3_name))
    shapes.append(("表四", table4, dict.fromkeys(t.TABLE4_GROUPS, t.TABLE4_COLUMNS), _table4_name))
    return [_check_cells_filled(*shape) for shape in shapes]


DOCUMENT_ROWS: tuple[str, ...] = (t.RULES, t.NORMATIVE_DOCUMENTS)


def _check_in_force_carried(
    table2: t.Table2, previous_in_force: Mapping[str, int]
) -> list[CheckResult]:
    """现行有效(Y) = 现行有效(Y−1) + 本年制发 − 本年废止, for 规章 and for 行政规范性文件."""
    results = []
    for row in DOCUMENT_ROWS:
        cells = table2[row]
        in_force, issued, repealed = (
            cells[t.IN_FORCE],
            cells[t.ISSUED_THIS_YEAR],
            cells[t.REPEALED_THIS_YEAR],
        )
        expected = previous_in_force[row] + issued - repealed
        ok = in_force == expected
        detail = (
            f"{_TABLE2_ROW_LABELS[row]}：现行有效件数 {in_force} {_relation(ok)} "
            f"上年度现行有效件数 {previous_in_force[row]} + 本年制发件数 {issued} "
            f"− 本年废止件数 {repealed}（= {expected}）"
        )
        cells_named = [(row, t.IN_FORCE), (row, t.ISSUED_THIS_YEAR), (row, t.REPEALED_THIS_YEAR)]
        results.append(CheckResult(IN_FORCE_CARRIED, ok, detail, cells_named))
    return results


# --- The text ----------------------------------------------------------------------------------

OVERVIEW_SECTION, PROBLEMS_SECTION, OTHER_MATTERS_SECTION = (
    REPORT_SECTIONS[0],
    REPORT_SECTIONS[4],
    REPORT_SECTIONS[5],
)

FEE_NAME = "信息处理费"
# "未收取信息处理费", "没有收取", "未产生信息处理费": what reports write when there was none.
_NONE_COLLECTED = re.compile(r"未收取|没有收取|未产生|没有产生|未发生|不收取|零元")
# An amount in 元 or 万元, as reports write it: 150元, 1,500.00元, 0.015万元.
_AMOUNT = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(万?)元")
# Punctuation and spaces, which say nothing on their own.
_NOT_WORDS = re.compile(r"[\s\W_]+")


def _says_nothing(text: str) -> bool:
    """Blank, or a placeholder instead of the section: "无", "/", "暂无。", "无问题"."""
    words = _NOT_WORDS.sub("", text)
    return words in {"", "无", "暂无", "没有", "略", "不涉及", "无问题", "暂无问题", "没有问题"}


def _check_section_written(name: str, text: str) -> CheckResult:
    if not text.strip():
        return CheckResult(SECTION_WRITTEN, False, f"{name}：未填写", [])
    if _says_nothing(text):
        return CheckResult(
            SECTION_WRITTEN,
            False,
            f"{name}：只写了“{text.strip()}”，应如实说明相关情况",
            [],
        )
    return CheckResult(SECTION_WRITTEN, True, f"{name}：已填写", [])


def _amounts_in_yuan(text: str) -> set[Decimal]:
    amounts = set()
    for number, wan in _AMOUNT.findall(text):
        try:
            value = Decimal(number.replace(",", "").replace("，", ""))
        except InvalidOperation:
            continue
        amounts.add(value * 10000 if wan else value)
    return amounts


def _yuan_text(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'))}元"


def _check_fees_stated(text: str, fees: FeesCollected) -> CheckResult:
    """Section 六 says what the records show: the amount collected, or that none was."""
    name = OTHER_MATTERS_SECTION
    mentions_fee = FEE_NAME in text
    says_none = bool(_NONE_COLLECTED.search(text)) or Decimal(0) in _amounts_in_yuan(text)
    if not fees.count:
        if mentions_fee and says_none:
            return CheckResult(FEES_STATED, True, f"{name}：已说明未收取{FEE_NAME}", [])
        return CheckResult(
            FEES_STATED,
            False,
            f"{name}：收费记录显示本期未收取{FEE_NAME}，正文应写明“未收取{FEE_NAME}”",
            [],
        )
    collected = f"{fees.count}笔、共{_yuan_text(fees.yuan)}"
    if not mentions_fee:
        return CheckResult(
            FEES_STATED,
            False,
            f"{name}：收费记录显示本期收取{FEE_NAME}{collected}，正文没有说明",
            [],
        )
    if fees.yuan not in _amounts_in_yuan(text):
        return CheckResult(
            FEES_STATED,
            False,
            f"{name}：收费记录显示本期收取{FEE_NAME}{collected}，正文所写金额与之不符",
            [],
        )
    return CheckResult(FEES_STATED, True, f"{name}：已说明收取{FEE_NAME}{collected}", [])


def check_texts(texts: ReportTexts, fees: FeesCollected) -> list[CheckResult]:
    """Sections 一 and 五 written (a supervising office rejects an empty 五), and section 六
    stating the 信息处理费 as the records show it."""
    return [
        _check_section_written(OVERVIEW_SECTION, texts.overview),
        _check_section_written(PROBLEMS_SECTION, texts.problems),
        _check_fees_stated(texts.other_matters, fees),
    ]


def check_report(
    table3: t.Table3,
    table4: t.Table4,
    *,
    previous_carried_out: Mapping[str, int] | None,
    table2: t.Table2 | None = None,
    previous_in_force: Mapping[str, int] | None = None,
) -> list[CheckResult]:
    """Every check of every rule, passed or failed, in a stable order.

    `previous_carried_out` is last year's 四、结转下年度继续办理 row (column → count), and
    `previous_in_force` last year's 现行有效 of 规章 and 行政规范性文件 (table 二 row → count); None
    when there is no report of last year to compare with (the first year on the platform).
    The text of a stored report is checked by `check_texts`.

    A table with a blank cell is checked for nothing else: its sums cannot be formed.
    """
    results = _filled_checks(table2, table3, table4)
    if report_is_publishable(results):
        results.extend(
            _table_checks(table3, table4, table2, previous_carried_out, previous_in_force)
        )
    return results


def _table_checks(
    table3: t.Table3,
    table4: t.Table4,
    table2: t.Table2 | None,
    previous_carried_out: Mapping[str, int] | None,
    previous_in_force: Mapping[str, int] | None,
) -> list[CheckResult]:
    results = [
        *_check_balance(table3),
        *_check_total_row(table3),
        *_check_total_column(table3),
    ]
    if previous_carried_out is not None:
        results.extend(_check_carried_in(table3, previous_carried_out))
    results.extend(_check_appeal_totals(table4))
    if table2 is not None:
        if previous_in_force is not None:
            results.extend(_check_in_force_carried(table2, previous_in_force))
        results.append(_check_not_negative("表二", table2, _table2_name))
    results.append(_check_not_negative("表三", table3, _table3_name))
    results.append(_check_not_negative("表四", table4, _table4_name))
    return results


def report_is_publishable(checks: Iterable[CheckResult]) -> bool:
    return all(check.ok for check in checks)
