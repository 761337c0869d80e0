"""A unit's work plan (not published), with progress and evidence, a close-out request, a
reminder and a mapped name, for the isolation walk
(``gongkai/core/tests/test_security_isolation.py``)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.documents.services import document_create
from gongkai.importer.domain.model import Task as ParsedTask
from gongkai.tasks_ledger.services import (
    progress_report_create,
    reminders_send,
    task_request_closeout,
    unit_alias_create,
    work_plan_create,
)


def make_records(*, unit, marker: str, actor) -> None:
    today = timezone.localdate()
    document = document_create(
        actor=None,
        unit=unit,
        title=f"{unit.name}关于印发{marker}工作要点的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
    )
    parsed = ParsedTask(
        number="1",
        path=["一"],
        title=f"{marker}任务",
        text=f"{marker}任务内容",
        lead_units=[unit.name, f"{marker}办"],
        deadline=today + timedelta(days=3),
        deadline_text="三日内",
    )
    plan = work_plan_create(actor=None, document=document, tasks=[parsed], year=2025)
    task = plan.tasks.get()
    progress_report_create(
        actor=None,
        task=task,
        unit=unit,
        reported_on=today,
        text=f"{marker}进展",
        evidence_upload=SimpleUploadedFile(f"{marker}.pdf", b"%PDF-1.4\n"),
    )
    task_request_closeout(actor=None, task=task, unit=unit, note=f"{marker}销号说明")
    reminders_send(today=today)
    unit_alias_create(actor=None, name=f"{marker}别名", unit=unit)
