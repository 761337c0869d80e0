"""Writes to disclosure requests. One service per step of the handling; each checks permission,
moves the state along `domain.states.TRANSITIONS`, recomputes the reply deadline, adds a
`RequestEvent` (the applicant-visible history) and records one audit entry, in one transaction
with the request's row locked so that two handlers' steps queue.

``actor=None`` is the system (the public form, imports, the demo); a person is always checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.calendar.conf import fee_period_pauses
from gongkai.calendar.domain.deadlines import Deadline, Pause
from gongkai.calendar.domain.rules import PauseReason
from gongkai.calendar.selectors import deadline_for
from gongkai.core.audit import audit_record
from gongkai.core.counters import count_up
from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit
from gongkai.core.permissions import require
from gongkai.core.public_tracking import (
    lookup_code_digest,
    lookup_code_for,
    new_submission_key,
)
from gongkai.core.validation import full_clean_or_refuse
from gongkai.documents.models import OfficialDocument

from .domain.fees import FeeMethod, compute_fee
from .domain.intake import (
    ApplicantIdType,
    Channel,
    IntakeError,
    accepts_requests,
    check_id_number,
    receipt_date,
    tracking_number,
)
from .domain.outcomes import ApplicantType, Outcome
from .domain.states import PAUSED, Action, State, next_state
from .models import (
    AttachmentKind,
    Delivery,
    DisclosureRequest,
    FeeNotice,
    FeeNoticeStatus,
    RequestAttachment,
    RequestEvent,
    RequestPause,
    RequestSerial,
)

# Outcomes that end a request without a reply decision, each set by its own step.
_OUTCOMES_OF_OTHER_STEPS = {
    Outcome.OTHER_NO_CORRECTION: "视为放弃申请（逾期不补正）",
    Outcome.OTHER_FEE_UNPAID: "视为放弃申请（逾期未缴纳信息处理费）",
}


# --- Intake -------------------------------------------------------------------------------


@dataclass
class Application:
    """What an applicant states (条例第二十九条), from the public form or a staff entry."""

    applicant_type: str
    applicant_name: str
    description: str
    id_type: str = ""
    id_number: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    doc_number: str = ""
    form_wanted: str = ""
    delivery_method: str = ""
    attachments: list[tuple[str, Any]] = field(default_factory=list)
    """(kind, uploaded file) pairs, already checked for type and size by the form."""

    def fields(self) -> dict[str, str]:
        return {
            name: getattr(self, name)
            for name in (
                "applicant_type",
                "applicant_name",
                "description",
                "id_type",
                "id_number",
                "contact_person",
                "phone",
                "email",
                "address",
                "postcode",
                "doc_number",
                "form_wanted",
                "delivery_method",
            )
        }


def _check_application(application: Application) -> None:
    if application.applicant_type not in {t.value for t in ApplicantType}:
        raise IntakeError("请选择申请人类型。")
    if not application.applicant_name.strip():
        raise IntakeError("请填写申请人姓名或名称。")
    if not application.description.strip() and not application.doc_number.strip():
        raise IntakeError("请填写所需政府信息的名称、文号或便于查询的其他特征性描述。")
    if not (application.phone or application.email or application.address):
        raise IntakeError("请至少填写一种联系方式（电话、电子邮箱或通信地址）。")
    if application.id_type:
        application.id_number = check_id_number(application.id_type, application.id_number)
    elif application.id_number:
        raise IntakeError("填写证件号码时请选择证件类型。")
    if (
        application.applicant_type != ApplicantType.NATURAL_PERSON
        and application.id_type == ApplicantIdType.RESIDENT_ID
        and not application.contact_person
    ):
        raise IntakeError("法人或其他组织申请时，请填写联系人。")


def _next_tracking_no(unit: Unit, year: int) -> str:
    while True:
        (serial,) = count_up(RequestSerial, "last", unit_id=unit.pk, year=year)
        number = tracking_number(unit.code, year, serial)
        # Cases imported from an office's old ledger may already use numbers of this form.
        if not DisclosureRequest.objects.filter(tracking_no=number).exists():
            return number


def _save_attachments(request: DisclosureRequest, attachments: list[tuple[str, Any]]) -> None:
    for kind, upload in attachments:
        RequestAttachment.objects.create(
            request=request,
            kind=AttachmentKind(kind),
            file=upload,
            original_name=upload.name[:200],
            content_type=getattr(upload, "content_type", "") or "",
            size=upload.size,
        )


def _event(
    request: DisclosureRequest,
    action: str,
    before: str,
    *,
    actor,
    on: date,
    note: str = "",
    public_note: str = "",
) -> None:
    RequestEvent.objects.create(
        request=request,
        action=action,
        state_before=before,
        state_after=request.state,
        at=timezone.now(),
        on=on,
        actor=actor if getattr(actor, "pk", None) else None,
        note=note,
        public_note=public_note,
    )


@dataclass(frozen=True)
class Submitted:
    request: DisclosureRequest
    lookup_code: str
    created: bool
    """False when the same form was submitted before: the first request is returned."""


def request_submit_online(
    *, unit: Unit, application: Application, submission_key: str
) -> Submitted:
    """A citizen's application from the public form. Idempotent per ``submission_key``."""
    if not submission_key or len(submission_key) > 64:
        raise IntakeError("表单已失效，请刷新页面后重新提交。")
    code = lookup_code_for(submission_key)
    existing = DisclosureRequest.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return Submitted(existing, code, created=False)
    _check_application(application)
    try:
        with transaction.atomic():
            request = _create(
                unit=unit,
                application=application,
                channel=Channel.ONLINE,
                submission_key=submission_key,
                code=code,
                submitted_at=timezone.now(),
                state=State.SUBMITTED,
            )
            _event(
                request,
                "submit",
                "",
                actor=None,
                on=timezone.localdate(),
                public_note="申请已提交，待受理机关确认受理。确认之日为收到申请之日。",
            )
            audit_record(actor=None, action="request.submit", obj=request, unit=unit)
    except IntegrityError:
        # Two copies of the same form raced; the other one won and holds the request.
        existing = DisclosureRequest.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return Submitted(existing, code, created=False)
    return Submitted(request, code, created=True)


