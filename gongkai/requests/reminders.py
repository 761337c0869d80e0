"""Reminders to handlers (issue 6 "reminders to handlers"): a reply due within 5 working days or
overdue, a correction or payment period that ran out without an answer. Written by the daily
job; shown on the admin home page of everyone who may handle the request."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.permissions import scope

from .domain.states import State
from .models import DisclosureRequest, FeeNotice, FeeNoticeStatus, ReminderKind, RequestReminder
from .selectors import queues

OPEN_REMINDER_STATES = (
    State.RECEIVED,
    State.IN_HANDLING,
    State.CORRECTION_REQUESTED,
    State.AWAITING_FEE,
)


def _due(today: date) -> list[tuple[DisclosureRequest, ReminderKind, date]]:
    lists = queues(DisclosureRequest.objects.all(), today)
    found = [(r, ReminderKind.DUE_SOON, r.due_on) for r in lists.due_soon]
    found += [(r, ReminderKind.OVERDUE, r.due_on) for r in lists.overdue]
    found += [
        (r, ReminderKind.CORRECTION_LAPSED, r.correction_until)
        for r in lists.awaiting_correction.filter(correction_until__lt=today)
    ]
    for notice in FeeNotice.objects.filter(
        status=FeeNoticeStatus.PENDING, pay_by__lt=today, request__state=State.AWAITING_FEE
    ).select_related("request"):
        found.append((notice.request, ReminderKind.FEE_LAPSED, notice.pay_by))
    return found


@transaction.atomic
def reminders_send(*, today: date | None = None) -> int:
    """Add the reminders that are due. Idempotent: one per request, kind and date."""
    today = today or timezone.localdate()
    created = 0
    for request, kind, due_on in _due(today):
        _, is_new = RequestReminder.objects.get_or_create(request=request, kind=kind, due_on=due_on)
        if is_new:
            audit_record(
                actor=None,
                action="request.remind",
                obj=request,
                unit=request.unit,
                changes={"reminder": [None, kind.value], "due_on": [None, due_on.isoformat()]},
            )
            created += 1
    return created


def reminders_for(user) -> QuerySet[RequestReminder]:
    """Reminders of requests the user may handle that are still waiting for that step."""
    return (
        scope(RequestReminder.objects.all(), user, "request.handle", unit_field="request__unit")
        .filter(request__state__in=OPEN_REMINDER_STATES)
        .select_related("request", "request__unit")
    )
