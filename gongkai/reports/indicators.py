"""Annual reports' indicator for the annual assessment (docs/subsystems/assessment.md):
年报按时发布 — the report on the year before, published by the deadline of 条例第四十九条
(1月31日 for departments, 3月31日 for governments) within the assessed year."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Case, Count, DateField, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from gongkai.assessment.registry import EvidenceRow, Indicator, Kind, Measure, register_indicator
from gongkai.calendar.selectors import deadline_for
from gongkai.core.models import Unit

from .domain.periods import DEPARTMENT_RULE, GOVERNMENT_RULE, Period, deadline_rule
from .models import AnnualReport, ReportState


def _published_reports(year: int):
    """Published annual reports on ``year − 1``, each with its due day."""
    government_due = deadline_for(GOVERNMENT_RULE, year - 1).due
    department_due = deadline_for(DEPARTMENT_RULE, year - 1).due
    return AnnualReport.objects.filter(
        year=year - 1, period=Period.ANNUAL.value, state=ReportState.PUBLISHED
    ).annotate(
        due=Case(
            When(unit__kind="government", then=Value(government_due)),
            default=Value(department_due),
            output_field=DateField(),
        )
    )


def _compute(*, year: int, unit_ids: Sequence[int]) -> dict[int, Measure]:
    writing = Unit.objects.filter(pk__in=unit_ids).values_list("pk", "kind")
    # A unit that writes a report and has published none is data: not on time (0).
    found = {pk: Measure(numerator=0, evidence=0) for pk, kind in writing if deadline_rule(kind)}
    rows = (
        _published_reports(year)
        .filter(unit_id__in=found)
        .values("unit_id")
        .annotate(n=Count("id"), on_time=Count("id", filter=Q(published_at__date__lte=F("due"))))
    )
    for r in rows:
        found[r["unit_id"]] = Measure(numerator=min(1, r["on_time"]), evidence=r["n"])
    return found


def _evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    for r in _published_reports(year).filter(unit_id=unit_id):
        day = r.published_at.date()
        yield EvidenceRow(
            label=f"{r.year}年度政府信息公开工作年度报告",
            date=day,
            counted=day <= r.due,
            note=f"期限{r.due:%Y-%m-%d}，{day:%Y-%m-%d}公布",
        )


def register() -> None:
    register_indicator(
        Indicator(
            key="reports.annual_report_on_time",
            label=_("年报按时发布"),
            kind=Kind.FLAG,
            module="reports",
            formula=_("上一年度政府信息公开工作年度报告在条例第四十九条规定的期限内公布（是1否0）"),
            compute=_compute,
            evidence=_evidence,
            advice=_(
                "部门于每年1月31日前、本级政府于3月31日前公布上一年度年度报告（条例第四十九条）。"
            ),
        )
    )
