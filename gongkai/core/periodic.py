"""Periodic jobs: scheduled publishing, reminders, checks.

Each job must be idempotent (running it twice, or after a missed run, does no harm), because
``gongkai periodic --loop`` simply runs every job at its interval and a restart runs them again.
Modules register their jobs with ``@periodic_job(minutes=N)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

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
