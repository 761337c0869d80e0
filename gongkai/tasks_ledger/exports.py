"""A task list as the usual 工作台账 spreadsheet. Only ``services.tasks_export`` calls this, so
that every file that leaves the platform is in the audit log."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from .models import Task
from .selectors import status_of

COLUMNS = ("序号", "工作任务", "牵头单位", "责任单位", "完成时限", "进展情况", "状态")
_WIDTHS = (6, 60, 24, 30, 16, 50, 10)


def task_row(number: int, task: Task, today: date) -> list[str | int]:
    """For a task from `selectors.with_progress` with its progress reports prefetched."""
    reports = sorted(task.progress_reports.all(), key=lambda r: (r.reported_on, r.pk))
    return [
        number,
        task.text,
        "、".join(task.lead_names),
        "、".join(task.responsible_names),
        task.deadline_text or (task.deadline.isoformat() if task.deadline else ""),
        "\n".join(f"{r.reported_on:%Y-%m-%d} {r.unit.display_name}：{r.text}" for r in reports),
        status_of(task, today).label,
    ]


def ledger_xlsx(title: str, tasks: Sequence[Task], today: date) -> bytes:
    from openpyxl import Workbook  # Imported here: only an export pays for loading it.
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "工作台账"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(COLUMNS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for number, task in enumerate(tasks, start=1):
        sheet.append(task_row(number, task, today))
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.data_type == "f":
                # openpyxl writes any text starting with "=" as a formula; task text is text.
                cell.data_type = "s"
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
