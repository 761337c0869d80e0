"""The documents register's indicators for the annual assessment
(docs/subsystems/assessment.md): 主动公开及时率 and 政策解读同步率."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Count, F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.assessment.measures import admin_url, due_expression, year_bounds
from gongkai.assessment.registry import EvidenceRow, Indicator, Kind, Measure, register_indicator

from .domain.attributes import Disclosure
from .models import DocumentKind, OfficialDocument


def _proactive_written_in(year: int) -> tuple:
    first, last = year_bounds(year)
    documents = OfficialDocument.objects.filter(
        disclosure=Disclosure.PROACTIVE, written_on__range=(first, last)
    )
    starts = documents.values_list("written_on", flat=True).distinct()
    # Counted: published, or still unpublished after its due day (late by now).
    due = due_expression("publish", "written_on", starts)
    return (
        documents.annotate(due=due).filter(
            Q(published_on__isnull=False) | Q(due__lt=timezone.localdate())
        ),
        Q(published_on__lte=F("due")),
    )


def _timely_compute(*, year: int, unit_ids: Sequence[int]) -> dict[int, Measure]:
    documents, on_time = _proactive_written_in(year)
    rows = (
        documents.filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(total=Count("id"), good=Count("id", filter=on_time))
    )
    return {r["unit_id"]: Measure(numerator=r["good"], denominator=r["total"]) for r in rows}


def _timely_evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    documents, _on_time = _proactive_written_in(year)
    for d in documents.filter(unit_id=unit_id).order_by("written_on", "id"):
        counted = d.published_on is not None and d.published_on <= d.due
        if d.published_on is None:
            note = f"成文{d.written_on:%Y-%m-%d}，应于{d.due:%Y-%m-%d}前公开，至今未公开"
        else:
            note = (
                f"成文{d.written_on:%Y-%m-%d}，期限{d.due:%Y-%m-%d}，{d.published_on:%Y-%m-%d}公开"
            )
        yield EvidenceRow(
            label=d.title, date=d.written_on, counted=counted, note=note, url=admin_url(d)
        )


def _policies_published_in(year: int):
    first, last = year_bounds(year)
    policies = OfficialDocument.objects.filter(
        Q(kind__in=(DocumentKind.RULE, DocumentKind.NORMATIVE)) | Q(is_policy_document=True),
        disclosure=Disclosure.PROACTIVE,
        published_on__range=(first, last),
    )
    starts = policies.values_list("published_on", flat=True).distinct()
    return policies.annotate(
        due=due_expression("interpretation", "published_on", starts),
        interpreted=Min(
            "interpretations__published_on", filter=Q(interpretations__published_on__isnull=False)
        ),
    )


def _sync_compute(*, year: int, unit_ids: Sequence[int]) -> dict[int, Measure]:
    in_time = Q(interpretations__published_on__lte=F("due"))
    rows = (
        _policies_published_in(year)
        .filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(total=Count("id", distinct=True), good=Count("id", distinct=True, filter=in_time))
    )
    return {r["unit_id"]: Measure(numerator=r["good"], denominator=r["total"]) for r in rows}


def _sync_evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    for d in _policies_published_in(year).filter(unit_id=unit_id).order_by("published_on", "id"):
        counted = d.interpreted is not None and d.interpreted <= d.due
        if d.interpreted is None:
            note = f"{d.published_on:%Y-%m-%d}公开，应于{d.due:%Y-%m-%d}前发布解读，尚无解读"
        else:
            note = f"{d.published_on:%Y-%m-%d}公开，期限{d.due:%Y-%m-%d}，解读{d.interpreted:%Y-%m-%d}发布"
        yield EvidenceRow(
            label=d.title, date=d.published_on, counted=counted, note=note, url=admin_url(d)
        )


def register() -> None:
    register_indicator(
        Indicator(
            key="documents.timely_publication",
            label=_("主动公开及时率"),
            kind=Kind.RATE,
            module="documents",
            formula=_(
                "本年成文的主动公开文件中，自成文之日起20个工作日内公开的件数 ÷ 已公开或已过期限的件数"
            ),
            compute=_timely_compute,
            evidence=_timely_evidence,
            advice=_(
                "属于主动公开范围的政府信息，应当自形成之日起20个工作日内及时公开（条例第二十六条）。"
            ),
        )
    )
    register_indicator(
        Indicator(
            key="documents.interpretation_sync",
            label=_("政策解读同步率"),
            kind=Kind.RATE,
            module="documents",
            formula=_("本年公开的政策文件中，公开后3个工作日内发布解读的件数 ÷ 政策文件数"),
            compute=_sync_compute,
            evidence=_sync_evidence,
            advice=_(
                "政策文件与解读材料同步组织、同步审签、同步部署，文件公开后3个工作日内发布解读。"
            ),
        )
    )
