"""Meetings open to the public (列席, 积县政办发〔2021〕45号: 利益相关方、群众代表、专家、媒体) and
政府开放日: announced, applied or registered for, held, and their record published.

Applicants' phone numbers are personal data: they are seen only by those who manage the
unit's meetings, never published. The list of attendees published after a meeting holds names,
categories and organisations, as the application form tells the applicant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.publication_gate import PublicText
from gongkai.core.models import Unit
from gongkai.documents.models import Interpretation, OfficialDocument
from gongkai.documents.selectors import public_interpretations

from ..domain.decisions import (
    ApplicationState,
    AttendeeCategory,
    EventPhase,
    check_event_transition,
    seats_problem,
)
from ..models import AgendaItem, AttendanceApplication, Meeting, OpenDay, OpenDayRegistration
from ..selectors import places_taken
from .common import clean_text, publish_gate, require_role

ACTION = "meeting.manage"


def _by(actor):
    return actor if getattr(actor, "pk", None) else None


@dataclass
class EventFacts:
    title: str
    starts_at: datetime
    place: str
    closes_at: datetime
    description: str = ""
    places: int = 5
    """Seats for the public at a meeting, places at an open day."""


def _check_facts(facts: EventFacts) -> EventFacts:
    title = clean_text(facts.title, "名称", max_chars=200, required=True)
    place = clean_text(facts.place, "地点", max_chars=200, required=True)
    description = clean_text(facts.description, "说明", max_chars=5000)
    if facts.closes_at >= facts.starts_at:
        raise DomainError("报名截止时间应早于举行时间。")
    if facts.places < 1:
        raise DomainError("名额至少为1。")
    return EventFacts(title, facts.starts_at, place, facts.closes_at, description, facts.places)


def _editable(phase: str) -> None:
    if phase not in (EventPhase.DRAFT, EventPhase.ANNOUNCED):
        raise DomainError("活动已举行，基本信息不能再修改。")


# --- Meetings ---------------------------------------------------------------------------------


def _meeting_texts(meeting: Meeting) -> list[PublicText]:
    texts = [
        PublicText("会议名称", meeting.title),
        PublicText("会议地点", meeting.place),
        PublicText("会议说明", meeting.description),
    ]
    texts += [PublicText(f"议题{a.position}", a.title) for a in meeting.agenda.all()]
    return texts


def _event_save(model, *, actor, unit: Unit, facts: EventFacts, event, texts, action: str):
    require_role(actor, ACTION, unit)
    facts = _check_facts(facts)
    created = event is None
    if event is None:
        event = model(unit=unit, created_by=_by(actor))
    else:
        event = model.objects.select_for_update().select_related("unit").get(pk=event.pk)
        _editable(event.phase)
    event.title, event.starts_at, event.place = facts.title, facts.starts_at, facts.place
    event.closes_at, event.description, event.places = (
        facts.closes_at,
        facts.description,
        facts.places,
    )
    if event.phase == EventPhase.ANNOUNCED:
        # Already public: the change is published at once.
        publish_gate(event.unit, texts(event))
    event.save()
    audit_record(
        actor=actor,
        action=action,
        obj=event,
        changes={
            "created": created,
            "title": event.title,
            "starts_at": event.starts_at,
            "place": event.place,
            "places": event.places,
            "closes_at": event.closes_at,
        },
        unit=event.unit,
    )
    return event


def _event_announce(model, *, actor, event, texts, action: str):
    event = model.objects.select_for_update().select_related("unit").get(pk=event.pk)
    require_role(actor, ACTION, event.unit)
    check_event_transition(event.phase, EventPhase.ANNOUNCED)
    if event.closes_at <= timezone.now():
        raise DomainError("报名截止时间已过，请先修改。")
    publish_gate(event.unit, texts(event))
    event.phase = EventPhase.ANNOUNCED
    event.save(update_fields=["phase"])
    audit_record(actor=actor, action=action, obj=event, unit=event.unit)
    return event


@transaction.atomic
def meeting_save(
    *, actor, unit: Unit, facts: EventFacts, meeting: Meeting | None = None
) -> Meeting:
    return _event_save(
        Meeting,
        actor=actor,
        unit=unit,
        facts=facts,
        event=meeting,
        texts=_meeting_texts,
        action="meeting.save",
    )


@transaction.atomic
def agenda_item_add(
    *, actor, meeting: Meeting, title: str, document: OfficialDocument | None = None
) -> AgendaItem:
    meeting = Meeting.objects.select_for_update().select_related("unit").get(pk=meeting.pk)
    require_role(actor, ACTION, meeting.unit)
    if meeting.phase != EventPhase.DRAFT:
        raise DomainError("会议发布后议题不能再增减。")
    title = clean_text(title, "议题", max_chars=200, required=True)
    last = meeting.agenda.aggregate(n=Max("position"))["n"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting, position=last + 1, title=title, document=document
    )
    audit_record(
        actor=actor,
        action="meeting.agenda_add",
        obj=item,
        changes={"title": title, "document": document.pk if document else None},
        unit=meeting.unit,
    )
    return item


@transaction.atomic
def agenda_item_delete(*, actor, item: AgendaItem) -> None:
    meeting = Meeting.objects.select_for_update().select_related("unit").get(pk=item.meeting_id)
    require_role(actor, ACTION, meeting.unit)
    if meeting.phase != EventPhase.DRAFT:
        raise DomainError("会议发布后议题不能再增减。")
    audit_record(
        actor=actor,
        action="meeting.agenda_delete",
        obj=item,
        changes={"title": item.title},
        unit=meeting.unit,
    )
    item.delete()


@transaction.atomic
def meeting_announce(*, actor, meeting: Meeting) -> Meeting:
    """发布: the meeting, its agenda and the call for applications go to the public."""
    if not meeting.agenda.exists():
        raise DomainError("请先添加会议议题。")
    return _event_announce(
        Meeting, actor=actor, event=meeting, texts=_meeting_texts, action="meeting.announce"
    )


@dataclass(frozen=True)
class Applicant:
    category: str
    name: str
    phone: str
    organisation: str = ""
    topic: str = ""


def _checked_applicant(applicant: Applicant) -> Applicant:
    if applicant.category not in AttendeeCategory._value2member_map_:
        raise DomainError("请选择列席类别。")
    return Applicant(
        applicant.category,
        clean_text(applicant.name, "姓名", max_chars=50, required=True),
        clean_text(applicant.phone, "联系电话", max_chars=40, required=True),
        clean_text(applicant.organisation, "工作单位或住址", max_chars=100),
        clean_text(applicant.topic, "关注的议题和理由", max_chars=1000),
    )


@dataclass(frozen=True)
class Applied:
    application: AttendanceApplication
    created: bool


@transaction.atomic
def attendance_apply(*, meeting: Meeting, applicant: Applicant, submission_key: str) -> Applied:
    """A citizen applies to attend (列席申请); idempotent per ``submission_key``."""
    if existing := AttendanceApplication.objects.filter(submission_key=submission_key).first():
        return Applied(existing, created=False)
    meeting = Meeting.objects.select_for_update().select_related("unit").get(pk=meeting.pk)
    if meeting.phase != EventPhase.ANNOUNCED or timezone.now() >= meeting.closes_at:
        raise DomainError("本次会议的列席报名已经截止。")
    applicant = _checked_applicant(applicant)
    application = AttendanceApplication.objects.create(
        meeting=meeting,
        category=applicant.category,
        name=applicant.name,
        organisation=applicant.organisation,
        phone=applicant.phone,
        topic=applicant.topic,
        submitted_at=timezone.now(),
        submission_key=submission_key,
    )
    audit_record(
        actor=None,
        action="attendance.apply",
        obj=application,
        changes={"category": applicant.category, "name": applicant.name},
        unit=meeting.unit,
    )
    return Applied(application, created=True)


@transaction.atomic
def attendance_enter(*, actor, meeting: Meeting, applicant: Applicant) -> AttendanceApplication:
    """An invited attendee (an expert, a journalist) entered by staff, approved at once."""
    meeting = Meeting.objects.select_for_update().select_related("unit").get(pk=meeting.pk)
    require_role(actor, ACTION, meeting.unit)
    if meeting.phase not in (EventPhase.DRAFT, EventPhase.ANNOUNCED):
        raise DomainError("会议已举行，不能再增加列席人员。")
    applicant = _checked_applicant(applicant)
    application = AttendanceApplication.objects.create(
        meeting=meeting,
        category=applicant.category,
        name=applicant.name,
        organisation=applicant.organisation,
        phone=applicant.phone,
        topic=applicant.topic,
        state=ApplicationState.APPROVED,
        decision_note="邀请列席",
        decided_by=_by(actor),
        decided_at=timezone.now(),
        submitted_at=timezone.now(),
        entered_by=_by(actor),
    )
    audit_record(
        actor=actor,
        action="attendance.enter",
        obj=application,
        changes={"category": applicant.category, "name": applicant.name},
        unit=meeting.unit,
    )
    return application


@transaction.atomic
def attendance_decide(
    *, actor, application: AttendanceApplication, approve: bool, note: str = ""
) -> AttendanceApplication:
    meeting = (
        Meeting.objects.select_for_update().select_related("unit").get(pk=application.meeting_id)
    )
    require_role(actor, ACTION, meeting.unit)
    application = AttendanceApplication.objects.get(pk=application.pk)
    if meeting.phase != EventPhase.ANNOUNCED:
        raise DomainError("只能在会议发布后、举行前审核列席申请。")
    note = clean_text(note, "审核说明", max_chars=500)
    if not approve and not note:
        raise DomainError("不同意列席须写明理由。")
    target = ApplicationState.APPROVED if approve else ApplicationState.DECLINED
    if approve and application.state != ApplicationState.APPROVED:
        taken = meeting.applications.filter(state=ApplicationState.APPROVED).count()
        if taken >= meeting.places:
            raise DomainError(f"列席名额（{meeting.places}个）已满。")
    old = application.state
    application.state, application.decision_note = target, note
    application.decided_by, application.decided_at = _by(actor), timezone.now()
    application.save()
    audit_record(
        actor=actor,
        action="attendance.decide",
        obj=application,
        changes={"state": [old, target], "note": note},
        unit=meeting.unit,
    )
    return application


@transaction.atomic
def meeting_record_held(
    *, actor, meeting: Meeting, attended_ids: set[int], record_note: str = ""
) -> Meeting:
    """会议已举行: who of the approved attendees came."""
    meeting = Meeting.objects.select_for_update().select_related("unit").get(pk=meeting.pk)
    require_role(actor, ACTION, meeting.unit)
    check_event_transition(meeting.phase, EventPhase.HELD)
    if meeting.starts_at > timezone.now():
        raise DomainError("会议尚未举行。")
    approved = meeting.applications.filter(state=ApplicationState.APPROVED)
    unknown = attended_ids - set(approved.values_list("pk", flat=True))
    if unknown:
        raise DomainError("只能登记已同意列席的人员。")
    for application in approved:
        application.attended = application.pk in attended_ids
        application.save(update_fields=["attended"])
    meeting.phase = EventPhase.HELD
    meeting.record_note = clean_text(record_note, "会议情况说明", max_chars=5000)
    meeting.save(update_fields=["phase", "record_note"])
    audit_record(
        actor=actor,
        action="meeting.record_held",
        obj=meeting,
        changes={"attended": sorted(attended_ids), "record_note": meeting.record_note},
        unit=meeting.unit,
    )
    return meeting


def _record_texts(meeting: Meeting) -> list[PublicText]:
    texts = [PublicText("会议情况说明", meeting.record_note)]
    for a in meeting.applications.filter(state=ApplicationState.APPROVED, attended=True):
        texts += [PublicText("列席人员姓名", a.name), PublicText("列席人员单位", a.organisation)]
    return texts


@transaction.atomic
def meeting_publish_record(*, actor, meeting: Meeting) -> Meeting:
    """公布列席情况: the list of attendees and the meeting's account."""
    meeting = Meeting.objects.select_for_update().select_related("unit").get(pk=meeting.pk)
    require_role(actor, ACTION, meeting.unit)
    check_event_transition(meeting.phase, EventPhase.RECORD_PUBLISHED)
    publish_gate(meeting.unit, _record_texts(meeting))
    meeting.phase = EventPhase.RECORD_PUBLISHED
    meeting.save(update_fields=["phase"])
    audit_record(actor=actor, action="meeting.publish_record", obj=meeting, unit=meeting.unit)
    return meeting


