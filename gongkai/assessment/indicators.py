"""The assessment's own indicator: problems of the 问题清单 not fixed (销号) by their deadline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .domain.states import PROBLEM_STATE_LABELS, ProblemState
from .registry import EvidenceRow, Indicator, Kind, Measure, register_indicator


def overdue_q() -> Q:
    """Closed after its deadline, or still open (or reopened) past it."""
    return Q(closed_on__gt=F("deadline")) | (
        ~Q(state=ProblemState.CLOSED) & Q(deadline__lt=timezone.localdate())
    )


def _problems(year: int):
    from .models import Problem

    return Problem.objects.filter(scheme__year=year)


def _compute(*, year: int, unit_ids: Sequence[int]) -> dict[int, Measure]:
    found = {uid: Measure(numerator=0, evidence=0) for uid in unit_ids}
    rows = (
        _problems(year)
        .filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(n=Count("id"), late=Count("id", filter=overdue_q()))
    )
    for r in rows:
        found[r["unit_id"]] = Measure(numerator=r["late"], evidence=r["n"])
    return found


def _evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    late = set(_problems(year).filter(overdue_q(), unit_id=unit_id).values_list("pk", flat=True))
    for p in _problems(year).filter(unit_id=unit_id).order_by("deadline", "id"):
        closed = f"，{p.closed_on:%Y-%m-%d}销号" if p.closed_on else ""
        yield EvidenceRow(
            label=p.title,
            date=p.found_on,
            counted=p.pk in late,
            note=f"整改期限{p.deadline:%Y-%m-%d}，{PROBLEM_STATE_LABELS[ProblemState(p.state)]}{closed}",
        )


def register() -> None:
    register_indicator(
        Indicator(
            key="assessment.problems_overdue",
            label=_("问题清单逾期未整改"),
            kind=Kind.COUNT,
            module="assessment",
            formula=_("问题清单中超过整改期限仍未销号（或逾期才销号）的问题数"),
            compute=_compute,
            evidence=_evidence,
            advice=_("对照问题清单逐项整改，在整改期限内提交整改情况和佐证材料申请销号。"),
            higher_is_better=False,
        )
    )
