"""The unit sections of the portal: the 政务舆情回应 column (平政办发〔2023〕51号（七）), and under
法定主动公开内容 the unit's consultations, 重大行政决策事项目录 and open meetings, each linking to
its own pages (``/hdjl/yjzj/``, ``/jcgk/``)."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Cast, Concat, TruncDate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.portal.columns import Column, register_column, register_column_provider
from gongkai.portal.navigation import register_nav_link, register_section_link
from gongkai.portal.selectors import live_platform

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
SHOWN_IN_COLUMN = 15


def responses_column(unit: Unit) -> dict[str, Any] | None:
    responses = list(public_responses(unit))
    if not responses:
        return None
    return {"template": "participation/public/_responses_column.html", "responses": responses}


def _rows(queryset: QuerySet, kind: str, title, day) -> QuerySet:
    # Every column an annotation, so that the parts of the union line up.
    return (
        queryset.order_by()
        .annotate(
            row_kind=Value(kind, output_field=CharField()),
            row_id=F("pk"),
            row_title=title,
            row_day=day,
        )
        .values_list("row_kind", "row_id", "row_title", "row_day")
    )


URL_NAMES = {
    "consultation": "participation:consultation",
    "catalog": "participation:decision_catalog",
    "meeting": "participation:meeting",
    "open_day": "participation:open_day",
}
KIND_LABELS = {
    "consultation": _("意见征集"),
    "catalog": _("重大行政决策事项目录"),
    "meeting": _("会议开放"),
    "open_day": _("政府开放日"),
}


def participation_in_statutory(unit: Unit) -> dict[str, Any] | None:
    """The unit's newest consultations, decision catalogs, meetings and open days, in one
    query (the column's pages keep a bounded number of queries)."""
    catalog_title = Concat(
        F("unit__name"), Cast("year", CharField()), Value("年度重大行政决策事项目录")
    )
    rows = list(
        _rows(public_consultations(unit), "consultation", F("title"), F("starts_on"))
        .union(
            _rows(
                public_decision_catalogs(unit), "catalog", catalog_title, TruncDate("published_at")
            ),
            _rows(public_meetings(unit), "meeting", F("title"), TruncDate("starts_at")),
            _rows(public_open_days(unit), "open_day", F("title"), TruncDate("starts_at")),
            all=True,
        )
        .order_by("-row_day", "row_kind", "-row_id")[:SHOWN_IN_COLUMN]
    )
    if not rows:
        return None
    return {
        "template": "participation/public/_statutory_column.html",
        "rows": [
            {
                "kind": KIND_LABELS[kind],
                "title": title,
                "day": day,
                # A meeting's or open day's date is when it is held, often after today: said
                # so, it is not read as the day it was published.
                "is_event": kind in ("meeting", "open_day"),
                "url": reverse(URL_NAMES[kind], args=[pk]),
            }
            for kind, pk, title, day in rows
        ],
    }


def register() -> None:
    register_column(OPINION_COLUMN)
    register_column_provider(OPINION_COLUMN.slug, responses_column)
    register_column_provider("statutory", participation_in_statutory)
    # 意见征集 joins the messages' 互动交流 section; 决策公开 is a section of its own.
    register_section_link("hdjl", _("意见征集"), "participation:consultations", order=50)
    register_nav_link(_("决策公开"), "participation:decision_catalogs", order=30)
    register_section_link("jcgk", _("重大行政决策事项目录"), "participation:decision_catalogs")
    register_section_link("jcgk", _("会议开放"), "participation:meetings", order=110)
    register_section_link("jcgk", _("政府开放日"), "participation:open_days", order=120)


def unit_column_url(unit: Unit, slug: str) -> str:
    """The address of a column of the unit's section on the portal ("" without a platform)."""
    platform = live_platform()
    return platform.unit_url(unit, slug) if platform else ""