@transaction.atomic
def meeting_link_interpretation(
    *,
    actor,
    meeting: Meeting,
    interpretation: Interpretation | None,
    url: str = "",
) -> Meeting:
    """The meeting's 解读: a published interpretation in the register, or an address elsewhere."""
    meeting = Meeting.objects.select_for_update().select_related("unit").get(pk=meeting.pk)
    require_role(actor, ACTION, meeting.unit)
    if meeting.phase not in (EventPhase.HELD, EventPhase.RECORD_PUBLISHED):
        raise DomainError("会议举行后才能关联会议解读。")
    if (
        interpretation is not None
        and not public_interpretations().filter(pk=interpretation.pk).exists()
    ):
        raise DomainError("只能关联已发布的政策解读。")
    url = clean_text(url, "会议解读网址", max_chars=200)
    if url and not url.startswith(("http://", "https://")):
        raise DomainError("会议解读网址应以 http:// 或 https:// 开头。")
    meeting.interpretation, meeting.interpretation_url = interpretation, url
    meeting.save(update_fields=["interpretation", "interpretation_url"])
    audit_record(
        actor=actor,
        action="meeting.link_interpretation",
        obj=meeting,
        changes={"interpretation": interpretation.pk if interpretation else None, "url": url},
        unit=meeting.unit,
    )
    return meeting


