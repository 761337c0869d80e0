"""Site checks' figure for the city's roll-up across counties (gongkai/core/rollups.py): the
latest check of each of the region's websites and their findings not yet fixed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.rollups import Cell, Region, Rollup, region_of, register_rollup

from .domain.rectification import RectificationState
from .models import CheckRun, RunStatus, Site, SiteFinding


def _compute(*, regions: Sequence[Region], year: int, today: date) -> dict[int, Cell]:
    latest = (
        CheckRun.objects.filter(site=OuterRef("pk"))
        .exclude(status=RunStatus.RUNNING)
        .order_by("-day", "-id")
    )
    sites = (
        Site.objects.annotate(region=region_of("unit__path", regions))
        .filter(region__isnull=False)
        .annotate(
            passed=Subquery(latest.values("passed")[:1]), veto=Subquery(latest.values("veto")[:1])
        )
        .values_list("region", "passed", "veto")
    )
    checked, failed = Counter(), Counter()
    for region, passed, veto in sites:
        if passed is None and not veto:
            continue  # never checked to the end yet
        checked[region] += 1
        if veto or not passed:
            failed[region] += 1
    open_findings = dict(
        SiteFinding.objects.exclude(state=RectificationState.CONFIRMED)
        .annotate(region=region_of("site__unit__path", regions))
        .filter(region__isnull=False)
        .values("region")
        .annotate(n=Count("pk"))
        .values_list("region", "n")
    )
    url = reverse("supervision:rectification")
    cells = {}
    for region in regions:
        rid = region.unit_id
        if not checked[rid] and not open_findings.get(rid):
            continue
        cells[rid] = Cell(
            text=_("最近检查合格 %(ok)s / %(all)s 个网站，未整改问题 %(open)s 个")
            % {
                "ok": checked[rid] - failed[rid],
                "all": checked[rid],
                "open": open_findings.get(rid, 0),
            },
            value=open_findings.get(rid, 0),
            url=url,
            alert=bool(failed[rid] or open_findings.get(rid)),
        )
    return cells


def register() -> None:
    register_rollup(
        Rollup(
            key="supervision.sites",
            label=gettext_lazy("网站检查"),
            module="supervision",
            order=50,
            compute=_compute,
            note=gettext_lazy(
                "各网站最近一次完成的检查是否合格（单项否决或低于60分为不合格），"
                "以及尚未复核通过的网站问题数；问题整改列表按您的权限显示全部单位。"
            ),
        )
    )