def _create(
    *,
    unit: Unit,
    application: Application,
    channel: Channel,
    submission_key: str,
    code: str,
    submitted_at,
    state: State,
    **dates: date | None,
) -> DisclosureRequest:
    if not accepts_requests(unit.kind):
        raise IntakeError(
            f"{unit.name}不是行政机关，不受理政府信息公开申请；请向其所属乡镇（街道）提出。"
        )
    year = (dates.get("received_on") or timezone.localtime(submitted_at).date()).year
    request = DisclosureRequest(
        unit=unit,
        tracking_no=_next_tracking_no(unit, year),
        lookup_digest=lookup_code_digest(code),
        submission_key=submission_key,
        channel=channel,
        submitted_at=submitted_at,
        state=state,
        **application.fields(),
        **dates,
    )
    full_clean_or_refuse(request, exclude=["tracking_no", "submission_key"])
    request.save()
    _save_attachments(request, application.attachments)
    refresh_due(request)
    return request


def request_register(
    *,
    actor,
    unit: Unit,
    application: Application,
    channel: Channel | str,
    submitted_on: date,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    handler=None,
) -> Submitted:
    """Staff entry of a request received in person, by mail, letter or fax (or online, by hand).

    The receipt date follows 条例第三十一条 by channel; the request starts as received.
    """
    require(actor, "request.handle", unit)
    channel = Channel(channel)
    received_on = receipt_date(
        channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
    )
    if received_on > timezone.localdate():
        raise IntakeError("收到申请之日不能晚于今天。")
    _check_application(application)
    key = new_submission_key()
    code = lookup_code_for(key)
    with transaction.atomic():
        request = _create(
            unit=unit,
            application=application,
            channel=channel,
            submission_key=key,
            code=code,
            submitted_at=timezone.make_aware(
                timezone.datetime.combine(submitted_on, timezone.datetime.min.time())
            ),
            state=State.RECEIVED,
            signed_on=signed_on,
            confirmed_on=confirmed_on,
            received_on=received_on,
        )
        if handler is not None:
            request.handler = handler
            request.save(update_fields=["handler"])
        _event(
            request,
            "register",
            "",
            actor=actor,
            on=received_on,
            public_note=f"申请已受理（{channel.label}，{channel.receipt_rule}）。",
        )
        audit_record(actor=actor, action="request.register", obj=request, unit=unit)
    return Submitted(request, code, created=True)


