"""Writes to messages and policy questions. One service per step; each locks the message's row,
refuses a step the state no longer allows (`domain.states`), checks the role on the unit the
message is with, saves, adds a `MessageEvent` (``public_note`` is what the citizen reads) and
records one audit entry, in one transaction.

Clocks come from the deadline engine only (`calendar.selectors.deadline_for`): the due day is
the kind's rule counted from the day of receipt (working days, 调休 make-up days counted), the
three-month veto day its calendar-month rule. Transfers never restart them.

``actor=None`` is the system or the citizen (the public form, the tracking page, imports, the
demo); a person is always checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.calendar.selectors import current_calendar, deadline_for
from gongkai.core.audit import audit_record
from gongkai.core.counters import count_up
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.file_kinds import SCANS_AND_OFFICE
from gongkai.core.domain.publication_gate import PublicText
from gongkai.core.models import Unit
from gongkai.core.permissions import can, require
from gongkai.core.public_tracking import lookup_code_digest, lookup_code_for, new_submission_key
from gongkai.core.uploads import check_upload
from gongkai.documents.gate import refuse_unless_clean
from gongkai.documents.models import Interpretation, OfficialDocument
from gongkai.documents.selectors import public_documents, public_interpretations
from gongkai.search.index import sync_object

from .domain.kinds import (
    CITIZEN_KINDS,
    REGISTERED_CHANNELS,
    THREE_MONTH_RULE,
    Channel,
    InvalidReason,
    MessageKind,
    Satisfaction,
)
from .domain.states import OPEN, Action, State, next_state
from .models import (
    Message,
    MessageEvent,
    MessageReply,
    MessageSerial,
    MessageTransfer,
    PolicyQuestion,
    TransferKind,
)

TITLE_MAX = 100
TEXT_MAX = 5000
REPLY_ATTACHMENT_BYTES = 10 * 1024 * 1024
NUMBER_PREFIX = "LY"


# --- Where a message goes ------------------------------------------------------------------


def routing_unit() -> Unit:
    """The office that routes messages sent to 不确定 (and hotline orders of no known unit):
    the supervising office of the top of the unit tree, else the top unit itself."""
    top = Unit.objects.filter(parent__isnull=True, is_active=True).order_by("path").first()
    if top is None:
        raise DomainError("平台尚未设置单位，暂不能受理留言。")
    return top.effective_supervising_office() or top


# --- Clocks --------------------------------------------------------------------------------


def due_day(kind: MessageKind | str, received_on: date):
    """The deadline engine's answer for a message of ``kind`` received on ``received_on``."""
    return deadline_for(MessageKind(kind).rule_key, received_on)


def three_months_day(received_on: date) -> date:
    return deadline_for(THREE_MONTH_RULE, received_on).due


def message_deadline(message: Message):
    """The `Deadline` the message is measured by (with its explanation), or the reopened
    round's while that is open."""
    if message.reopened_at is not None and message.is_open:
        return due_day(message.kind, timezone.localtime(message.reopened_at).date())
    return due_day(message.kind, message.received_on)


def _set_clock(message: Message) -> None:
    deadline = due_day(message.kind, message.received_on)
    message.due_on, message.due_provisional = deadline.due, deadline.provisional
    message.three_months_on = three_months_day(message.received_on)


def recompute_message_deadlines(years: frozenset[int]) -> int:
    """The calendar's deadline holder: open messages whose counting span touches ``years``. An
    answered message keeps the due day it was answered against."""
    moved = 0
    for message in Message.objects.filter(state__in=list(OPEN)).only(
        "id", "kind", "received_on", "due_on", "due_provisional", "reopened_at", "reopen_due_on"
    ):
        start, end = (
            message.received_on,
            max(message.due_on, message.reopen_due_on or message.due_on),
        )
        if not any(start.year <= year <= max(end.year, start.year + 1) for year in years):
            continue
        deadline = due_day(message.kind, message.received_on)
        changes: dict[str, Any] = {}
        if (deadline.due, deadline.provisional) != (message.due_on, message.due_provisional):
            changes.update(due_on=deadline.due, due_provisional=deadline.provisional)
        if message.reopened_at is not None:
            reopened = due_day(message.kind, timezone.localtime(message.reopened_at).date()).due
            if reopened != message.reopen_due_on:
                changes["reopen_due_on"] = reopened
        if changes:
            Message.objects.filter(pk=message.pk).update(**changes)
            moved += 1
    return moved


