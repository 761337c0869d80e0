"""Requests' figure for the city's roll-up across counties (gongkai/core/rollups.py): requests
past their reply deadline today, per region, in one query."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.rollups import Cell, Region, Rollup, region_of, register_rollup

from .models import DisclosureRequest
from .selectors import queues


def _compute(*, regions: Sequence[Region], year: int, today: date) -> dict[int, Cell]:
    rows = (
        queues(DisclosureRequest.objects.all(), today)
        .overdue.order_by()
        .annotate(region=region_of("unit__path", regions))
        .filter(region__isnull=False)
        .values("region")
        .annotate(n=Count("pk"))
    )
    found = {r["region"]: r["n"] for r in rows}
    base = reverse("requests_admin:index")
    return {
        region.unit_id: Cell(
            text=_("%(n)s 件") % {"n": found.get(region.unit_id, 0)},
            value=found.get(region.unit_id, 0),
            url=f"{base}?{urlencode({'unit': region.unit_id, 'queue': 'overdue'})}",
            alert=bool(found.get(region.unit_id)),
        )
        for region in regions
    }


def register() -> None:
    register_rollup(
        Rollup(
            key="requests.overdue",
            label=gettext_lazy("依申请超期"),
            module="requests",
            order=30,
            compute=_compute,
            note=gettext_lazy(
                "今日在办且已过答复期限的政府信息公开申请（暂停计时、待补正的不计）。"
            ),
        )
    )
