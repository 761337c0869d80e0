"""Answered public messages (留言选登) and policy questions (政策问答) as search kinds, registered
from the app's ``ready``. Only their public copies are indexed; the services re-index a message
or question whenever it is published, edited, withdrawn or changes state."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.search.registry import SearchKind, register_kind

from .models import Message, PolicyQuestion
from .selectors import public_messages, public_questions

MESSAGES = SearchKind(
    name="message",
    label=_("留言选登"),
    model=Message,
    public=public_messages,
    title=lambda message: message.public_title,
    body=lambda message: f"{message.public_excerpt}\n{message.public_answer}",
    url=lambda message: reverse("interaction_public:message", args=[message.number]),
    units=lambda message: [message.unit],
    date=lambda message: timezone.localtime(message.answered_at).date(),
)

QUESTIONS = SearchKind(
    name="qa",
    label=_("政策问答"),
    model=PolicyQuestion,
    public=public_questions,
    title=lambda entry: entry.question,
    body=lambda entry: entry.answer,
    url=lambda entry: reverse("interaction_public:question", args=[entry.pk]),
    units=lambda entry: [entry.unit],
    date=lambda entry: timezone.localtime(entry.published_at).date(),
)


def register() -> None:
    register_kind(MESSAGES)
    register_kind(QUESTIONS)