def message_deadline_years() -> set[int]:
    years: set[int] = set()
    for received, due, reopen_due in Message.objects.filter(state__in=list(OPEN)).values_list(
        "received_on", "due_on", "reopen_due_on"
    ):
        years |= {received.year, due.year} | ({reopen_due.year} if reopen_due else set())
    return years


# --- Intake --------------------------------------------------------------------------------


@dataclass
class MessageInput:
    """What a citizen writes (the public form, or staff taking it down from a call or letter)."""

    kind: str
    title: str
    text: str
    contact_name: str = ""
    contact_mobile: str = ""
    page_url: str = ""
    may_publish: bool = False


def _check_input(data: MessageInput, *, kinds=CITIZEN_KINDS) -> None:
    if data.kind not in {k.value for k in kinds}:
        raise DomainError("请选择留言类别。")
    data.title, data.text = data.title.strip(), data.text.strip()
    if not data.title:
        raise DomainError("请填写留言标题。")
    if len(data.title) > TITLE_MAX:
        raise DomainError(f"留言标题不能超过{TITLE_MAX}个字。")
    if not data.text:
        raise DomainError("请填写留言内容。")
    if len(data.text) > TEXT_MAX:
        raise DomainError(f"留言内容不能超过{TEXT_MAX}个字。")
    if data.page_url and data.kind != MessageKind.CORRECTION:
        data.page_url = ""


def _next_number(year: int) -> str:
    while True:
        (serial,) = count_up(MessageSerial, "last", year=year)
        number = f"{NUMBER_PREFIX}{year}{serial:06d}"
        # An office's imported ledger may use numbers of this form already.
        if not Message.objects.filter(number=number).exists():
            return number


def _event(
    message: Message,
    action: str,
    before: str,
    *,
    actor,
    note: str = "",
    public_note: str = "",
    at: datetime | None = None,
) -> None:
    MessageEvent.objects.create(
        message=message,
        action=action,
        state_before=before,
        state_after=message.state,
        unit=message.unit,
        at=at or timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        note=note,
        public_note=public_note,
    )


def _create(
    *,
    unit: Unit,
    data: MessageInput,
    channel: Channel,
    received_at: datetime,
    submission_key: str | None,
    code: str = "",
    unit_chosen: bool = True,
    **extra: Any,
) -> Message:
    if not unit.is_active:
        raise DomainError(f"{unit.name}已停用，不能受理留言。")
    received_on = timezone.localtime(received_at).date()
    message = Message(
        unit=unit,
        number=extra.pop("number", None) or _next_number(received_on.year),
        lookup_digest=lookup_code_digest(code) if code else "",
        submission_key=submission_key,
        channel=channel,
        kind=data.kind,
        title=data.title,
        text=data.text,
        page_url=data.page_url,
        contact_name=data.contact_name.strip(),
        contact_mobile=data.contact_mobile.strip(),
        may_publish=data.may_publish,
        unit_chosen=unit_chosen,
        received_at=received_at,
        received_on=received_on,
        **extra,
    )
    _set_clock(message)
    message.save()
    return message


def _received_note(message: Message) -> str:
    if not message.unit_chosen:
        return f"留言已收到，由{message.unit.name}分办。"
    return f"留言已收到，由{message.unit.name}办理。"


@dataclass(frozen=True)
class Submitted:
    message: Message
    lookup_code: str
    created: bool
    """False when the same form was submitted before: the first message is returned."""


