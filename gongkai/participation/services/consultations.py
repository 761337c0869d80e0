"""Consultations (意见征集): creating one, its versions of the draft, opening, extending and
closing it; and the documents a unit marks as needing one."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit_record, diff
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.publication_gate import PublicText
from gongkai.core.models import Unit
from gongkai.documents.models import OfficialDocument
from gongkai.search.index import sync_object

from ..domain.articles import paragraphs_of, split_draft
from ..domain.phases import Phase, check_transition, is_short_period, period_problems
from ..domain.rules import Channel
from ..models import Consultation, ConsultationNeed, DraftArticle, DraftVersion
from ..selectors import current_version, unpublished_version
from .common import clean_text, publish_gate, refuse, require_role

MAX_DRAFT_CHARS = 200_000


@dataclass
class ConsultationFacts:
    """What staff fill in about a consultation; checked by `consultation_facts_problems`."""

    title: str
    starts_on: date | None
    ends_on: date | None
    is_major_decision: bool = False
    background: str = ""
    questions: str = ""
    short_period_reason: str = ""
    channels: list[str] = field(default_factory=lambda: [Channel.ONLINE.value])
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    mail_address: str = ""
    meetings_note: str = ""


def _facts_problems(facts: ConsultationFacts) -> list[str]:
    problems = []
    if not facts.title.strip():
        problems.append("请填写标题。")
    problems += period_problems(
        facts.starts_on,
        facts.ends_on,
        is_major_decision=facts.is_major_decision,
        short_period_reason=facts.short_period_reason,
    )
    unknown = [c for c in facts.channels if c not in Channel._value2member_map_]
    if unknown or not facts.channels:
        problems.append("请至少选择一种意见提交方式。")
    if Channel.MAIL in facts.channels and not facts.mail_address.strip():
        problems.append("选择了信函方式，请填写信函地址。")
    if Channel.EMAIL in facts.channels and not facts.contact_email.strip():
        problems.append("选择了电子邮件方式，请填写电子邮箱。")
    if (
        Channel.SYMPOSIUM in facts.channels or Channel.HEARING in facts.channels
    ) and not facts.meetings_note.strip():
        problems.append("选择了座谈会或听证会，请写明时间、地点和参加办法。")
    if not (facts.contact_name.strip() and facts.contact_phone.strip()):
        problems.append("请填写联系人和联系电话。")
    return problems


def _check_document(document: OfficialDocument | None, unit: Unit) -> None:
    if document is None:
        return
    # As it stands now, not as the form loaded it: it may have been signed meanwhile.
    document = OfficialDocument.objects.select_related("unit").get(pk=document.pk)
    if not document.unit.path.startswith(unit.path) and not unit.path.startswith(
        document.unit.path
    ):
        raise DomainError("征求意见的公文须是本单位或上下级单位起草的公文。")
    if document.live or document.approved_schedule:
        raise DomainError(f"公文《{document.title}》已签发，不能再就其草案征求意见。")


def _apply(consultation: Consultation, facts: ConsultationFacts) -> None:
    for name, value in asdict(facts).items():
        setattr(consultation, name, value.strip() if isinstance(value, str) else value)
    consultation.channels = [c for c in Channel if c.value in facts.channels]


@transaction.atomic
def consultation_create(
    *,
    actor,
    unit: Unit,
    facts: ConsultationFacts,
    document: OfficialDocument | None = None,
) -> Consultation:
    require_role(actor, "consultation.edit", unit)
    refuse(_facts_problems(facts))
    _check_document(document, unit)
    consultation = Consultation(
        unit=unit, document=document, created_by=actor if getattr(actor, "pk", None) else None
    )
    _apply(consultation, facts)
    consultation.save()
    audit_record(
        actor=actor,
        action="consultation.create",
        obj=consultation,
        changes={**asdict(facts), "document": document.pk if document else None},
        unit=unit,
    )
    return consultation


def _locked(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().select_related("unit").get(pk=consultation.pk)


@transaction.atomic
def consultation_update(
    *,
    actor,
    consultation: Consultation,
    facts: ConsultationFacts,
    document: OfficialDocument | None = None,
) -> Consultation:
    """Only a draft is changed: once published, what the public read stands (an extension of the
    period is `consultation_extend`, a changed text a new version)."""
    consultation = _locked(consultation)
    require_role(actor, "consultation.edit", consultation.unit)
    if consultation.phase != Phase.DRAFT:
        raise DomainError(
            "意见征集发布后不能修改；如需延长期限请使用“延长征求意见期”，修改草案请发布新版本。"
        )
    refuse(_facts_problems(facts))
    _check_document(document, consultation.unit)
    before = {**_snapshot(consultation), "document": consultation.document_id}
    _apply(consultation, facts)
    consultation.document = document
    consultation.save()
    audit_record(
        actor=actor,
        action="consultation.update",
        obj=consultation,
        changes=diff(before, {**_snapshot(consultation), "document": consultation.document_id}),
        unit=consultation.unit,
    )
    return consultation


def _snapshot(consultation: Consultation) -> dict:
    return {
        name: getattr(consultation, name)
        for name in ConsultationFacts.__dataclass_fields__
        if name != "channels"
    } | {"channels": list(consultation.channels)}


def public_texts(consultation: Consultation, version: DraftVersion | None) -> list[PublicText]:
    """Everything of a consultation the public reads, by field (for the publication gate)."""
    texts = [
        PublicText("标题", consultation.title),
        PublicText("起草说明", consultation.background),
        PublicText("重点征求意见的问题", consultation.questions),
        PublicText("缩短征求意见期限的理由", consultation.short_period_reason),
        PublicText("联系人", consultation.contact_name),
        PublicText("联系电话", consultation.contact_phone),
        PublicText("电子邮箱", consultation.contact_email),
        PublicText("信函地址", consultation.mail_address),
        PublicText("座谈会、听证会安排", consultation.meetings_note),
    ]
    if version is not None:
        texts += version_texts(version)
    for question in consultation.survey_questions.prefetch_related("choices"):
        texts.append(PublicText(f"问卷第{question.position}题", question.text))
        texts += [
            PublicText(f"问卷第{question.position}题的选项", c.label)
            for c in question.choices.all()
        ]
    return texts


def version_texts(version: DraftVersion) -> list[PublicText]:
    return [
        PublicText(f"第{version.number}稿的标题", version.title),
        PublicText(f"第{version.number}稿的全文", version.text),
        PublicText(f"第{version.number}稿的修改说明", version.change_note),
    ]


@transaction.atomic
def consultation_open(
    *, actor, consultation: Consultation, today: date | None = None
) -> Consultation:
    """发布征求意见: the draft (its newest version) goes to the public, after the checks and the
    publication gate; comments are taken from the start date to the end date. ``today`` is the
    day it is published as: a consultation held before the platform was installed is recorded
    as of its own dates (历史补录)."""
    today = today or timezone.localdate()
    consultation = _locked(consultation)
    require_role(actor, "consultation.publish", consultation.unit)
    check_transition(consultation.phase, Phase.OPEN)
    version = unpublished_version(consultation)
    problems = _facts_problems(
        ConsultationFacts(
            **{n: getattr(consultation, n) for n in ConsultationFacts.__dataclass_fields__}
        )
    )
    if version is None:
        problems.append("请先录入或导入征求意见稿。")
    if consultation.ends_on < today:
        problems.append("截止日期已过，请先修改征求意见期限。")
    if (
        Channel.QUESTIONNAIRE in consultation.channels
        and not consultation.survey_questions.exists()
    ):
        problems.append("选择了问卷调查方式，请先添加问卷题目。")
    if consultation.document is not None and (
        consultation.document.live or consultation.document.approved_schedule
    ):
        problems.append(f"公文《{consultation.document.title}》已签发，不能再就其草案征求意见。")
    refuse(problems)
    publish_gate(consultation.unit, public_texts(consultation, version))
    now = timezone.now()
    version.published_at = now
    version.save(update_fields=["published_at"])
    consultation.phase = Phase.OPEN
    consultation.opened_at = now
    consultation.save(update_fields=["phase", "opened_at", "updated_at"])
    audit_record(
        actor=actor,
        action="consultation.open",
        obj=consultation,
        changes={
            "version": version.number,
            "starts_on": consultation.starts_on,
            "ends_on": consultation.ends_on,
            "short_period": is_short_period(
                consultation.starts_on,
                consultation.ends_on,
                is_major_decision=consultation.is_major_decision,
            ),
        },
        unit=consultation.unit,
    )
    sync_object(consultation)
    return consultation


@transaction.atomic
def consultation_extend(
    *, actor, consultation: Consultation, ends_on: date, reason: str
) -> Consultation:
    """延长征求意见期: a later end date, with the reason published beside it."""
    consultation = _locked(consultation)
    require_role(actor, "consultation.publish", consultation.unit)
    if consultation.phase != Phase.OPEN:
        raise DomainError("只有正在征求意见的意见征集才能延长期限。")
    if ends_on <= consultation.ends_on:
        raise DomainError(f"新的截止日期须晚于原截止日期（{consultation.ends_on.isoformat()}）。")
    reason = clean_text(reason, "延长期限的理由", max_chars=500, required=True)
    publish_gate(consultation.unit, [PublicText("延长期限的理由", reason)])
    old = consultation.ends_on
    consultation.ends_on = ends_on
    consultation.extension_note = reason
    consultation.save(update_fields=["ends_on", "extension_note", "updated_at"])
    audit_record(
        actor=actor,
        action="consultation.extend",
        obj=consultation,
        changes={"ends_on": [old, ends_on], "reason": reason},
        unit=consultation.unit,
    )
    return consultation


@transaction.atomic
def consultation_close(
    *, actor, consultation: Consultation, today: date | None = None
) -> Consultation:
    """截止: no more comments; the feedback is written next. Only after the end date (the
    periodic job does it the day after; staff may do it sooner the same way)."""
    consultation = _locked(consultation)
    require_role(actor, "consultation.edit", consultation.unit)
    check_transition(consultation.phase, Phase.CLOSED)
    today = today or timezone.localdate()
    if today <= consultation.ends_on:
        raise DomainError(
            f"征求意见期至{consultation.ends_on.isoformat()}，期满后才能截止；如需提前结束，"
            "请在征求意见时说明期限。"
        )
    consultation.phase = Phase.CLOSED
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["phase", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="consultation.close",
        obj=consultation,
        changes={"ends_on": consultation.ends_on},
        unit=consultation.unit,
    )
    return consultation


def consultations_close_due(today: date | None = None) -> int:
    """The periodic job: close every open consultation whose end date has passed."""
    today = today or timezone.localdate()
    due = Consultation.objects.filter(phase=Phase.OPEN, ends_on__lt=today)
    closed = 0
    for consultation in due:
        consultation_close(actor=None, consultation=consultation, today=today)
        closed += 1
    return closed


# --- Versions of the draft ----------------------------------------------------------------


def _rebuild_articles(version: DraftVersion) -> int:
    split = split_draft(paragraphs_of(version.text))
    if not split.articles:
        raise DomainError("征求意见稿没有可供提出意见的正文，请检查导入或录入的内容。")
    version.articles.all().delete()
    DraftArticle.objects.bulk_create(
        DraftArticle(
            version=version,
            position=position,
            anchor=article.anchor,
            label=article.label[:40],
            heading=article.heading[:200],
            text=article.text,
        )
        for position, article in enumerate(split.articles, start=1)
    )
    if not version.title and split.title:
        version.title = split.title[:200]
        version.save(update_fields=["title"])
    return len(split.articles)


@transaction.atomic
def draft_version_save(
    *,
    actor,
    consultation: Consultation,
    text: str,
    title: str = "",
    change_note: str = "",
    source_name: str = "",
) -> DraftVersion:
    """Write the unpublished version of the draft (the first while drafting, or the next one
    while the consultation is open), cut into articles. A published version is never written:
    a change is a new version, and comments stay on the text they were made on."""
    consultation = _locked(consultation)
    require_role(actor, "consultation.edit", consultation.unit)
    if consultation.phase not in (Phase.DRAFT, Phase.OPEN):
        raise DomainError("征求意见已截止，不能再修改草案。")
    text = clean_text(text, "征求意见稿全文", max_chars=MAX_DRAFT_CHARS, required=True)
    title = clean_text(title, "草案标题", max_chars=200)
    change_note = clean_text(change_note, "修改说明", max_chars=5000)
    if consultation.phase == Phase.OPEN and not change_note:
        raise DomainError("发布新版本须写明修改说明，告诉公众改了什么。")
    version = unpublished_version(consultation)
    created = version is None
    if created:
        last = consultation.versions.order_by("-number").first()
        version = DraftVersion(
            consultation=consultation,
            number=(last.number + 1) if last else 1,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
    version.text, version.title, version.change_note = text, title, change_note
    version.source_name = source_name[:200]
    version.save()
    articles = _rebuild_articles(version)
    audit_record(
        actor=actor,
        action="draft_version.save",
        obj=version,
        changes={
            "number": version.number,
            "created": created,
            "articles": articles,
            "characters": len(text),
            "source": source_name,
        },
        unit=consultation.unit,
    )
    return version


@transaction.atomic
def draft_version_publish(*, actor, version: DraftVersion) -> DraftVersion:
    """公布新版本 while the consultation is open: comments from now on are on this text; those
    on earlier versions stay with the text they were made on."""
    consultation = _locked(version.consultation)
    require_role(actor, "consultation.publish", consultation.unit)
    version = DraftVersion.objects.select_for_update().get(pk=version.pk)
    if version.published_at is not None:
        raise DomainError(f"第{version.number}稿已经公布。")
    if consultation.phase != Phase.OPEN:
        raise DomainError("意见征集发布时公布第一稿；截止后不能再公布新版本。")
    publish_gate(consultation.unit, version_texts(version))
    previous = current_version(consultation)
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    audit_record(
        actor=actor,
        action="draft_version.publish",
        obj=version,
        changes={"number": version.number, "replaces": previous.number if previous else None},
        unit=consultation.unit,
    )
    sync_object(consultation)
    return version


# --- Documents that need a consultation ------------------------------------------------------


@transaction.atomic
def consultation_need_mark(*, actor, document: OfficialDocument, reason: str) -> ConsultationNeed:
    """Mark a document being drafted as one the public must be consulted on: it cannot go to
    sign-off until a consultation on it has published its feedback."""
    document = OfficialDocument.objects.select_related("unit").get(pk=document.pk)
    require_role(actor, "consultation.require", document.unit)
    reason = clean_text(reason, "理由", max_chars=1000, required=True)
    if document.live or document.approved_schedule:
        raise DomainError(f"公文《{document.title}》已签发，不能再标记为需要征求意见。")
    if ConsultationNeed.objects.filter(document=document).exists():
        raise DomainError(f"公文《{document.title}》已标记为需要公开征求意见。")
    need = ConsultationNeed.objects.create(
        document=document,
        unit=document.unit,
        reason=reason,
        marked_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="consultation_need.mark",
        obj=need,
        changes={"document": document.pk, "reason": reason},
        unit=document.unit,
    )
    return need


@transaction.atomic
def consultation_need_unmark(*, actor, need: ConsultationNeed, reason: str) -> None:
    require_role(actor, "consultation.require", need.unit)
    reason = clean_text(reason, "理由", max_chars=1000, required=True)
    audit_record(
        actor=actor,
        action="consultation_need.unmark",
        obj=need,
        changes={"document": need.document_id, "reason": reason, "marked_for": need.reason},
        unit=need.unit,
    )
    need.delete()
