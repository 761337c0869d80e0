"""Consistency checks of an annual report's tables before it may be published.

The format states one rule (table 三's 勾稽关系: 一 + 二 = 三（七） + 四, per column); the others
follow from how the tables are built and are what supervising offices check. Each rule is checked
per column, row or group, so that a failure names the cells to correct.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from gongkai.reports.domain import tables as t
from gongkai.reports.domain.layout import (
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

RULE_TITLES: dict[str, str] = {
    BALANCE: "勾稽关系：第一项加第二项之和，等于第三项加第四项之和",
    TOTAL_ROW: "三（七）总计等于各项办理结果之和",
    TOTAL_COLUMN: "总计列等于自然人与法人或其他组织各列之和",
    CARRIED_IN_MATCHES: "二（上年结转）等于上年度四（结转下年度继续办理）",
    APPEAL_TOTAL: "表四总计等于结果维持、结果纠正、其他结果、尚未审结之和",
    NOT_NEGATIVE: "各项数据不得为负数",
}

Cell = tuple[str, str]


@dataclass(frozen=True)
class CheckResult:
    rule: str
    ok: bool
    detail: str
    cells: list[Cell]
    """(row, column) of table 三, or (group, column) of table 四, or (row, column) of table 二."""


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


def check_report(
    table3: t.Table3,
    table4: t.Table4,
    *,
    previous_carried_out: Mapping[str, int] | None,
    table2: t.Table2 | None = None,
) -> list[CheckResult]:
    """Every check of every rule, passed or failed, in a stable order.

    `previous_carried_out` is last year's 四、结转下年度继续办理 row (column → count), or None when
    there is no report of last year to compare with (the first year on the platform).
    """
    results = [
        *_check_balance(table3),
        *_check_total_row(table3),
        *_check_total_column(table3),
    ]
    if previous_carried_out is not None:
        results.extend(_check_carried_in(table3, previous_carried_out))
    results.extend(_check_appeal_totals(table4))
    if table2 is not None:
        results.append(
            _check_not_negative(
                "表二", table2, lambda r, c: f"{_TABLE2_ROW_LABELS[r]}：{_TABLE2_COLUMN_LABELS[c]}"
            )
        )
    results.append(
        _check_not_negative(
            "表三",
            table3,
            lambda r, c: f"{TABLE3_COLUMN_REFERENCES[c]}：{TABLE3_ROW_REFERENCES[r]}",
        )
    )
    results.append(
        _check_not_negative(
            "表四", table4, lambda g, c: f"{TABLE4_GROUP_REFERENCES[g]}：{TABLE4_COLUMN_LABELS[c]}"
        )
    )
    return results


def report_is_publishable(checks: Iterable[CheckResult]) -> bool:
    return all(check.ok for check in checks)
