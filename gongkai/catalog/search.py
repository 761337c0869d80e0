"""Catalog items and the content published under them, as search kinds (registered from
``CatalogConfig.ready``). What is public is read from ``selectors.public_items`` and
``selectors.searchable_entries``; a document filed under an item is found as the document."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from gongkai.search.registry import SearchKind, register_kind

from . import portal
from .models import CatalogEntry, CatalogItem
from .selectors import public_items, searchable_entries


def _item_body(item: CatalogItem) -> str:
    rule = item.rule
    return "\n".join(
        filter(
            None,
            [
                item.section,
                item.content,
                item.basis,
                item.time_limit,
                rule.label if rule else "",
                item.body_display,
                item.remarks,
            ],
        )
    )


def _item_date(item: CatalogItem) -> date | None:
    return item.adopted_on


ITEMS = SearchKind(
    name="catalog",
    label=_("公开事项"),
    model=CatalogItem,
    public=public_items,
    title=lambda item: f"{item.unit.display_name}·{item.section}·{item.full_name}",
    body=_item_body,
    url=lambda item: portal.item_url(item),
    units=lambda item: [item.unit],
    date=_item_date,
    dependents=lambda item: item.entries.all(),
)

ENTRIES = SearchKind(
    name="catalogentry",
    label=_("目录公开信息"),
    model=CatalogEntry,
    public=searchable_entries,
    title=lambda entry: entry.title,
    body=lambda entry: "\n".join(filter(None, [entry.text, entry.item.full_name, entry.url])),
    url=lambda entry: portal.item_url(entry.item) + f"#entry-{entry.pk}",
    units=lambda entry: [entry.item.unit],
    date=lambda entry: entry.published_on,
)


def register() -> None:
    register_kind(ITEMS)
    register_kind(ENTRIES)
