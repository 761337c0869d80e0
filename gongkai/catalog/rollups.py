"""The catalog's figure for the city's roll-up across counties (gongkai/core/rollups.py):
目录缺漏数 today, per region.

Whether an item is overdue depends on its time rule, which ``domain.gaps`` decides in Python;
so the gap check runs once over the items of every region (its two queries, never one per
region) and only its result is grouped here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.models import Unit
from gongkai.core.rollups import Cell, Region, Rollup, region_for_path, register_rollup

from .selectors import gaps


def _compute(*, regions: Sequence[Region], year: int, today: date) -> dict[int, Cell]:
    within = Q(pk__in=[])
    for region in regions:
        within |= Q(path__startswith=region.path)
    counts = Counter(
        region_for_path(row.unit.path, regions) for row in gaps(Unit.objects.filter(within), today)
    )
    base = reverse("catalog_admin:gaps")
    return {
        region.unit_id: Cell(
            text=_("%(n)s 项") % {"n": counts.get(region.unit_id, 0)},
            value=counts.get(region.unit_id, 0),
            url=f"{base}?{urlencode({'unit': region.unit_id})}",
            alert=bool(counts.get(region.unit_id)),
        )
        for region in regions
    }


def register() -> None:
    register_rollup(
        Rollup(
            key="catalog.gaps",
            label=gettext_lazy("目录缺漏"),
            module="catalog",
            order=20,
            compute=_compute,
            note=gettext_lazy("按标准目录更新时限检查，今日应公开而未按时公开的目录事项数。"),
        )
    )
