"""Writes to the catalog, the powers list and the functions directory. Each service checks
permission, validates, changes state and records one audit entry in one transaction; the admin
screens, the command and the demo call these and nothing else. Services that change what the
public may see keep the search index in step (``sync_object``) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.core.audit import audit_record, diff
from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.personal_data import redact
from gongkai.core.domain.publication_gate import PublicText, findings_message
from gongkai.core.models import Unit, UnitKind
from gongkai.core.permissions import can, require, units_for
from gongkai.core.validation import full_clean_or_refuse
from gongkai.documents import gate
from gongkai.documents.models import OfficialDocument
from gongkai.documents.selectors import public_documents
from gongkai.search.index import sync_object

from . import exports
from .domain.elements import Audience, Channel, Level, Method, normalise
from .domain.powers import FIELD_LABELS, PowerData, compare_versions, parse_powers
from .domain.rules import RuleKind, TimeRule
from .domain.sheets import TableError, read_sheets
from .domain.table import CatalogRow, match_area, parse_catalog
from .models import (
    Area,
    CatalogEntry,
    CatalogEntryKind,
    CatalogItem,
    InternalDivision,
    Power,
    PowersListVersion,
    UnitProfile,
    VillageTopic,
)
from .selectors import level_of


def _edit_action(reference: bool) -> str:
    return "catalog.manage_reference" if reference else "catalog.edit"


def _today() -> date:
    return timezone.localdate()


def _adoption_date(day: date | None) -> date:
    today = _today()
    if day is None:
        return today
    if day > today:
        raise DomainError("列入目录日期不能晚于今天。")
    return day


# --- Areas ---------------------------------------------------------------------------------


def may_manage_areas(user) -> bool:
    """Areas are shared by the whole platform: the supervising office or administrator of a
    top-level unit maintains them."""
    if user is None:
        return True
    return (
        bool(user.is_superuser)
        or units_for(user, "catalog.manage_reference").filter(depth=0).exists()
    )


@transaction.atomic
def area_save(
    *,
    actor,
    area: Area | None = None,
    number: int,
    name: str,
    aliases: str = "",
    guide: str = "",
    is_active: bool = True,
) -> Area:
    if not may_manage_areas(actor):
        raise PermissionDeniedError("只有顶级单位的政务公开主管部门或管理员可以维护试点领域。")
    name = name.strip()
    if not name:
        raise DomainError("请填写领域名称。")
    before = {}
    if area is None:
        area = Area()
    else:
        area = Area.objects.select_for_update().get(pk=area.pk)
        before = {f: getattr(area, f) for f in ("number", "name", "aliases", "guide", "is_active")}
    area.number, area.name, area.aliases = number, name, aliases.strip()
    area.guide, area.is_active = guide.strip(), is_active
    full_clean_or_refuse(area)
    area.save()
    after = {f: getattr(area, f) for f in ("number", "name", "aliases", "guide", "is_active")}
    audit_record(
        actor=actor,
        action="catalog.area_update" if before else "catalog.area_create",
        obj=area,
        changes=diff(before, after) if before else after,
    )
    return area


# --- Items -----------------------------------------------------------------------------------

ITEM_FIELDS = (
    "name",
    "content",
    "basis",
    "time_limit",
    "rule_kind",
    "rule_days",
    "body_text",
    "body_unit",
    "channels",
    "audience",
    "method",
    "levels",
    "remarks",
    "township_item",
)
REQUIRED_LABELS = {
    "content": "公开内容（要素）",
    "basis": "公开依据",
    "time_limit": "公开时限",
    "channels": "公开渠道和载体",
    "audience": "公开对象",
    "method": "公开方式",
}


def _snapshot(item: CatalogItem) -> dict[str, Any]:
    data = {f: getattr(item, f) for f in ITEM_FIELDS if f not in {"body_unit", "township_item"}}
    data["body_unit"] = item.body_unit_id
    data["township_item"] = item.township_item_id
    return data


def _assign(item: CatalogItem, fields: dict[str, Any]) -> None:
    unknown = set(fields) - {*ITEM_FIELDS, "rule"}
    if unknown:
        raise TypeError(f"unknown item fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name == "rule":
            rule: TimeRule | None = value
            item.rule_kind = rule.kind.value if rule else ""
            item.rule_days = rule.days if rule else None
        elif name in {"channels", "levels"}:
            enum = Channel if name == "channels" else Level
            chosen = {str(v) for v in value or ()}
            setattr(item, name, [m.value for m in enum if m.value in chosen])
        elif isinstance(value, str):
            setattr(item, name, value.strip())
        else:
            setattr(item, name, value)


def _check_item(item: CatalogItem) -> None:
    """Everything an item must satisfy; a Chinese DomainError for the first thing wrong."""
    if not item.name:
        raise DomainError("请填写事项名称。")
    if (item.area_id is None) == (not item.village_topic):
        raise DomainError("事项应属于一个试点领域，村（居）务公开事项则选择公开类别。")
    if item.village_topic and item.unit.kind != UnitKind.VILLAGE and not item.is_reference:
        raise DomainError("只有村（居）可以设置村（居）务公开类别的事项。")
    parent = item.parent
    if parent is not None:
        if parent.parent_id is not None:
            raise DomainError("目录只有两级：二级事项下不能再设事项。")
        if (
            parent.unit_id != item.unit_id
            or parent.is_reference != item.is_reference
            or parent.area_id != item.area_id
            or parent.village_topic != item.village_topic
        ):
            raise DomainError("二级事项必须与其一级事项属于同一目录和同一领域。")
        if not item.rule_kind:
            raise DomainError("二级事项须填写公开时限和各项要素。")
    if item.rule_kind:
        missing = [label for name, label in REQUIRED_LABELS.items() if not getattr(item, name)]
        if not (item.body_text or item.body_unit_id):
            missing.insert(4, "公开主体")
        if missing:
            raise DomainError(f"请填写{'、'.join(missing)}。")
        TimeRule(RuleKind(item.rule_kind), item.rule_days)  # raises RuleError for bad days
    if item.audience and item.audience not in Audience._value2member_map_:
        raise DomainError("公开对象无效。")
    if item.method and item.method not in Method._value2member_map_:
        raise DomainError("公开方式无效。")
    if item.is_reference:
        if item.body_unit_id or item.township_item_id:
            raise DomainError("参考目录的公开主体按职责填写（如“县级财政部门”），不指定具体单位。")
    else:
        if item.body_unit_id and not item.body_unit.path.startswith(item.unit.path):
            raise DomainError(f"公开主体单位应为“{item.unit.name}”或其下属单位。")
        if item.township_item_id:
            township = item.township_item
            if item.unit.kind != UnitKind.VILLAGE or township.unit_id != item.unit.parent_id:
                raise DomainError("村级事项只能对应其所在乡镇目录中的事项。")
    siblings = CatalogItem.objects.filter(
        unit_id=item.unit_id, is_reference=item.is_reference, name=item.name
    ).exclude(pk=item.pk)
    if item.parent_id:
        siblings = siblings.filter(parent_id=item.parent_id)
    else:
        siblings = siblings.filter(
            parent__isnull=True, area_id=item.area_id, village_topic=item.village_topic
        )
    if siblings.exists():
        raise DomainError(f"“{item.section}”中已有名为“{item.name}”的事项。")
    full_clean_or_refuse(item, exclude=["channels", "levels", "adopted_on"])


# The elements of an item the portal, its table downloads and search show, with their names.
ITEM_PUBLIC_FIELDS = (
    ("name", "事项名称"),
    ("content", "公开内容（要素）"),
    ("basis", "公开依据"),
    ("time_limit", "公开时限"),
    ("body_text", "公开主体"),
    ("remarks", "备注"),
)


def _item_texts(name: str, values: dict[str, str]) -> list[PublicText]:
    # Labels never carry raw text: they end up in messages and the audit log.
    item = f"事项“{redact(name)}”"
    return [
        PublicText(f"{item}的{label}", values.get(field) or "")
        for field, label in ITEM_PUBLIC_FIELDS
    ]


def _gate_item(item: CatalogItem) -> None:
    """The publication gate: a unit's items are public as soon as they are saved, and a
    reference item is copied into units' catalogs as it is."""
    values = {field: getattr(item, field) for field, _ in ITEM_PUBLIC_FIELDS}
    gate.refuse_unless_clean(
        unit=item.unit,
        texts=_item_texts(item.name, values),
        action="保存参考目录" if item.is_reference else "公开",
    )


