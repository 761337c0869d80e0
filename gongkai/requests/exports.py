"""The request list as a spreadsheet (.xlsx) or CSV. It carries applicants' personal data out of
the platform, so the only way to produce one is `requests_export`, which checks
``request.export`` and writes an audit entry with the filters and the number of rows.

ID numbers are masked as in the on-screen list; phone numbers and addresses are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit
from gongkai.core.permissions import require, scope
from gongkai.core.spreadsheets import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Cell,
    table_csv,
    table_xlsx,
)

from .domain.intake import Channel
from .domain.outcomes import ApplicantType, Outcome
from .domain.states import State
from .models import DisclosureRequest

COLUMNS = (
    "序号",
    "申请编号",
    "受理单位",
    "提交方式",
    "申请人类型",
    "申请人",
    "证件号码（已遮盖）",
    "所需信息",
    "收到申请之日",
    "答复期限",
    "状态",
    "办理结果",
    "答复日期",
    "承办人",
)
_WIDTHS = (6, 22, 24, 12, 12, 20, 22, 50, 12, 12, 14, 24, 12, 12)
SHEET_TITLE = "政府信息公开申请办理台账"


def _label(enum, value: str) -> str:
    return enum(value).label if value else ""


def request_table(requests: Sequence[DisclosureRequest]) -> list[list[Cell]]:
    table: list[list[Cell]] = []
    for number, request in enumerate(requests, start=1):
        handler = request.handler
        table.append(
            [
                number,
                request.tracking_no,
                request.unit.name,
                _label(Channel, request.channel),
                _label(ApplicantType, request.applicant_type),
                request.applicant_name,
                request.masked_id_number,
                request.description or request.doc_number,
                request.received_on,
                request.due_on,
                State(request.state).label,
                _label(Outcome, request.outcome),
                request.replied_on,
                (handler.get_full_name() or handler.username) if handler else "",
            ]
        )
    return table


def requests_csv(requests: Sequence[DisclosureRequest]) -> bytes:
    return table_csv(COLUMNS, request_table(requests))


def requests_xlsx(requests: Sequence[DisclosureRequest]) -> bytes:
    return table_xlsx(
        title=SHEET_TITLE, columns=COLUMNS, rows=request_table(requests), widths=_WIDTHS
    )


@dataclass(frozen=True)
class ExportFormat:
    label: str
    render: Callable[[Sequence[DisclosureRequest]], bytes]
    content_type: str
    extension: str


FORMATS = {
    "xlsx": ExportFormat(
        "Excel（.xlsx）",
        requests_xlsx,
        XLSX_CONTENT_TYPE,
        "xlsx",
    ),
    "csv": ExportFormat("CSV（.csv）", requests_csv, CSV_CONTENT_TYPE, "csv"),
}


def export_filename(unit: Unit, fmt: str) -> str:
    return f"{SHEET_TITLE}_{unit.name}_{timezone.localdate():%Y%m%d}.{FORMATS[fmt].extension}"


@transaction.atomic
def requests_export(
    *,
    actor,
    unit: Unit,
    requests: QuerySet[DisclosureRequest],
    fmt: str,
    filters: dict[str, Any],
) -> bytes:
    """The requests of ``unit`` and its subtree among ``requests``, as a file; audited.

    Only rows the actor may export leave: a user who may view more units than export (an
    office head) gets the exportable ones, never the rest.
    """
    require(actor, "request.export", unit)
    try:
        export_format = FORMATS[fmt]
    except KeyError:
        raise DomainError(f"不支持的导出格式：{fmt}（可用：{'、'.join(FORMATS)}）。") from None
    rows = list(
        scope(
            requests.filter(unit__path__startswith=unit.path), actor, "request.export"
        ).select_related("unit", "handler")
    )
    content = export_format.render(rows)
    audit_record(
        actor=actor,
        action="request.export",
        obj=unit,
        unit=unit,
        changes={"format": fmt, "filters": filters, "rows": len(rows)},
    )
    return content
