"""Reads of the task ledger: who may see which plans and tasks, statuses, the name index."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from gongkai.core.models import Unit
from gongkai.core.permissions import scope, units_for
from gongkai.documents.selectors import public_documents

from .domain.status import TaskStatus, task_status
from .domain.unit_names import UnitNameIndex, is_collective
from .models import ProgressReport, Reminder, Task, UnitAlias, WorkPlan


def unit_name_index() -> UnitNameIndex:
    """Every active unit by full name and short name, and every alias staff have mapped."""
    rows: list[tuple[str, int, str]] = []
    for unit_id, name, short_name, path in Unit.objects.filter(is_active=True).values_list(
        "id", "name", "short_name", "path"
    ):
        rows.append((name, unit_id, path))
        rows.append((short_name, unit_id, path))
    rows += UnitAlias.objects.values_list("name", "unit_id", "unit__path")
    return UnitNameIndex.build(rows)


def with_progress(tasks: QuerySet[Task]) -> QuerySet[Task]:
    return tasks.annotate(
        has_progress=Exists(ProgressReport.objects.filter(task=OuterRef("pk")))
    ).select_related("plan")


def status_of(task: Task, today: date) -> TaskStatus:
    """For a task from `with_progress`."""
    return task_status(
        deadline=task.deadline,
        has_progress=task.has_progress,
        closed=task.closed_at is not None,
        today=today,
    )


def with_statuses(tasks: Iterable[Task], today: date) -> list[Task]:
    """Tasks from `with_progress`, each given its derived ``status`` for display."""
    rows = list(tasks)
    for task in rows:
        task.status = status_of(task, today)
    return rows


def accountable_units(task: Task) -> list[Unit]:
    """Who answers for a task: reminders go to them and they request its close-out (销号).

    The lead units; for a task that names none, its responsible units; for a task whose units
    are all groups (各乡镇) or not yet mapped, the unit that issued the plan, which coordinates it.
    """
    return list(task.lead_units.all()) or list(task.responsible_units.all()) or [task.plan.unit]


def plan_area(plan: WorkPlan) -> str:
    """The tree path of the area a plan addresses: the government whose office issued it."""
    unit = plan.unit
    return unit.parent.path if unit.parent_id else unit.path


def may_report_for(task: Task, unit: Unit) -> bool:
    """A task's own units report on it; where it names a group (各县（市、区）人民政府), any unit of
    the plan's area may, because the group's members cannot be told from the name."""
    if (
        task.lead_units.filter(pk=unit.pk).exists()
        or task.responsible_units.filter(pk=unit.pk).exists()
    ):
        return True
    names = [*task.lead_names, *task.responsible_names]
    return any(is_collective(name) for name in names) and unit.path.startswith(plan_area(task.plan))


def _involving(units: QuerySet[Unit]) -> Q:
    return Q(lead_units__in=units) | Q(responsible_units__in=units)


def visible_plans(user) -> QuerySet[WorkPlan]:
    """Plans issued within the user's units, and plans that give their units a task."""
    units = units_for(user, "task.view")
    involved = Task.objects.filter(_involving(units)).values("plan_id")
    return (
        WorkPlan.objects.filter(Q(unit__in=units) | Q(pk__in=involved))
        .select_related("unit", "document")
        .distinct()
    )


def visible_tasks(user) -> QuerySet[Task]:
    units = units_for(user, "task.view")
    return Task.objects.filter(
        Q(plan__unit__in=units) | Q(pk__in=Task.objects.filter(_involving(units)).values("pk"))
    )


def plan_tasks(plan: WorkPlan) -> QuerySet[Task]:
    return with_progress(plan.tasks.all()).prefetch_related("progress_reports__unit")


def unit_tasks(unit: Unit, *, lead: bool | None = None) -> QuerySet[Task]:
    """The unit's tasks as lead unit (``lead=True``), as responsible unit (False) or either."""
    if lead is None:
        tasks = Task.objects.filter(pk__in=Task.objects.filter(_involving_unit(unit)).values("pk"))
    elif lead:
        tasks = Task.objects.filter(lead_units=unit)
    else:
        tasks = Task.objects.filter(responsible_units=unit)
    return with_progress(tasks).order_by("deadline", "plan", "position")


def _involving_unit(unit: Unit) -> Q:
    return Q(lead_units=unit) | Q(responsible_units=unit)


def overdue_tasks(user, today: date) -> QuerySet[Task]:
    """Tasks past their deadline and not closed, of the plans the user supervises."""
    tasks = scope(Task.objects.all(), user, "task.confirm", unit_field="plan__unit")
    return with_progress(tasks.filter(deadline__lt=today, closed_at__isnull=True)).order_by(
        "deadline", "plan", "position"
    )


def pending_closeouts(user) -> QuerySet[Task]:
    tasks = scope(Task.objects.all(), user, "task.confirm", unit_field="plan__unit")
    return tasks.filter(closeout_requested_at__isnull=False, closed_at__isnull=True).select_related(
        "plan", "closeout_unit"
    )


def unmatched_names(user) -> list[tuple[str, int]]:
    """Names still to be mapped in the plans the user manages, with how many tasks use each."""
    tasks = scope(Task.objects.all(), user, "task.manage", unit_field="plan__unit")
    counts: Counter[str] = Counter()
    for names in tasks.exclude(unmatched_names=[]).values_list("unmatched_names", flat=True):
        counts.update(names)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def reminders_for(user) -> QuerySet[Reminder]:
    """Open reminders of the units the user reports for."""
    reminders = scope(Reminder.objects.all(), user, "task.report")
    return reminders.filter(task__closed_at__isnull=True).select_related("task__plan", "unit")


def public_plans() -> QuerySet[WorkPlan]:
    """The plans the public may see: published by choice, and their document public."""
    return WorkPlan.objects.filter(is_public=True, document__in=public_documents().values("pk"))


def public_plans_within(unit: Unit) -> QuerySet[WorkPlan]:
    """The public plans issued by the unit or a unit below it, newest year first (a county's
    section lists the plan its office issued)."""
    return (
        public_plans()
        .filter(unit__path__startswith=unit.path)
        .select_related("unit")
        .order_by("-year", "-pk")
    )


def public_plan(pk: int) -> WorkPlan | None:
    return public_plans().filter(pk=pk).select_related("unit", "document").first()


def may_download_evidence(user, stored) -> bool | None:
    """Whether ``user`` may download ``stored`` as the evidence of progress reports (None when
    it is none's): the public while a plan it was reported on is public, staff who may see
    one of the tasks it was reported on, as the task's page lists it."""
    tasks = Task.objects.filter(progress_reports__evidence_file=stored)
    if not tasks.exists():
        return None
    return (
        tasks.filter(plan__in=public_plans().values("pk")).exists()
        or visible_tasks(user).filter(pk__in=tasks.values("pk")).exists()
    )
