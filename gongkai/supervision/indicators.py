"""Supervision's indicators for the annual assessment (docs/subsystems/assessment.md): the
rectification on time and the vetoes of websites and new-media accounts, per unit and year,
from ``selectors.site_results`` / ``selectors.account_results``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.assessment.registry import EvidenceRow, Indicator, Kind, Measure, register_indicator

from .domain.rectification import RectificationState, fixed_on_time
from .models import AccountFinding, CheckRun, SiteFinding
from .selectors import (
    VETO_ACCOUNT_KINDS,
    UnitYearResult,
    account_due,
    account_results,
    site_results,
)


def _by_unit(
    results: Callable[[int], list[UnitYearResult]], measure: Callable[[UnitYearResult], Measure]
):
    def compute(*, year: int, unit_ids: Sequence[int]) -> dict[int, Measure]:
        wanted = set(unit_ids)
        return {r.unit_id: measure(r) for r in results(year) if r.unit_id in wanted}

    return compute


def _site_rectification_evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    findings = SiteFinding.objects.filter(site__unit_id=unit_id, due_on__year=year).order_by(
        "due_on", "id"
    )
    for f in findings:
        on_time = fixed_on_time(RectificationState(f.state), f.due_on, f.fixed_on, f.resolved_on)
        yield EvidenceRow(
            label=f"{f.site.name}：{f.get_kind_display()} {f.url}",
            date=f.due_on,
            counted=on_time,
            note=f"整改期限{f.due_on:%Y-%m-%d}，{f.get_state_display()}",
            url=reverse("supervision:finding", args=[f.pk]),
        )


def _site_veto_evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    runs = CheckRun.objects.filter(site__unit_id=unit_id, day__year=year).exclude(veto=[])
    for run in runs.select_related("site").order_by("day"):
        yield EvidenceRow(
            label=f"{run.site.name} {run.day:%Y-%m-%d}",
            date=run.day,
            counted=True,
            note="；".join(f"{v['name']}：{v['why']}" for v in run.veto),
            url=reverse("supervision:run", args=[run.pk]),
        )


def _account_findings(year: int, unit_id: int):
    return AccountFinding.objects.filter(
        account__unit_id=unit_id, first_seen__range=(date(year - 1, 12, 1), date(year, 12, 31))
    ).select_related("account")


def _account_rectification_evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    for f in _account_findings(year, unit_id):
        due = account_due(f.first_seen)
        if due.year != year:
            continue
        yield EvidenceRow(
            label=f"{f.account}：{f.get_kind_display()}",
            date=due,
            counted=f.resolved_on is not None and f.resolved_on <= due,
            note=f"整改期限{due:%Y-%m-%d}"
            + (f"，{f.resolved_on:%Y-%m-%d}消除" if f.resolved_on else "，未消除"),
            url=reverse("supervision:account", args=[f.account_id]),
        )


def _account_veto_evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    for f in _account_findings(year, unit_id).filter(
        first_seen__year=year, kind__in=VETO_ACCOUNT_KINDS
    ):
        yield EvidenceRow(
            label=f"{f.account}：{f.get_kind_display()}",
            date=f.first_seen,
            counted=True,
            note=f.detail,
            url=reverse("supervision:account", args=[f.account_id]),
        )


def register() -> None:
    register_indicator(
        Indicator(
            key="supervision.site_rectification",
            label=_("网站检查问题按期整改率"),
            kind=Kind.RATE,
            module="supervision",
            formula=_(
                "整改期限在本年度内、按期整改完成的网站问题数 ÷ 整改期限在本年度内的网站问题数"
            ),
            compute=_by_unit(
                site_results, lambda r: Measure(numerator=r.fixed_on_time, denominator=r.due)
            ),
            evidence=_site_rectification_evidence,
            advice=_("网站检查发现的问题在整改期限内整改，并经下一次检查复核通过"),
        )
    )
    register_indicator(
        Indicator(
            key="supervision.site_veto",
            label=_("被单项否决的网站数"),
            kind=Kind.COUNT,
            module="supervision",
            formula=_("本年度检查中触发单项否决指标（国办秘函〔2019〕19号）的本单位网站数"),
            compute=_by_unit(site_results, lambda r: Measure(numerator=r.vetoed)),
            evidence=_site_veto_evidence,
            advice=_("杜绝严重表述错误、泄露个人信息、站点无法访问、首页和栏目不更新、互动回应差"),
            higher_is_better=False,
        )
    )
    register_indicator(
        Indicator(
            key="supervision.newmedia_rectification",
            label=_("政务新媒体问题按期整改率"),
            kind=Kind.RATE,
            module="supervision",
            formula=_(
                "整改期限在本年度内、期限内消除的新媒体问题数 ÷ 整改期限在本年度内的新媒体问题数"
            ),
            compute=_by_unit(
                account_results, lambda r: Measure(numerator=r.fixed_on_time, denominator=r.due)
            ),
            evidence=_account_rectification_evidence,
            advice=_("收到周预警后及时更新内容、开通互动功能或整合重复账号"),
        )
    )
    register_indicator(
        Indicator(
            key="supervision.newmedia_veto",
            label=_("不更新或无互动功能的政务新媒体账号数"),
            kind=Kind.COUNT,
            module="supervision",
            formula=_("本年度检查发现监测时间点前2周内无更新或未提供互动功能的本单位账号数"),
            compute=_by_unit(account_results, lambda r: Measure(numerator=r.vetoed)),
            evidence=_account_veto_evidence,
            advice=_("政务新媒体至少每2周更新一次，并提供留言、评论等互动功能"),
            higher_is_better=False,
        )
    )
