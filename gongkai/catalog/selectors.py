"""Reads of the catalog: what the public may see, a unit's catalog as a tree, differences from
the reference, the gap check and its trend, powers-list versions and the functions directory.

``public_items`` and ``public_entries`` are the one rule for what the portal and search show:
items in a unit's catalog that are not dropped, and content filed under them that is not
withdrawn and, for a document, is public by ``documents.selectors.public_documents``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max, Q, QuerySet

from gongkai.calendar.selectors import current_calendar
from gongkai.core.models import Unit, UnitKind
from gongkai.documents.selectors import public_documents

from .domain.elements import Level, Method
from .domain.gaps import Gap, GapSubject, Publication, find_gap, gap_trend
from .domain.rules import TimeRule
from .models import (
    Area,
    CatalogEntry,
    CatalogItem,
    InternalDivision,
    Power,
    PowersListVersion,
    UnitProfile,
)

TREND_MONTHS = 12

# --- What the public sees ---------------------------------------------------------------------


def public_items(unit: Unit | None = None) -> QuerySet[CatalogItem]:
    items = CatalogItem.objects.in_catalog().filter(unit__is_active=True)
    if unit is not None:
        items = items.filter(unit=unit)
    return items.select_related("unit", "area", "parent", "body_unit")


def public_entries(item: CatalogItem | None = None) -> QuerySet[CatalogEntry]:
    entries = CatalogEntry.objects.filter(
        withdrawn_on__isnull=True, item__in=public_items().values("pk")
    ).filter(Q(document__isnull=True) | Q(document__in=public_documents().values("pk")))
    if item is not None:
        entries = entries.filter(item=item)
    return entries.select_related("document", "item__unit")


def searchable_entries() -> QuerySet[CatalogEntry]:
    """Links and texts; a filed document is found as the document itself."""
    return public_entries().filter(document__isnull=True)


def sort_entries(entries: Iterable[CatalogEntry]) -> list[CatalogEntry]:
    """Newest first by the date the public saw them."""
    return sorted(
        entries,
        key=lambda e: (e.display_published_on or date.min, e.pk),
        reverse=True,
    )


# --- A unit's catalog ----------------------------------------------------------------------


def level_of(unit: Unit) -> Level:
    """The 公开层级 a unit publishes at: villages 村级, townships 乡级, the rest 县级."""
    if unit.kind == UnitKind.VILLAGE:
        return Level.VILLAGE
    if unit.kind == UnitKind.TOWNSHIP:
        return Level.TOWNSHIP
    return Level.COUNTY


@dataclass
class Node:
    item: CatalogItem
    children: list[Node] = field(default_factory=list)


@dataclass
class Section:
    """One area (or village topic) of a catalog, its items as a two-level tree."""

    label: str
    area: Area | None
    village_topic: str
    nodes: list[Node] = field(default_factory=list)

    @property
    def items(self) -> list[CatalogItem]:
        return [n.item for node in self.nodes for n in (node, *node.children)]


def catalog_tree(items: Iterable[CatalogItem]) -> list[Section]:
    """Items grouped by area (in area order) then village topic, 一级事项 with their 二级事项."""
    items = sorted(
        items,
        key=lambda i: (
            i.area.number if i.area_id else 10_000,
            i.village_topic,
            i.position,
            i.pk,
        ),
    )
    sections: dict[tuple, Section] = {}
    nodes: dict[int, Node] = {}
    for item in items:
        key = (item.area_id, item.village_topic)
        if key not in sections:
            sections[key] = Section(item.section, item.area, item.village_topic)
        nodes[item.pk] = Node(item)
    for item in items:
        node = nodes[item.pk]
        if item.parent_id and item.parent_id in nodes:
            nodes[item.parent_id].children.append(node)
        else:
            sections[(item.area_id, item.village_topic)].nodes.append(node)
    return list(sections.values())


def unit_items(unit: Unit, *, reference: bool = False) -> QuerySet[CatalogItem]:
    """Every item of a unit's catalog (or of the reference catalog it maintains), dropped too."""
    return CatalogItem.objects.filter(unit=unit, is_reference=reference).select_related(
        "area", "parent", "body_unit", "reference", "township_item"
    )


