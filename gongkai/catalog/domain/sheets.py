"""Spreadsheets in, as plain rows of text: .xlsx (openpyxl) and .csv (UTF-8 or GB18030).

Row numbers are the ones a spreadsheet shows (the first row is 1), so a message can say where
a problem is. Merged cells read as empty except their first cell; the parsers fill them down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.table_files import TableFileError, read_table_file

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


def read_sheets(data: bytes, filename: str) -> list[Sheet]:
    """The sheets of an .xlsx file or the one table of a .csv file."""
    try:
        sheets = read_table_file(
            data, filename, max_bytes=MAX_BYTES, max_rows=MAX_ROWS, cell_text=_text
        )
    except TableFileError as error:
        raise TableError([str(error)]) from error
    return [
        Sheet(name, [[value.strip() for value in row] for row in rows]) for name, rows in sheets
    ]


def cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def is_blank(row: list[str]) -> bool:
    return not any(value.strip() for value in row)
