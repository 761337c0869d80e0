"""The work-plan ledger's indicator for the annual assessment
(docs/subsystems/assessment.md): 工作要点任务按时完成率, counted for each task's lead units
(牵头单位), who answer for it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.assessment.measures import year_bounds
from gongkai.assessment.registry import EvidenceRow, Indicator, Kind, Measure, register_indicator

from .models import Task

Lead = Task.lead_units.through
_ON_TIME = Q(task__closed_at__date__lte=F("task__deadline"))


def _due_in(year: int):
    first, last = year_bounds(year)
    # Counted once closed (销号确认), or once its deadline has passed open.
    return Lead.objects.filter(task__deadline__range=(first, last)).filter(
        Q(task__closed_at__isnull=False) | Q(task__deadline__lt=timezone.localdate())
    )


def _compute(*, year: int, unit_ids: Sequence[int]) -> dict[int, Measure]:
    rows = (
        _due_in(year)
        .filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(total=Count("id"), good=Count("id", filter=_ON_TIME))
    )
    return {r["unit_id"]: Measure(numerator=r["good"], denominator=r["total"]) for r in rows}


def _evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    for link in (
        _due_in(year).filter(unit_id=unit_id).select_related("task").order_by("task__deadline")
    ):
        task = link.task
        closed = timezone.localtime(task.closed_at).date() if task.closed_at else None
        yield EvidenceRow(
            label=f"{task.number} {task.title}".strip(),
            date=task.deadline,
            counted=closed is not None and closed <= task.deadline,
            note=f"时限{task.deadline:%Y-%m-%d}，"
            + (f"{closed:%Y-%m-%d}销号" if closed else "至今未销号"),
        )


def register() -> None:
    register_indicator(
        Indicator(
            key="ledger.tasks_on_time",
            label=_("工作要点任务按时完成率"),
            kind=Kind.RATE,
            module="ledger",
            formula=_(
                "本年到期的政务公开工作要点任务中（本单位牵头），按时限销号的件数 ÷ 已销号或已到期的件数"
            ),
            compute=_compute,
            evidence=_evidence,
            advice=_("对照工作要点任务台账按时报送进展、申请销号。"),
        )
    )
