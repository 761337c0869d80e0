"""Reading the table 二 figures file (.csv or .xlsx) into rows of text for `domain.figures`."""

from __future__ import annotations

import datetime
from decimal import Decimal

from gongkai.core.domain.table_files import TableFileError, read_table_file

from .domain.figures import FiguresError

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # Spreadsheets store 12 as 12.0 and 0.1 as 0.1000000000000000055…: print what was typed.
        return str(Decimal(repr(value)).normalize()) if value != int(value) else str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return str(value.year)
    return str(value).strip()


def read_rows(data: bytes, filename: str) -> list[list[str]]:
    """The first sheet of an .xlsx file or the table of a .csv file (UTF-8 or GB18030)."""
    try:
        ((_, rows),) = read_table_file(
            data,
            filename,
            max_bytes=MAX_BYTES,
            max_rows=MAX_ROWS,
            cell_text=_text,
            first_sheet_only=True,
        )
    except TableFileError as error:
        raise FiguresError([str(error)]) from error
    return rows
