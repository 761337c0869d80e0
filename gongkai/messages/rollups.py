"""Messages' figure for the city's roll-up across counties (gongkai/core/rollups.py): overdue
messages and those unanswered three months or more, per region, in one query."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.rollups import Cell, Region, Rollup, region_of, register_rollup

from .domain.states import OPEN
from .models import Message
from .selectors import open_over_three_months_q, with_current_due


def _compute(*, regions: Sequence[Region], year: int, today: date) -> dict[int, Cell]:
    overdue = Q(state__in=list(OPEN), current_due__lt=today)
    three_months = open_over_three_months_q(today)
    rows = (
        with_current_due(Message.objects.all())
        .annotate(region=region_of("unit__path", regions))
        .filter(region__isnull=False)
        .filter(overdue | three_months)
        .values("region")
        .annotate(overdue=Count("pk", filter=overdue), three=Count("pk", filter=three_months))
    )
    found = {r["region"]: (r["overdue"], r["three"]) for r in rows}
    base = reverse("interaction_admin:index")
    cells = {}
    for region in regions:
        late, three = found.get(region.unit_id, (0, 0))
        cells[region.unit_id] = Cell(
            text=_("超期 %(late)s 件，三个月未答复 %(three)s 件") % {"late": late, "three": three},
            value=late,
            url=f"{base}?{urlencode({'unit': region.unit_id, 'queue': 'overdue'})}",
            alert=bool(late or three),
        )
    return cells


def register() -> None:
    register_rollup(
        Rollup(
            key="messages.overdue",
            label=gettext_lazy("留言超期"),
            module="messages",
            order=40,
            compute=_compute,
            note=gettext_lazy(
                "今日在办且已过答复期限的留言；有效留言三个月以上仍未答复的另计（国办秘函〔2019〕19号）。"
            ),
        )
    )
