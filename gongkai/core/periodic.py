"""Periodic jobs: scheduled publishing, reminders, checks.

Each job must be idempotent (running it twice, or after a missed run, does no harm), because
``gongkai periodic --loop`` simply runs every job at its interval and a restart runs them again.
Modules register their jobs with ``@periodic_job(minutes=N)``.

Several servers each run ``gongkai periodic --loop`` against one database; a job runs on the one
that claims it (``claim``): one conditional ``UPDATE`` moves the job's ``next_due`` a whole
interval forward only if it has come, so of servers asking at once exactly one sees a changed
row. This works alike on SQLite and PostgreSQL and needs no lock held while the job runs. A
server that stops while running a job leaves it to the next interval (jobs are idempotent).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from .audit import audit_anchor_daily
from .mail import deliver_queued


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    minutes: int
    run: Callable[[], object]


JOBS: dict[str, PeriodicJob] = {}
# Checks run right before scheduled publications go live; each takes off the schedule what must
# not go live (the documents' publication gate registers one). Modules register them with
# ``@before_scheduled_publishing``.
BEFORE_SCHEDULED_PUBLISHING: list[Callable[[], object]] = []


def periodic_job(*, minutes: int, name: str | None = None):
    def register(func: Callable[[], object]) -> Callable[[], object]:
        job_name = name or f"{func.__module__}.{func.__qualname__}"
        JOBS[job_name] = PeriodicJob(job_name, minutes, func)
        return func

    return register


def runner_name() -> str:
    """Which server and process claimed a job (shown in the claims, for the operator)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def claim(job: PeriodicJob, *, runner: str) -> bool:
    """Whether ``runner`` may run ``job`` now: True for exactly one of the runners asking once
    the job is due, after which it is due again an interval later."""
    from .models import PeriodicClaim

    now = timezone.now()
    # Reading first keeps the once-a-second poll of every server from writing.
    next_due = PeriodicClaim.objects.filter(name=job.name).values_list("next_due", flat=True)
    next_due = next_due.first()
    if next_due is None:
        # A job seen for the first time is due at once; two runners adding it add one row.
        PeriodicClaim.objects.bulk_create(
            [PeriodicClaim(name=job.name, next_due=now)], ignore_conflicts=True
        )
    elif next_due > now:
        return False
    return bool(
        PeriodicClaim.objects.filter(name=job.name, next_due__lte=now).update(
            next_due=now + timedelta(minutes=job.minutes),
            claimed_by=runner[:200],
            claimed_at=now,
            claims=F("claims") + 1,
        )
    )


def before_scheduled_publishing(func: Callable[[], object]) -> Callable[[], object]:
    BEFORE_SCHEDULED_PUBLISHING.append(func)
    return func


@periodic_job(minutes=1, name="wagtail.publish_scheduled")
def publish_scheduled_pages() -> None:
    for check in BEFORE_SCHEDULED_PUBLISHING:
        check()
    # Wagtail's own command publishes and unpublishes pages whose go-live/expiry time has come.
    call_command("publish_scheduled", verbosity=0)


@periodic_job(minutes=24 * 60, name="audit.anchor")
def anchor_audit_chain() -> None:
    # An anchor outside the database is what shows the newest entries removed together with a
    # lowered head; the job skips when the head is already anchored, so reruns add nothing.
    audit_anchor_daily(Path(settings.GONGKAI_AUDIT_ANCHOR_DIR))


@periodic_job(minutes=1, name="mail.deliver")
def deliver_mail() -> None:
    # Nothing to do while no mail server is configured: the messages wait (core/mail.py).
    deliver_queued()
