"""A draft annual report and a reminder of a unit, for the isolation walk
(``gongkai/core/tests/test_security_isolation.py``)."""

from __future__ import annotations

from django.utils import timezone

from gongkai.reports.services import reminders_send, report_create, report_update_text


def make_records(*, unit, marker: str, actor) -> None:
    today = timezone.localdate()
    report = report_create(actor=None, unit=unit, year=today.year - 1)
    report_update_text(
        actor=None,
        report=report,
        overview=f"{marker}总体情况",
        problems=f"{marker}存在的问题",
        other_matters=f"{marker}其他事项",
    )
    reminders_send(today=today)
