"""Reminders (issue 15): the working day before a message falls due, once it is overdue, and once
a valid message has gone unanswered three calendar months (the 19号 veto, for the supervising
office). Written by the daily job, idempotent (one per message, kind and day); shown on the admin
home page to those who handle the message, the three-month ones also to the supervising office."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.calendar.selectors import current_calendar
from gongkai.core.audit import audit_record
from gongkai.core.permissions import scope

from .domain.states import OPEN
from .models import Message, MessageReminder, ReminderKind
from .selectors import with_current_due


def _due(today: date) -> list[tuple[Message, ReminderKind, date]]:
    tomorrow = current_calendar().add_workdays(today, 1)
    open_ = with_current_due(Message.objects.filter(state__in=list(OPEN)).select_related("unit"))
    found = [(m, ReminderKind.DUE_SOON, m.current_due) for m in open_.filter(current_due=tomorrow)]
    found += [(m, ReminderKind.OVERDUE, m.current_due) for m in open_.filter(current_due__lt=today)]
    found += [
        (m, ReminderKind.THREE_MONTHS, m.three_months_on)
        for m in open_.filter(three_months_on__lte=today)
    ]
    return found


@transaction.atomic
def reminders_send(*, today: date | None = None) -> int:
    """Add the reminders that are due; returns how many were new."""
    today = today or timezone.localdate()
    created = 0
    for message, kind, due_on in _due(today):
        _, is_new = MessageReminder.objects.get_or_create(message=message, kind=kind, due_on=due_on)
        if is_new:
            audit_record(
                actor=None,
                action="message.remind",
                obj=message,
                unit=message.unit,
                changes={"reminder": [None, kind.value], "due_on": [None, due_on.isoformat()]},
            )
            created += 1
    return created


def reminders_for(user) -> QuerySet[MessageReminder]:
    """Reminders of messages still open: those the user may handle, and the three-month ones of
    the units the user oversees."""
    handled = Q(
        pk__in=scope(
            MessageReminder.objects.all(), user, "message.handle", unit_field="message__unit"
        ).values("pk")
    )
    overseen = Q(
        pk__in=scope(
            MessageReminder.objects.filter(kind=ReminderKind.THREE_MONTHS),
            user,
            "message.oversee",
            unit_field="message__unit",
        ).values("pk")
    )
    return (
        MessageReminder.objects.filter(handled | overseen)
        .filter(message__state__in=list(OPEN))
        .select_related("message", "message__unit")
    )