# --- Deadlines ----------------------------------------------------------------------------


def _pause_counts(reason: str) -> bool:
    return reason != PauseReason.FEE or fee_period_pauses()


def reply_deadline(request: DisclosureRequest) -> Deadline | None:
    """The 第三十三条 reply deadline, or None while it cannot be known.

    None before receipt, while a correction is awaited (the clock restarts when it comes in),
    while a pause that stops the clock is open (the due date moves with its end) and once the
    request is closed.
    """
    if request.received_on is None or request.state in {
        State.SUBMITTED,
        State.CORRECTION_REQUESTED,
    }:
        return None
    if request.is_closed:
        return None
    return foi_reply_deadline(request, extended=request.extended)


def foi_reply_deadline(request: DisclosureRequest, *, extended: bool) -> Deadline | None:
    """The 第三十三条 deadline from the request's receipt, correction and pauses, whatever its
    state: None before receipt and while a pause that stops the clock is open."""
    if request.received_on is None:
        return None
    pauses = []
    for pause in request.pauses.all():
        if pause.ended_on is None:
            if _pause_counts(pause.reason):
                return None
            continue
        pauses.append(Pause(pause.started_on, pause.ended_on, PauseReason(pause.reason)))
    return deadline_for(
        "foi-reply",
        request.received_on,
        corrected=request.corrected_on,
        pauses=pauses,
        extended=extended,
    )


def refresh_due(request: DisclosureRequest) -> bool:
    """Store the request's current reply due date; True when it moved.

    A closed request keeps the due date it had when it closed: the annual report and the
    register of late replies compare it with the reply date.
    """
    if request.is_closed:
        return False
    deadline = reply_deadline(request)
    due = deadline.due if deadline else None
    if due == request.due_on:
        return False
    request.due_on = due
    DisclosureRequest.objects.filter(pk=request.pk).update(due_on=due)
    return True


def recompute_request_deadlines(years: frozenset[int]) -> int:
    """The calendar's deadline holder: open requests whose counting span touches ``years``."""
    moved = 0
    candidates = DisclosureRequest.objects.filter(
        state__in=[State.RECEIVED, State.IN_HANDLING, *PAUSED], received_on__isnull=False
    ).prefetch_related("pauses")
    for request in candidates:
        start = request.corrected_on or request.received_on
        end = request.due_on or start
        if any(start.year <= y <= max(end.year, start.year + 1) for y in years):
            moved += refresh_due(request)
    return moved


def request_deadline_years() -> set[int]:
    years: set[int] = set()
    for received, due in DisclosureRequest.objects.filter(
        state__in=[State.RECEIVED, State.IN_HANDLING, *PAUSED], received_on__isnull=False
    ).values_list("received_on", "due_on"):
        years.add(received.year)
        if due:
            years.add(due.year)
    return years


# --- Steps --------------------------------------------------------------------------------


def _locked(request: DisclosureRequest, action: Action | None = None) -> DisclosureRequest:
    """The request's row, locked, fresh; refused at once if ``action`` is impossible now."""
    locked = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    if action is not None:
        next_state(locked.state, action)
    return locked


def _today_or(on: date | None) -> date:
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise DomainError("日期不能晚于今天。")
    return day