def message_submit_online(
    *, unit: Unit | None, data: MessageInput, submission_key: str
) -> Submitted:
    """A citizen's message from the public form; ``unit=None`` is 不确定 (the office routes it).
    Idempotent per ``submission_key``."""
    if not submission_key or len(submission_key) > 64:
        raise DomainError("表单已失效，请刷新页面后重新提交。")
    code = lookup_code_for(submission_key)
    existing = Message.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return Submitted(existing, code, created=False)
    _check_input(data)
    try:
        with transaction.atomic():
            message = _create(
                unit=unit or routing_unit(),
                data=data,
                channel=Channel.WEB,
                received_at=timezone.now(),
                submission_key=submission_key,
                code=code,
                unit_chosen=unit is not None,
            )
            _event(message, "submit", "", actor=None, public_note=_received_note(message))
            audit_record(actor=None, action="message.submit", obj=message, unit=message.unit)
    except IntegrityError:
        # Two copies of the same form raced; the other one won and holds the message.
        existing = Message.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return Submitted(existing, code, created=False)
    return Submitted(message, code, created=True)


def message_register(
    *,
    actor,
    unit: Unit,
    data: MessageInput,
    channel: Channel | str,
    received_at: datetime,
) -> Submitted:
    """登记留言 taken down by staff from a call or a letter; the code is shown to staff once, to
    pass on to the citizen."""
    if actor is not None:
        require(actor, "message.handle", unit)
    channel = Channel(channel)
    if channel not in REGISTERED_CHANNELS:
        raise DomainError("登记的留言来源应为电话或信件。")
    if received_at > timezone.now():
        raise DomainError("收到时间不能晚于现在。")
    _check_input(data, kinds=tuple(MessageKind))
    key = new_submission_key()
    code = lookup_code_for(key)
    with transaction.atomic():
        message = _create(
            unit=unit,
            data=data,
            channel=channel,
            received_at=received_at,
            submission_key=key,
            code=code,
        )
        _event(
            message,
            "register",
            "",
            actor=actor,
            at=received_at,
            public_note=f"留言已收到（{channel.label}），由{unit.name}办理。",
        )
        audit_record(actor=actor, action="message.register", obj=message, unit=unit)
    return Submitted(message, code, created=True)


# --- Steps ---------------------------------------------------------------------------------


def _locked(message: Message, action: Action) -> Message:
    """The message's row, locked and fresh; refused at once if ``action`` is impossible now."""
    locked = Message.objects.select_for_update().select_related("unit").get(pk=message.pk)
    next_state(locked.state, action)
    return locked


def _require_handler(actor, message: Message) -> None:
    if actor is not None:
        require(actor, "message.handle", message.unit)


def _step(
    actor,
    message: Message,
    action: Action,
    *,
    note: str = "",
    public_note: str = "",
    changes: dict[str, Any] | None = None,
    audit_changes: dict[str, Any] | None = None,
) -> Message:
    before = message.state
    message.state = next_state(before, action)
    for name, value in (changes or {}).items():
        setattr(message, name, value)
    message.save()
    _event(message, action.value, before, actor=actor, note=note, public_note=public_note)
    audit_record(
        actor=actor,
        action=f"message.{action.value}",
        obj=message,
        unit=message.unit,
        changes={"state": [before, message.state], **(audit_changes or {})},
    )
    if message.published_at is not None:
        sync_object(message)
    return message


@transaction.atomic
def message_accept(*, actor, message: Message) -> Message:
    """签收: the unit takes the message on."""
    message = _locked(message, Action.ACCEPT)
    _require_handler(actor, message)
    return _step(
        actor, message, Action.ACCEPT, public_note=f"{message.unit.name}已签收，正在办理。"
    )


@transaction.atomic
def message_transfer(*, actor, message: Message, to_unit: Unit, reason: str) -> Message:
    """分办 (a message sent to 不确定, from the office) or 转办 (to the unit it belongs to). The
    receiving unit signs for it or returns it; the clock keeps running."""
    message = _locked(message, Action.TRANSFER)
    if actor is not None and not (
        can(actor, "message.handle", message.unit) or can(actor, "message.route", message.unit)
    ):
        require(actor, "message.handle", message.unit)
    if to_unit.pk == message.unit_id:
        raise DomainError("留言已在该单位，请选择其他单位。")
    if not to_unit.is_active:
        raise DomainError(f"{to_unit.name}已停用，不能转办。")
    routing = not message.unit_chosen and not message.transfers.exists()
    if not routing and not reason.strip():
        raise DomainError("请写明转办理由。")
    kind = TransferKind.ROUTE if routing else TransferKind.TRANSFER
    from_unit = message.unit
    MessageTransfer.objects.create(
        message=message,
        kind=kind,
        from_unit=from_unit,
        to_unit=to_unit,
        reason=reason.strip(),
        at=timezone.now(),
        by=actor if getattr(actor, "pk", None) else None,
    )
    return _step(
        actor,
        message,
        Action.TRANSFER,
        note=reason.strip(),
        public_note=f"{from_unit.name}已将留言{kind.label}至{to_unit.name}。",
        changes={"unit": to_unit},
        audit_changes={"unit": [from_unit.code, to_unit.code], "kind": kind.value},
    )