# --- 政府开放日 -------------------------------------------------------------------------------


def _open_day_texts(open_day: OpenDay) -> list[PublicText]:
    return [
        PublicText("活动名称", open_day.title),
        PublicText("活动地点", open_day.place),
        PublicText("活动内容", open_day.description),
    ]


@transaction.atomic
def open_day_save(
    *, actor, unit: Unit, facts: EventFacts, open_day: OpenDay | None = None
) -> OpenDay:
    return _event_save(
        OpenDay,
        actor=actor,
        unit=unit,
        facts=facts,
        event=open_day,
        texts=_open_day_texts,
        action="open_day.save",
    )


@transaction.atomic
def open_day_announce(*, actor, open_day: OpenDay) -> OpenDay:
    return _event_announce(
        OpenDay, actor=actor, event=open_day, texts=_open_day_texts, action="open_day.announce"
    )


@dataclass(frozen=True)
class Registered:
    registration: OpenDayRegistration
    created: bool


@transaction.atomic
def open_day_register(
    *, open_day: OpenDay, name: str, phone: str, party_size: int, submission_key: str
) -> Registered:
    """A citizen registers; places are counted under the open day's lock, so two last-minute
    registrations cannot both take the last place."""
    if existing := OpenDayRegistration.objects.filter(submission_key=submission_key).first():
        return Registered(existing, created=False)
    open_day = OpenDay.objects.select_for_update().select_related("unit").get(pk=open_day.pk)
    if open_day.phase != EventPhase.ANNOUNCED or timezone.now() >= open_day.closes_at:
        raise DomainError("本次开放日活动的报名已经截止。")
    name = clean_text(name, "姓名", max_chars=50, required=True)
    phone = clean_text(phone, "联系电话", max_chars=40, required=True)
    if problem := seats_problem(party_size, places_taken(open_day), open_day.places):
        raise DomainError(problem)
    registration = OpenDayRegistration.objects.create(
        open_day=open_day,
        name=name,
        phone=phone,
        party_size=party_size,
        submitted_at=timezone.now(),
        submission_key=submission_key,
    )
    audit_record(
        actor=None,
        action="open_day.register",
        obj=registration,
        changes={"name": name, "party_size": party_size},
        unit=open_day.unit,
    )
    return Registered(registration, created=True)


