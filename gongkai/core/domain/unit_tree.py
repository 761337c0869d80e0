"""Reading and checking a unit-tree CSV: ``code,name,short_name,kind,parent_code``.

Pure functions: the whole file is checked before anything is written, and every problem is
reported with its row number (the header is row 1, as a spreadsheet shows it).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .csv_rows import decode_spreadsheet_csv
from .errors import DomainError

COLUMNS = ("code", "name", "short_name", "kind", "parent_code")
KINDS = ("government", "department", "township", "village", "other")
CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$")


@dataclass(frozen=True)
class UnitRow:
    row: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_code: str


class UnitTreeError(DomainError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("单位导入失败，未写入任何数据：\n" + "\n".join(problems))


def decode_csv(data: bytes) -> str:
    """Spreadsheets save CSV as UTF-8 (often with a BOM) or as GB18030; accept both."""
    text = decode_spreadsheet_csv(data)
    if text is None:
        raise UnitTreeError(["文件编码无法识别，请另存为 UTF-8 编码的 CSV 文件。"])
    return text


def parse_unit_csv(text: str) -> list[UnitRow]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise UnitTreeError(["文件为空。"]) from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise UnitTreeError(
            [f"第 1 行（表头）缺少列：{', '.join(missing)}。表头应为：{','.join(COLUMNS)}"]
        )
    index = {c: header.index(c) for c in COLUMNS}
    rows: list[UnitRow] = []
    problems: list[str] = []
    for number, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) < len(header):
            problems.append(
                f"第 {number} 行：列数不足（应为 {len(header)} 列，实为 {len(record)} 列）。"
            )
            continue
        values = {c: record[i].strip() for c, i in index.items()}
        rows.append(UnitRow(row=number, **values))
    if problems:
        raise UnitTreeError(problems)
    return rows


def check_unit_rows(rows: list[UnitRow], existing_parents: Mapping[str, str | None]) -> None:
    """Refuse the whole file if any row is wrong.

    ``existing_parents`` maps the codes already in the database to their parent codes, so that
    a re-import may refer to existing units and a cycle through them is still found.
    """
    problems: list[str] = []
    seen: dict[str, int] = {}
    file_codes = {r.code for r in rows}
    for r in rows:
        if not r.code:
            problems.append(f"第 {r.row} 行：单位代码（code）不能为空。")
        elif not CODE_RE.match(r.code):
            problems.append(
                f"第 {r.row} 行：单位代码“{r.code}”格式不正确（字母、数字、. _ -，最长32位）。"
            )
        elif r.code in seen:
            problems.append(f"第 {r.row} 行：单位代码“{r.code}”与第 {seen[r.code]} 行重复。")
        else:
            seen[r.code] = r.row
        if not r.name:
            problems.append(f"第 {r.row} 行：单位全称（name）不能为空。")
        elif len(r.name) > 100:
            problems.append(f"第 {r.row} 行：单位全称超过100个字。")
        if len(r.short_name) > 50:
            problems.append(f"第 {r.row} 行：简称超过50个字。")
        if r.kind not in KINDS:
            problems.append(
                f"第 {r.row} 行：类型（kind）“{r.kind}”无效，应为 {' | '.join(KINDS)} 之一。"
            )
        if r.parent_code and r.parent_code == r.code:
            problems.append(f"第 {r.row} 行：单位不能是自己的上级单位。")
        elif (
            r.parent_code
            and r.parent_code not in file_codes
            and r.parent_code not in existing_parents
        ):
            problems.append(f"第 {r.row} 行：上级单位代码“{r.parent_code}”不存在。")
    if problems:
        raise UnitTreeError(problems)

    parents: dict[str, str | None] = dict(existing_parents)
    parents.update({r.code: r.parent_code or None for r in rows})
    for r in rows:
        if cycle := _cycle_from(r.code, parents):
            problems.append(f"第 {r.row} 行：上级关系形成循环：{' → '.join(cycle)}。")
    if problems:
        raise UnitTreeError(problems)


def _cycle_from(code: str, parents: Mapping[str, str | None]) -> list[str] | None:
    path = [code]
    current = parents.get(code)
    while current is not None:
        if current == code:
            return [*path, code]
        if current in path:
            return None  # a cycle not through this code: reported on its own rows
        path.append(current)
        current = parents.get(current)
    return None


def order_parents_first(rows: list[UnitRow]) -> list[UnitRow]:
    """Rows sorted so that a parent in the file is written before its children."""
    by_code = {r.code: r for r in rows}
    ordered: list[UnitRow] = []
    done: set[str] = set()

    def visit(r: UnitRow) -> None:
        if r.code in done:
            return
        if r.parent_code in by_code:
            visit(by_code[r.parent_code])
        done.add(r.code)
        ordered.append(r)

    for r in rows:
        visit(r)
    return ordered
