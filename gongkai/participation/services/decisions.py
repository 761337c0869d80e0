"""重大行政决策事项目录: a unit's list for a year, published as a whole, and each item's way
through the procedure with its links (consultation, expert review, legality review, the final
document)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.core.audit import audit_record, diff
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.publication_gate import PublicText
from gongkai.core.models import Unit
from gongkai.documents.models import OfficialDocument

from ..domain.decisions import DecisionStatus, check_status_change
from ..models import Consultation, DecisionCatalog, DecisionItem
from .common import clean_text, publish_gate, require_role

EARLIEST_YEAR = 2000


@transaction.atomic
def decision_catalog_create(*, actor, unit: Unit, year: int, note: str = "") -> DecisionCatalog:
    require_role(actor, "decision.edit", unit)
    if year < EARLIEST_YEAR or year > timezone.localdate().year + 1:
        raise DomainError(f"年度应在{EARLIEST_YEAR}年至明年之间。")
    if DecisionCatalog.objects.filter(unit=unit, year=year).exists():
        raise DomainError(f"{unit.name}{year}年度的重大行政决策事项目录已经建立。")
    catalog = DecisionCatalog.objects.create(
        unit=unit, year=year, note=clean_text(note, "说明", max_chars=2000)
    )
    audit_record(
        actor=actor,
        action="decision_catalog.create",
        obj=catalog,
        changes={"year": year, "note": catalog.note},
        unit=unit,
    )
    return catalog


def _item_texts(item: DecisionItem) -> list[PublicText]:
    name = f"事项“{item.title[:20]}”"
    return [
        PublicText(f"{name}的名称", item.title),
        PublicText(f"{name}的主要内容", item.content),
        PublicText(f"{name}的状态说明", item.status_note),
        PublicText(f"{name}的专家论证情况", item.expert_review),
        PublicText(f"{name}的合法性审查情况", item.legality_review),
        PublicText(f"{name}的计划完成时间", item.planned),
    ]


@transaction.atomic
def decision_catalog_publish(*, actor, catalog: DecisionCatalog) -> DecisionCatalog:
    """公布目录: the list as a whole, after the publication gate over every item."""
    catalog = DecisionCatalog.objects.select_for_update().select_related("unit").get(pk=catalog.pk)
    require_role(actor, "decision.publish", catalog.unit)
    if catalog.published_at is not None:
        raise DomainError("该目录已经公布；此后新增或调整的事项随即公开。")
    items = list(catalog.items.all())
    if not items:
        raise DomainError("目录中还没有事项。")
    publish_gate(
        catalog.unit,
        [PublicText("目录说明", catalog.note), *(t for item in items for t in _item_texts(item))],
    )
    catalog.published_at = timezone.now()
    catalog.published_by = actor if getattr(actor, "pk", None) else None
    catalog.save(update_fields=["published_at", "published_by"])
    audit_record(
        actor=actor,
        action="decision_catalog.publish",
        obj=catalog,
        changes={"items": len(items)},
        unit=catalog.unit,
    )
    return catalog


@dataclass
class DecisionItemFacts:
    title: str
    content: str = ""
    lead_unit: Unit | None = None
    planned: str = ""
    consultation: Consultation | None = None
    expert_review: str = ""
    expert_review_on: date | None = None
    legality_review: str = ""
    legality_review_on: date | None = None
    final_document: OfficialDocument | None = None


def _apply(item: DecisionItem, catalog: DecisionCatalog, facts: DecisionItemFacts) -> None:
    item.title = clean_text(facts.title, "决策事项", max_chars=200, required=True)
    item.content = clean_text(facts.content, "主要内容", max_chars=5000)
    item.planned = clean_text(facts.planned, "计划完成时间", max_chars=50)
    item.expert_review = clean_text(facts.expert_review, "专家论证情况", max_chars=5000)
    item.legality_review = clean_text(facts.legality_review, "合法性审查情况", max_chars=5000)
    item.expert_review_on, item.legality_review_on = (
        facts.expert_review_on,
        facts.legality_review_on,
    )
    item.lead_unit = facts.lead_unit
    for linked, what in ((facts.consultation, "意见征集"), (facts.final_document, "决策文件")):
        if linked is not None and not linked.unit.path.startswith(catalog.unit.path):
            raise DomainError(f"关联的{what}须是本单位或下级单位的。")
    item.consultation, item.final_document = facts.consultation, facts.final_document


def _snapshot(item: DecisionItem) -> dict:
    return {
        name: getattr(
            item, f"{name}_id" if name in ("lead_unit", "consultation", "final_document") else name
        )
        for name in DecisionItemFacts.__dataclass_fields__
    }


@transaction.atomic
def decision_item_save(
    *,
    actor,
    catalog: DecisionCatalog,
    facts: DecisionItemFacts,
    item: DecisionItem | None = None,
) -> DecisionItem:
    """Add an item or change one; in a published list it is public at once, so it passes the
    publication gate first."""
    catalog = DecisionCatalog.objects.select_for_update().select_related("unit").get(pk=catalog.pk)
    require_role(actor, "decision.edit", catalog.unit)
    if item is not None and item.catalog_id != catalog.pk:
        raise DomainError("该事项不属于这个目录。")
    created = item is None
    if created:
        last = catalog.items.aggregate(n=Max("position"))["n"] or 0
        item = DecisionItem(catalog=catalog, position=last + 1)
    before = {} if created else _snapshot(item)
    _apply(item, catalog, facts)
    if catalog.published_at is not None:
        publish_gate(catalog.unit, _item_texts(item))
    item.save()
    audit_record(
        actor=actor,
        action="decision_item.save",
        obj=item,
        changes={"created": created, **diff(before, _snapshot(item))},
        unit=catalog.unit,
    )
    return item


@transaction.atomic
def decision_item_set_status(
    *, actor, item: DecisionItem, status: str, on: date, note: str = ""
) -> DecisionItem:
    item = DecisionItem.objects.select_for_update().select_related("catalog__unit").get(pk=item.pk)
    catalog = item.catalog
    require_role(actor, "decision.edit", catalog.unit)
    if status not in DecisionStatus._value2member_map_:
        raise DomainError("请选择办理状态。")
    check_status_change(item.status, status)
    if on > timezone.localdate():
        raise DomainError("状态日期不能晚于今天。")
    note = clean_text(note, "状态说明", max_chars=2000)
    if status in (DecisionStatus.SUSPENDED, DecisionStatus.REMOVED) and not note:
        raise DomainError("暂缓实施或调出目录须写明理由，并随目录公开。")
    old = item.status
    item.status, item.status_changed_on, item.status_note = status, on, note
    if catalog.published_at is not None:
        publish_gate(catalog.unit, _item_texts(item))
    item.save(update_fields=["status", "status_changed_on", "status_note"])
    audit_record(
        actor=actor,
        action="decision_item.set_status",
        obj=item,
        changes={"status": [old, status], "on": on, "note": note},
        unit=catalog.unit,
    )
    return item


def decision_item_facts(item: DecisionItem) -> dict:
    """The item's facts as the edit form's initial values."""
    return {name: getattr(item, name) for name in DecisionItemFacts.__dataclass_fields__}
