"""Reading the table 二 figures file (.csv or .xlsx) into rows of text for `domain.figures`."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

from gongkai.core.domain.unit_tree import UnitTreeError, decode_csv

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
    name = filename.lower()
    if len(data) > MAX_BYTES:
        raise FiguresError([f"文件超过 {MAX_BYTES // 1024 // 1024} MB，请检查是否选错了文件。"])
    if not data.strip():
        raise FiguresError(["文件为空。"])
    if name.endswith(".csv"):
        try:
            text = decode_csv(data)
        except UnitTreeError as error:
            raise FiguresError([str(error)]) from error
        return [row for row in csv.reader(io.StringIO(text))][: MAX_ROWS + 1]
    if name.endswith(".xls"):
        raise FiguresError(["不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再导入。"])
    if not name.endswith(".xlsx"):
        raise FiguresError(["只能导入 .xlsx 或 .csv 文件。"])
    from openpyxl import load_workbook  # only an import pays for loading it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise FiguresError(
            [f"无法读取 .xlsx 文件（{type(error).__name__}），文件可能已损坏。"]
        ) from error
    try:
        rows = []
        for number, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1):
            if number > MAX_ROWS + 1:
                break
            rows.append([_text(value) for value in row])
    finally:
        workbook.close()
    return rows
