"""A unit's catalog, powers list and functions directory, for the isolation walk
(``gongkai/core/tests/test_security_isolation.py``)."""

from __future__ import annotations

from django.utils import timezone

from gongkai.catalog.domain.elements import Channel
from gongkai.catalog.domain.powers import PowerData, PowerKind
from gongkai.catalog.domain.rules import RuleKind, TimeRule
from gongkai.catalog.models import Area
from gongkai.catalog.services import (
    catalog_entry_create,
    catalog_item_create,
    powers_version_create,
    unit_profile_save,
)


def make_records(*, unit, marker: str, actor) -> None:
    area = Area.objects.order_by("pk").first()
    group = catalog_item_create(actor=None, unit=unit, area=area, name=f"{marker}一级事项")
    item = catalog_item_create(
        actor=None,
        unit=unit,
        parent=group,
        name=f"{marker}二级事项",
        time_limit="每年公开",
        rule=TimeRule(RuleKind.YEARLY),
        content=f"{marker}公开内容",
        basis=f"{marker}公开依据",
        body_text=unit.name,
        channels=[Channel.WEBSITE],
        audience="public",
        method="proactive",
    )
    catalog_entry_create(
        actor=None,
        item=item,
        kind="text",
        title=f"{marker}公开信息",
        text=f"{marker}正文",
        published_on=timezone.localdate(),
    )
    powers_version_create(
        actor=None,
        unit=unit,
        powers=[PowerData(kind=PowerKind.PENALTY, name=f"{marker}处罚", basis=marker)],
        note=f"{marker}调整说明",
    )
    unit_profile_save(
        actor=None,
        unit=unit,
        functions=f"{marker}职能",
        leadership=f"{marker}领导",
        listed=False,
        divisions=[(f"{marker}股", f"{marker}职责")],
    )