def reference_sources(area: Area | None = None) -> QuerySet[Unit]:
    """The units that maintain a reference catalog (of the area, if given)."""
    items = CatalogItem.objects.filter(is_reference=True, dropped_on__isnull=True)
    if area is not None:
        items = items.filter(area=area)
    return Unit.objects.filter(pk__in=items.values("unit_id")).order_by("path")


def adopted_areas(unit: Unit) -> QuerySet[Area]:
    return Area.objects.filter(
        pk__in=CatalogItem.objects.filter(unit=unit, is_reference=False).values("area_id")
    )


def township_items_for(village: Unit) -> QuerySet[CatalogItem]:
    """The township items a village item may correspond to: its township's catalog."""
    if village.parent_id is None:
        return CatalogItem.objects.none()
    return public_items(village.parent).order_by("area__number", "position")


def village_catalogs(township: Unit) -> list[tuple[Unit, list[Section]]]:
    """村(居)务公开 under a township: each active village below it that has items."""
    villages = township.children.filter(is_active=True, kind=UnitKind.VILLAGE).order_by(
        "sort_order", "code"
    )
    found = []
    for village in villages:
        items = list(public_items(village))
        if items:
            found.append((village, catalog_tree(items)))
    return found


# --- Differences from the reference --------------------------------------------------------

COMPARED = (
    ("name", "事项名称"),
    ("content", "公开内容（要素）"),
    ("basis", "公开依据"),
    ("time_limit", "公开时限"),
    ("rule_label", "时限规则"),
    ("body_text", "公开主体"),
    ("channels_text", "公开渠道和载体"),
    ("audience_text", "公开对象"),
    ("method_text", "公开方式"),
    ("levels_text", "公开层级"),
)


def _values(item: CatalogItem) -> dict[str, str]:
    rule = item.rule
    return {
        "name": item.name,
        "content": item.content,
        "basis": item.basis,
        "time_limit": item.time_limit,
        "rule_label": rule.label if rule else "",
        "body_text": item.body_text,
        "channels_text": "、".join(item.channel_labels),
        "audience_text": item.get_audience_display(),
        "method_text": item.get_method_display(),
        "levels_text": "" if item.is_group else item.levels_text,
    }


def item_differences(item: CatalogItem) -> list[tuple[str, str, str]]:
    """(element, reference value, this unit's value) for each element that differs."""
    if item.reference is None:
        return []
    ours, theirs = _values(item), _values(item.reference)
    return [(label, theirs[key], ours[key]) for key, label in COMPARED if ours[key] != theirs[key]]


@dataclass
class Differences:
    """How a unit's catalog of an area differs from the reference it adopted."""

    added: list[CatalogItem]  # 本单位增加
    dropped: list[CatalogItem]  # 删减（有理由）
    changed: list[tuple[CatalogItem, list[tuple[str, str, str]]]]  # 调整
    not_adopted: list[CatalogItem]  # reference items the unit has no item for
    retired: list[CatalogItem]  # the unit's items whose reference item was dropped

    @property
    def empty(self) -> bool:
        return not (self.added or self.dropped or self.changed or self.not_adopted or self.retired)


def differences(unit: Unit, area: Area) -> Differences:
    items = list(unit_items(unit).filter(area=area).select_related("reference__parent"))
    sources = {i.reference.unit_id for i in items if i.reference_id}
    adopted_refs = {i.reference_id for i in items if i.reference_id}
    level = level_of(unit).value
    references = CatalogItem.objects.filter(
        is_reference=True, unit_id__in=sources, area=area, dropped_on__isnull=True
    ).select_related("parent")
    not_adopted = [
        r for r in references if r.pk not in adopted_refs and (not r.levels or level in r.levels)
    ]
    return Differences(
        added=[i for i in items if i.reference_id is None and not i.is_dropped],
        dropped=[i for i in items if i.is_dropped],
        changed=[(i, diffs) for i in items if not i.is_dropped and (diffs := item_differences(i))],
        not_adopted=not_adopted,
        retired=[
            i for i in items if i.reference_id and i.reference.is_dropped and not i.is_dropped
        ],
    )


