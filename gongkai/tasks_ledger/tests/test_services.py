"""The ledger's writes: tasks from a plan, unit mapping, progress, close-out, reminders, export."""

import io
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.documents.services import document_publish
from gongkai.tasks_ledger import selectors
from gongkai.tasks_ledger.domain.status import TaskStatus
from gongkai.tasks_ledger.exports import COLUMNS
from gongkai.tasks_ledger.models import Reminder, Task
from gongkai.tasks_ledger.periodic import send_task_reminders
from gongkai.tasks_ledger.services import (
    progress_report_create,
    reminders_send,
    task_confirm_closeout,
    task_reject_closeout,
    task_request_closeout,
    tasks_export,
    unit_alias_create,
    work_plan_set_public,
)


def first(plan) -> Task:
    return plan.tasks.get(position=1)


def second(plan) -> Task:
    return plan.tasks.get(position=2)


def status(task: Task, today: date) -> TaskStatus:
    return selectors.status_of(
        selectors.with_progress(Task.objects.filter(pk=task.pk)).get(), today
    )


def test_plan_tasks_keep_the_names_and_link_the_units(plan, unit_tree):
    task = first(plan)
    assert plan.title == "测试县2025年政务公开工作要点"
    assert task.lead_names == ["测试县财政局"]
    assert list(task.lead_units.all()) == [unit_tree["finance"]]
    assert list(task.responsible_units.all()) == [unit_tree["town_a"]]
    assert task.unmatched_names == []  # 各乡镇 is a group: kept, not flagged
    assert second(plan).unmatched_names == ["县政务公开办"]
    entry = AuditEntry.objects.get(action="work_plan.create")
    assert entry.changes["tasks"] == 3 and entry.changes["unmatched_names"] == ["县政务公开办"]


def test_mapping_a_name_once_resolves_flagged_tasks_and_later_plans(
    plan, make_plan, unit_tree, make_user
):
    supervisor = make_user("sup", (Role.SUPERVISING_STAFF, unit_tree["county"]))
    unit_alias_create(actor=supervisor, name=" 县政务公开办", unit=unit_tree["office"])
    task = second(plan)
    assert task.unmatched_names == []
    assert set(task.responsible_units.all()) == {unit_tree["office"], unit_tree["town_b"]}
    later = make_plan(title="另一份工作要点")
    assert unit_tree["office"] in second(later).responsible_units.all()
    assert second(later).unmatched_names == []
    assert AuditEntry.objects.get(action="unit_alias.create").changes["tasks_resolved"] == 1
    with pytest.raises(DomainError, match="已对应"):
        unit_alias_create(actor=supervisor, name="县政务公开办", unit=unit_tree["office"])


def test_only_managers_of_the_unit_map_names(plan, unit_tree, make_user):
    editor = make_user("ed", (Role.EDITOR, unit_tree["office"]))
    with pytest.raises(PermissionDeniedError):
        unit_alias_create(actor=editor, name="县政务公开办", unit=unit_tree["office"])


@time_machine.travel("2025-05-10 10:00 +08:00")
def test_progress_is_reported_by_the_tasks_units(plan, unit_tree, make_user):
    finance = make_user("fin", (Role.EDITOR, unit_tree["finance"]))
    village = make_user("vil", (Role.EDITOR, unit_tree["village_a"]))
    task = first(plan)
    assert status(task, date(2025, 5, 10)) is TaskStatus.NOT_STARTED
    report = progress_report_create(
        actor=finance,
        task=task,
        unit=unit_tree["finance"],
        reported_on=date(2025, 5, 9),
        text="已公开2025年预算。",
        evidence_upload=SimpleUploadedFile("预算.pdf", b"%PDF-1.4 budget"),
        evidence_url="https://example.invalid/budget",
    )
    assert report.evidence_file.title.startswith("公开财政预决算")
    assert status(task, date(2025, 5, 10)) is TaskStatus.IN_PROGRESS
    # 各乡镇 names a group: a unit of the plan's area may report on it.
    progress_report_create(
        actor=village,
        task=task,
        unit=unit_tree["village_a"],
        reported_on=date(2025, 5, 9),
        text="已公开。",
    )
    with pytest.raises(DomainError, match="不是该任务的牵头单位或责任单位"):
        progress_report_create(
            actor=finance,
            task=second(plan),
            unit=unit_tree["finance"],
            reported_on=date(2025, 5, 9),
            text="x",
        )
    with pytest.raises(PermissionDeniedError):
        progress_report_create(
            actor=village,
            task=task,
            unit=unit_tree["finance"],
            reported_on=date(2025, 5, 9),
            text="x",
        )
    assert AuditEntry.objects.filter(action="task.report_progress").count() == 2