def _step(
    actor,
    request: DisclosureRequest,
    action: Action,
    *,
    on: date,
    permission: str = "request.handle",
    note: str = "",
    public_note: str = "",
    changes: dict[str, Any] | None = None,
) -> str:
    """Check, move the state, save, log. The caller holds the row lock (`_locked`).

    ``actor=None`` is the applicant on the tracking page (the lookup code was the check) or
    the system; people are checked against ``permission``.
    """
    if actor is not None:
        require(actor, permission, request.unit)
    before = request.state
    request.state = next_state(before, action)
    for name, value in (changes or {}).items():
        setattr(request, name, value)
    request.save()
    refresh_due(request)
    _event(request, action.value, before, actor=actor, on=on, note=note, public_note=public_note)
    audit_record(
        actor=actor,
        action=f"request.{action.value}",
        obj=request,
        unit=request.unit,
        changes={"state": [before, request.state], **_printable(changes or {})},
    )
    return before


def _printable(changes: dict[str, Any]) -> dict[str, Any]:
    return {
        name: [None, value.isoformat() if isinstance(value, date) else str(value)]
        for name, value in changes.items()
        if not hasattr(value, "pk")
    }


@transaction.atomic
def request_accept(
    *, actor, request: DisclosureRequest, confirmed_on: date | None = None
) -> DisclosureRequest:
    """确认受理 an online submission: the confirmation date is the receipt date (第三十一条)."""
    request = _locked(request, Action.ACCEPT)
    day = _today_or(confirmed_on)
    submitted = timezone.localtime(request.submitted_at).date()
    received_on = receipt_date(request.channel, submitted_on=submitted, confirmed_on=day)
    _step(
        actor,
        request,
        Action.ACCEPT,
        on=day,
        changes={"confirmed_on": day, "received_on": received_on},
        public_note=f"受理机关已确认受理，收到申请之日为{received_on:%Y年%m月%d日}。",
    )
    return request


@transaction.atomic
def request_assign(*, actor, request: DisclosureRequest, handler) -> DisclosureRequest:
    request = _locked(request)
    require(actor, "request.handle", request.unit)
    if handler is not None:
        require(handler, "request.handle", request.unit)
    before = request.handler_id
    request.handler = handler
    request.save(update_fields=["handler", "updated_at"])
    audit_record(
        actor=actor,
        action="request.assign",
        obj=request,
        unit=request.unit,
        changes={"handler": [before, getattr(handler, "pk", None)]},
    )
    return request


@transaction.atomic
def request_ask_correction(
    *, actor, request: DisclosureRequest, items: str, until: date, on: date | None = None
) -> DisclosureRequest:
    """一次性告知补正 (第三十条): what must be corrected and by when."""
    request = _locked(request, Action.REQUEST_CORRECTION)
    day = _today_or(on)
    if not items.strip():
        raise DomainError("请写明需要补正的事项。")
    if until <= day:
        raise DomainError("补正期限应晚于告知之日。")
    notice_due = deadline_for("correction-notice", request.received_on).due
    late = f"（已超过{notice_due:%Y年%m月%d日}的告知期限）" if day > notice_due else ""
    _step(
        actor,
        request,
        Action.REQUEST_CORRECTION,
        on=day,
        changes={
            "correction_items": items.strip(),
            "correction_requested_on": day,
            "correction_until": until,
        },
        note=late,
        public_note=(
            f"请于{until:%Y年%m月%d日}前补正以下事项：{items.strip()}"
            "。答复期限自收到补正后的申请之日起重新计算（条例第三十条）。"
        ),
    )
    return request


@transaction.atomic
def request_record_correction(
    *,
    actor,
    request: DisclosureRequest,
    corrected_on: date | None = None,
    description: str = "",
    attachments: list[tuple[str, Any]] | None = None,
) -> DisclosureRequest:
    """收到补正: the reply clock restarts from this day."""
    request = _locked(request, Action.RECORD_CORRECTION)
    day = _today_or(corrected_on)
    if day < request.correction_requested_on:
        raise DomainError("收到补正之日不能早于告知补正之日。")
    changes: dict[str, Any] = {"corrected_on": day}
    if description.strip():
        changes["description"] = description.strip()
    _step(
        actor,
        request,
        Action.RECORD_CORRECTION,
        on=day,
        changes=changes,
        public_note=f"已收到补正后的申请（{day:%Y年%m月%d日}），答复期限自该日起计算。",
    )
    _save_attachments(request, [(AttachmentKind.CORRECTION, f) for _, f in attachments or []])
    return request