# --- The gap check (查缺补漏) --------------------------------------------------------------


def checked_items(units: QuerySet[Unit] | None = None) -> QuerySet[CatalogItem]:
    """Items the gap check looks at: in a catalog, 主动 method, with a rule; of the given units
    as the unit that must publish them (the 公开主体 unit, else the catalog's unit)."""
    items = (
        CatalogItem.objects.in_catalog()
        .filter(unit__is_active=True, method=Method.PROACTIVE)
        .exclude(rule_kind="")
        .select_related("unit", "body_unit", "area", "parent")
    )
    if units is not None:
        items = items.filter(Q(body_unit__in=units) | Q(body_unit__isnull=True, unit__in=units))
    return items.order_by("unit__path", "area__number", "village_topic", "position", "pk")


def publications(item_ids: Sequence[int]) -> dict[int, list[Publication]]:
    """What was actually published under each item, as the public saw it."""
    found: dict[int, list[Publication]] = defaultdict(list)
    rows = (
        public_entries()
        .filter(item_id__in=item_ids)
        .values_list(
            "item_id", "published_on", "formed_on", "document__published_on", "document__written_on"
        )
    )
    for item_id, published, formed, doc_published, doc_written in rows:
        if doc_published is not None:
            found[item_id].append(Publication(doc_published, doc_written))
        elif published is not None:
            found[item_id].append(Publication(published, formed))
    return found


def last_published(item_ids: Sequence[int]) -> dict[int, date]:
    return {
        item_id: max(p.published_on for p in pubs)
        for item_id, pubs in publications(item_ids).items()
        if pubs
    }


@dataclass(frozen=True)
class GapRow:
    item: CatalogItem
    unit: Unit  # the unit that must publish
    rule: TimeRule
    gap: Gap

    def to_json(self) -> dict:
        return {
            "unit": self.unit.code,
            "area": self.item.section,
            "item": self.item.full_name,
            "rule": self.rule.code,
            "last_published": self.gap.last_published.isoformat()
            if self.gap.last_published
            else None,
            "reason": self.gap.message,
        }


def gaps(units: QuerySet[Unit] | None, today: date) -> list[GapRow]:
    items = list(checked_items(units))
    found = publications([i.pk for i in items])
    calendar = current_calendar()
    rows = []
    for item in items:
        gap = find_gap(
            item.rule,
            adopted_on=item.adopted_on,
            publications=found.get(item.pk, ()),
            today=today,
            calendar=calendar,
        )
        if gap is not None:
            rows.append(GapRow(item, item.responsible_unit, item.rule, gap))
    return rows


def item_gap(item: CatalogItem, today: date) -> Gap | None:
    """The gap of one item, if the gap check looks at it at all."""
    if not checked_items().filter(pk=item.pk).exists():
        return None
    return find_gap(
        item.rule,
        adopted_on=item.adopted_on,
        publications=publications([item.pk]).get(item.pk, ()),
        today=today,
        calendar=current_calendar(),
    )


def gaps_by_unit(rows: Sequence[GapRow]) -> list[tuple[Unit, list[GapRow]]]:
    grouped: dict[int, tuple[Unit, list[GapRow]]] = {}
    for row in rows:
        grouped.setdefault(row.unit.pk, (row.unit, []))[1].append(row)
    return sorted(grouped.values(), key=lambda pair: pair[0].path)


@dataclass(frozen=True)
class Trend:
    months: list[date]  # the end of each month (today for this one)
    rows: list[tuple[Unit, list[int]]]  # per unit, the count at each month's end
    totals: list[int]