@transaction.atomic
def open_day_registration_cancel(
    *, actor, registration: OpenDayRegistration, reason: str
) -> OpenDayRegistration:
    open_day = (
        OpenDay.objects.select_for_update().select_related("unit").get(pk=registration.open_day_id)
    )
    require_role(actor, ACTION, open_day.unit)
    registration = OpenDayRegistration.objects.get(pk=registration.pk)
    if registration.cancelled_at is not None:
        raise DomainError("该报名已经取消。")
    reason = clean_text(reason, "取消原因", max_chars=500, required=True)
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["cancelled_at"])
    audit_record(
        actor=actor,
        action="open_day.registration_cancel",
        obj=registration,
        changes={"reason": reason},
        unit=open_day.unit,
    )
    return registration


@transaction.atomic
def open_day_record_held(*, actor, open_day: OpenDay) -> OpenDay:
    open_day = OpenDay.objects.select_for_update().select_related("unit").get(pk=open_day.pk)
    require_role(actor, ACTION, open_day.unit)
    check_event_transition(open_day.phase, EventPhase.HELD)
    if open_day.starts_at > timezone.now():
        raise DomainError("活动尚未举行。")
    open_day.phase = EventPhase.HELD
    open_day.save(update_fields=["phase"])
    audit_record(actor=actor, action="open_day.record_held", obj=open_day, unit=open_day.unit)
    return open_day


@transaction.atomic
def open_day_publish_report(*, actor, open_day: OpenDay, report: str) -> OpenDay:
    """The report afterwards (活动报道), through the publication gate."""
    open_day = OpenDay.objects.select_for_update().select_related("unit").get(pk=open_day.pk)
    require_role(actor, ACTION, open_day.unit)
    check_event_transition(open_day.phase, EventPhase.RECORD_PUBLISHED)
    report = clean_text(report, "活动报道", max_chars=20_000, required=True)
    publish_gate(open_day.unit, [PublicText("活动报道", report)])
    open_day.report = report
    open_day.report_published_on = timezone.localdate()
    open_day.phase = EventPhase.RECORD_PUBLISHED
    open_day.save(update_fields=["report", "report_published_on", "phase"])
    audit_record(
        actor=actor,
        action="open_day.publish_report",
        obj=open_day,
        changes={"report": report},
        unit=open_day.unit,
    )
    return open_day