@transaction.atomic
def message_return(*, actor, message: Message, reason: str) -> Message:
    """退回: the unit a message was passed to says it is not theirs; it goes back to the unit
    that passed it on."""
    message = _locked(message, Action.RETURN)
    _require_handler(actor, message)
    last = message.transfers.order_by("-at", "-id").first()
    if last is None or last.to_unit_id != message.unit_id or last.kind == TransferKind.RETURN:
        raise DomainError("只有转来的留言才能退回。")
    if not reason.strip():
        raise DomainError("请写明退回理由。")
    MessageTransfer.objects.create(
        message=message,
        kind=TransferKind.RETURN,
        from_unit=message.unit,
        to_unit=last.from_unit,
        reason=reason.strip(),
        at=timezone.now(),
        by=actor if getattr(actor, "pk", None) else None,
    )
    returned_from = message.unit
    return _step(
        actor,
        message,
        Action.RETURN,
        note=reason.strip(),
        public_note=f"{returned_from.name}已将留言退回{last.from_unit.name}重新分办。",
        changes={"unit": last.from_unit},
        audit_changes={"unit": [returned_from.code, last.from_unit.code]},
    )


@transaction.atomic
def message_classify(*, actor, message: Message, kind: MessageKind | str) -> Message:
    """更改类别 (e.g. a consultation that is a simple, common question: 1 working day). The due
    day is counted again from the day of receipt with the new kind's rule."""
    message = _locked(message, Action.CLASSIFY)
    _require_handler(actor, message)
    kind = MessageKind(kind)
    if kind == message.kind:
        raise DomainError(f"留言类别已是“{kind.label}”。")
    before_kind, before_due = MessageKind(message.kind), message.due_on
    message.kind = kind
    _set_clock(message)
    return _step(
        actor,
        message,
        Action.CLASSIFY,
        note=f"{before_kind.label} → {kind.label}",
        public_note=f"留言类别确定为“{kind.label}”，答复期限为{message.due_on:%Y年%m月%d日}。",
        audit_changes={
            "kind": [before_kind.value, kind.value],
            "due_on": [before_due.isoformat(), message.due_on.isoformat()],
        },
    )


def _answer_time(answered_at: datetime | None, message: Message) -> datetime:
    moment = answered_at or timezone.now()
    if moment > timezone.now():
        raise DomainError("答复时间不能晚于现在。")
    if moment < message.received_at:
        raise DomainError("答复时间不能早于收到留言的时间。")
    return moment


@transaction.atomic
def message_reply(
    *,
    actor,
    message: Message,
    text: str,
    attachment=None,
    answered_at: datetime | None = None,
) -> Message:
    """答复: the answer goes to the citizen (their tracking page). The first answer is the one
    the clock measured; an answer to a reopened message is kept beside it."""
    message = _locked(message, Action.REPLY)
    _require_handler(actor, message)
    if not text.strip():
        raise DomainError("请填写答复内容。")
    if attachment is not None:
        check_upload(attachment, kinds=SCANS_AND_OFFICE, max_bytes=REPLY_ATTACHMENT_BYTES)
    moment = _answer_time(answered_at, message)
    reply = MessageReply.objects.create(
        message=message,
        unit=message.unit,
        text=text.strip(),
        attachment=attachment or "",
        attachment_name=(attachment.name or "")[:200] if attachment else "",
        attachment_type=getattr(attachment, "content_type", "") if attachment else "",
        at=moment,
        by=actor if getattr(actor, "pk", None) else None,
    )
    changes: dict[str, Any] = {}
    first = message.answered_at is None
    if first:
        answered_on = timezone.localtime(moment).date()
        changes.update(
            answered_at=moment,
            answered_on=answered_on,
            answer_workdays=current_calendar().workdays_between(message.received_on, answered_on),
        )
    late = first and changes["answered_on"] > message.due_on
    return _step(
        actor,
        message,
        Action.REPLY,
        note=f"答复 #{reply.pk}",
        public_note=f"{message.unit.name}已答复。",
        changes=changes,
        audit_changes={"reply": reply.pk, **({"late": True} if late else {})},
    )


