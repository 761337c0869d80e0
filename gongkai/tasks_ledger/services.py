"""Writes to the task ledger. Each service checks permission, changes state and records one
audit entry in one transaction; the importer, the admin screens and the periodic job call these.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.file_kinds import MEGABYTE, SCANS_AND_OFFICE
from gongkai.core.models import Unit
from gongkai.core.permissions import require
from gongkai.core.uploads import check_upload
from gongkai.documents.models import OfficialDocument
from gongkai.documents.selectors import public_documents
from gongkai.importer.domain.model import Task as ParsedTask

from . import exports
from .domain.plans import plan_title
from .domain.unit_names import UnitNameIndex, match_names, normalise_name
from .models import ProgressReport, Reminder, Task, UnitAlias, WorkPlan
from .selectors import accountable_units, may_report_for, unit_name_index

DEFAULT_REMINDER_DAYS = 7
# Evidence (佐证材料): a scan, a photo or an office document, checked by content.
EVIDENCE_KINDS = SCANS_AND_OFFICE
EVIDENCE_MAX_BYTES = 20 * MEGABYTE


def _reminder_days() -> int:
    return getattr(settings, "GONGKAI_TASK_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)


@transaction.atomic
def work_plan_create(
    *,
    actor,
    document: OfficialDocument,
    tasks: Sequence[ParsedTask],
    year: int,
    names: UnitNameIndex | None = None,
) -> WorkPlan:
    """Track the parsed tasks of a work plan, their unit names matched to the unit tree.

    ``names`` lets a bulk import build the name index once instead of once per document.
    """
    if actor is not None:
        require(actor, "document.edit", document.unit)
    if not tasks:
        raise DomainError("该文件没有识别出工作任务，不能作为工作要点建立台账。")
    if names is None:
        names = unit_name_index()
    plan = WorkPlan.objects.create(
        document=document, unit=document.unit, year=year, title=plan_title(document.title)
    )
    near = document.unit.path
    rows: list[Task] = []
    matches = []
    for position, parsed in enumerate(tasks, start=1):
        lead = match_names(parsed.lead_units, names, near)
        responsible = match_names(parsed.responsible_units, names, near)
        matches.append((lead, responsible))
        rows.append(
            Task(
                plan=plan,
                position=position,
                number=parsed.number or "",
                path=list(parsed.path),
                title=parsed.title[:300],
                text=parsed.text,
                deadline=parsed.deadline,
                deadline_text=(parsed.deadline_text or "")[:100],
                lead_names=list(parsed.lead_units),
                responsible_names=list(parsed.responsible_units),
                unmatched_names=list(dict.fromkeys(lead.unmatched + responsible.unmatched)),
            )
        )
    # Bulk writes: a plan has dozens of tasks and an import thousands of documents.
    created = Task.objects.bulk_create(rows)
    Task.lead_units.through.objects.bulk_create(
        Task.lead_units.through(task_id=task.pk, unit_id=unit_id)
        for task, (lead, _) in zip(created, matches, strict=True)
        for unit_id in lead.unit_ids
    )
    Task.responsible_units.through.objects.bulk_create(
        Task.responsible_units.through(task_id=task.pk, unit_id=unit_id)
        for task, (_, responsible) in zip(created, matches, strict=True)
        for unit_id in responsible.unit_ids
    )
    unmatched = sorted({name for task in created for name in task.unmatched_names})
    audit_record(
        actor=actor,
        action="work_plan.create",
        obj=plan,
        changes={"document": document.pk, "tasks": len(created), "unmatched_names": unmatched},
        unit=plan.unit,
    )
    return plan


@transaction.atomic
def unit_alias_create(*, actor, name: str, unit: Unit) -> UnitAlias:
    """Map a name used in work plans to a unit, once: flagged tasks that use the name are
    resolved now, and later imports resolve it by themselves."""
    if actor is not None:
        require(actor, "task.manage", unit)
    name = normalise_name(name)
    if not name:
        raise DomainError("请填写文件中的单位名称。")
    alias, created = UnitAlias.objects.get_or_create(
        name=name, unit=unit, defaults={"created_by": actor}
    )
    if not created:
        raise DomainError(f"“{name}”已对应到“{unit.name}”。")
    names = unit_name_index()
    resolved = 0
    for task in Task.objects.exclude(unmatched_names=[]).select_related("plan__unit"):
        if not any(normalise_name(n) == name for n in task.unmatched_names):
            continue
        near = task.plan.unit.path
        lead = match_names(task.lead_names, names, near)
        responsible = match_names(task.responsible_names, names, near)
        task.lead_units.add(*lead.unit_ids)
        task.responsible_units.add(*responsible.unit_ids)
        task.unmatched_names = list(dict.fromkeys(lead.unmatched + responsible.unmatched))
        task.save(update_fields=["unmatched_names"])
        resolved += 1
    audit_record(
        actor=actor,
        action="unit_alias.create",
        obj=alias,
        changes={"name": name, "unit": unit.pk, "tasks_resolved": resolved},
        unit=unit,
    )
    return alias


@transaction.atomic
def progress_report_create(
    *,
    actor,
    task: Task,
    unit: Unit,
    reported_on: date,
    text: str,
    evidence_upload: UploadedFile | None = None,
    evidence_url: str = "",
    published_document: OfficialDocument | None = None,
) -> ProgressReport:
    if actor is not None:
        require(actor, "task.report", unit)
    if not may_report_for(task, unit):
        raise DomainError(f"“{unit.name}”不是该任务的牵头单位或责任单位，不能报送进展。")
    if not text.strip():
        raise DomainError("请填写进展情况。")
    if reported_on > timezone.localdate():
        raise DomainError("进展日期不能晚于今天。")
    if (
        published_document is not None
        and not public_documents().filter(pk=published_document.pk).exists()
    ):
        raise DomainError("只能关联已在门户网站公开的文件。")
    evidence_file = None
    if evidence_upload is not None:
        check_upload(evidence_upload, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
        evidence_file = get_document_model().objects.create(
            title=f"{task.title[:60]}（{unit.display_name}佐证材料）",
            file=evidence_upload,
            uploaded_by_user=actor,
        )
    report = ProgressReport.objects.create(
        task=task,
        unit=unit,
        reported_on=reported_on,
        text=text.strip(),
        evidence_file=evidence_file,
        evidence_url=evidence_url,
        published_document=published_document,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="task.report_progress",
        obj=task,
        changes={
            "report": report.pk,
            "unit": unit.pk,
            "reported_on": reported_on,
            "text": report.text,
            "evidence_file": evidence_file.pk if evidence_file else None,
            "evidence_url": evidence_url,
            "published_document": published_document.pk if published_document else None,
        },
        unit=unit,
    )
    return report


def _locked(task: Task) -> Task:
    return Task.objects.select_for_update().select_related("plan__unit").get(pk=task.pk)


@transaction.atomic
def task_request_closeout(*, actor, task: Task, unit: Unit, note: str) -> Task:
    """The accountable unit (normally the lead unit) asks the supervising office to close the
    task (申请销号)."""
    task = _locked(task)
    if actor is not None:
        require(actor, "task.close", unit)
    if unit not in accountable_units(task):
        raise DomainError(f"“{unit.name}”不是该任务的牵头单位，不能申请销号。")
    if task.closed_at is not None:
        raise DomainError("该任务已销号。")
    if task.closeout_requested_at is not None:
        raise DomainError("该任务已申请销号，正在等待确认。")
    if not note.strip():
        raise DomainError("申请销号须说明完成情况。")
    task.closeout_requested_at = timezone.now()
    task.closeout_requested_by = actor
    task.closeout_unit = unit
    task.closeout_note = note.strip()
    task.closeout_rejected_reason = ""
    task.save(
        update_fields=[
            "closeout_requested_at",
            "closeout_requested_by",
            "closeout_unit",
            "closeout_note",
            "closeout_rejected_reason",
        ]
    )
    audit_record(
        actor=actor,
        action="task.request_closeout",
        obj=task,
        changes={"unit": unit.pk, "note": task.closeout_note},
        unit=unit,
    )
    return task


def _pending(task: Task) -> None:
    if task.closed_at is not None:
        raise DomainError("该任务已销号。")
    if task.closeout_requested_at is None:
        raise DomainError("该任务尚未申请销号。")


@transaction.atomic
def task_confirm_closeout(*, actor, task: Task) -> Task:
    """The supervising office confirms the close-out: the task is 已完成 from now on."""
    task = _locked(task)
    if actor is not None:
        require(actor, "task.confirm", task.plan.unit)
    _pending(task)
    task.closed_at = timezone.now()
    task.closed_by = actor
    task.save(update_fields=["closed_at", "closed_by"])
    audit_record(
        actor=actor,
        action="task.confirm_closeout",
        obj=task,
        changes={"requested_by_unit": task.closeout_unit_id},
        unit=task.plan.unit,
    )
    return task


@transaction.atomic
def task_reject_closeout(*, actor, task: Task, reason: str) -> Task:
    """The supervising office sends a close-out request back, saying what is missing."""
    task = _locked(task)
    if actor is not None:
        require(actor, "task.confirm", task.plan.unit)
    _pending(task)
    if not reason.strip():
        raise DomainError("退回销号申请须写明理由。")
    requested_by_unit = task.closeout_unit_id
    task.closeout_requested_at = None
    task.closeout_requested_by = None
    task.closeout_unit = None
    task.closeout_rejected_reason = reason.strip()
    task.save(
        update_fields=[
            "closeout_requested_at",
            "closeout_requested_by",
            "closeout_unit",
            "closeout_rejected_reason",
        ]
    )
    audit_record(
        actor=actor,
        action="task.reject_closeout",
        obj=task,
        changes={"requested_by_unit": requested_by_unit, "reason": task.closeout_rejected_reason},
        unit=task.plan.unit,
    )
    return task


@transaction.atomic
def work_plan_set_public(*, actor, plan: WorkPlan, is_public: bool) -> WorkPlan:
    """Publish (or withdraw) a plan's 落实情况 on the portal."""
    plan = WorkPlan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    if actor is not None:
        require(actor, "task.manage", plan.unit)
    if is_public and not public_documents().filter(pk=plan.document_id).exists():
        raise DomainError("该工作要点的公文尚未在门户网站公开，其落实情况不能公开。")
    if plan.is_public == is_public:
        return plan
    plan.is_public = is_public
    plan.save(update_fields=["is_public"])
    audit_record(
        actor=actor,
        action="work_plan.set_public",
        obj=plan,
        changes={"is_public": is_public},
        unit=plan.unit,
    )
    return plan


