"""The catalog on the public portal: the 法定主动公开内容 column organised by the catalog, the
unit's whole catalog, an item with its elements and published content, the 村(居)务公开 column
of a township, the powers list and the functions directory.

The routes are on ``portal.models.DisclosurePlatformPage`` (``<unit code>/catalog/``,
``<unit code>/catalog/<id>/``, ``<unit code>/village-affairs/``, ``<unit code>/powers/``,
``<unit code>/functions/``); these functions build their context and raise ``Http404`` for
anything the public may not see. Every read starts from ``selectors.public_items`` /
``public_entries``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from gongkai.core.models import Unit, UnitKind
from gongkai.portal.columns import register_column_provider

from . import selectors
from .domain.powers import KIND_LABELS, compare_versions
from .models import CatalogItem, InternalDivision, UnitProfile

ENTRIES_IN_COLUMN = 3


def _platform():
    # The portal's models import this module for their routes; imported when a URL is needed.
    from gongkai.portal.models import DisclosurePlatformPage

    return DisclosurePlatformPage.objects.live().first()


def item_url(item: CatalogItem) -> str:
    platform = _platform()
    if platform is None:
        return ""
    return platform.url + platform.reverse_subpage("catalog_item", args=[item.unit.code, item.pk])


def _with_dates(sections: list[selectors.Section]) -> None:
    """Each item gets ``last_published`` (None if nothing yet) for the lists."""
    items = [item for section in sections for item in section.items]
    last = selectors.last_published([item.pk for item in items])
    for item in items:
        item.last_published = last.get(item.pk)


def _has_directory(unit: Unit) -> bool:
    if unit.kind not in (UnitKind.GOVERNMENT, UnitKind.TOWNSHIP):
        return False
    members = Unit.objects.filter(pk=unit.pk) | unit.children.filter(is_active=True).exclude(
        kind__in=[UnitKind.TOWNSHIP, UnitKind.VILLAGE]
    )
    return (
        members.exclude(functions="").exists()
        or UnitProfile.objects.filter(unit__in=members).exists()
        or InternalDivision.objects.filter(unit__in=members).exists()
    )


def _has_village_affairs(unit: Unit) -> bool:
    return (
        unit.kind == UnitKind.TOWNSHIP
        and selectors.public_items().filter(unit__parent=unit, unit__kind=UnitKind.VILLAGE).exists()
    )


def statutory_column(unit: Unit) -> dict[str, Any] | None:
    """The 法定主动公开内容 column, organised by the catalog: the unit's areas with their items
    and when each last published, plus the ways to the village affairs, powers list and
    functions directory where they exist."""
    sections = selectors.catalog_tree(selectors.public_items(unit))
    _with_dates(sections)
    has_powers = selectors.powers_versions(unit).exists()
    has_villages = _has_village_affairs(unit)
    has_directory = _has_directory(unit)
    if not (sections or has_powers or has_villages or has_directory):
        return None
    return {
        "template": "catalog/portal/_statutory_column.html",
        "sections": sections,
        "has_powers": has_powers,
        "has_villages": has_villages,
        "has_directory": has_directory,
    }


register_column_provider("statutory", statutory_column)


def table_rows(section: selectors.Section) -> list[tuple[int, CatalogItem, CatalogItem, Any]]:
    """(序号, item, 一级事项, 二级事项 or None) as the published tables number their rows; a
    heading is a row of its own only if it has elements or no 二级事项."""
    rows: list[tuple[CatalogItem, CatalogItem, Any]] = []
    for node in section.nodes:
        if not node.item.is_group or not node.children:
            rows.append((node.item, node.item, None))
        rows += [(child.item, node.item, child.item) for child in node.children]
    return [(number, *row) for number, row in enumerate(rows, start=1)]


def catalog_context(unit: Unit) -> dict[str, Any]:
    sections = selectors.catalog_tree(selectors.public_items(unit))
    return {
        "tables": [(section, table_rows(section)) for section in sections],
        "article_title": f"{unit.name}政务公开事项标准目录",
    }


def item_context(unit: Unit, pk: int) -> dict[str, Any]:
    item = selectors.public_items(unit).filter(pk=pk).select_related("township_item__unit").first()
    if item is None:
        raise Http404("没有这个公开事项。")
    children = list(selectors.public_items(unit).filter(parent=item).order_by("position", "pk"))
    last = selectors.last_published([c.pk for c in children])
    for child in children:
        child.last_published = last.get(child.pk)
    township_item = None
    if item.township_item_id and selectors.public_items().filter(pk=item.township_item_id).exists():
        township_item = item.township_item
    village_items = list(
        selectors.public_items()
        .filter(township_item=item, unit__kind=UnitKind.VILLAGE)
        .order_by("unit__sort_order", "unit__code")
    )
    return {
        "item": item,
        "entries": selectors.sort_entries(selectors.public_entries(item)),
        "children": children,
        "township_item": township_item,
        "village_items": village_items,
        "article_title": item.full_name,
    }


def village_affairs_context(unit: Unit) -> dict[str, Any]:
    if unit.kind != UnitKind.TOWNSHIP:
        raise Http404("村（居）务公开栏目只设在乡镇（街道）。")
    villages = selectors.village_catalogs(unit)
    for _village, sections in villages:
        _with_dates(sections)
    return {"villages": villages, "article_title": f"{unit.name}村（居）务公开"}


def powers_context(request: HttpRequest, unit: Unit) -> dict[str, Any]:
    versions = list(selectors.powers_versions(unit))
    version = versions[0] if versions else None
    if text := request.GET.get("version", ""):
        chosen = [v for v in versions if str(v.number) == text]
        if not chosen:
            raise Http404("没有这个版本的权责清单。")
        version = chosen[0]
    powers = selectors.version_powers(version)
    groups: dict[str, list] = {label: [] for label in KIND_LABELS.values()}
    for power in powers:
        groups[KIND_LABELS[power.to_data().kind]].append(power)
    changes = None
    if version is not None:
        older = [v for v in versions if v.number < version.number]
        if older:
            previous = selectors.version_powers(older[0])
            changes = compare_versions(
                [p.to_data() for p in previous], [p.to_data() for p in powers]
            )
    return {
        "versions": versions,
        "version": version,
        "is_current": bool(versions) and version == versions[0],
        "groups": [(label, group) for label, group in groups.items() if group],
        "total": len(powers),
        "changes": changes,
        "article_title": f"{unit.name}权责清单",
    }


def functions_context(unit: Unit) -> dict[str, Any]:
    level = selectors.government_level(unit)
    return {
        "directory": selectors.functions_directory(level),
        "article_title": f"{level.name}机构职能目录",
    }


def sitemap_paths(platform) -> list[str]:
    """The catalog's public pages, for the platform's sitemap."""
    paths = []
    for unit_code, pk in selectors.public_items().values_list("unit__code", "pk"):
        paths.append(platform.reverse_subpage("catalog_item", args=[unit_code, pk]))
    for unit_code in (
        selectors.public_items().values_list("unit__code", flat=True).distinct().order_by()
    ):
        paths.append(platform.reverse_subpage("catalog", args=[unit_code]))
    return paths
