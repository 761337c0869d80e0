"""Participation's indicator for the annual assessment (docs/subsystems/assessment.md):
征求意见反馈率."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from gongkai.assessment.measures import admin_url, year_bounds
from gongkai.assessment.registry import EvidenceRow, Indicator, Kind, Measure, register_indicator

from .models import Consultation

_FED_BACK = Q(feedback__published_at__isnull=False)


def _closed_in(year: int):
    first, last = year_bounds(year)
    return Consultation.objects.filter(opened_at__isnull=False, ends_on__range=(first, last))


def _compute(*, year: int, unit_ids: Sequence[int]) -> dict[int, Measure]:
    rows = (
        _closed_in(year)
        .filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(total=Count("id"), good=Count("id", filter=_FED_BACK))
    )
    return {r["unit_id"]: Measure(numerator=r["good"], denominator=r["total"]) for r in rows}


def _evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    consultations = _closed_in(year).filter(unit_id=unit_id).select_related("feedback")
    for c in consultations.order_by("ends_on", "id"):
        feedback = getattr(c, "feedback", None)
        published = feedback.published_at if feedback is not None else None
        yield EvidenceRow(
            label=c.title,
            date=c.ends_on,
            counted=published is not None,
            note=f"{c.ends_on:%Y-%m-%d}截止，"
            + (f"{published:%Y-%m-%d}公布意见采纳情况" if published else "尚未公布意见采纳情况"),
            url=admin_url(c),
        )


def register() -> None:
    register_indicator(
        Indicator(
            key="participation.feedback_rate",
            label=_("征求意见反馈率"),
            kind=Kind.RATE,
            module="participation",
            formula=_("本年截止的意见征集中，已公布意见采纳情况的件数 ÷ 截止的意见征集数"),
            compute=_compute,
            evidence=_evidence,
            advice=_("意见征集截止后，及时公布意见收集和采纳情况，说明未采纳的理由。"),
        )
    )
