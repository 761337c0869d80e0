"""A unit's consultations (draft, and one carried to its published feedback, with versions,
comments, answers, a questionnaire and a document marked as needing a consultation), its
decision catalog, a meeting and an open day with applicants, and opinion items with a
response, for the isolation walk (``gongkai/core/tests/test_security_isolation.py``)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from gongkai.documents.services import document_create
from gongkai.participation.services import (
    comments,
    consultations,
    decisions,
    events,
    opinions,
    questionnaires,
)
from gongkai.participation.services.comments import CommentInput
from gongkai.participation.services.consultations import ConsultationFacts
from gongkai.participation.services.decisions import DecisionItemFacts
from gongkai.participation.services.events import Applicant, EventFacts
from gongkai.participation.services.opinions import OpinionFacts


def _facts(marker: str, today: date, **changes) -> ConsultationFacts:
    values = {
        "title": f"{marker}意见征集",
        "starts_on": today,
        "ends_on": today + timedelta(days=30),
        "background": f"{marker}起草说明",
        "channels": ["online", "questionnaire"],
        "contact_name": f"{marker}股",
        "contact_phone": "0930-7712301",
    }
    return ConsultationFacts(**(values | changes))


def _consultation_records(unit, marker: str, actor, today: date) -> None:
    document = document_create(
        actor=None, unit=unit, title=f"{marker}办法", written_on=today, disclosure="proactive"
    )
    consultations.consultation_need_mark(actor=actor, document=document, reason=f"{marker}理由")
    consultation = consultations.consultation_create(
        actor=actor, unit=unit, facts=_facts(marker, today), document=document
    )
    consultations.draft_version_save(
        actor=actor, consultation=consultation, text=f"{marker}办法\n第一条 {marker}内容。"
    )
    question = questionnaires.question_create(
        actor=actor,
        consultation=consultation,
        kind="single",
        text=f"{marker}问题",
        choices=[f"{marker}甲", f"{marker}乙"],
    )
    consultations.consultation_open(actor=actor, consultation=consultation)
    questionnaires.survey_submit(
        consultation=consultation,
        choices={question.pk: [question.choices.first().pk]},
        texts={},
        submission_key=f"{marker}-survey",
    )
    comment = comments.comment_submit_online(
        consultation=consultation,
        version_number=1,
        data=CommentInput(body=f"{marker}意见", article_anchor="a1", contact="13912345678"),
        submission_key=f"{marker}-comment",
    ).comment
    consultations.draft_version_save(
        actor=actor,
        consultation=consultation,
        text=f"{marker}办法\n第一条 {marker}修改后的内容。",
        change_note=f"{marker}修改说明",
    )
    consultations.draft_version_publish(actor=actor, version=consultation.versions.last())
    comments.comment_hide(actor=actor, comment=comment, category="other", reason=f"{marker}隐藏")
    comments.answer_save(
        actor=actor,
        consultation=consultation,
        comments=[comment],
        disposition="adopted",
        reason=f"{marker}理由",
    )
    comments.feedback_save(actor=actor, consultation=consultation, summary=f"{marker}总体说明")
    consultations.consultation_close(
        actor=actor, consultation=consultation, today=today + timedelta(days=31)
    )
    comments.feedback_publish(actor=actor, consultation=consultation)
    consultations.consultation_create(actor=actor, unit=unit, facts=_facts(f"{marker}草稿", today))


def make_records(*, unit, marker: str, actor) -> None:
    today = timezone.localdate()
    now = timezone.now()
    _consultation_records(unit, marker, actor, today)

    catalog = decisions.decision_catalog_create(
        actor=actor, unit=unit, year=today.year, note=f"{marker}说明"
    )
    decisions.decision_item_save(
        actor=actor, catalog=catalog, facts=DecisionItemFacts(title=f"{marker}事项")
    )

    facts = EventFacts(
        title=f"{marker}会议",
        starts_at=now + timedelta(days=3),
        place=f"{marker}会议室",
        closes_at=now + timedelta(days=2),
    )
    meeting = events.meeting_save(actor=actor, unit=unit, facts=facts)
    events.agenda_item_add(actor=actor, meeting=meeting, title=f"{marker}议题")
    events.meeting_announce(actor=actor, meeting=meeting)
    events.attendance_apply(
        meeting=meeting,
        applicant=Applicant("resident", f"{marker}申请人", "13912345678"),
        submission_key=f"{marker}-apply",
    )
    open_day = events.open_day_save(
        actor=actor, unit=unit, facts=EventFacts(**{**facts.__dict__, "title": f"{marker}开放日"})
    )
    events.open_day_announce(actor=actor, open_day=open_day)
    events.open_day_register(
        open_day=open_day,
        name=f"{marker}报名人",
        phone="13912345678",
        party_size=1,
        submission_key=f"{marker}-register",
    )

    item = opinions.opinion_item_record(
        actor=actor,
        unit=unit,
        facts=OpinionFacts(source="online", summary=f"{marker}舆情", detected_on=today),
    )
    opinions.opinion_item_assess(actor=actor, item=item, value="high", assessment=f"{marker}研判")
    opinions.opinion_response_publish(
        actor=actor, item=item, title=f"{marker}回应", text=f"{marker}回应内容"
    )
