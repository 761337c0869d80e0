"""The keys and shapes of tables 二, 三 and 四 of the annual report (国办公开办函〔2021〕30号).

Shared by the request module, its CSV import, the SQL aggregation, the checks and the renderers.
The official Chinese labels live in `layout.py`.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from gongkai.requests.domain.outcomes import ApplicantType, Outcome

TOTAL = "total"

# --- Table 三: rows × columns of request counts -------------------------------------------

NEW = "new"
CARRIED_IN = "carried_in"
CARRIED_OUT = "carried_out"

OUTCOME_ROWS: tuple[str, ...] = tuple(o.value for o in Outcome)
TABLE3_ROWS: tuple[str, ...] = (NEW, CARRIED_IN, *OUTCOME_ROWS, TOTAL, CARRIED_OUT)
APPLICANT_COLUMNS: tuple[str, ...] = tuple(a.value for a in ApplicantType)
TABLE3_COLUMNS: tuple[str, ...] = (*APPLICANT_COLUMNS, TOTAL)

# Keys are plain strings (the enum values), so that tables compare, serialise and come back from
# the database or a JSON field unchanged.
Table3 = dict[str, dict[str, int]]


def empty_table3() -> Table3:
    return {row: dict.fromkeys(TABLE3_COLUMNS, 0) for row in TABLE3_ROWS}


def table3_with_totals(table: Table3) -> Table3:
    """A copy whose 总计 column and （七）总计 row are recomputed from the other cells."""
    result = {row: dict(cells) for row, cells in table.items()}
    for column in APPLICANT_COLUMNS:
        result[TOTAL][column] = sum(result[row][column] for row in OUTCOME_ROWS)
    for cells in result.values():
        cells[TOTAL] = sum(cells[column] for column in APPLICANT_COLUMNS)
    return result


# --- Table 四: appeal groups × results ------------------------------------------------------


class AppealKind(StrEnum):
    REVIEW = "review"  # 行政复议
    LAWSUIT_DIRECT = "lawsuit_direct"  # 行政诉讼，未经复议直接起诉
    LAWSUIT_AFTER_REVIEW = "lawsuit_after_review"  # 行政诉讼，复议后起诉


class AppealResult(StrEnum):
    UPHELD = "upheld"  # 结果维持
    CORRECTED = "corrected"  # 结果纠正
    OTHER = "other"  # 其他结果


PENDING = "pending"  # 尚未审结

TABLE4_GROUPS: tuple[str, ...] = tuple(k.value for k in AppealKind)
TABLE4_RESULT_COLUMNS: tuple[str, ...] = (*(r.value for r in AppealResult), PENDING)
TABLE4_COLUMNS: tuple[str, ...] = (*TABLE4_RESULT_COLUMNS, TOTAL)

Table4 = dict[str, dict[str, int]]


def empty_table4() -> Table4:
    return {group: dict.fromkeys(TABLE4_COLUMNS, 0) for group in TABLE4_GROUPS}


def table4_with_totals(table: Table4) -> Table4:
    """A copy whose 总计 column is recomputed from the other cells of each group."""
    result = {group: dict(cells) for group, cells in table.items()}
    for cells in result.values():
        cells[TOTAL] = sum(cells[column] for column in TABLE4_RESULT_COLUMNS)
    return result


# --- Table 二: proactive disclosure, row → its own columns -----------------------------------

RULES = "rules"  # 规章
NORMATIVE_DOCUMENTS = "normative_documents"  # 行政规范性文件
LICENSING = "licensing"  # 行政许可
PENALTY = "penalty"  # 行政处罚
COERCION = "coercion"  # 行政强制
FEES_COLLECTED = "fees_collected"  # 行政事业性收费

ISSUED_THIS_YEAR = "issued_this_year"  # 本年制发件数
REPEALED_THIS_YEAR = "repealed_this_year"  # 本年废止件数
IN_FORCE = "in_force"  # 现行有效件数
DECISIONS = "decisions"  # 本年处理决定数量
AMOUNT_WAN_YUAN = "amount_wan_yuan"  # 本年收费金额（单位：万元）

_DOCUMENT_COLUMNS = (ISSUED_THIS_YEAR, REPEALED_THIS_YEAR, IN_FORCE)
TABLE2_ROW_COLUMNS: dict[str, tuple[str, ...]] = {
    RULES: _DOCUMENT_COLUMNS,
    NORMATIVE_DOCUMENTS: _DOCUMENT_COLUMNS,
    LICENSING: (DECISIONS,),
    PENALTY: (DECISIONS,),
    COERCION: (DECISIONS,),
    FEES_COLLECTED: (AMOUNT_WAN_YUAN,),
}

# Counts are int; the fee amount is a Decimal in 万元.
Table2 = dict[str, dict[str, int | Decimal]]


def empty_table2() -> Table2:
    return {
        row: {column: Decimal(0) if column == AMOUNT_WAN_YUAN else 0 for column in columns}
        for row, columns in TABLE2_ROW_COLUMNS.items()
    }
