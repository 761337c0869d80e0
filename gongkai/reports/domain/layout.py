"""The official wording and arrangement of the annual report's tables, as data.

Verbatim from 国办公开办函〔2021〕30号 (statutes.md §2), so that the HTML, docx and PDF renderers
and the check messages print the same labels. Keys come from `tables.py`; the outcome rows'
labels come from the statutory table in `gongkai.requests.domain.outcomes`.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.reports.domain import tables as t
from gongkai.requests.domain.outcomes import ApplicantType, Outcome, OutcomeCategory

REPORT_SECTIONS: tuple[str, ...] = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

# --- Table 二 ---------------------------------------------------------------------------------

TABLE2_ROW_HEADER = "信息内容"


@dataclass(frozen=True)
class Table2Block:
    """One block of table 二: a heading row naming the 条例 item, then its own column headers."""

    label: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple[str, str], ...]


TABLE2_BLOCKS: tuple[Table2Block, ...] = (
    Table2Block(
        label="第二十条第（一）项",
        columns=(
            (t.ISSUED_THIS_YEAR, "本年制发件数"),
            (t.REPEALED_THIS_YEAR, "本年废止件数"),
            (t.IN_FORCE, "现行有效件数"),
        ),
        rows=((t.RULES, "规章"), (t.NORMATIVE_DOCUMENTS, "行政规范性文件")),
    ),
    Table2Block(
        label="第二十条第（五）项",
        columns=((t.DECISIONS, "本年处理决定数量"),),
        rows=((t.LICENSING, "行政许可"),),
    ),
    Table2Block(
        label="第二十条第（六）项",
        columns=((t.DECISIONS, "本年处理决定数量"),),
        rows=((t.PENALTY, "行政处罚"), (t.COERCION, "行政强制")),
    ),
    Table2Block(
        label="第二十条第（八）项",
        columns=((t.AMOUNT_WAN_YUAN, "本年收费金额（单位：万元）"),),
        rows=((t.FEES_COLLECTED, "行政事业性收费"),),
    ),
)

# --- Table 三 ---------------------------------------------------------------------------------

TABLE3_BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TABLE3_APPLICANT_HEADING = "申请人情况"
ORGANISATION_GROUP_LABEL = "法人或其他组织"


@dataclass(frozen=True)
class Table3Column:
    key: str
    label: str
    group: str | None
    """The spanning header above it (法人或其他组织), if any."""


TABLE3_COLUMN_LAYOUT: tuple[Table3Column, ...] = (
    *(
        Table3Column(a.value, a.label, ORGANISATION_GROUP_LABEL if a.is_organisation else None)
        for a in ApplicantType
    ),
    Table3Column(t.TOTAL, "总计", None),
)


@dataclass(frozen=True)
class Table3Row:
    key: str | None
    """None for a heading row that holds no numbers (三、本年度办理结果, （三）不予公开 …)."""
    label: str
    level: int
    """0 for 一…四, 1 for （一）…（七）, 2 for the numbered items under a （…）."""


def _outcome_rows() -> list[Table3Row]:
    rows = []
    for category in OutcomeCategory:
        outcomes = category.outcomes
        # （一）予以公开 and （二）部分公开 have no sub-items: the category row holds the numbers.
        if len(outcomes) == 1:
            rows.append(Table3Row(outcomes[0].value, category.table_label, 1))
        else:
            rows.append(Table3Row(None, category.table_label, 1))
            rows.extend(Table3Row(o.value, o.table_label, 2) for o in outcomes)
    return rows


TABLE3_ROW_LAYOUT: tuple[Table3Row, ...] = (
    Table3Row(t.NEW, "一、本年新收政府信息公开申请数量", 0),
    Table3Row(t.CARRIED_IN, "二、上年结转政府信息公开申请数量", 0),
    Table3Row(None, "三、本年度办理结果", 0),
    *_outcome_rows(),
    Table3Row(t.TOTAL, "（七）总计", 1),
    Table3Row(t.CARRIED_OUT, "四、结转下年度继续办理", 0),
)


def _outcome_reference(outcome: Outcome) -> str:
    category = outcome.category
    if len(category.outcomes) == 1:
        return f"三{category.number}{category.label}"
    return f"三{category.number}{outcome.table_label}"


# Short names of cells for check messages, e.g. "自然人：一（本年新收）3 + …".
TABLE3_ROW_REFERENCES: dict[str, str] = {
    t.NEW: "一（本年新收）",
    t.CARRIED_IN: "二（上年结转）",
    **{o.value: _outcome_reference(o) for o in Outcome},
    t.TOTAL: "三（七）总计",
    t.CARRIED_OUT: "四（结转下年度）",
}

TABLE3_COLUMN_REFERENCES: dict[str, str] = {
    **{a.value: a.label for a in ApplicantType},
    # A bare "其他" would read as a row of （六）其他处理.
    ApplicantType.OTHER_ORG.value: f"其他{ORGANISATION_GROUP_LABEL}",
    t.TOTAL: "总计",
}

# --- Table 四 ---------------------------------------------------------------------------------

LAWSUIT_LABEL = "行政诉讼"


@dataclass(frozen=True)
class Table4Group:
    key: str
    label: str
    parent: str | None
    """The spanning header above it (行政诉讼), if any."""


TABLE4_GROUP_LAYOUT: tuple[Table4Group, ...] = (
    Table4Group(t.AppealKind.REVIEW.value, "行政复议", None),
    Table4Group(t.AppealKind.LAWSUIT_DIRECT.value, "未经复议直接起诉", LAWSUIT_LABEL),
    Table4Group(t.AppealKind.LAWSUIT_AFTER_REVIEW.value, "复议后起诉", LAWSUIT_LABEL),
)

TABLE4_COLUMN_LABELS: dict[str, str] = {
    t.AppealResult.UPHELD.value: "结果维持",
    t.AppealResult.CORRECTED.value: "结果纠正",
    t.AppealResult.OTHER.value: "其他结果",
    t.PENDING: "尚未审结",
    t.TOTAL: "总计",
}

TABLE4_GROUP_REFERENCES: dict[str, str] = {
    g.key: f"{g.parent}（{g.label}）" if g.parent else g.label for g in TABLE4_GROUP_LAYOUT
}
