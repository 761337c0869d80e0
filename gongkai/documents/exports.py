"""The publication ledger as a spreadsheet (.xlsx) or CSV, for the periodic 核对、通报.

Only ``services.ledger_export`` calls these, so that every file that leaves the platform is in
the audit log.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

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
# Characters by which a spreadsheet takes a cell for a formula (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WIDTHS = (6, 22, 24, 50, 24, 12, 12, 12, 12, 8, 14, 12, 12, 10, 30)
SHEET_TITLE = "主动公开文件台账"

Cell = str | int | date | None


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
    """UTF-8 with a BOM: without it Excel reads the file as the local ANSI code page and the
    Chinese turns into mojibake."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for cells in ledger_table(rows):
        writer.writerow([_csv_cell(cell) for cell in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(cell: Cell) -> str | int:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def ledger_xlsx(rows: Sequence[LedgerRow]) -> bytes:
    from openpyxl import Workbook  # Imported here: only an export pays for loading it.
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cells in ledger_table(rows):
        sheet.append(cells)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif cell.data_type == "f":
                # openpyxl writes any text starting with "=" as a formula; a title is text.
                cell.data_type = "s"
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "csv": ExportFormat("CSV（.csv）", ledger_csv, "text/csv; charset=utf-8", "csv"),
}
