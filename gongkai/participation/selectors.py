"""Reads of public participation.

The ``public_*`` functions are the one rule for what the public may see: the portal pages, the
unit columns, search and the sitemap all start from them. The ``visible_*`` functions are what a
member of staff may see in the admin, through `gongkai.core.permissions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from gongkai.core.models import Unit
from gongkai.core.permissions import scope

from .domain.decisions import ApplicationState, EventPhase
from .domain.feedback import Tally, tally
from .domain.opinion import OPEN_STATES, OpinionState
from .domain.phases import PUBLIC_PHASES, Phase
from .domain.questionnaire import ChoiceResult, QuestionKind, choice_results
from .models import (
    AttendanceApplication,
    Comment,
    CommentVisibility,
    Consultation,
    ConsultationNeed,
    DecisionCatalog,
    DecisionItem,
    DraftVersion,
    Feedback,
    HideCategory,
    Meeting,
    OpenDay,
    OpinionItem,
    OpinionResponse,
    Question,
    SurveyAnswer,
)

# --- Consultations --------------------------------------------------------------------------


def public_consultations(unit: Unit | None = None) -> QuerySet[Consultation]:
    qs = Consultation.objects.filter(phase__in=list(PUBLIC_PHASES), unit__is_active=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.select_related("unit").order_by("-starts_on", "-id")


def public_feedback() -> QuerySet[Feedback]:
    return Feedback.objects.filter(
        published_at__isnull=False,
        consultation__phase=Phase.FEEDBACK_PUBLISHED,
        consultation__unit__is_active=True,
    ).select_related("consultation__unit")


def visible_consultations(user, action: str = "consultation.view") -> QuerySet[Consultation]:
    return scope(Consultation.objects.all(), user, action).select_related("unit", "document")


def published_versions(consultation: Consultation) -> QuerySet[DraftVersion]:
    return consultation.versions.filter(published_at__isnull=False).order_by("number")


def current_version(consultation: Consultation) -> DraftVersion | None:
    """The text comments are now taken on: the newest published version."""
    return published_versions(consultation).order_by("-number").first()


def unpublished_version(consultation: Consultation) -> DraftVersion | None:
    return consultation.versions.filter(published_at__isnull=True).order_by("-number").first()


def shown_comments(consultation: Consultation) -> QuerySet[Comment]:
    return consultation.comments.filter(visibility=CommentVisibility.SHOWN)


@dataclass(frozen=True)
class CommentCounts:
    """What a consultation page says about its comments, counted in SQL."""

    received: int
    shown: int
    hidden_by_category: list[tuple[str, int]]
    held: int
    by_article: dict[int, int]
    on_whole_draft: int


def comment_counts(consultation: Consultation, version: DraftVersion | None) -> CommentCounts:
    rows = consultation.comments.values("visibility", "hide_category").annotate(n=Count("id"))
    received = shown = held = 0
    hidden: dict[str, int] = {}
    for row in rows:
        received += row["n"]
        if row["visibility"] == CommentVisibility.SHOWN:
            shown += row["n"]
        elif row["visibility"] == CommentVisibility.HELD:
            held += row["n"]
        else:
            hidden[row["hide_category"]] = hidden.get(row["hide_category"], 0) + row["n"]
    by_article: dict[int, int] = {}
    whole = 0
    if version is not None:
        per = (
            shown_comments(consultation)
            .filter(version=version)
            .values("article_id")
            .annotate(n=Count("id"))
        )
        for row in per:
            if row["article_id"] is None:
                whole = row["n"]
            else:
                by_article[row["article_id"]] = row["n"]
    labels = dict(HideCategory.choices)
    return CommentCounts(
        received=received,
        shown=shown,
        hidden_by_category=[(labels.get(k, k), n) for k, n in sorted(hidden.items())],
        held=held,
        by_article=by_article,
        on_whole_draft=whole,
    )


def disposition_tally(consultation: Consultation) -> list[Tally]:
    counts = dict(
        consultation.comments.filter(answer__isnull=False)
        .values_list("answer__disposition")
        .annotate(n=Count("id"))
    )
    return tally(counts)


def unanswered_count(consultation: Consultation) -> int:
    return consultation.comments.filter(answer__isnull=True).count()


def published_answers(consultation: Consultation, *, excerpts: int | None = None) -> QuerySet:
    """The answers as the 意见采纳情况说明 lists them, each with the comments it answers
    (``listed_comments``), how many (``comment_count``) and how many of them are shown
    (``shown_count``). With ``excerpts``, only that many shown comments are loaded per answer:
    the page of a consultation with thousands of comments links to the rest."""
    comments = Comment.objects.select_related("article").order_by("submitted_at", "id")
    if excerpts is not None:
        comments = comments.filter(visibility=CommentVisibility.SHOWN)[:excerpts]
    return (
        consultation.answers.annotate(
            comment_count=Count("comments"),
            shown_count=Count("comments", filter=Q(comments__visibility=CommentVisibility.SHOWN)),
        )
        .prefetch_related(Prefetch("comments", queryset=comments, to_attr="listed_comments"))
        .order_by("id")
    )


def consultations_lacking_feedback(document_id: int) -> list[Consultation]:
    return list(
        Consultation.objects.filter(document_id=document_id)
        .exclude(phase=Phase.FEEDBACK_PUBLISHED)
        .order_by("id")
    )


def needs_without_consultation(user) -> QuerySet[ConsultationNeed]:
    """Documents marked as needing a consultation that have none (the supervising office's
    list): the documents' own units, as far as ``user`` oversees them."""
    return (
        scope(ConsultationNeed.objects.all(), user, "consultation.oversee")
        .exclude(document__consultations__isnull=False)
        .select_related("document", "unit", "marked_by")
        .order_by("marked_at")
    )


