"""Comments on a draft, their moderation, the answers (结果反馈) and the published 意见采纳情况说明.

A comment is kept as received. What the public sees is its ``public_body``: the text after the
publication gate, with any personal data masked (a citizen often leaves a mobile number in the
text); a comment whose public text would still not pass is held for staff. Answers are written
while the consultation runs or after it closed and stay unpublished until the 采纳情况说明 is
published, all together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.personal_data import redact, scan
from gongkai.core.domain.publication_gate import PublicText
from gongkai.documents import gate
from gongkai.search.index import sync_object

from ..domain.feedback import Disposition, answer_problems, publication_problems
from ..domain.phases import (
    Phase,
    check_accepting,
    check_transition,
)
from ..domain.rules import OFFLINE_CHANNELS, Channel
from ..models import (
    Answer,
    Comment,
    CommentVisibility,
    Consultation,
    DraftArticle,
    DraftVersion,
    Feedback,
    HideCategory,
)
from ..selectors import current_version, unanswered_count
from .common import clean_text, publish_gate, refuse, require_role

MAX_COMMENT_CHARS = 3000


@dataclass(frozen=True)
class CommentInput:
    """A comment as given on the public form or by staff."""

    body: str
    article_anchor: str = ""  # "" for the whole draft
    author_name: str = ""
    show_name: bool = False
    contact: str = ""


@dataclass(frozen=True)
class Submitted:
    comment: Comment
    created: bool


def _article(version: DraftVersion, anchor: str) -> DraftArticle | None:
    if not anchor:
        return None
    article = version.articles.filter(anchor=anchor).first()
    if article is None:
        raise DomainError("所选的条目不在当前征求意见稿中，请重新选择。")
    return article


def _public_form(consultation: Consultation, body: str, name: str, show: bool):
    """The text and name the public will see, through the gate: personal data in the text is
    masked; a name with a number in it is not shown."""
    public_body = redact(body) if scan(body) else body
    if show and name and scan(name):
        show = False
    texts = [PublicText("意见内容", public_body)]
    if show:
        texts.append(PublicText("署名", name))
    clean = gate.check(unit=consultation.unit, texts=texts).clean
    visibility = CommentVisibility.SHOWN if clean else CommentVisibility.HELD
    return public_body, show, visibility


def _checked_input(data: CommentInput) -> CommentInput:
    return CommentInput(
        body=clean_text(data.body, "意见内容", max_chars=MAX_COMMENT_CHARS, required=True),
        article_anchor=data.article_anchor,
        author_name=clean_text(data.author_name, "姓名或单位", max_chars=100),
        show_name=data.show_name,
        contact=clean_text(data.contact, "联系方式", max_chars=100),
    )


def _create(
    consultation: Consultation,
    version: DraftVersion,
    data: CommentInput,
    *,
    channel: Channel,
    received_on: date,
    entered_by=None,
    submission_key: str | None = None,
) -> Comment:
    article = _article(version, data.article_anchor)
    public_body, show_name, visibility = _public_form(
        consultation, data.body, data.author_name, data.show_name
    )
    return Comment.objects.create(
        consultation=consultation,
        version=version,
        article=article,
        channel=channel,
        author_name=data.author_name,
        show_name=show_name,
        contact=data.contact,
        body=data.body,
        public_body=public_body,
        visibility=visibility,
        received_on=received_on,
        submitted_at=timezone.now(),
        entered_by=entered_by,
        submission_key=submission_key,
    )


def _audit_comment(actor, action: str, comment: Comment, **extra) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=comment,
        # The contact is personal data: the log says whether one was given, not what it is.
        changes={
            "channel": comment.channel,
            "version": comment.version.number,
            "article": comment.article.label if comment.article else "",
            "body": comment.body,
            "contact_given": bool(comment.contact),
            "visibility": comment.visibility,
            **extra,
        },
        unit=comment.consultation.unit,
    )


@transaction.atomic
def comment_submit_online(
    *,
    consultation: Consultation,
    version_number: int,
    data: CommentInput,
    submission_key: str,
    today: date | None = None,
) -> Submitted:
    """A citizen's comment from the public form. Idempotent per ``submission_key``: a double
    click or a retry finds the comment the first POST created."""
    if existing := Comment.objects.filter(submission_key=submission_key).first():
        return Submitted(existing, created=False)
    consultation = (
        Consultation.objects.select_for_update().select_related("unit").get(pk=consultation.pk)
    )
    today = today or timezone.localdate()
    check_accepting(consultation.phase, consultation.starts_on, consultation.ends_on, today)
    version = current_version(consultation)
    if version is None or version.number != version_number:
        raise DomainError("征求意见稿已更新，请阅读最新版本后再提交意见（您填写的内容已保留）。")
    data = _checked_input(data)
    comment = _create(
        consultation,
        version,
        data,
        channel=Channel.ONLINE,
        received_on=today,
        submission_key=submission_key,
    )
    _audit_comment(None, "comment.submit", comment)
    return Submitted(comment, created=True)


@transaction.atomic
def comment_enter(
    *,
    actor,
    consultation: Consultation,
    data: CommentInput,
    channel: str,
    received_on: date,
) -> Comment:
    """A comment received by letter, e-mail, at a 座谈会 or a 听证会, entered by staff on the
    current version of the draft."""
    consultation = (
        Consultation.objects.select_for_update().select_related("unit").get(pk=consultation.pk)
    )
    require_role(actor, "consultation.edit", consultation.unit)
    if consultation.phase not in (Phase.OPEN, Phase.CLOSED):
        raise DomainError("只能在征求意见期间或截止后、结果反馈发布前录入意见。")
    if channel not in {c.value for c in OFFLINE_CHANNELS}:
        raise DomainError("请选择收到意见的方式：信函、电子邮件、座谈会或听证会。")
    if received_on < consultation.starts_on or received_on > consultation.ends_on:
        raise DomainError(
            f"收到日期应在征求意见期内（{consultation.starts_on.isoformat()}至"
            f"{consultation.ends_on.isoformat()}；信函以邮戳日期为准）。"
        )
    if received_on > timezone.localdate():
        raise DomainError("收到日期不能晚于今天。")
    version = current_version(consultation)
    if version is None:
        raise DomainError("该意见征集还没有公布的征求意见稿。")
    comment = _create(
        consultation,
        version,
        _checked_input(data),
        channel=Channel(channel),
        received_on=received_on,
        entered_by=actor if getattr(actor, "pk", None) else None,
    )
    _audit_comment(actor, "comment.enter", comment, received_on=received_on)
    return comment


def _locked_comment(comment: Comment) -> Comment:
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related("consultation__unit", "version", "article")
        .get(pk=comment.pk)
    )


@transaction.atomic
def comment_hide(*, actor, comment: Comment, category: str, reason: str) -> Comment:
    """Take a comment off the public page, with the reason; it is kept, counted on the page by
    its reason, and still answered in the feedback."""
    comment = _locked_comment(comment)
    require_role(actor, "consultation.edit", comment.consultation.unit)
    if category not in HideCategory.values:
        raise DomainError("请选择隐藏原因。")
    reason = clean_text(reason, "隐藏说明", max_chars=500, required=True)
    if comment.visibility == CommentVisibility.HIDDEN:
        raise DomainError("该意见已经隐藏。")
    before = comment.visibility
    comment.visibility = CommentVisibility.HIDDEN
    comment.hide_category, comment.hide_reason = category, reason
    comment.moderated_by = actor if getattr(actor, "pk", None) else None
    comment.moderated_at = timezone.now()
    comment.save()
    _audit_comment(actor, "comment.hide", comment, category=category, reason=reason, was=before)
    return comment


@transaction.atomic
def comment_restore(*, actor, comment: Comment) -> Comment:
    comment = _locked_comment(comment)
    require_role(actor, "consultation.edit", comment.consultation.unit)
    if comment.visibility != CommentVisibility.HIDDEN:
        raise DomainError("该意见没有被隐藏。")
    clean = gate.check(
        unit=comment.consultation.unit, texts=[PublicText("意见内容", comment.public_body)]
    ).clean
    comment.visibility = CommentVisibility.SHOWN if clean else CommentVisibility.HELD
    comment.hide_category, comment.hide_reason = "", ""
    comment.moderated_by = actor if getattr(actor, "pk", None) else None
    comment.moderated_at = timezone.now()
    comment.save()
    _audit_comment(actor, "comment.restore", comment)
    return comment


@transaction.atomic
def comment_edit_public_text(*, actor, comment: Comment, public_body: str) -> Comment:
    """Staff change what the public reads of a comment (mask a name or an address the scanner
    cannot know); the comment as received is kept. The new text must pass the gate."""
    comment = _locked_comment(comment)
    require_role(actor, "consultation.edit", comment.consultation.unit)
    public_body = clean_text(
        public_body, "公开显示的内容", max_chars=MAX_COMMENT_CHARS, required=True
    )
    publish_gate(comment.consultation.unit, [PublicText("公开显示的内容", public_body)], "显示")
    before = comment.public_body
    comment.public_body = public_body
    if comment.visibility == CommentVisibility.HELD:
        comment.visibility = CommentVisibility.SHOWN
    comment.moderated_by = actor if getattr(actor, "pk", None) else None
    comment.moderated_at = timezone.now()
    comment.save()
    _audit_comment(actor, "comment.edit_public_text", comment, before=before, after=public_body)
    return comment


# --- Answers and the feedback -------------------------------------------------------------


def _answerable(consultation: Consultation) -> None:
    if consultation.phase not in (Phase.OPEN, Phase.CLOSED):
        raise DomainError("结果反馈已经发布，答复不能再修改。")


@transaction.atomic
def answer_save(
    *,
    actor,
    consultation: Consultation,
    comments: Sequence[Comment],
    disposition: str,
    reason: str,
    summary: str = "",
    answer: Answer | None = None,
) -> Answer:
    """Answer one comment or, grouped, several: one disposition with its reasons. A comment
    answered before is moved to this answer; an answer left with no comment goes."""
    consultation = (
        Consultation.objects.select_for_update().select_related("unit").get(pk=consultation.pk)
    )
    require_role(actor, "consultation.edit", consultation.unit)
    _answerable(consultation)
    ids = sorted({c.pk for c in comments})
    refuse(answer_problems(disposition, reason, len(ids)))
    summary = clean_text(summary, "意见概述", max_chars=200)
    reason = clean_text(reason, "理由", max_chars=5000, required=True)
    if consultation.comments.filter(pk__in=ids).count() != len(ids):
        raise DomainError("所选的意见不属于本次意见征集。")
    if answer is not None and answer.consultation_id != consultation.pk:
        raise DomainError("该答复不属于本次意见征集。")
    created = answer is None
    answer = answer or Answer(consultation=consultation)
    answer.disposition, answer.reason, answer.summary = disposition, reason, summary
    answer.answered_by = actor if getattr(actor, "pk", None) else None
    answer.save()
    previous = set(
        consultation.comments.filter(pk__in=ids, answer__isnull=False)
        .exclude(answer=answer)
        .values_list("answer_id", flat=True)
    )
    consultation.comments.filter(pk__in=ids).update(answer=answer)
    Answer.objects.filter(pk__in=previous).annotate(n=Count("comments")).filter(n=0).delete()
    audit_record(
        actor=actor,
        action="answer.save",
        obj=answer,
        changes={
            "created": created,
            "disposition": disposition,
            "reason": reason,
            "summary": summary,
            "comments": ids,
        },
        unit=consultation.unit,
    )
    return answer


@transaction.atomic
def answer_delete(*, actor, answer: Answer) -> None:
    consultation = (
        Consultation.objects.select_for_update()
        .select_related("unit")
        .get(pk=answer.consultation_id)
    )
    require_role(actor, "consultation.edit", consultation.unit)
    _answerable(consultation)
    ids = list(answer.comments.values_list("pk", flat=True))
    audit_record(
        actor=actor,
        action="answer.delete",
        obj=answer,
        changes={"disposition": answer.disposition, "reason": answer.reason, "comments": ids},
        unit=consultation.unit,
    )
    answer.comments.update(answer=None)
    answer.delete()


@transaction.atomic
def feedback_save(*, actor, consultation: Consultation, summary: str) -> Feedback:
    """The overall account of what was adopted (意见采纳情况总体说明), before publication."""
    consultation = (
        Consultation.objects.select_for_update().select_related("unit").get(pk=consultation.pk)
    )
    require_role(actor, "consultation.edit", consultation.unit)
    _answerable(consultation)
    summary = clean_text(summary, "总体说明", max_chars=20_000)
    feedback, _ = Feedback.objects.get_or_create(consultation=consultation)
    before = feedback.summary
    feedback.summary = summary
    feedback.save(update_fields=["summary"])
    audit_record(
        actor=actor,
        action="feedback.save",
        obj=feedback,
        changes={"summary": [before, summary]},
        unit=consultation.unit,
    )
    return feedback


def feedback_texts(consultation: Consultation) -> list[PublicText]:
    """Everything the 意见采纳情况说明 publishes, by field: the account, every answer and the
    excerpt of every comment shown beside its answer."""
    feedback = Feedback.objects.filter(consultation=consultation).first()
    texts = [PublicText("意见采纳情况总体说明", feedback.summary if feedback else "")]
    for number, answer in enumerate(consultation.answers.order_by("id"), start=1):
        texts += [
            PublicText(f"第{number}项答复的意见概述", answer.summary),
            PublicText(f"第{number}项答复的理由", answer.reason),
        ]
    for comment in consultation.comments.filter(visibility=CommentVisibility.SHOWN).only(
        "public_body", "author_name", "show_name"
    ):
        texts.append(PublicText("意见内容", comment.public_body))
        if comment.show_name:
            texts.append(PublicText("署名", comment.author_name))
    return texts


@transaction.atomic
def feedback_publish(*, actor, consultation: Consultation) -> Feedback:
    """发布结果反馈: every comment has its disposition, the account is written and everything
    passes the publication gate; then the answers and the 采纳情况说明 are published together,
    and a document on whose draft the public was consulted may go to sign-off."""
    consultation = (
        Consultation.objects.select_for_update().select_related("unit").get(pk=consultation.pk)
    )
    require_role(actor, "consultation.publish", consultation.unit)
    check_transition(consultation.phase, Phase.FEEDBACK_PUBLISHED)
    feedback, _ = Feedback.objects.get_or_create(consultation=consultation)
    refuse(
        publication_problems(unanswered=unanswered_count(consultation), summary=feedback.summary)
    )
    publish_gate(consultation.unit, feedback_texts(consultation))
    now = timezone.now()
    feedback.published_at = now
    feedback.published_by = actor if getattr(actor, "pk", None) else None
    feedback.save(update_fields=["published_at", "published_by"])
    consultation.phase = Phase.FEEDBACK_PUBLISHED
    consultation.save(update_fields=["phase", "updated_at"])
    counts = dict(consultation.comments.values_list("answer__disposition").annotate(n=Count("id")))
    audit_record(
        actor=actor,
        action="feedback.publish",
        obj=feedback,
        changes={
            "comments": sum(counts.values()),
            **{d.value: counts.get(d.value, 0) for d in Disposition},
            "document": consultation.document_id,
        },
        unit=consultation.unit,
    )
    sync_object(feedback)
    sync_object(consultation)
    return feedback