def _reopen(actor, message: Message, reason: str) -> Message:
    now = timezone.now()
    return _step(
        actor,
        message,
        Action.REOPEN,
        note=reason.strip(),
        public_note="留言人反映问题未解决，留言重新办理。"
        if actor is None
        else f"{message.unit.name}重新办理此留言。",
        changes={
            "reopened_at": now,
            "reopen_due_on": due_day(message.kind, timezone.localtime(now).date()).due,
        },
    )


@transaction.atomic
def message_reopen(*, actor, message: Message, reason: str) -> Message:
    """重新办理 when the citizen says the answer did not resolve it (staff taking it down from a
    call). A new answer is owed within the kind's working days from today."""
    message = _locked(message, Action.REOPEN)
    _require_handler(actor, message)
    if not reason.strip():
        raise DomainError("请写明重新办理的原因。")
    return _reopen(actor, message, reason)


@transaction.atomic
def message_rate(
    *, message: Message, satisfaction: Satisfaction | str, resolved: bool, comment: str = ""
) -> Message:
    """The citizen rates the answer on the tracking page (满意 / 基本满意 / 不满意) and says
    whether it resolved the problem; “not resolved” reopens the message."""
    message = Message.objects.select_for_update().select_related("unit").get(pk=message.pk)
    if message.state != State.ANSWERED:
        raise DomainError("留言答复后才能评价。")
    last_reply = message.replies.order_by("-at", "-id").first()
    if (
        message.rated_at is not None
        and last_reply is not None
        and message.rated_at >= last_reply.at
    ):
        raise DomainError("您已评价过本次答复。")
    satisfaction = Satisfaction(satisfaction)
    message.satisfaction, message.resolved = satisfaction, resolved
    message.rated_at, message.feedback_text = timezone.now(), comment.strip()[:1000]
    message.save(update_fields=["satisfaction", "resolved", "rated_at", "feedback_text"])
    _event(
        message,
        "rate",
        message.state,
        actor=None,
        note=message.feedback_text,
        public_note=f"留言人评价：{satisfaction.label}；问题{'已' if resolved else '未'}解决。",
    )
    audit_record(
        actor=None,
        action="message.rate",
        obj=message,
        unit=message.unit,
        changes={"satisfaction": [None, satisfaction.value], "resolved": [None, resolved]},
    )
    if not resolved:
        _reopen(None, message, message.feedback_text or "留言人反映问题未解决。")
    return message


@transaction.atomic
def message_close_invalid(
    *, actor, message: Message, reason: InvalidReason | str, note: str = ""
) -> Message:
    """无效留言: closed with its reason, kept, and left out of the statistics (counted apart)."""
    message = _locked(message, Action.CLOSE_INVALID)
    _require_handler(actor, message)
    reason = InvalidReason(reason)
    if reason == InvalidReason.DUPLICATE and not note.strip():
        raise DomainError("重复留言请写明与哪条留言重复（留言编号）。")
    return _step(
        actor,
        message,
        Action.CLOSE_INVALID,
        note=note.strip(),
        public_note=f"留言经审核为无效留言（{reason.label}），不再办理。",
        changes={
            "invalid_reason": reason,
            "invalid_note": note.strip(),
            "closed_at": timezone.now(),
        },
        audit_changes={"reason": reason.value},
    )