def request_correct_online(
    *, request: DisclosureRequest, description: str, attachments: list[tuple[str, Any]] = ()
) -> DisclosureRequest:
    """The applicant corrects on the tracking page; the office receives it that day."""
    if not description.strip():
        raise IntakeError("请填写补正后的申请内容。")
    with transaction.atomic():
        return request_record_correction(
            actor=None,
            request=request,
            description=description,
            attachments=list(attachments),
        )


@transaction.atomic
def request_abandon(
    *, actor, request: DisclosureRequest, on: date | None = None, note: str = ""
) -> DisclosureRequest:
    """视为放弃申请: no correction by its deadline (第三十条) or no fee paid in time."""
    request = _locked(request, Action.ABANDON)
    day = _today_or(on)
    if request.state == State.CORRECTION_REQUESTED:
        if request.correction_until and day <= request.correction_until:
            raise DomainError(
                f"补正期限（{request.correction_until:%Y年%m月%d日}）尚未届满，不能视为放弃申请。"
            )
        outcome = Outcome.OTHER_NO_CORRECTION
    else:
        notice = request.fee_notices.filter(status=FeeNoticeStatus.PENDING).last()
        if notice is not None and day <= notice.pay_by:
            raise DomainError(
                f"缴费期限（{notice.pay_by:%Y年%m月%d日}）尚未届满，不能视为放弃申请。"
            )
        if notice is not None:
            notice.status = FeeNoticeStatus.LAPSED
            notice.save(update_fields=["status"])
        _close_pause(request, day)
        outcome = Outcome.OTHER_FEE_UNPAID
    _step(
        actor,
        request,
        Action.ABANDON,
        on=day,
        note=note,
        changes={"outcome": outcome.value, "closed_on": day, "closing_note": note},
        public_note=f"{_OUTCOMES_OF_OTHER_STEPS[outcome]}，本机关不再处理该申请。",
    )
    return request


@transaction.atomic
def request_start_handling(
    *, actor, request: DisclosureRequest, on: date | None = None
) -> DisclosureRequest:
    request = _locked(request, Action.START_HANDLING)
    _step(actor, request, Action.START_HANDLING, on=_today_or(on), public_note="申请办理中。")
    return request


_CONSULTATIONS = {
    Action.CONSULT_THIRD_PARTY: (PauseReason.THIRD_PARTY, "第三十二条"),
    Action.CONSULT_OTHER_ORGAN: (PauseReason.OTHER_ORGAN, "第三十四条"),
}


@transaction.atomic
def request_consult(
    *,
    actor,
    request: DisclosureRequest,
    third_party: bool,
    party: str,
    on: date | None = None,
    note: str = "",
) -> DisclosureRequest:
    """征求第三方 / 其他机关意见: the clock stops until the opinion comes in."""
    action = Action.CONSULT_THIRD_PARTY if third_party else Action.CONSULT_OTHER_ORGAN
    request = _locked(request, action)
    day = _today_or(on)
    if not party.strip():
        raise DomainError("请填写被征求意见的第三方或机关名称。")
    reason, article = _CONSULTATIONS[action]
    RequestPause.objects.create(
        request=request, reason=reason, party=party.strip(), started_on=day, note=note
    )
    _step(
        actor,
        request,
        action,
        on=day,
        note=f"{party.strip()}；{note}".rstrip("；"),
        public_note=(
            f"本机关正在{action.label}，所需时间不计算在答复期限内（条例{article}、第三十三条第三款）。"
        ),
    )
    return request


def _close_pause(request: DisclosureRequest, day: date) -> RequestPause | None:
    pause = request.pauses.filter(ended_on__isnull=True).last()
    if pause is not None:
        if day < pause.started_on:
            raise DomainError("恢复计时的日期不能早于暂停开始的日期。")
        pause.ended_on = day
        pause.save(update_fields=["ended_on"])
    return pause


