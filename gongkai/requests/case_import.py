"""Importing past cases (历史台账) for offices moving from spreadsheets: requests and appeals.

All or nothing: the whole file is checked first (`domain.case_import` for each row's own
content, then against the database: units, permissions, tracking numbers); nothing is written
while any row has a problem. Re-running the same file changes nothing (identical rows are
counted as unchanged), so an interrupted import can simply be run again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.domain.csv_rows import decode_spreadsheet_csv, read_csv_rows
from gongkai.core.models import Unit
from gongkai.core.permissions import can

from .domain.case_import import (
    APPEAL_COLUMNS,
    REQUEST_COLUMNS,
    AppealRow,
    CaseImportError,
    RequestRow,
    check_appeal_rows,
    check_request_rows,
)
from .domain.states import State
from .models import Appeal, DisclosureRequest
from .services import refresh_due


@dataclass
class ImportSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"导入完成：新增 {len(self.created)} 条，更新 {len(self.updated)} 条，"
            f"未变 {len(self.unchanged)} 条。"
        )


def _text(data: bytes, what: str) -> str:
    text = decode_spreadsheet_csv(data)
    if text is None:
        raise CaseImportError(["文件编码无法识别，请另存为 UTF-8 编码的 CSV 文件。"], what)
    return text


def _same(existing: DisclosureRequest, row: RequestRow, unit: Unit) -> bool:
    return (
        existing.imported
        and existing.unit_id == unit.pk
        and existing.applicant_type == row.applicant_type
        and existing.received_on == row.received_on
        and existing.outcome == (row.outcome.value if row.outcome else "")
        and existing.closed_on == row.closed_on
    )


def requests_import(*, actor, data: bytes, today: date | None = None) -> ImportSummary:
    """``tracking_no,unit,applicant_type,received_on,outcome,closed_on`` → requests."""
    today = today or timezone.localdate()
    rows, problems = read_csv_rows(_text(data, "申请"), REQUEST_COLUMNS)
    checked, row_problems = check_request_rows(rows, today)
    problems += row_problems
    units = {u.code: u for u in Unit.objects.filter(code__in={r.unit for r in checked})}
    existing = DisclosureRequest.objects.in_bulk(
        [r.tracking_no for r in checked], field_name="tracking_no"
    )
    summary = ImportSummary()
    to_create: list[tuple[RequestRow, Unit]] = []
    for row in checked:
        where = f"第 {row.row} 行："
        unit = units.get(row.unit)
        if unit is None:
            problems.append(f"{where}单位代码 {row.unit} 不存在。")
            continue
        if actor is not None and not can(actor, "request.import", unit):
            problems.append(f"{where}您没有导入“{unit.name}”申请的权限。")
            continue
        current = existing.get(row.tracking_no)
        if current is None:
            to_create.append((row, unit))
        elif _same(current, row, unit):
            summary.unchanged.append(row.tracking_no)
        else:
            problems.append(f"{where}申请编号 {row.tracking_no} 已存在，且内容不同。")
    if problems:
        raise CaseImportError(problems)
    with transaction.atomic():
        for row, unit in to_create:
            request = DisclosureRequest.objects.create(
                unit=unit,
                tracking_no=row.tracking_no,
                imported=True,
                applicant_type=row.applicant_type,
                submitted_at=timezone.make_aware(datetime.combine(row.received_on, time())),
                received_on=row.received_on,
                state=State.ARCHIVED if row.closed_on else State.IN_HANDLING,
                outcome=row.outcome.value if row.outcome else "",
                closed_on=row.closed_on,
            )
            refresh_due(request)
            audit_record(actor=actor, action="request.import", obj=request, unit=unit)
            summary.created.append(row.tracking_no)
    return summary


def appeals_import(*, actor, data: bytes, today: date | None = None) -> ImportSummary:
    """``tracking_no,kind,result,decided_on`` → appeals, one per request and kind."""
    today = today or timezone.localdate()
    rows, problems = read_csv_rows(_text(data, "复议诉讼"), APPEAL_COLUMNS)
    checked, row_problems = check_appeal_rows(rows, today)
    problems += row_problems
    requests = DisclosureRequest.objects.select_related("unit").in_bulk(
        [r.tracking_no for r in checked], field_name="tracking_no"
    )
    current = {
        (a.request.tracking_no, a.kind): a
        for a in Appeal.objects.filter(request__in=requests.values()).select_related("request")
    }
    reviews = {number for number, kind in current if kind == "review"} | {
        r.tracking_no for r in checked if r.kind == "review"
    }
    planned: list[tuple[AppealRow, DisclosureRequest]] = []
    for row in checked:
        where = f"第 {row.row} 行："
        request = requests.get(row.tracking_no)
        if request is None:
            problems.append(f"{where}申请编号 {row.tracking_no} 不存在；请先导入该申请。")
            continue
        if actor is not None and not can(actor, "request.import", request.unit):
            problems.append(f"{where}您没有导入“{request.unit.name}”案件的权限。")
            continue
        if row.kind == "lawsuit_after_review" and row.tracking_no not in reviews:
            problems.append(f"{where}“复议后起诉”的申请须先有行政复议记录。")
            continue
        if row.decided_on and request.closed_on and row.decided_on < request.closed_on:
            problems.append(f"{where}审结日期早于该申请的办结日期。")
            continue
        planned.append((row, request))
    if problems:
        raise CaseImportError(problems, "复议诉讼")
    summary = ImportSummary()
    with transaction.atomic():
        for row, request in planned:
            appeal = current.get((row.tracking_no, row.kind))
            label = f"{row.tracking_no}/{row.kind}"
            if appeal is None:
                appeal = Appeal.objects.create(
                    request=request, kind=row.kind, result=row.result, decided_on=row.decided_on
                )
                summary.created.append(label)
            elif (appeal.result, appeal.decided_on) == (row.result, row.decided_on):
                summary.unchanged.append(label)
                continue
            else:
                appeal.result, appeal.decided_on = row.result, row.decided_on
                appeal.save(update_fields=["result", "decided_on"])
                summary.updated.append(label)
            audit_record(actor=actor, action="appeal.import", obj=appeal, unit=request.unit)
    return summary