def _next_position(item: CatalogItem) -> int:
    siblings = CatalogItem.objects.filter(
        unit_id=item.unit_id,
        is_reference=item.is_reference,
        area_id=item.area_id,
        village_topic=item.village_topic,
        parent_id=item.parent_id,
    )
    return (siblings.aggregate(last=Max("position"))["last"] or 0) + 1


def _sync(items: Iterable[CatalogItem]) -> None:
    for item in items:
        if not item.is_reference:
            sync_object(item)


@transaction.atomic
def catalog_item_create(
    *,
    actor,
    unit: Unit,
    reference: bool = False,
    area: Area | None = None,
    village_topic: str = "",
    parent: CatalogItem | None = None,
    adopted_on: date | None = None,
    **fields: Any,
) -> CatalogItem:
    """Add an item to a unit's catalog (本单位增加) or to a reference catalog."""
    if actor is not None:
        require(actor, _edit_action(reference), unit)
    adopted_on = _adoption_date(adopted_on)
    if parent is not None:
        area, village_topic = parent.area, parent.village_topic
    item = CatalogItem(
        unit=unit,
        is_reference=reference,
        area=area,
        village_topic=village_topic,
        parent=parent,
        adopted_on=adopted_on,
    )
    if not reference and "levels" not in fields:
        fields["levels"] = [level_of(unit)]
    _assign(item, fields)
    _check_item(item)
    _gate_item(item)
    item.position = _next_position(item)
    item.save()
    audit_record(
        actor=actor,
        action="catalog.item_create",
        obj=item,
        changes={"reference": reference, "area": area, "parent": parent, **_snapshot(item)},
        unit=unit,
    )
    _sync([item])
    return item