@transaction.atomic
def tasks_export(
    *, actor, title: str, tasks: Sequence[Task], obj: WorkPlan | Unit, unit: Unit
) -> bytes:
    """A task list as .xlsx in the usual 台账 columns. Audited: the file leaves the platform."""
    if actor is not None:
        require(actor, "task.view", unit)
    content = exports.ledger_xlsx(title, tasks, timezone.localdate())
    audit_record(
        actor=actor,
        action="task.export",
        obj=obj,
        changes={"title": title, "tasks": len(tasks)},
        unit=unit,
    )
    return content


@transaction.atomic
def reminders_send(*, today: date | None = None) -> int:
    """Remind the accountable units of every open task due within the reminder period.

    Idempotent: a reminder exists once per task, unit and deadline, so a second run (or a run
    after missed days) adds only what is missing.
    """
    today = today or timezone.localdate()
    due = Task.objects.filter(
        closed_at__isnull=True,
        deadline__gte=today,
        deadline__lte=today + timedelta(days=_reminder_days()),
    ).select_related("plan__unit")
    created = 0
    for task in due:
        for unit in accountable_units(task):
            reminder, is_new = Reminder.objects.get_or_create(
                task=task, unit=unit, deadline=task.deadline
            )
            if is_new:
                audit_record(
                    actor=None,
                    action="task.remind",
                    obj=task,
                    changes={"reminder": reminder.pk, "deadline": task.deadline},
                    unit=unit,
                )
                created += 1
    return created
