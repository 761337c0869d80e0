"""Reading a CSV table that people exported from a spreadsheet: header by name, rows numbered
as the spreadsheet shows them (the header is row 1), blank rows skipped, short rows reported."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence


def decode_spreadsheet_csv(data: bytes) -> str | None:
    """UTF-8 (often with a BOM) or GB18030, the two encodings spreadsheets save CSV in; None
    when it is neither."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_csv_rows(
    text: str, columns: Sequence[str]
) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """``([(row number, {column: stripped value})], [problems in Chinese])``.

    Only the named columns are read; others are ignored. A missing column is one problem for
    the header; a row with fewer cells than the header is a problem for that row.
    """
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return [], ["文件为空。"]
    header = [h.strip().lstrip("\ufeff") for h in header]
    missing = [c for c in columns if c not in header]
    if missing:
        return [], [f"第 1 行（表头）缺少列：{', '.join(missing)}。表头应为：{','.join(columns)}"]
    index = {c: header.index(c) for c in columns}
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[str] = []
    for number, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) <= max(index.values()):
            problems.append(
                f"第 {number} 行：列数不足（应为 {len(header)} 列，实为 {len(record)} 列）。"
            )
            continue
        rows.append((number, {c: record[i].strip() for c, i in index.items()}))
    return rows, problems
