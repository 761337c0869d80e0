"""Annual reports' figure for the city's roll-up across counties (gongkai/core/rollups.py):
how many of the region's units have published their report for the year, with a link to the
region's own report, the one that sums its units (``covers_subtree``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.models import Unit
from gongkai.core.rollups import Cell, Region, Rollup, region_of, register_rollup

from .domain.periods import Period
from .models import AnnualReport, ReportState
from .selectors import reporting_units


def _compute(*, regions: Sequence[Region], year: int, today: date) -> dict[int, Cell]:
    published = Q(
        annual_reports__year=year,
        annual_reports__period=Period.ANNUAL.value,
        annual_reports__state=ReportState.PUBLISHED,
    )
    rows = (
        reporting_units(Unit.objects.all())
        .order_by()
        .annotate(region=region_of("path", regions))
        .filter(region__isnull=False)
        .values("region")
        .annotate(
            units=Count("pk", distinct=True), done=Count("pk", filter=published, distinct=True)
        )
    )
    found = {r["region"]: (r["done"], r["units"]) for r in rows}
    sums = dict(
        AnnualReport.objects.filter(
            unit_id__in=[r.unit_id for r in regions],
            year=year,
            period=Period.ANNUAL.value,
            covers_subtree=True,
        ).values_list("unit_id", "pk")
    )
    overview = f"{reverse('annual_reports:overview')}?{urlencode({'year': year})}"
    cells = {}
    for region in regions:
        done, units = found.get(region.unit_id, (0, 0))
        report = sums.get(region.unit_id)
        cells[region.unit_id] = Cell(
            text=_("已公布 %(done)s / %(units)s 个单位") % {"done": done, "units": units},
            value=done,
            # The region's sum when it has one; else which of its units have reported.
            url=reverse("annual_reports:report", args=[report]) if report else overview,
            alert=done < units,
        )
    return cells


def register() -> None:
    register_rollup(
        Rollup(
            key="reports.annual",
            label=gettext_lazy("年度报告"),
            module="reports",
            order=10,
            compute=_compute,
            note=gettext_lazy(
                "所选年度已公布年度报告的单位数 / 应报送年度报告的单位数（村、居不单独报送）；"
                "链接到本级政府的汇总年报，尚未建立的链接到报送情况。"
            ),
        )
    )
