"""Tables people upload from a spreadsheet: an .xlsx workbook or a .csv file (UTF-8 or GB18030),
read into rows of cell text.

Row ``i`` of a sheet is spreadsheet row ``i + 1``, so a message can say where a problem is.
How a cell's value becomes text (a date, a number typed as 12 and stored as 12.0) differs from
table to table, so the caller says. A file that cannot be read raises `TableFileError` with one
Chinese sentence, which each importer reports in its own error.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from .csv_rows import decode_spreadsheet_csv


class TableFileError(ValueError):
    """The file cannot be read as a table; the message is one Chinese sentence."""


def read_table_file(
    data: bytes,
    filename: str,
    *,
    max_bytes: int,
    max_rows: int,
    cell_text: Callable[[object], str],
    first_sheet_only: bool = False,
) -> list[tuple[str, list[list[str]]]]:
    """``[(sheet name, rows)]``: every sheet of an .xlsx file (or its first), or the one table of
    a .csv file, named "". At most ``max_rows + 1`` rows are read per sheet, so that a caller can
    tell a table that is too long. CSV cells are as the file has them."""
    name = filename.lower()
    if len(data) > max_bytes:
        raise TableFileError(f"文件超过 {max_bytes // 1024 // 1024} MB，请检查是否选错了文件。")
    if not data.strip():
        raise TableFileError("文件为空。")
    if name.endswith(".csv"):
        text = decode_spreadsheet_csv(data)
        if text is None:
            raise TableFileError("文件编码无法识别，请另存为 UTF-8 编码的 CSV 文件。")
        return [("", list(csv.reader(io.StringIO(text)))[: max_rows + 1])]
    if name.endswith(".xls"):
        raise TableFileError("不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再导入。")
    if not name.endswith(".xlsx"):
        raise TableFileError("只能导入 .xlsx 或 .csv 文件。")
    from openpyxl import load_workbook  # Imported here: only an import pays for loading it.

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise TableFileError(
            f"无法读取 .xlsx 文件（{type(error).__name__}），文件可能已损坏。"
        ) from error
    sheets = []
    try:
        worksheets = workbook.worksheets[:1] if first_sheet_only else workbook.worksheets
        for worksheet in worksheets:
            rows = []
            for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
                if number > max_rows + 1:
                    break
                rows.append([cell_text(value) for value in row])
            sheets.append((worksheet.title, rows))
    finally:
        workbook.close()
    return sheets
