"""Messages from outside the form: an office's past ledger (``gongkai messages import``) and the
12345 hotline's work orders, and the hotline's answers going back (双反馈).

Both imports are all or nothing: the whole file is checked first (`domain.imports` for each
row's own content, then units, permissions and existing numbers); nothing is written while any
row has a problem, and every problem is listed with its row number. Re-running the same file
changes nothing (identical rows count as unchanged), so an interrupted import can be run again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.calendar.selectors import current_calendar
from gongkai.core.audit import audit_record
from gongkai.core.domain.csv_rows import decode_spreadsheet_csv, read_csv_rows
from gongkai.core.domain.table_files import TableFileError, read_table_file
from gongkai.core.models import Unit
from gongkai.core.permissions import can, require
from gongkai.core.spreadsheets import table_csv, table_xlsx

from .domain.imports import (
    HOTLINE_EXPORT_HEADER,
    LEDGER_COLUMNS,
    HotlineRow,
    LedgerRow,
    MessageImportError,
    check_hotline_rows,
    check_ledger_rows,
    hotline_rows,
)
from .domain.kinds import Channel, MessageKind
from .domain.states import State
from .models import Message, MessageEvent, MessageReply
from .services import MessageInput, _create, _event, routing_unit

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000


@dataclass
class ImportSummary:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"导入完成：新增 {len(self.created)} 条，未变 {len(self.unchanged)} 条。"


def _units_by(keys: set[str]) -> dict[str, Unit]:
    """Units by code, full name or short name (a hotline writes names)."""
    found: dict[str, Unit] = {}
    for unit in Unit.objects.filter(Q(code__in=keys) | Q(name__in=keys) | Q(short_name__in=keys)):
        for key in (unit.code, unit.name, unit.short_name):
            if key in keys:
                found.setdefault(key, unit)
    return found


# --- The office's past ledger ------------------------------------------------------------------


def _same_ledger(existing: Message, row: LedgerRow, unit: Unit) -> bool:
    return (
        existing.imported
        and existing.unit_id == unit.pk
        and existing.kind == row.kind
        and existing.received_at == row.received_at
        and existing.answered_at == row.answered_at
    )


def messages_import(*, actor, data: bytes, now: datetime | None = None) -> ImportSummary:
    """``number,unit,kind,received_at,answered_at`` → answered or open messages, their due days
    computed by the deadline engine as for any other message."""
    now = now or timezone.now()
    text = decode_spreadsheet_csv(data)
    if text is None:
        raise MessageImportError(["文件编码无法识别，请另存为 UTF-8 编码的 CSV 文件。"])
    rows, problems = read_csv_rows(text, LEDGER_COLUMNS)
    checked, row_problems = check_ledger_rows(rows, now)
    problems += row_problems
    units = {u.code: u for u in Unit.objects.filter(code__in={r.unit for r in checked})}
    existing = Message.objects.in_bulk([r.number for r in checked], field_name="number")
    summary = ImportSummary()
    planned: list[tuple[LedgerRow, Unit]] = []
    for row in checked:
        where = f"第 {row.row} 行："
        unit = units.get(row.unit)
        if unit is None:
            problems.append(f"{where}单位代码 {row.unit} 不存在。")
        elif actor is not None and not can(actor, "message.import", unit):
            problems.append(f"{where}您没有导入“{unit.name}”留言的权限。")
        elif (current := existing.get(row.number)) is None:
            planned.append((row, unit))
        elif _same_ledger(current, row, unit):
            summary.unchanged.append(row.number)
        else:
            problems.append(f"{where}留言编号 {row.number} 已存在，且内容不同。")
    if problems:
        raise MessageImportError(problems)
    calendar = current_calendar()
    with transaction.atomic():
        for row, unit in planned:
            answered_on = timezone.localtime(row.answered_at).date() if row.answered_at else None
            received_on = timezone.localtime(row.received_at).date()
            message = _create(
                unit=unit,
                data=MessageInput(kind=row.kind, title=f"历史留言 {row.number}", text=""),
                channel=Channel.IMPORTED,
                received_at=row.received_at,
                submission_key=None,
                number=row.number,
                imported=True,
                state=State.ANSWERED if row.answered_at else State.HANDLING,
                answered_at=row.answered_at,
                answered_on=answered_on,
                answer_workdays=calendar.workdays_between(received_on, answered_on)
                if answered_on
                else None,
            )
            _event(message, "import", "", actor=actor, at=row.received_at, note="历史台账导入")
            audit_record(actor=actor, action="message.import", obj=message, unit=unit)
            summary.created.append(row.number)
    return summary


# --- 12345 hotline work orders -----------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _same_order(existing: Message, row: HotlineRow) -> bool:
    """The order as it came: its kind and unit may have been changed by handling since."""
    return (
        existing.received_at == row.received_at
        and existing.text == row.text
        and existing.hotline_due_on == row.due_on
    )


def hotline_import(*, actor, data: bytes, filename: str) -> ImportSummary:
    """The hotline's work orders (.csv or .xlsx) as messages of channel 12345 with the unit,
    kind, text and the hotline's own time limit; the statutory clock is the kind's, as for every
    message. A unit the platform does not know is refused; “不确定” goes to the routing office."""
    try:
        ((_, table),) = read_table_file(
            data,
            filename,
            max_bytes=MAX_FILE_BYTES,
            max_rows=MAX_ROWS,
            cell_text=_cell_text,
            first_sheet_only=True,
        )
    except TableFileError as error:
        raise MessageImportError([str(error)], "热线工单") from error
    if len(table) > MAX_ROWS:
        raise MessageImportError([f"一次最多导入 {MAX_ROWS} 条工单，请分批导入。"], "热线工单")
    rows, problems = hotline_rows(table)
    checked, row_problems = check_hotline_rows(rows, timezone.now())
    problems += row_problems
    units = _units_by({r.unit for r in checked})
    office = routing_unit() if any(r.unit == "不确定" for r in checked) else None
    existing = {
        m.hotline_number: m
        for m in Message.objects.filter(hotline_number__in=[r.number for r in checked])
    }
    summary = ImportSummary()
    planned: list[tuple[HotlineRow, Unit]] = []
    for row in checked:
        where = f"第 {row.row} 行："
        unit = office if row.unit == "不确定" else units.get(row.unit)
        if unit is None:
            problems.append(
                f"{where}承办单位“{row.unit}”不是平台中的单位（可写单位代码、全称或简称）。"
            )
        elif actor is not None and not can(actor, "message.import", unit):
            problems.append(f"{where}您没有向“{unit.name}”导入工单的权限。")
        elif (current := existing.get(row.number)) is None:
            planned.append((row, unit))
        elif _same_order(current, row):
            summary.unchanged.append(row.number)
        else:
            problems.append(f"{where}工单编号 {row.number} 已导入，且内容不同。")
    if problems:
        raise MessageImportError(problems, "热线工单")
    with transaction.atomic():
        for row, unit in planned:
            message = _create(
                unit=unit,
                data=MessageInput(
                    kind=row.kind,
                    title=row.title,
                    text=row.text,
                    contact_name=row.contact_name,
                    contact_mobile=row.contact_mobile,
                ),
                channel=Channel.HOTLINE,
                received_at=row.received_at,
                submission_key=None,
                unit_chosen=row.unit != "不确定",
                hotline_number=row.number,
                hotline_due_on=row.due_on,
            )
            _event(
                message,
                "import",
                "",
                actor=actor,
                at=row.received_at,
                public_note=f"12345热线工单 {row.number} 已转{unit.name}办理。",
            )
            audit_record(actor=actor, action="message.hotline_import", obj=message, unit=unit)
            summary.created.append(row.number)
    return summary


FORMATS = {"csv": "CSV", "xlsx": "Excel"}


def hotline_answers(unit: Unit, start: date, end: date) -> QuerySet[Message]:
    """Answered hotline orders of ``unit``'s subtree received in [start, end]."""
    return (
        Message.objects.filter(
            channel=Channel.HOTLINE,
            answered_at__isnull=False,
            received_on__gte=start,
            received_on__lte=end,
            unit__path__startswith=unit.path,
        )
        .exclude(state=State.INVALID)
        .select_related("unit")
        .order_by("received_at", "id")
    )


