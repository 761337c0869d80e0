"""A reference catalog kept by the test county's office, adopted by the county, built by the
services; documents published and not."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.catalog.domain.elements import Channel
from gongkai.catalog.domain.rules import RuleKind, TimeRule
from gongkai.catalog.models import Area
from gongkai.catalog.services import catalog_adopt, catalog_item_create
from gongkai.documents.services import document_create, document_publish

ELEMENTS = {
    "content": "部门收支总表、部门预算说明",
    "basis": "《中华人民共和国预算法》第十四条",
    "body_text": "县级财政部门",
    "channels": [Channel.WEBSITE, Channel.READING_POINT],
    "audience": "public",
    "method": "proactive",
}


@pytest.fixture
def area(db):
    return Area.objects.get(name="财政预决算")


@pytest.fixture
def reference(unit_tree, area):
    """县政府办's reference of 财政预决算: 政策文件 (20 working days, county and township) and
    部门预决算 → 部门预算 (yearly), 预算执行 (quarterly, county only)."""
    office = unit_tree["office"]
    items = {}
    items["policy"] = catalog_item_create(
        actor=None,
        unit=office,
        reference=True,
        area=area,
        name="政策文件",
        time_limit="信息形成或者变更之日起20个工作日内",
        rule=TimeRule(RuleKind.WORKDAYS, 20),
        levels=["county", "township"],
        **{**ELEMENTS, "content": "财政预决算相关政策文件"},
    )
    items["group"] = catalog_item_create(
        actor=None, unit=office, reference=True, area=area, name="部门预决算"
    )
    items["budget"] = catalog_item_create(
        actor=None,
        unit=office,
        reference=True,
        parent=items["group"],
        name="部门预算",
        time_limit="每年公开",
        rule=TimeRule(RuleKind.YEARLY),
        levels=["county", "township"],
        **ELEMENTS,
    )
    items["execution"] = catalog_item_create(
        actor=None,
        unit=office,
        reference=True,
        parent=items["group"],
        name="预算执行",
        time_limit="每季度公开",
        rule=TimeRule(RuleKind.QUARTERLY),
        levels=["county"],
        **{**ELEMENTS, "content": "预算执行情况"},
    )
    return items


@pytest.fixture
def adopted(unit_tree, area, reference):
    catalog_adopt(
        actor=None,
        unit=unit_tree["county"],
        area=area,
        source=unit_tree["office"],
        adopted_on=date(2025, 3, 3),
    )
    return {
        item.name: item for item in unit_tree["county"].catalog_items.filter(is_reference=False)
    }


@pytest.fixture
def publish(unit_tree):
    def make(
        unit=None, *, title="示范文件", written_on=date(2025, 3, 3), published_on=None, **fields
    ):
        document = document_create(
            actor=None,
            unit=unit or unit_tree["county"],
            title=title,
            written_on=written_on,
            disclosure="proactive",
            **fields,
        )
        return document_publish(actor=None, document=document, published_on=published_on)

    return make
