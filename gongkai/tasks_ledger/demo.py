"""Demo ledger: the demo county's own 2025 work plan tracked, with tasks done, in progress and
overdue, and its 落实情况 published in the county's section.

The seed documents' plans are not tracked: they are other governments' documents, imported as
references under their real issuers, and no one here reports on their tasks (statuses made up
for them would be the demo county's fiction told about a real office)."""

from __future__ import annotations

from datetime import date

from gongkai.core.demo import COUNTY, OFFICE, DemoContext
from gongkai.core.models import Unit
from gongkai.documents.demo import PLAN_SECTIONS, PLAN_TITLE, PlanItem, deadline_text
from gongkai.documents.models import OfficialDocument
from gongkai.importer.domain.model import Task as ParsedTask

from .models import Task, WorkPlan
from .services import (
    progress_report_create,
    task_confirm_closeout,
    task_request_closeout,
    work_plan_create,
    work_plan_set_public,
)

ORDER = 40

# What happened to each item of the county's plan, by its number: progress reported (date,
# text), and whether the close-out was asked for and confirmed. Items with a deadline in 2025
# and no confirmed close-out read 逾期; those 长期坚持 with progress, 推进中.
PROGRESS: dict[str, list[tuple[date, str]]] = {
    "（一）": [
        (date(2025, 4, 15), "第一季度发布政策解读8篇，行政规范性文件均与解读同步发布。"),
        (date(2025, 10, 14), "前三季度累计发布政策解读21篇，其中图解、问答类11篇。"),
    ],
    "（二）": [(date(2025, 9, 19), "9月19日举办“走进民政 了解低保”政府开放日，群众代表36人参加。")],
    "（三）": [(date(2025, 3, 14), "县级73个部门预算已全部在“预决算公开”专栏公开。")],
    "（四）": [(date(2025, 7, 8), "已按月公开上半年城乡低保、特困供养和临时救助情况。")],
    "（五）": [(date(2025, 6, 20), "城关镇已公布耕地地力保护补贴发放情况，河西乡尚未公布。")],
    "（六）": [(date(2025, 4, 25), "县本级和各部门、乡镇的政府信息公开指南已全部更新。")],
    "（八）": [
        (date(2025, 3, 28), "县人民政府2024年度报告已于3月28日公布，部门和乡镇均按期公布。")
    ],
    "（九）": [(date(2025, 12, 26), "已完成38个账号备案核查，关停整合长期不更新账号4个。")],
}
CLOSED = ("（二）", "（三）", "（六）", "（八）")  # close-out asked for and confirmed: 已完成
CLOSEOUT_ASKED = ("（九）",)  # asked for, not yet confirmed: still 逾期 until the office confirms


def _parsed(section: str, item: PlanItem) -> ParsedTask:
    return ParsedTask(
        number=item.number,
        path=[section, item.number],
        title=item.title,
        text=item.text,
        lead_units=list(item.lead),
        responsible_units=list(item.responsible),
        deadline=item.deadline,
        deadline_text=deadline_text(item.deadline),
    )


def _county_plan(context: DemoContext) -> None:
    document = OfficialDocument.objects.filter(unit__code=OFFICE, title=PLAN_TITLE).first()
    if document is None or WorkPlan.objects.filter(document=document).exists():
        return
    tasks = [_parsed(section, item) for section, _, items in PLAN_SECTIONS for item in items]
    plan = work_plan_create(actor=None, document=document, tasks=tasks, year=2025)
    by_number = {task.number: task for task in Task.objects.filter(plan=plan)}
    for number, reports in PROGRESS.items():
        task = by_number[number]
        unit = task.lead_units.first()
        for reported_on, text in reports:
            progress_report_create(
                actor=None, task=task, unit=unit, reported_on=reported_on, text=text
            )
        if number in CLOSED or number in CLOSEOUT_ASKED:
            task = task_request_closeout(
                actor=None, task=task, unit=unit, note="任务已按要求完成，申请销号。"
            )
        if number in CLOSED:
            task_confirm_closeout(actor=None, task=task)
    if document.live:
        work_plan_set_public(actor=None, plan=plan, is_public=True)
    context.created_anything = True


def load(context: DemoContext) -> None:
    if not Unit.objects.filter(code=COUNTY).exists():
        return
    _county_plan(context)