def test_close_out_is_requested_by_the_lead_and_confirmed_by_the_supervising_office(
    plan, unit_tree, make_user
):
    finance = make_user("fin", (Role.EDITOR, unit_tree["finance"]))
    town = make_user("town", (Role.EDITOR, unit_tree["town_a"]))
    supervisor = make_user("sup", (Role.SUPERVISING_STAFF, unit_tree["county"]))
    task = first(plan)
    with pytest.raises(DomainError, match="尚未申请销号"):
        task_confirm_closeout(actor=supervisor, task=task)
    with pytest.raises(DomainError, match="不是该任务的牵头单位"):
        task_request_closeout(actor=town, task=task, unit=unit_tree["town_a"], note="完成")
    with pytest.raises(PermissionDeniedError):
        task_confirm_closeout(actor=finance, task=task)

    task_request_closeout(actor=finance, task=task, unit=unit_tree["finance"], note="已全部公开。")
    with pytest.raises(DomainError, match="等待确认"):
        task_request_closeout(actor=finance, task=task, unit=unit_tree["finance"], note="再次")
    with pytest.raises(PermissionDeniedError):
        task_confirm_closeout(actor=finance, task=task)  # the lead unit cannot close its own task
    task_reject_closeout(actor=supervisor, task=task, reason="缺少决算公开。")
    task.refresh_from_db()
    assert task.closeout_requested_at is None and task.closeout_rejected_reason == "缺少决算公开。"

    task_request_closeout(
        actor=finance, task=task, unit=unit_tree["finance"], note="决算也已公开。"
    )
    task_confirm_closeout(actor=supervisor, task=task)
    assert status(task, date(2030, 1, 1)) is TaskStatus.COMPLETED
    actions = list(
        AuditEntry.objects.filter(object_type="ledger.task", object_id=str(task.pk))
        .order_by("seq")
        .values_list("action", "actor_name")
    )
    assert actions == [
        ("task.request_closeout", "fin"),
        ("task.reject_closeout", "sup"),
        ("task.request_closeout", "fin"),
        ("task.confirm_closeout", "sup"),
    ]
    with pytest.raises(DomainError, match="已销号"):
        task_request_closeout(actor=finance, task=task, unit=unit_tree["finance"], note="x")


def test_a_task_without_lead_unit_is_closed_by_its_responsible_units(plan, unit_tree):
    task = second(plan)
    assert selectors.accountable_units(task) == [unit_tree["town_b"]]
    only_groups = plan.tasks.get(position=3)
    assert selectors.accountable_units(only_groups) == [unit_tree["office"]]


@time_machine.travel("2025-06-25 08:00 +08:00")
def test_reminders_are_sent_once(plan, unit_tree, settings):
    settings.GONGKAI_TASK_REMINDER_DAYS = 7
    send_task_reminders()
    send_task_reminders()
    reminder = Reminder.objects.get()
    assert (reminder.task, reminder.unit, reminder.deadline) == (
        first(plan),
        unit_tree["finance"],
        date(2025, 6, 30),
    )
    assert AuditEntry.objects.filter(action="task.remind").count() == 1
    # Not yet due for the year-end task; a moved deadline is reminded again.
    Task.objects.filter(pk=first(plan).pk).update(deadline=date(2025, 7, 1))
    assert reminders_send() == 1


@time_machine.travel("2025-06-25 08:00 +08:00")
def test_closed_tasks_are_not_reminded(plan, unit_tree):
    Task.objects.filter(pk=first(plan).pk).update(closed_at="2025-06-01T00:00:00+08:00")
    assert reminders_send() == 0


def test_export_has_the_ledger_columns_and_is_audited(plan, unit_tree, make_user):
    viewer = make_user("view", (Role.AUDITOR, unit_tree["county"]))
    progress_report_create(
        actor=None,
        task=first(plan),
        unit=unit_tree["finance"],
        reported_on=date(2025, 5, 9),
        text="已公开预算。",
    )
    tasks = selectors.plan_tasks(plan)
    content = tasks_export(
        actor=viewer, title="落实情况台账", tasks=list(tasks), obj=plan, unit=plan.unit
    )
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "落实情况台账"
    assert (
        rows[1]
        == COLUMNS
        == ("序号", "工作任务", "牵头单位", "责任单位", "完成时限", "进展情况", "状态")
    )
    assert rows[2][:5] == (
        1,
        "公开财政预决算。按时公开本级预决算。",
        "测试县财政局",
        "甲镇人民政府、各乡镇",
        "2025年6月底前",
    )
    assert rows[2][5] == "2025-05-09 测试县财政局：已公开预算。"
    assert len(rows) == 5
    assert AuditEntry.objects.get(action="task.export").actor_name == "view"


def test_a_formula_in_task_text_is_exported_as_text(make_plan):
    from gongkai.importer.domain.model import Task as ParsedTask

    plan = make_plan(tasks=[ParsedTask(number="1", path=["1"], title="x", text='=HYPERLINK("x")')])
    content = tasks_export(
        actor=None, title="t", tasks=list(selectors.plan_tasks(plan)), obj=plan, unit=plan.unit
    )
    cell = load_workbook(io.BytesIO(content)).active["B3"]
    assert cell.data_type == "s"


def test_only_a_published_plan_can_go_on_the_portal(plan, unit_tree, make_user):
    supervisor = make_user("sup", (Role.SUPERVISING_STAFF, unit_tree["county"]))
    with pytest.raises(DomainError, match="尚未在门户网站公开"):
        work_plan_set_public(actor=supervisor, plan=plan, is_public=True)
    document_publish(actor=None, document=plan.document, published_on=date(2025, 3, 5))
    assert work_plan_set_public(actor=supervisor, plan=plan, is_public=True).is_public
    assert AuditEntry.objects.filter(action="work_plan.set_public").count() == 1