@transaction.atomic
def message_restore(*, actor, message: Message, note: str) -> Message:
    """A message closed as invalid by mistake is handled again, on its original clock."""
    message = _locked(message, Action.RESTORE)
    _require_handler(actor, message)
    if not note.strip():
        raise DomainError("请写明恢复的原因。")
    return _step(
        actor,
        message,
        Action.RESTORE,
        note=note.strip(),
        public_note="留言恢复办理。",
        changes={"invalid_reason": "", "invalid_note": "", "closed_at": None},
    )


@transaction.atomic
def message_mark_fed_back(*, actor, message: Message) -> Message:
    """双反馈: the answer of a hotline order has been given to the hotline platform too."""
    message = Message.objects.select_for_update().select_related("unit").get(pk=message.pk)
    _require_handler(actor, message)
    if message.channel != Channel.HOTLINE:
        raise DomainError("只有12345热线工单需要反馈热线平台。")
    if message.state != State.ANSWERED:
        raise DomainError("工单答复后才能反馈热线平台。")
    if message.fed_back_at is not None:
        raise DomainError("该工单已反馈热线平台。")
    message.fed_back_at = timezone.now()
    message.save(update_fields=["fed_back_at"])
    _event(message, "feed_back", message.state, actor=actor, note="已反馈热线平台")
    audit_record(actor=actor, action="message.feed_back", obj=message, unit=message.unit)
    return message


# --- Publication ---------------------------------------------------------------------------


def public_texts(title: str, excerpt: str, answer: str) -> list[PublicText]:
    return [
        PublicText("公开标题", title),
        PublicText("公开的留言内容", excerpt),
        PublicText("公开的答复内容", answer),
    ]


def _refuse_contact_name(message: Message, texts: list[PublicText]) -> None:
    name = message.contact_name.strip()
    if len(name) < 2:
        return
    for text in texts:
        if name in text.text:
            raise DomainError(f"不能公开：{text.label}中有留言人的姓名，请删去后再公开。")


@transaction.atomic
def message_publish(*, actor, message: Message, title: str, excerpt: str, answer: str) -> Message:
    """公开 an answered message in 留言选登: the public copy (staff may shorten or edit the
    citizen's words) passes the publication gate and never names the citizen. Only with the
    citizen's consent."""
    message = Message.objects.select_for_update().select_related("unit").get(pk=message.pk)
    if actor is not None:
        require(actor, "message.publish", message.unit)
    if message.answered_at is None or message.state == State.INVALID:
        raise DomainError("只有已答复的有效留言可以公开。")
    if not message.may_publish:
        raise DomainError("留言人未同意公开，不能公开。")
    title, excerpt, answer = title.strip(), excerpt.strip(), answer.strip()
    if not (title and excerpt and answer):
        raise DomainError("公开标题、留言内容和答复内容都须填写。")
    if len(title) > TITLE_MAX:
        raise DomainError(f"公开标题不能超过{TITLE_MAX}个字。")
    texts = public_texts(title, excerpt, answer)
    refuse_unless_clean(unit=message.unit, texts=texts, action="公开")
    _refuse_contact_name(message, texts)
    first = message.published_at is None
    message.public_title, message.public_excerpt, message.public_answer = title, excerpt, answer
    if first:
        message.published_at = timezone.now()
    message.save()
    _event(
        message,
        "publish",
        message.state,
        actor=actor,
        public_note="留言及答复已在网站公开。" if first else "",
    )
    audit_record(
        actor=actor,
        action="message.publish" if first else "message.publish_update",
        obj=message,
        unit=message.unit,
    )
    sync_object(message)
    return message


@transaction.atomic
def message_unpublish(*, actor, message: Message, reason: str) -> Message:
    message = Message.objects.select_for_update().select_related("unit").get(pk=message.pk)
    if actor is not None:
        require(actor, "message.publish", message.unit)
    if message.published_at is None:
        raise DomainError("该留言未公开。")
    if not reason.strip():
        raise DomainError("请写明撤回公开的原因。")
    message.published_at = None
    message.save()
    _event(message, "unpublish", message.state, actor=actor, note=reason.strip())
    audit_record(
        actor=actor,
        action="message.unpublish",
        obj=message,
        unit=message.unit,
        changes={"reason": reason.strip()},
    )
    sync_object(message)
    return message