def visible_needs(user) -> QuerySet[ConsultationNeed]:
    return (
        scope(ConsultationNeed.objects.all(), user, "consultation.view")
        .select_related("document", "unit", "marked_by")
        .annotate(consultation_count=Count("document__consultations"))
        .order_by("-marked_at")
    )


# --- Questionnaires -------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    respondents: int
    choices: list[ChoiceResult]
    texts: list[str]


def questionnaire_results(consultation: Consultation, *, with_texts: bool) -> list[QuestionResult]:
    """Counts per choice and respondents per question, in SQL; free-text answers only for staff."""
    questions = list(consultation.survey_questions.prefetch_related("choices"))
    answers = SurveyAnswer.objects.filter(question__consultation=consultation)
    per_choice = dict(
        answers.filter(choice__isnull=False).values_list("choice").annotate(n=Count("id"))
    )
    respondents = dict(
        answers.exclude(choice__isnull=True, text="")
        .values_list("question")
        .annotate(n=Count("response", distinct=True))
    )
    texts: dict[int, list[str]] = {}
    if with_texts:
        for question_id, text in answers.exclude(text="").values_list("question", "text"):
            texts.setdefault(question_id, []).append(text)
    results = []
    for question in questions:
        labels = [(c.pk, c.label) for c in question.choices.all()]
        n = respondents.get(question.pk, 0)
        results.append(
            QuestionResult(
                question,
                n,
                choice_results(labels, per_choice, n) if question.kind != QuestionKind.TEXT else [],
                texts.get(question.pk, []),
            )
        )
    return results


# --- Decision openness ----------------------------------------------------------------------


def public_decision_catalogs(unit: Unit | None = None) -> QuerySet[DecisionCatalog]:
    qs = DecisionCatalog.objects.filter(published_at__isnull=False, unit__is_active=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.select_related("unit").order_by("-year", "unit__path")


def catalog_items(catalog: DecisionCatalog) -> QuerySet[DecisionItem]:
    return catalog.items.select_related("lead_unit", "consultation", "final_document")


def visible_decision_catalogs(user, action: str = "decision.view") -> QuerySet[DecisionCatalog]:
    return scope(DecisionCatalog.objects.all(), user, action).select_related("unit")


def public_meetings(unit: Unit | None = None) -> QuerySet[Meeting]:
    qs = Meeting.objects.exclude(phase=EventPhase.DRAFT).filter(unit__is_active=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.select_related("unit").order_by("-starts_at", "-id")


def visible_meetings(user) -> QuerySet[Meeting]:
    return scope(Meeting.objects.all(), user, "meeting.manage").select_related("unit")


def published_attendees(meeting: Meeting) -> QuerySet[AttendanceApplication]:
    """列席人员名单, once the meeting's record is published: those approved who came."""
    if meeting.phase != EventPhase.RECORD_PUBLISHED:
        return AttendanceApplication.objects.none()
    return meeting.applications.filter(state=ApplicationState.APPROVED, attended=True).order_by(
        "category", "id"
    )


def approved_count(meeting: Meeting) -> int:
    return meeting.applications.filter(state=ApplicationState.APPROVED).count()


def public_open_days(unit: Unit | None = None) -> QuerySet[OpenDay]:
    qs = OpenDay.objects.exclude(phase=EventPhase.DRAFT).filter(unit__is_active=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.select_related("unit").order_by("-starts_at", "-id")


def visible_open_days(user) -> QuerySet[OpenDay]:
    return scope(OpenDay.objects.all(), user, "meeting.manage").select_related("unit")


def places_taken(open_day: OpenDay) -> int:
    return (
        open_day.registrations.filter(cancelled_at__isnull=True).aggregate(n=Sum("party_size"))["n"]
        or 0
    )


# --- Opinion response -----------------------------------------------------------------------


def public_responses(unit: Unit | None = None) -> QuerySet[OpinionResponse]:
    qs = OpinionResponse.objects.filter(withdrawn_at__isnull=True, unit__is_active=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.select_related("unit").order_by("-published_on", "-id")


def visible_opinions(user, action: str = "opinion.view") -> QuerySet[OpinionItem]:
    return scope(OpinionItem.objects.all(), user, action).select_related("unit", "reported_to")


def overdue_opinions(user, today: date) -> QuerySet[OpinionItem]:
    return visible_opinions(user).filter(
        state__in=[s.value for s in OPEN_STATES], response_due__lt=today
    )


def opinion_queues(user, today: date) -> dict[str, QuerySet[OpinionItem]]:
    items = visible_opinions(user)
    open_items = items.filter(state__in=[s.value for s in OPEN_STATES])
    return {
        "open": open_items,
        "new": items.filter(state=OpinionState.NEW),
        "overdue": open_items.filter(response_due__lt=today),
        "reported": items.filter(reported_at__isnull=False),
        "all": items,
    }


def consultations_awaiting_feedback(user) -> QuerySet[Consultation]:
    """Closed consultations whose feedback is still to be written and published."""
    return visible_consultations(user, "consultation.edit").filter(phase=Phase.CLOSED)