@transaction.atomic
def request_end_consultation(
    *, actor, request: DisclosureRequest, on: date | None = None, note: str = ""
) -> DisclosureRequest:
    request = _locked(request, Action.END_CONSULTATION)
    day = _today_or(on)
    _close_pause(request, day)
    _step(
        actor,
        request,
        Action.END_CONSULTATION,
        on=day,
        note=note,
        public_note="征求意见结束，恢复计算答复期限。",
    )
    return request


@transaction.atomic
def request_issue_fee_notice(
    *,
    actor,
    request: DisclosureRequest,
    method: FeeMethod,
    requests_before: int | None = None,
    requests_in_application: int | None = None,
    pages: int | None = None,
    on: date | None = None,
) -> FeeNotice:
    """收费通知: one standard only (办法第三条); the payment period is 20 working days."""
    request = _locked(request, Action.ISSUE_FEE_NOTICE)
    day = _today_or(on)
    fee = compute_fee(
        method,
        requests_this_month_before=requests_before,
        requests_in_this_application=requests_in_application,
        pages=pages,
    )
    if not fee.total:
        raise DomainError("按所填数量计算的信息处理费为0元，无需发出收费通知。")
    pay_by = deadline_for("fee-payment", day).due
    notice = FeeNotice.objects.create(
        request=request,
        method=method,
        requests_before=requests_before,
        requests_in_application=requests_in_application,
        pages=pages,
        amount=fee.total,
        breakdown=[str(line) for line in fee.lines],
        notified_on=day,
        pay_by=pay_by,
    )
    RequestPause.objects.create(request=request, reason=PauseReason.FEE, started_on=day)
    _step(
        actor,
        request,
        Action.ISSUE_FEE_NOTICE,
        on=day,
        note=f"{fee.total}元",
        public_note=(
            f"本机关已发出收费通知，信息处理费{fee.total}元，请于{pay_by:%Y年%m月%d日}前缴纳；"
            "逾期未缴纳的，视为放弃申请。"
        ),
    )
    return notice


@transaction.atomic
def request_record_payment(
    *, actor, request: DisclosureRequest, on: date | None = None, receipt_no: str = ""
) -> DisclosureRequest:
    request = _locked(request, Action.RECORD_PAYMENT)
    day = _today_or(on)
    notice = request.fee_notices.filter(status=FeeNoticeStatus.PENDING).last()
    if notice is None:
        raise DomainError("该申请没有待缴纳的收费通知。")
    if day < notice.notified_on:
        raise DomainError("缴费日期不能早于收费通知日期。")
    notice.status, notice.paid_on, notice.receipt_no = FeeNoticeStatus.PAID, day, receipt_no
    notice.save(update_fields=["status", "paid_on", "receipt_no"])
    _close_pause(request, day)
    _step(
        actor,
        request,
        Action.RECORD_PAYMENT,
        on=day,
        note=receipt_no,
        public_note="已收到信息处理费，恢复计算答复期限。",
    )
    return request


@transaction.atomic
def request_extend(
    *, actor, request: DisclosureRequest, reason: str, on: date | None = None
) -> DisclosureRequest:
    """延期答复: approved by the head of the disclosure office, once, at most 20 working days."""
    request = _locked(request, Action.EXTEND)
    day = _today_or(on)
    if request.extended:
        raise DomainError(
            "该申请已经延期一次，延长的期限最长不得超过20个工作日（条例第三十三条）。"
        )
    if not reason.strip():
        raise DomainError("请填写延期理由。")
    if request.due_on and day > request.due_on:
        raise DomainError(
            f"答复期限（{request.due_on:%Y年%m月%d日}）已过，不能再延期；请尽快答复。"
        )
    _step(
        actor,
        request,
        Action.EXTEND,
        on=day,
        permission="request.extend",
        note=reason.strip(),
        changes={
            "extended": True,
            "extension_reason": reason.strip(),
            "extension_approved_by": actor if getattr(actor, "pk", None) else None,
            "extension_approved_on": day,
        },
        public_note=f"经政府信息公开工作机构负责人同意，答复期限延长20个工作日。理由：{reason.strip()}",
    )
    return request