# --- Policy Q&A ----------------------------------------------------------------------------


def _check_question(
    unit: Unit, document: OfficialDocument, interpretation: Interpretation | None
) -> None:
    if not public_documents().filter(pk=document.pk).exists():
        raise DomainError("相关政策文件须是已公开的文件。")
    if interpretation is not None and not (
        public_interpretations().filter(pk=interpretation.pk, document=document).exists()
    ):
        raise DomainError("相关政策解读须是该文件已公开的解读。")


@transaction.atomic
def question_save(
    *,
    actor,
    unit: Unit,
    question: str,
    answer: str,
    document: OfficialDocument,
    interpretation: Interpretation | None = None,
    source_message: Message | None = None,
    sort_order: int = 0,
    existing: PolicyQuestion | None = None,
) -> PolicyQuestion:
    """Create or edit a policy question. A published one is checked by the gate again on every
    edit, and stays published only if it passes."""
    if actor is not None:
        require(actor, "qa.edit", unit)
        if existing is not None:
            require(actor, "qa.edit", existing.unit)
    question, answer = question.strip(), answer.strip()
    if not question or not answer:
        raise DomainError("问题和解答都须填写。")
    if len(question) > 200:
        raise DomainError("问题不能超过200个字。")
    _check_question(unit, document, interpretation)
    entry = existing or PolicyQuestion()
    published = existing is not None and existing.published_at is not None
    if published:
        refuse_unless_clean(unit=unit, texts=_question_texts(question, answer), action="保存")
    entry.unit, entry.question, entry.answer = unit, question, answer
    entry.document, entry.interpretation, entry.sort_order = document, interpretation, sort_order
    if source_message is not None:
        entry.source_message = source_message
    entry.save()
    audit_record(
        actor=actor,
        action="qa.update" if existing else "qa.create",
        obj=entry,
        unit=unit,
        changes={"document": [None, document.pk], "published": [None, published]},
    )
    if published:
        sync_object(entry)
    return entry


def _question_texts(question: str, answer: str) -> list[PublicText]:
    return [PublicText("问题", question), PublicText("解答", answer)]


@transaction.atomic
def question_publish(*, actor, entry: PolicyQuestion) -> PolicyQuestion:
    entry = PolicyQuestion.objects.select_for_update().select_related("unit").get(pk=entry.pk)
    if actor is not None:
        require(actor, "qa.publish", entry.unit)
    if entry.published_at is not None:
        raise DomainError("该问答已发布。")
    _check_question(entry.unit, entry.document, entry.interpretation)
    refuse_unless_clean(
        unit=entry.unit, texts=_question_texts(entry.question, entry.answer), action="发布"
    )
    entry.published_at = timezone.now()
    entry.save()
    audit_record(actor=actor, action="qa.publish", obj=entry, unit=entry.unit)
    sync_object(entry)
    return entry


@transaction.atomic
def question_unpublish(*, actor, entry: PolicyQuestion) -> PolicyQuestion:
    entry = PolicyQuestion.objects.select_for_update().select_related("unit").get(pk=entry.pk)
    if actor is not None:
        require(actor, "qa.publish", entry.unit)
    if entry.published_at is None:
        raise DomainError("该问答未发布。")
    entry.published_at = None
    entry.save()
    audit_record(actor=actor, action="qa.unpublish", obj=entry, unit=entry.unit)
    sync_object(entry)
    return entry


def question_from_message(
    *, actor, message: Message, document: OfficialDocument, unit: Unit | None = None
) -> PolicyQuestion:
    """转为政策问答: a draft question from an answered message's public copy (or its own words,
    which the gate checks when the question is published)."""
    if message.answered_at is None or message.state == State.INVALID:
        raise DomainError("只有已答复的有效留言可以转为政策问答。")
    if not message.may_publish:
        raise DomainError("留言人未同意公开，不能转为政策问答。")
    answer = message.public_answer or (
        message.replies.order_by("-at", "-id").values_list("text", flat=True).first() or ""
    )
    return question_save(
        actor=actor,
        unit=unit or message.unit,
        question=(message.public_title or message.title)[:200],
        answer=answer,
        document=document,
        source_message=message,
    )
