"""A catalog in the usual table layout (statutes.md §5.1). Only ``services.catalog_export`` calls
these, so that every file that leaves the platform is in the audit log.

- CSV: one table, one header row, every area in the 试点领域 column; 公开对象、公开方式、公开层级
  as words and 公开渠道和载体 as the ■/□ checklist. UTF-8 with a BOM (Excel needs it).
- .xlsx: a sheet per area with a title row and the two header rows the published catalogs use
  (公开事项 over 一级事项 | 二级事项; √ under 全社会 | 特定群体, 主动 | 依申请, 县级 | 乡级 | 村级).

Both are read back by ``domain.table.parse_catalog``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gongkai.core.models import Unit
from gongkai.core.spreadsheets import table_csv

from .domain.elements import Audience, Level, Method
from .domain.table import COLUMNS
from .models import CatalogItem


def _rows(items: Sequence[CatalogItem]) -> list[tuple[CatalogItem, str, str, str]]:
    """(item, section, 一级事项, 二级事项) in table order. A heading is its own row only when it
    has elements itself or no 二级事项 (then it is a heading row with its name only)."""
    children: dict[int, list[CatalogItem]] = {}
    for item in items:
        if item.parent_id:
            children.setdefault(item.parent_id, []).append(item)
    rows = []
    for item in items:
        if item.parent_id:
            continue
        below = children.get(item.pk, [])
        if not item.is_group or not below:
            rows.append((item, item.section, item.name, ""))
        for child in below:
            rows.append((child, child.section, item.name, child.name))
    return rows


def _flat(item: CatalogItem, section: str, number: int, level1: str, level2: str) -> list[str]:
    rule = item.rule
    return [
        str(number),
        section,
        level1,
        level2,
        item.content,
        item.basis,
        item.time_limit,
        rule.code if rule else "",
        item.body_display,
        item.channels_cell if not item.is_group else "",
        item.get_audience_display(),
        item.get_method_display(),
        item.levels_text if not item.is_group else "",
        item.remarks,
    ]


def catalog_csv(unit: Unit, items: Sequence[CatalogItem], reference: bool) -> bytes:
    numbers: dict[str, int] = {}
    rows = []
    for item, section, level1, level2 in _rows(items):
        numbers[section] = numbers.get(section, 0) + 1
        rows.append(_flat(item, section, numbers[section], level1, level2))
    return table_csv(COLUMNS, rows)


# .xlsx: the two-row header of the published catalogs.
_TOP = (
    ("序号", 1),
    ("公开事项", 2),
    ("公开内容（要素）", 1),
    ("公开依据", 1),
    ("公开时限", 1),
    ("时限规则", 1),
    ("公开主体", 1),
    ("公开渠道和载体", 1),
    ("公开对象", 2),
    ("公开方式", 2),
    ("公开层级", 3),
    ("备注", 1),
)
_SUB = ("", "一级事项", "二级事项", "", "", "", "", "", "", "全社会", "特定群体", "主动", "依申请")
_SUB += ("县级", "乡级", "村级", "")
_WIDTHS = (6, 16, 20, 40, 30, 22, 12, 16, 34, 7, 8, 6, 7, 6, 6, 6, 16)


def _tick(condition: bool) -> str:
    return "√" if condition else ""


def catalog_xlsx(unit: Unit, items: Sequence[CatalogItem], reference: bool) -> bytes:
    from openpyxl import Workbook  # Imported here: only an export pays for loading it.
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    sections: dict[str, list] = {}
    for row in _rows(items):
        sections.setdefault(row[1], []).append(row)
    if not sections:
        sections[""] = []
    width = len(_SUB)
    for section, rows in sections.items():
        sheet = workbook.create_sheet((section or "标准目录")[:31])
        kind = "参考目录" if reference else "政务公开事项标准目录"
        sheet.append([f"{unit.name}{section}{'领域' if section else ''}{kind}"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        sheet["A1"].font = Font(bold=True, size=14)
        sheet["A1"].alignment = Alignment(horizontal="center")
        top: list[str] = []
        for label, span in _TOP:
            top += [label] + [""] * (span - 1)
        sheet.append(top)
        sheet.append(list(_SUB))
        column = 1
        for _label, span in _TOP:
            if span > 1:
                sheet.merge_cells(
                    start_row=2, start_column=column, end_row=2, end_column=column + span - 1
                )
            else:
                sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
            column += span
        for line in (sheet[2], sheet[3]):
            for cell in line:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        first_of_heading: dict[str, int] = {}
        for number, (item, _section, level1, level2) in enumerate(rows, start=1):
            rule = item.rule
            checked = not item.is_group
            sheet.append(
                [
                    number,
                    level1,
                    level2,
                    item.content,
                    item.basis,
                    item.time_limit,
                    rule.code if rule else "",
                    item.body_display,
                    item.channels_cell if checked else "",
                    _tick(checked and item.audience == Audience.PUBLIC),
                    _tick(checked and item.audience == Audience.SPECIFIC),
                    _tick(checked and item.method == Method.PROACTIVE),
                    _tick(checked and item.method == Method.ON_REQUEST),
                    *(_tick(checked and level.value in item.levels) for level in Level),
                    item.remarks,
                ]
            )
            first_of_heading.setdefault(level1, sheet.max_row)
            if level2 and sheet.max_row > first_of_heading[level1]:
                # The 一级事项 spans its 二级事项, as in the printed catalogs.
                start = first_of_heading[level1]
                for merged in list(sheet.merged_cells.ranges):
                    if merged.min_col == 2 and merged.min_row == start:
                        sheet.merged_cells.ranges.remove(merged)
                sheet.merge_cells(
                    start_row=start, start_column=2, end_row=sheet.max_row, end_column=2
                )
        for line in sheet.iter_rows(min_row=4):
            for cell in line:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if cell.data_type == "f":
                    # openpyxl writes any text starting with "=" as a formula; this is text.
                    cell.data_type = "s"
        for index, size in enumerate(_WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = size
        sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class ExportFormat:
    label: str
    render: Callable[[Unit, Sequence[CatalogItem], bool], bytes]
    content_type: str
    extension: str


FORMATS = {
    "xlsx": ExportFormat(
        "Excel（.xlsx）",
        catalog_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "csv": ExportFormat("CSV（.csv）", catalog_csv, "text/csv; charset=utf-8", "csv"),
}
