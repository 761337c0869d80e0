"""Spreadsheets in, as plain rows of text: .xlsx (openpyxl) and .csv (UTF-8 or GB18030).

Row numbers are the ones a spreadsheet shows (the first row is 1), so a message can say where
a problem is. Merged cells read as empty except their first cell; the parsers fill them down.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from gongkai.core.domain.errors import DomainError

MAX_ROWS = 20_000  # a catalog has hundreds of rows; more is the wrong file
MAX_BYTES = 20 * 1024 * 1024


class TableError(DomainError):
    """The file cannot be used. ``problems`` are Chinese sentences, one per row or file problem."""

    def __init__(self, problems: list[str], *, what: str = "导入"):
        self.problems = problems
        super().__init__(f"{what}失败，未写入任何数据：\n" + "\n".join(problems))


@dataclass(frozen=True)
class Sheet:
    name: str  # "" for a CSV file
    rows: list[list[str]]  # rows[i] is spreadsheet row i + 1

    def where(self, row: int) -> str:
        return f"工作表“{self.name}”第{row}行" if self.name else f"第{row}行"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def decode_csv(data: bytes) -> str:
    """Spreadsheets save CSV as UTF-8 (often with a BOM) or as GB18030; accept both."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(["文件编码无法识别，请另存为 UTF-8 编码的 CSV 文件。"])


def read_sheets(data: bytes, filename: str) -> list[Sheet]:
    """The sheets of an .xlsx file or the one table of a .csv file."""
    name = filename.lower()
    if len(data) > MAX_BYTES:
        raise TableError([f"文件超过 {MAX_BYTES // 1024 // 1024} MB，请检查是否选错了文件。"])
    if not data.strip():
        raise TableError(["文件为空。"])
    if name.endswith(".csv"):
        rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(decode_csv(data)))]
        return [Sheet("", rows[: MAX_ROWS + 1])]
    if name.endswith(".xls"):
        raise TableError(["不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再导入。"])
    if not name.endswith(".xlsx"):
        raise TableError(["只能导入 .xlsx 或 .csv 文件。"])
    from openpyxl import load_workbook  # Imported here: only an import pays for loading it.

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise TableError(
            [f"无法读取 .xlsx 文件（{type(error).__name__}），文件可能已损坏。"]
        ) from error
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            rows = []
            for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS + 1:
                    break
                rows.append([_text(value) for value in row])
            sheets.append(Sheet(worksheet.title, rows))
    finally:
        workbook.close()
    return sheets


def cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def is_blank(row: list[str]) -> bool:
    return not any(value.strip() for value in row)