def trend(units: QuerySet[Unit] | None, today: date, months: int = TREND_MONTHS) -> Trend:
    """The number of gaps at the end of each of the last ``months`` months, per unit."""
    items = list(checked_items(units))
    found = publications([i.pk for i in items])
    calendar = current_calendar()
    by_unit: dict[int, tuple[Unit, list[GapSubject]]] = {}
    for item in items:
        unit = item.responsible_unit
        subject = GapSubject(
            item.pk, item.rule, item.adopted_on, item.dropped_on, tuple(found.get(item.pk, ()))
        )
        by_unit.setdefault(unit.pk, (unit, []))[1].append(subject)
    rows = []
    ends: list[date] = []
    for unit, subjects in sorted(by_unit.values(), key=lambda pair: pair[0].path):
        counts = gap_trend(subjects, today=today, months=months, calendar=calendar)
        ends = [end for end, _ in counts]
        rows.append((unit, [count for _, count in counts]))
    if not ends:
        from .domain.gaps import month_ends

        ends = month_ends(today, months)
    totals = [sum(row[1][i] for row in rows) for i in range(len(ends))]
    return Trend(ends, rows, totals)


# --- Powers list and functions directory ---------------------------------------------------


def powers_versions(unit: Unit) -> QuerySet[PowersListVersion]:
    return PowersListVersion.objects.filter(unit=unit).order_by("-number")


def current_powers_version(unit: Unit) -> PowersListVersion | None:
    return powers_versions(unit).first()


def version_powers(version: PowersListVersion | None) -> list[Power]:
    if version is None:
        return []
    return list(version.powers.order_by("position"))


def units_with_powers(root: Unit) -> QuerySet[Unit]:
    return Unit.objects.subtree_of(root).filter(
        is_active=True,
        pk__in=PowersListVersion.objects.values("unit_id"),
    )


def government_level(unit: Unit) -> Unit:
    """The government (or township) whose level a unit belongs to."""
    if unit.kind in (UnitKind.GOVERNMENT, UnitKind.TOWNSHIP) or unit.parent_id is None:
        return unit
    for ancestor in reversed(unit.ancestors()):
        if ancestor.kind in (UnitKind.GOVERNMENT, UnitKind.TOWNSHIP):
            return ancestor
    return unit


@dataclass
class DirectoryEntry:
    unit: Unit
    functions: list[str]
    legal_basis: str
    leadership: list[str]
    divisions: list[InternalDivision]


@dataclass
class Directory:
    """机构职能目录 of one level of government."""

    level: Unit
    entries: list[DirectoryEntry]
    lower_levels: list[Unit]  # the governments below (townships of a county)
    updated: date | None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def functions_directory(level: Unit) -> Directory:
    """The level's government and its departments (and other bodies), each with its functions
    and internal structure; generated from the unit tree whenever it is read."""
    members = [
        level,
        *level.children.filter(is_active=True)
        .exclude(kind__in=[UnitKind.TOWNSHIP, UnitKind.VILLAGE, UnitKind.GOVERNMENT])
        .order_by("sort_order", "code"),
    ]
    profiles = {p.unit_id: p for p in UnitProfile.objects.filter(unit__in=members)}
    divisions: dict[int, list[InternalDivision]] = defaultdict(list)
    for division in InternalDivision.objects.filter(unit__in=members).order_by("position"):
        divisions[division.unit_id].append(division)
    entries = []
    for unit in members:
        profile = profiles.get(unit.pk)
        if profile is not None and not profile.listed:
            continue
        entries.append(
            DirectoryEntry(
                unit=unit,
                functions=_lines(
                    profile.functions if profile and profile.functions else unit.functions
                ),
                legal_basis=profile.legal_basis if profile else "",
                leadership=_lines(profile.leadership) if profile else [],
                divisions=divisions.get(unit.pk, []),
            )
        )
    lower = list(
        level.children.filter(
            is_active=True, kind__in=[UnitKind.TOWNSHIP, UnitKind.GOVERNMENT]
        ).order_by("sort_order", "code")
    )
    updated = UnitProfile.objects.filter(unit__in=members).aggregate(last=Max("updated_at"))["last"]
    return Directory(level, entries, lower, updated.date() if updated else None)
