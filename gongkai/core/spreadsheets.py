"""Tables exported for people to open in a spreadsheet: CSV that Excel reads as UTF-8, and .xlsx
with a bold header, dates as dates, fixed column widths and the header frozen. Cells a
spreadsheet would take for a formula are kept as text (CSV/formula injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

Cell = str | int | date | None

# Characters by which a spreadsheet takes a cell for a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def _csv_cell(cell: Cell) -> str | int:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def table_csv(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """UTF-8 with a BOM: without it Excel reads the file as the local ANSI code page and the
    Chinese turns into mojibake."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for cells in rows:
        writer.writerow([_csv_cell(cell) for cell in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(
    *,
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
) -> bytes:
    from openpyxl import Workbook  # Imported here: only an export pays for loading it.
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cells in rows:
        sheet.append(list(cells))
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif cell.data_type == "f":
                # openpyxl writes any text starting with "=" as a formula; the cells are text.
                cell.data_type = "s"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
