"""The ledger in the units' 政府信息公开 sections: the 落实情况 of the work plans a unit (or a unit
below it) chose to publish, listed in its 法定主动公开内容 column."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from gongkai.core.models import Unit
from gongkai.portal.columns import register_column_provider

from .selectors import public_plans_within

SHOWN_IN_COLUMN = 5


def ledger_in_statutory(unit: Unit) -> dict[str, Any] | None:
    plans = list(public_plans_within(unit)[:SHOWN_IN_COLUMN])
    if not plans:
        return None
    return {
        "template": "ledger/portal/_statutory_column.html",
        "plans": [
            {
                "title": f"{plan.title}落实情况",
                "unit": plan.unit.name,
                "url": reverse("ledger:plan", args=[plan.pk]),
            }
            for plan in plans
        ],
    }


def register() -> None:
    register_column_provider("statutory", ledger_in_statutory)
