"""The standard columns of each unit's 政府信息公开 section.

Later modules fill a column by registering a provider: a function that takes the unit and
returns the context its template needs, or None while the unit has nothing published there.
A module whose content has a column of its own (政务舆情回应) adds it with `register_column`
from its ``AppConfig.ready``; it is then listed in every unit section after the standard five.
The column pages themselves never need to change when a module is added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit


@dataclass(frozen=True)
class Column:
    slug: str
    name: str  # shown to visitors, translated
    column_type: str  # the government-site ColumnType meta value, always Chinese
    description: str


COLUMNS: list[Column] = [
    Column(
        "guide",
        _("政府信息公开指南"),
        "指南",
        _("公开的方式、途径、申请流程和工作机构的联系方式。"),
    ),
    Column(
        "rules",
        _("政府信息公开制度"),
        "制度",
        _("本单位政府信息公开工作的规章制度。"),
    ),
    Column(
        "statutory",
        _("法定主动公开内容"),
        "主动公开",
        _("依照《政府信息公开条例》第二十条等规定主动公开的政府信息。"),
    ),
    Column(
        "annual-reports",
        _("政府信息公开年报"),
        "年报",
        _("本单位历年政府信息公开工作年度报告。"),
    ),
    Column(
        "on-request",
        _("依申请公开"),
        "依申请公开",
        _("向本单位申请获取政府信息的方式和办理流程。"),
    ),
]
COLUMNS_BY_SLUG = {c.slug: c for c in COLUMNS}


def register_column(column: Column) -> None:
    """Add a module's own column to every unit section (in place: the portal holds the list)."""
    if COLUMNS_BY_SLUG.get(column.slug, column) != column:
        raise KeyError(f"column {column.slug!r} is already registered")
    if column.slug not in COLUMNS_BY_SLUG:
        COLUMNS.append(column)
        COLUMNS_BY_SLUG[column.slug] = column


ColumnProvider = Callable[[Unit], dict[str, Any] | None]
_providers: dict[str, list[ColumnProvider]] = {}


def register_column_provider(slug: str, provider: ColumnProvider) -> None:
    if slug not in COLUMNS_BY_SLUG:
        raise KeyError(f"unknown column {slug!r}")
    _providers.setdefault(slug, []).append(provider)


def column_content(slug: str, unit: Unit) -> list[dict[str, Any]]:
    """What the registered modules publish in this column for this unit (empty if nothing)."""
    return [content for p in _providers.get(slug, []) if (content := p(unit))]
