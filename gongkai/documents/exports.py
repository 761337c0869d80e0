"""The publication ledger as a spreadsheet (.xlsx) or CSV, for the periodic 核对、通报.

Only ``services.ledger_export`` calls these, so that every file that leaves the platform is in
the audit log.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gongkai.core.spreadsheets import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Cell,
    table_csv,
    table_xlsx,
)

from .ledger import LedgerRow

COLUMNS = (
    "序号",
    "索引号",
    "发文字号",
    "标题",
    "发文单位",
    "成文日期",
    "应公开日期",
    "发布日期",
    "状态",
    "逾期工作日数",
    "解读应发布日期",
    "解读发布日期",
    "解读状态",
    "解读逾期工作日数",
    "备注",
)
_WIDTHS = (6, 22, 24, 50, 24, 12, 12, 12, 12, 8, 14, 12, 12, 10, 30)
SHEET_TITLE = "主动公开文件台账"


def ledger_table(rows: Sequence[LedgerRow]) -> list[list[Cell]]:
    """One list of cells per row, in the order of `COLUMNS`; lateness is blank when on time."""
    table: list[list[Cell]] = []
    for number, row in enumerate(rows, start=1):
        document, interpretation = row.document, row.interpretation
        table.append(
            [
                number,
                document.index_number,
                document.doc_number,
                document.title,
                document.unit.name,
                document.written_on,
                row.deadline.due,
                document.published_on,
                row.timeliness.status.label,
                row.timeliness.workdays_late or None,
                interpretation.deadline.due if interpretation else None,
                interpretation.published_on if interpretation else None,
                interpretation.timeliness.status.label if interpretation else None,
                (interpretation.timeliness.workdays_late or None) if interpretation else None,
                row.remarks,
            ]
        )
    return table


def ledger_csv(rows: Sequence[LedgerRow]) -> bytes:
    return table_csv(COLUMNS, ledger_table(rows))


def ledger_xlsx(rows: Sequence[LedgerRow]) -> bytes:
    return table_xlsx(title=SHEET_TITLE, columns=COLUMNS, rows=ledger_table(rows), widths=_WIDTHS)


@dataclass(frozen=True)
class ExportFormat:
    label: str
    render: Callable[[Sequence[LedgerRow]], bytes]
    content_type: str
    extension: str


FORMATS = {
    "xlsx": ExportFormat(
        "Excel（.xlsx）",
        ledger_xlsx,
        XLSX_CONTENT_TYPE,
        "xlsx",
    ),
    "csv": ExportFormat("CSV（.csv）", ledger_csv, CSV_CONTENT_TYPE, "csv"),
}
