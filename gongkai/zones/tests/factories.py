"""Zone facts and inspection results for the tests and the isolation records."""

from __future__ import annotations

from dataclasses import replace

from gongkai.zones.domain.checklist import CHECKLIST, ItemResult
from gongkai.zones.services import ZoneFacts

FACTS = ZoneFacts(
    name="县政务服务中心政务公开专区",
    place_kind="service_center",
    place="县政务服务中心一楼大厅",
    address="示范县人民路1号",
    opening_hours="工作日 8:30—12:00，14:30—18:00",
    has_electronic=True,
    has_materials=True,
    has_consultation=True,
    phone="0930-7712345",
    equipment="电子查阅机2台、打印复印一体机1台",
    contact_name="政务公开股",
)


def facts(**changes) -> ZoneFacts:
    return replace(FACTS, **changes)


def results(*failed: str, note: str = "标识牌缺失") -> list[ItemResult]:
    return [
        ItemResult(item.code, item.code not in failed, note if item.code in failed else "")
        for item in CHECKLIST
    ]


def png(size: tuple[int, int] = (40, 30)) -> bytes:
    """A real PNG picture (Wagtail reads its dimensions)."""
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()
