"""Consultations, their published feedback and the published opinion responses as search kinds
(registered from ``ParticipationConfig.ready``). What is public is read from the selectors;
the services re-index a record when it is opened, gets a new version, has its feedback
published, or a response is published or withdrawn."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.search.registry import SearchKind, register_kind

from .models import Consultation, Feedback, OpinionResponse
from .selectors import current_version, public_consultations, public_feedback, public_responses


def consultation_url(consultation: Consultation) -> str:
    return reverse("participation:consultation", args=[consultation.pk])


def _consultation_body(consultation: Consultation) -> str:
    version = current_version(consultation)
    return "\n".join(
        filter(
            None,
            [consultation.background, consultation.questions, version.text if version else ""],
        )
    )


def _feedback_body(feedback: Feedback) -> str:
    answers = feedback.consultation.answers.values_list("summary", "reason")
    return "\n".join([feedback.summary, *(f"{s}\n{r}" for s, r in answers)])


CONSULTATIONS = SearchKind(
    name="consultation",
    label=_("意见征集"),
    model=Consultation,
    public=public_consultations,
    title=lambda consultation: consultation.title,
    body=_consultation_body,
    url=consultation_url,
    units=lambda consultation: [consultation.unit],
    date=lambda consultation: consultation.starts_on,
)

FEEDBACK = SearchKind(
    name="feedback",
    label=_("意见采纳情况"),
    model=Feedback,
    public=public_feedback,
    title=lambda feedback: str(feedback),
    body=_feedback_body,
    url=lambda feedback: reverse("participation:feedback", args=[feedback.consultation_id]),
    units=lambda feedback: [feedback.consultation.unit],
    date=lambda feedback: (
        timezone.localdate(feedback.published_at) if feedback.published_at else None
    ),
)

RESPONSES = SearchKind(
    name="opinionresponse",
    label=_("政务舆情回应"),
    model=OpinionResponse,
    public=public_responses,
    title=lambda response: response.title,
    body=lambda response: response.text,
    url=lambda response: reverse("participation:response", args=[response.pk]),
    units=lambda response: [response.unit],
    date=lambda response: response.published_on,
)


def register() -> None:
    register_kind(CONSULTATIONS)
    register_kind(FEEDBACK)
    register_kind(RESPONSES)
