"""The unit sections of the portal: the 政务舆情回应 column (平政办发〔2023〕51号（七）), and under
法定主动公开内容 the unit's consultations, 重大行政决策事项目录 and open meetings, each linking to
its own pages (``/hdjl/yjzj/``, ``/jcgk/``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.portal.columns import Column, register_column, register_column_provider

from .selectors import (
    public_consultations,
    public_decision_catalogs,
    public_meetings,
    public_open_days,
    public_responses,
)

OPINION_COLUMN = Column(
    "opinion-responses",
    _("政务舆情回应"),
    "政务舆情回应",
    _("本单位对社会关注的政务舆情的公开回应。"),
)
SHOWN_IN_COLUMN = 10


def responses_column(unit: Unit) -> dict[str, Any] | None:
    responses = list(public_responses(unit))
    if not responses:
        return None
    return {"template": "participation/public/_responses_column.html", "responses": responses}


def participation_in_statutory(unit: Unit) -> dict[str, Any] | None:
    consultations = list(public_consultations(unit)[:SHOWN_IN_COLUMN])
    catalogs = list(public_decision_catalogs(unit))
    meetings = list(public_meetings(unit)[:SHOWN_IN_COLUMN])
    open_days = list(public_open_days(unit)[:SHOWN_IN_COLUMN])
    if not (consultations or catalogs or meetings or open_days):
        return None
    return {
        "template": "participation/public/_statutory_column.html",
        "consultations": consultations,
        "catalogs": catalogs,
        "meetings": meetings,
        "open_days": open_days,
    }


def register() -> None:
    register_column(OPINION_COLUMN)
    register_column_provider(OPINION_COLUMN.slug, responses_column)
    register_column_provider("statutory", participation_in_statutory)


def unit_column_url(unit: Unit, slug: str) -> str:
    """The address of a column of the unit's section on the portal ("" without a platform)."""
    from gongkai.portal.models import DisclosurePlatformPage

    platform = DisclosurePlatformPage.objects.live().first()
    return platform.unit_url(unit, slug) if platform else ""