def _locked(item: CatalogItem) -> CatalogItem:
    return (
        # Only the item's row: PostgreSQL cannot lock the nullable side of an outer join.
        CatalogItem.objects.select_for_update(of=("self",))
        .select_related("unit", "area", "parent", "body_unit")
        .get(pk=item.pk)
    )


@transaction.atomic
def catalog_item_update(*, actor, item: CatalogItem, **fields: Any) -> CatalogItem:
    """Change an item's elements, e.g. its 公开主体 (调整), keeping its link to the reference."""
    item = _locked(item)
    if actor is not None:
        require(actor, _edit_action(item.is_reference), item.unit)
    if item.is_dropped:
        raise DomainError("该事项已删减，请先恢复再修改。")
    before = _snapshot(item)
    _assign(item, fields)
    _check_item(item)
    changes = diff(before, _snapshot(item))
    if not changes:
        return item
    _gate_item(item)
    item.save()
    audit_record(
        actor=actor, action="catalog.item_update", obj=item, changes=changes, unit=item.unit
    )
    _sync([item])
    return item


@transaction.atomic
def catalog_item_drop(*, actor, item: CatalogItem, reason: str) -> CatalogItem:
    """Drop an item (删减) with a reason; its 二级事项 go with it. Nothing is deleted: the
    reason stays on record and the differences from the reference show it."""
    item = _locked(item)
    if actor is not None:
        require(actor, _edit_action(item.is_reference), item.unit)
    if item.is_dropped:
        raise DomainError("该事项已删减。")
    reason = reason.strip()
    if not reason:
        raise DomainError("删减事项须说明理由。")
    today = _today()
    dropped = [item, *item.children.filter(dropped_on__isnull=True)]
    for each in dropped:
        each.dropped_on, each.drop_reason = today, reason
        each.save(update_fields=["dropped_on", "drop_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="catalog.item_drop",
        obj=item,
        changes={"reason": reason, "items": [each.pk for each in dropped]},
        unit=item.unit,
    )
    _sync(dropped)
    return item


@transaction.atomic
def catalog_item_restore(*, actor, item: CatalogItem) -> CatalogItem:
    item = _locked(item)
    if actor is not None:
        require(actor, _edit_action(item.is_reference), item.unit)
    if not item.is_dropped:
        raise DomainError("该事项未被删减。")
    if item.parent_id and item.parent.is_dropped:
        raise DomainError(f"请先恢复一级事项“{item.parent.name}”。")
    restored = [item, *item.children.filter(dropped_on=item.dropped_on)]
    for each in restored:
        # Restored items are public again: published anew, so checked anew.
        _gate_item(each)
    reason = item.drop_reason
    for each in restored:
        each.dropped_on, each.drop_reason = None, ""
        each.save(update_fields=["dropped_on", "drop_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="catalog.item_restore",
        obj=item,
        changes={"dropped_reason": reason, "items": [each.pk for each in restored]},
        unit=item.unit,
    )
    _sync(restored)
    return item


# --- Adopting a reference catalog ----------------------------------------------------------


@dataclass
class AdoptSummary:
    created: list[CatalogItem] = field(default_factory=list)
    linked: list[CatalogItem] = field(default_factory=list)
    skipped_levels: int = 0


def _copy_fields(reference: CatalogItem) -> dict[str, Any]:
    return {
        "name": reference.name,
        "content": reference.content,
        "basis": reference.basis,
        "time_limit": reference.time_limit,
        "rule": reference.rule,
        "body_text": reference.body_text,
        "channels": list(reference.channels),
        "audience": reference.audience,
        "method": reference.method,
        "levels": list(reference.levels),
        "remarks": reference.remarks,
    }


@transaction.atomic
def catalog_adopt(
    *, actor, unit: Unit, area: Area, source: Unit, adopted_on: date | None = None
) -> AdoptSummary:
    """Adopt the reference catalog of ``area`` that ``source`` maintains: every reference item
    of the unit's level that the unit has no item for is copied with a link to it. Adopting
    again after the reference grew adds only the new items; a dropped item stays dropped.

    ``adopted_on`` records an adoption made before the catalog came onto the platform (the
    gap check counts from it); today by default.
    """
    if actor is not None:
        require(actor, "catalog.edit", unit)
    today = _adoption_date(adopted_on)
    references = list(
        CatalogItem.objects.filter(
            unit=source, is_reference=True, area=area, dropped_on__isnull=True
        ).order_by("parent_id", "position", "pk")
    )
    if not references:
        raise DomainError(f"“{source.name}”没有维护“{area.name}”领域的参考目录。")
    level = level_of(unit).value
    existing = {
        i.reference_id: i
        for i in CatalogItem.objects.filter(unit=unit, is_reference=False, area=area)
        if i.reference_id
    }
    by_name = {
        (i.parent.name if i.parent_id else "", i.name): i
        for i in CatalogItem.objects.filter(
            unit=unit, is_reference=False, area=area, reference__isnull=True
        ).select_related("parent")
    }
    summary = AdoptSummary()
    copies: dict[int, CatalogItem] = dict(existing)
    # Headings first, so that their 二级事项 find their parent's copy.
    for reference in sorted(references, key=lambda r: (r.parent_id is not None, r.position, r.pk)):
        applies = not reference.levels or level in reference.levels
        has_applying_child = any(
            r.parent_id == reference.pk and (not r.levels or level in r.levels) for r in references
        )
        if not applies and not has_applying_child:
            summary.skipped_levels += 1
            continue
        if reference.pk in copies:
            continue
        parent = copies.get(reference.parent_id) if reference.parent_id else None
        if reference.parent_id and parent is None:
            continue
        key = (reference.parent.name if reference.parent_id else "", reference.name)
        if key in by_name:
            match = by_name[key]
            match.reference = reference
            match.save(update_fields=["reference", "updated_at"])
            copies[reference.pk] = match
            summary.linked.append(match)
            continue
        item = CatalogItem(
            unit=unit,
            is_reference=False,
            area=area,
            parent=parent,
            reference=reference,
            position=reference.position,
            adopted_on=today,
        )
        _assign(item, _copy_fields(reference))
        if not item.levels:
            item.levels = [level]
        _check_item(item)
        _gate_item(item)
        item.save()
        copies[reference.pk] = item
        summary.created.append(item)
    audit_record(
        actor=actor,
        action="catalog.adopt",
        obj=area,
        changes={
            "unit": unit.pk,
            "source": source.pk,
            "created": [i.pk for i in summary.created],
            "linked": [i.pk for i in summary.linked],
            "skipped_levels": summary.skipped_levels,
        },
        unit=unit,
    )
    _sync([*summary.created, *summary.linked])
    return summary


# --- Import and export ---------------------------------------------------------------------


@dataclass
class ImportSummary:
    created: list[CatalogItem] = field(default_factory=list)
    updated: list[CatalogItem] = field(default_factory=list)
    unchanged: list[CatalogItem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # rows of another level

    @property
    def message(self) -> str:
        text = (
            f"导入完成：新增 {len(self.created)} 项，更新 {len(self.updated)} 项，"
            f"未变 {len(self.unchanged)} 项。"
        )
        if self.skipped:
            text += f"另有 {len(self.skipped)} 行的公开层级不含本单位层级，已跳过。"
        return text


def _unit_names(unit: Unit) -> dict[str, Unit]:
    names: dict[str, Unit] = {}
    for each in Unit.objects.subtree_of(unit).filter(is_active=True).order_by("-depth"):
        for name in (each.name, each.short_name):
            if name:
                names[normalise(name)] = each
    return names


def _resolve_section(row: CatalogRow, unit: Unit, areas: dict[int, list[str]]):
    """(area id or None, village topic or "") of a row, or None if it names neither."""
    if unit.kind == UnitKind.VILLAGE:
        topics = {
            value: [str(label), *str(label).split("/")] for value, label in VillageTopic.choices
        }
        topic = match_area(row.area_text, topics)
        if topic is not None:
            return None, topic
    area_id = match_area(row.area_text, areas)
    if area_id is None:
        return None
    return area_id, ""


def _find_reference(
    unit: Unit, area_id: int | None, level1: str, level2: str, references: list[CatalogItem]
) -> CatalogItem | None:
    """The reference item a row corresponds to: same area and names, maintained by the office
    nearest the unit in the tree."""
    name, parent = (level2, level1) if level2 else (level1, "")
    found = [
        r
        for r in references
        if r.area_id == area_id
        and normalise(r.name) == normalise(name)
        and normalise(r.parent.name if r.parent_id else "") == normalise(parent)
    ]
    found.sort(key=lambda r: (not unit.path.startswith(r.unit.path), -len(r.unit.path)))
    return found[0] if found else None


@transaction.atomic
def catalog_import(
    *, actor, unit: Unit, data: bytes, filename: str, reference: bool = False
) -> ImportSummary:
    """Import a catalog table (.xlsx or .csv) into the unit's catalog or the reference catalog
    it maintains. The whole file is checked first; any problem refuses all of it, each problem
    named with its row. Items are matched by area and names: known ones updated, new ones
    added; an item missing from the file is left as it is (drop it with a reason instead)."""
    if actor is not None:
        require(actor, _edit_action(reference), unit)
    rows = parse_catalog(read_sheets(data, filename))
    areas = {a.pk: a.names() for a in Area.objects.filter(is_active=True)}
    level = level_of(unit).value
    body_names = {} if reference else _unit_names(unit)
    problems: list[str] = []
    resolved = []
    summary = ImportSummary()
    for row in rows:
        section = _resolve_section(row, unit, areas)
        if section is None:
            problems.append(
                f"{row.where}：无法确定所属试点领域“{row.area_text or '（未填写）'}”，"
                "请填写“试点领域”列（如“财政预决算”），或在工作表标题中写明领域。"
            )
            continue
        levels = [lv.value for lv in row.levels]
        if not reference and levels and level not in levels and not row.is_group:
            summary.skipped.append(row.where)
            continue
        resolved.append((row, section))
        values = {
            "name": row.level2 or row.level1,
            "content": row.content,
            "basis": row.basis,
            "time_limit": row.time_limit,
            "body_text": row.body,
            "remarks": row.remarks,
        }
        texts = _item_texts(values["name"], values)
        if row.level2:
            texts.append(PublicText(f"一级事项“{redact(row.level1)}”", row.level1))
        result = gate.check(unit=unit, texts=texts)
        if not result.clean:
            problems.append(f"{row.where}：{findings_message(result.blocking)}")
    if problems:
        raise TableError(problems)
    references = (
        []
        if reference
        else list(
            CatalogItem.objects.filter(is_reference=True, dropped_on__isnull=True).select_related(
                "parent", "unit"
            )
        )
    )
    existing = {}
    for item in CatalogItem.objects.filter(unit=unit, is_reference=reference).select_related(
        "parent"
    ):
        key = (
            item.area_id,
            item.village_topic,
            normalise(item.parent.name) if item.parent_id else "",
            normalise(item.name),
        )
        existing[key] = item
    today = _today()
    touched: list[CatalogItem] = []
    for position, (row, (area_id, topic)) in enumerate(resolved, start=1):
        heading_key = (area_id, topic, "", normalise(row.level1))
        heading = existing.get(heading_key)
        if heading is None:
            heading = CatalogItem(
                unit=unit,
                is_reference=reference,
                area_id=area_id,
                village_topic=topic,
                name=row.level1,
                position=position,
                adopted_on=today,
                levels=[] if reference else [level],
            )
            if not reference:
                heading.reference = _find_reference(unit, area_id, row.level1, "", references)
            _check_item(heading)
            heading.save()
            existing[heading_key] = heading
            summary.created.append(heading)
            touched.append(heading)
        if row.is_group and not row.level2:
            continue
        if row.level2:
            key = (area_id, topic, normalise(row.level1), normalise(row.level2))
            item = existing.get(key)
        else:
            key, item = heading_key, heading
        fields = {
            "name": row.level2 or row.level1,
            "content": row.content,
            "basis": row.basis,
            "time_limit": row.time_limit,
            "rule": row.rule,
            "body_text": row.body,
            "body_unit": None if reference else body_names.get(normalise(row.body)),
            "channels": [c.value for c in row.channels],
            "audience": row.audience.value if row.audience else "",
            "method": row.method.value if row.method else "",
            "levels": [lv.value for lv in row.levels] or ([] if reference else [level]),
            "remarks": row.remarks,
        }
        if item is None:
            item = CatalogItem(
                unit=unit,
                is_reference=reference,
                area_id=area_id,
                village_topic=topic,
                parent=heading,
                position=position,
                adopted_on=today,
            )
            if not reference:
                item.reference = _find_reference(unit, area_id, row.level1, row.level2, references)
            _assign(item, fields)
            _check_item(item)
            item.save()
            existing[key] = item
            summary.created.append(item)
            touched.append(item)
            continue
        before = _snapshot(item)
        _assign(item, fields)
        item.position = position
        if item in summary.created:
            _check_item(item)
            item.save()
            continue
        if diff(before, _snapshot(item)):
            _check_item(item)
            item.save()
            summary.updated.append(item)
            touched.append(item)
        else:
            item.save(update_fields=["position"])
            summary.unchanged.append(item)
    audit_record(
        actor=actor,
        action="catalog.import",
        obj=unit,
        changes={
            "file": filename,
            "reference": reference,
            "created": len(summary.created),
            "updated": len(summary.updated),
            "unchanged": len(summary.unchanged),
            "skipped": len(summary.skipped),
        },
        unit=unit,
    )
    _sync(touched)
    return summary


@transaction.atomic
def catalog_export(*, actor, unit: Unit, fmt: str, reference: bool = False) -> bytes:
    """The unit's catalog (items not dropped) in the usual table layout. Audited: the file
    leaves the platform."""
    if actor is not None:
        require(actor, "catalog.view", unit)
    if fmt not in exports.FORMATS:
        raise DomainError(f"不支持的导出格式“{fmt}”，可选：xlsx、csv。")
    items = list(
        CatalogItem.objects.filter(unit=unit, is_reference=reference, dropped_on__isnull=True)
        .select_related("area", "parent", "body_unit")
        .order_by("area__number", "village_topic", "position", "pk")
    )
    content = exports.FORMATS[fmt].render(unit, items, reference)
    audit_record(
        actor=actor,
        action="catalog.export",
        obj=unit,
        changes={"format": fmt, "reference": reference, "items": len(items)},
        unit=unit,
    )
    return content


# --- Content filed under items ---------------------------------------------------------------


def may_file(user, item: CatalogItem) -> bool:
    """The catalog's unit and the unit that must publish the item may file content under it."""
    return can(user, "catalog.file", item.unit) or (
        item.body_unit_id is not None and can(user, "catalog.file", item.body_unit)
    )


def _check_fileable(actor, item: CatalogItem) -> None:
    if actor is not None and not may_file(actor, item):
        require(actor, "catalog.file", item.unit)  # raises with the usual message
    if item.is_reference:
        raise DomainError("参考目录的事项下不能发布内容。")
    if item.is_dropped:
        raise DomainError("该事项已删减，不能再发布内容。")
    if item.is_group:
        raise DomainError("请把内容发布到具体的二级事项下。")


@transaction.atomic
def catalog_entry_file_document(
    *, actor, item: CatalogItem, document: OfficialDocument
) -> CatalogEntry:
    """File a published document under an item. Only a document the public may read can be
    filed; if it is later taken off the portal it disappears from the item too."""
    item = _locked(item)
    _check_fileable(actor, item)
    if not public_documents().filter(pk=document.pk).exists():
        raise DomainError("只能归集已在门户网站公开（主动公开并已发布）的公文。")
    if CatalogEntry.objects.filter(item=item, document=document).exists():
        raise DomainError("该公文已归集在这个事项下。")
    entry = CatalogEntry.objects.create(
        item=item, kind=CatalogEntryKind.DOCUMENT, document=document, created_by=actor
    )
    audit_record(
        actor=actor,
        action="catalog.entry_file_document",
        obj=entry,
        changes={"item": item.pk, "document": document.pk, "title": document.title},
        unit=item.unit,
    )
    return entry


@transaction.atomic
def catalog_entry_create(
    *,
    actor,
    item: CatalogItem,
    kind: str,
    title: str,
    published_on: date,
    url: str = "",
    text: str = "",
    formed_on: date | None = None,
) -> CatalogEntry:
    """Publish a link or a short text under an item, dated ``published_on`` (today or earlier:
    content already published elsewhere is recorded with its own date)."""
    item = _locked(item)
    _check_fileable(actor, item)
    if kind not in (CatalogEntryKind.LINK, CatalogEntryKind.TEXT):
        raise DomainError("公开内容的类型应为链接或文字信息；公文请用“归集公文”。")
    title, url, text = title.strip(), url.strip(), text.strip()
    if not title:
        raise DomainError("请填写标题。")
    if kind == CatalogEntryKind.LINK and not url:
        raise DomainError("请填写链接地址。")
    if kind == CatalogEntryKind.TEXT and not text:
        raise DomainError("请填写内容。")
    today = _today()
    if published_on > today:
        raise DomainError("发布日期不能晚于今天。")
    if formed_on is not None and formed_on > published_on:
        raise DomainError("信息形成日期不能晚于发布日期。")
    # The link's address is left out: long numeric ids in addresses are no one's data, and
    # the public reads the title and the text.
    gate.refuse_unless_clean(
        unit=item.unit,
        texts=[PublicText("标题", title), PublicText("内容", text)],
        action="发布",
    )
    entry = CatalogEntry(
        item=item,
        kind=kind,
        title=title,
        url=url,
        text=text,
        published_on=published_on,
        formed_on=formed_on,
        created_by=actor,
    )
    full_clean_or_refuse(entry, exclude=["item", "document"])
    entry.save()
    audit_record(
        actor=actor,
        action="catalog.entry_create",
        obj=entry,
        changes={
            "item": item.pk,
            "kind": kind,
            "title": title,
            "url": url,
            "text": text,
            "published_on": published_on,
            "formed_on": formed_on,
        },
        unit=item.unit,
    )
    sync_object(entry)
    return entry


@transaction.atomic
def catalog_entry_withdraw(*, actor, entry: CatalogEntry, reason: str) -> CatalogEntry:
    """Take content off an item (撤下) with a reason; it stays on record."""
    entry = CatalogEntry.objects.select_for_update().select_related("item__unit").get(pk=entry.pk)
    if actor is not None and not may_file(actor, entry.item):
        require(actor, "catalog.file", entry.item.unit)
    if entry.withdrawn_on is not None:
        raise DomainError("该内容已撤下。")
    reason = reason.strip()
    if not reason:
        raise DomainError("撤下须说明理由。")
    entry.withdrawn_on, entry.withdraw_reason = _today(), reason
    entry.save(update_fields=["withdrawn_on", "withdraw_reason"])
    audit_record(
        actor=actor,
        action="catalog.entry_withdraw",
        obj=entry,
        changes={"item": entry.item_id, "reason": reason},
        unit=entry.item.unit,
    )
    sync_object(entry)
    return entry


# --- Powers list (权责清单) --------------------------------------------------------------------


def _powers_texts(powers: Sequence[PowerData], note: str) -> list[PublicText]:
    texts = [PublicText("调整说明", note)]
    for position, power in enumerate(powers, start=1):
        where = f"第{position}项“{redact(power.name)}”"
        texts += [
            PublicText(f"{where}的{label}", getattr(power, field))
            for field, label in FIELD_LABELS.items()
            if field != "kind"
        ]
    return texts


@transaction.atomic
def powers_version_create(
    *,
    actor,
    unit: Unit,
    powers: Sequence[PowerData],
    note: str,
    effective_on: date | None = None,
    source: str = "",
) -> PowersListVersion:
    """A new version of the unit's powers list holding ``powers``; older versions stay readable."""
    if actor is not None:
        require(actor, "catalog.powers", unit)
    note = note.strip()
    if not note:
        raise DomainError("请填写本次调整的说明。")
    if not powers:
        raise DomainError("权责清单不能为空。")
    keys = [p.key for p in powers]
    if len(set(keys)) != len(keys):
        raise DomainError("权责清单中有重复的事项（权力类型、名称和子项相同）。")
    for power in powers:
        if not power.name.strip() or not power.basis.strip():
            raise DomainError("每个权责事项都须有权力名称和设定依据。")
    gate.refuse_unless_clean(unit=unit, texts=_powers_texts(powers, note), action="发布权责清单")
    Unit.objects.select_for_update().filter(pk=unit.pk).first()  # one new version at a time
    current = PowersListVersion.objects.filter(unit=unit).order_by("-number").first()
    old = [p.to_data() for p in current.powers.all()] if current else []
    changes = compare_versions(old, powers)
    if current is not None and changes.empty and [p.key for p in old] == keys:
        raise DomainError("与当前版本相比没有任何变化，未生成新版本。")
    version = PowersListVersion.objects.create(
        unit=unit,
        number=(current.number + 1) if current else 1,
        note=note,
        effective_on=effective_on or _today(),
        created_by=actor,
    )
    for position, data in enumerate(powers, start=1):
        Power.objects.create(
            version=version,
            position=position,
            kind=data.kind.value,
            code=data.code.strip(),
            name=data.name.strip(),
            subitem=data.subitem.strip(),
            basis=data.basis.strip(),
            body=data.body.strip() or unit.name,
            duties=data.duties.strip(),
            accountability=data.accountability.strip(),
            remarks=data.remarks.strip(),
        )
    audit_record(
        actor=actor,
        action="catalog.powers_version",
        obj=version,
        changes={
            "number": version.number,
            "note": note,
            "source": source,
            "powers": len(powers),
            "added": [p.title for p in changes.added],
            "removed": [p.title for p in changes.removed],
            "changed": [new.title for _, new, _ in changes.changed],
        },
        unit=unit,
    )
    return version


def powers_import(
    *, actor, unit: Unit, data: bytes, filename: str, note: str, effective_on: date | None = None
) -> PowersListVersion:
    """Import a powers list (.xlsx or .csv) as a new version; the whole file is checked first."""
    if actor is not None:
        require(actor, "catalog.powers", unit)
    rows = parse_powers(read_sheets(data, filename))
    return powers_version_create(
        actor=actor,
        unit=unit,
        powers=[row.data for row in rows],
        note=note,
        effective_on=effective_on,
        source=filename,
    )


def _current_data(unit: Unit) -> list[PowerData]:
    current = PowersListVersion.objects.filter(unit=unit).order_by("-number").first()
    return [p.to_data() for p in current.powers.order_by("position")] if current else []


def power_save(
    *, actor, unit: Unit, data: PowerData, note: str, position: int | None = None
) -> PowersListVersion:
    """Add a power (``position`` None) or change the one at ``position`` of the current
    version: either way a new version."""
    powers = _current_data(unit)
    if position is None:
        powers.append(data)
    elif 1 <= position <= len(powers):
        powers[position - 1] = data
    else:
        raise DomainError("当前版本中没有这个权责事项。")
    return powers_version_create(actor=actor, unit=unit, powers=powers, note=note)


def power_remove(*, actor, unit: Unit, position: int, note: str) -> PowersListVersion:
    powers = _current_data(unit)
    if not 1 <= position <= len(powers):
        raise DomainError("当前版本中没有这个权责事项。")
    del powers[position - 1]
    return powers_version_create(actor=actor, unit=unit, powers=powers, note=note)


# --- Functions directory (机构职能目录) --------------------------------------------------------


@transaction.atomic
def unit_profile_save(
    *,
    actor,
    unit: Unit,
    functions: str,
    legal_basis: str = "",
    leadership: str = "",
    listed: bool = True,
    divisions: Sequence[tuple[str, str]] = (),
) -> UnitProfile:
    """A unit's functions, legal basis, leaders and internal divisions (replaced as a whole)."""
    if actor is not None:
        require(actor, "catalog.functions", unit)
    names = [name.strip() for name, _ in divisions]
    if any(not name for name in names):
        raise DomainError("内设机构须填写名称。")
    if len(set(names)) != len(names):
        raise DomainError("内设机构名称有重复。")
    texts = [
        PublicText("主要职责", functions),
        PublicText("职能依据", legal_basis),
        PublicText("领导信息", leadership),
    ]
    for name, duties in divisions:
        where = f"内设机构“{redact(name.strip())}”"
        texts += [PublicText(f"{where}的名称", name), PublicText(f"{where}的主要职责", duties)]
    gate.refuse_unless_clean(unit=unit, texts=texts, action="发布机构职能")
    profile, created = UnitProfile.objects.select_for_update().get_or_create(unit=unit)
    before = {
        "functions": profile.functions,
        "legal_basis": profile.legal_basis,
        "leadership": profile.leadership,
        "listed": profile.listed,
        "divisions": [[d.name, d.duties] for d in unit.internal_divisions.order_by("position")],
    }
    profile.functions = functions.strip()
    profile.legal_basis = legal_basis.strip()
    profile.leadership = leadership.strip()
    profile.listed = listed
    full_clean_or_refuse(profile, exclude=["unit"])
    profile.save()
    InternalDivision.objects.filter(unit=unit).delete()
    for position, (name, duties) in enumerate(divisions, start=1):
        InternalDivision.objects.create(
            unit=unit, position=position, name=name.strip(), duties=duties.strip()
        )
    after = {
        "functions": profile.functions,
        "legal_basis": profile.legal_basis,
        "leadership": profile.leadership,
        "listed": profile.listed,
        "divisions": [[n.strip(), d.strip()] for n, d in divisions],
    }
    audit_record(
        actor=actor,
        action="catalog.profile_save",
        obj=profile,
        changes=after if created else diff(before, after),
        unit=unit,
    )
    return profile
