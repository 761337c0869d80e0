"""The 依申请公开 column of each unit's section on the portal: how to apply, the way to the
online form and to the tracking page, and the procedure with this deployment's day counts."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from gongkai.calendar.conf import day_count_overrides
from gongkai.calendar.domain.rules import resolve_day_counts
from gongkai.core.models import Unit
from gongkai.portal.columns import register_column_provider

from .domain.fees import COUNT_FREE_UP_TO
from .domain.intake import accepts_requests
from .letters import LAWSUIT_PERIOD_MONTHS, REVIEW_PERIOD_DAYS


def procedure_facts() -> dict[str, int]:
    """The numbers the public pages quote, from the deadline rules (and their settings), the
    fee measure and the appeal laws, so a page never states a period the platform does not
    apply."""
    days = resolve_day_counts(day_count_overrides())
    return {
        "reply_days": days["foi-reply"],
        "extension_days": days["foi-reply-extension"],
        "correction_notice_days": days["correction-notice"],
        "fee_free_count": COUNT_FREE_UP_TO,
        "review_days": REVIEW_PERIOD_DAYS,
        "lawsuit_months": LAWSUIT_PERIOD_MONTHS,
    }


def on_request_column(unit: Unit) -> dict[str, Any] | None:
    if not accepts_requests(unit.kind):
        return None  # the column says plainly that it has nothing
    return {
        "template": "requests/public/_on_request_column.html",
        "unit": unit,
        "apply_url": reverse("requests_public:apply", args=[unit.code]),
        "track_url": reverse("requests_public:track"),
        **procedure_facts(),
    }


def register() -> None:
    """Called once by ``RequestsConfig.ready``."""
    register_column_provider("on-request", on_request_column)