def _latest_replies(messages: list[Message]) -> dict[int, MessageReply]:
    latest: dict[int, MessageReply] = {}
    for reply in MessageReply.objects.filter(message__in=messages).select_related("unit"):
        latest[reply.message_id] = reply
    return latest


@transaction.atomic
def hotline_export(*, actor, unit: Unit, start: date, end: date, fmt: str) -> bytes:
    """双反馈: the answers of the hotline's orders in the layout they came in, plus the answer;
    every order exported is marked as fed back to the hotline (once)."""
    if actor is not None:
        require(actor, "message.handle", unit)
    if fmt not in FORMATS:
        raise ValueError(fmt)
    messages = list(hotline_answers(unit, start, end))
    replies = _latest_replies(messages)
    rows = []
    for message in messages:
        reply = replies.get(message.pk)
        rows.append(
            [
                message.hotline_number,
                timezone.localtime(message.received_at).strftime("%Y-%m-%d %H:%M"),
                message.unit.name,
                MessageKind(message.kind).label,
                message.title,
                message.text,
                message.hotline_due_on,
                timezone.localtime(reply.at).strftime("%Y-%m-%d %H:%M") if reply else "",
                reply.unit.name if reply else "",
                reply.text if reply else "",
            ]
        )
    now = timezone.now()
    unsent = [m for m in messages if m.fed_back_at is None]
    Message.objects.filter(pk__in=[m.pk for m in unsent]).update(fed_back_at=now)
    MessageEvent.objects.bulk_create(
        MessageEvent(
            message=m,
            action="feed_back",
            state_before=m.state,
            state_after=m.state,
            unit=m.unit,
            at=now,
            actor=actor if getattr(actor, "pk", None) else None,
            note="随热线回复文件反馈热线平台",
        )
        for m in unsent
    )
    audit_record(
        actor=actor,
        action="message.hotline_export",
        obj=unit,
        unit=unit,
        changes={
            "period": [start.isoformat(), end.isoformat()],
            "rows": len(rows),
            "fed_back": len(unsent),
            "format": fmt,
        },
    )
    if fmt == "csv":
        return table_csv(HOTLINE_EXPORT_HEADER, rows)
    return table_xlsx(
        title="热线工单答复",
        columns=HOTLINE_EXPORT_HEADER,
        rows=rows,
        widths=[18, 18, 24, 14, 30, 60, 12, 18, 24, 60],
    )