@transaction.atomic
def request_reply(
    *,
    actor,
    request: DisclosureRequest,
    outcome: Outcome | str,
    reply_text: str = "",
    withheld_content: str = "",
    withheld_reason: str = "",
    referred_to: str = "",
    document: OfficialDocument | None = None,
    on: date | None = None,
) -> DisclosureRequest:
    """答复: one outcome of the annual report's table 三, with what 第三十六、三十七条 require."""
    request = _locked(request, Action.REPLY)
    day = _today_or(on)
    outcome = Outcome(outcome)
    if outcome in _OUTCOMES_OF_OTHER_STEPS:
        raise DomainError(f"“{outcome.label}”不是答复结果，请使用“视为放弃申请”。")
    if outcome == Outcome.PARTLY_GRANTED and not (withheld_content.strip() and withheld_reason):
        raise DomainError("部分公开须写明不予公开的内容及理由（条例第三十七条）。")
    if not outcome.facts.reason and not reply_text.strip():
        raise DomainError(f"“{outcome.label}”须写明理由。")
    if document is not None and document.unit_id != request.unit_id:
        raise DomainError("所申请的公文须为本单位的公文。")
    late = ""
    if request.due_on and day > request.due_on:
        late = f"超过答复期限（{request.due_on:%Y年%m月%d日}）"
    _step(
        actor,
        request,
        Action.REPLY,
        on=day,
        note=late,
        changes={
            "outcome": outcome.value,
            "reply_text": reply_text.strip(),
            "withheld_content": withheld_content.strip(),
            "withheld_reason": withheld_reason.strip(),
            "referred_to": referred_to.strip(),
            "document": document,
            "replied_on": day,
            "closed_on": day,
        },
        public_note=f"本机关已作出答复（{outcome.category.label}）。",
    )
    return request


@transaction.atomic
def request_deliver(
    *,
    actor,
    request: DisclosureRequest,
    method: str,
    on: date | None = None,
    recipient: str = "",
    tracking_ref: str = "",
    proof=None,
    note: str = "",
) -> Delivery:
    """送达 of the reply (or of the notice that the request is no longer handled)."""
    request = _locked(request, Action.DELIVER)
    day = _today_or(on)
    if request.replied_on and day < request.replied_on:
        raise DomainError("送达日期不能早于答复日期。")
    delivery = Delivery(
        request=request,
        method=method,
        delivered_on=day,
        recipient=recipient.strip(),
        tracking_ref=tracking_ref.strip(),
        note=note,
    )
    if proof is not None:
        delivery.proof = proof
    full_clean_or_refuse(delivery, exclude=["request"])
    delivery.save()
    _step(
        actor,
        request,
        Action.DELIVER,
        on=day,
        note=note,
        public_note=f"答复已送达（{delivery.get_method_display()}，{day:%Y年%m月%d日}）。",
    )
    return delivery


@transaction.atomic
def request_archive(
    *, actor, request: DisclosureRequest, on: date | None = None
) -> DisclosureRequest:
    request = _locked(request, Action.ARCHIVE)
    day = _today_or(on)
    _step(actor, request, Action.ARCHIVE, on=day, changes={"archived_on": day})
    return request


@transaction.atomic
def request_withdraw(
    *, actor, request: DisclosureRequest, reason: str = "", on: date | None = None
) -> DisclosureRequest:
    """申请人撤回: counted as 其他处理 in the annual report once it had been received."""
    request = _locked(request, Action.WITHDRAW)
    day = _today_or(on)
    changes: dict[str, Any] = {"closing_note": reason.strip() or "申请人撤回申请"}
    if request.received_on is not None:
        changes |= {"outcome": Outcome.OTHER_OTHER.value, "closed_on": day}
    _close_pause(request, day)
    _step(
        actor,
        request,
        Action.WITHDRAW,
        on=day,
        changes=changes,
        public_note="申请人已撤回申请。",
    )
    return request
