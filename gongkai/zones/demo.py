"""Demo zones: the county's zone in its government service centre (三点 complete, inspected twice,
a finding fixed) and 城关镇's zone in its convenience centre (no 电子查阅点 yet, an open finding).
Dates are counted back from today, so the schedule and the reminders read true whenever the
demo is loaded."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gongkai.core.demo import COUNTY, DemoContext
from gongkai.core.models import Unit

from .domain.checklist import CHECKLIST, ItemResult
from .models import Zone
from .services import ZoneFacts, finding_fix, inspection_record, zone_create

ORDER = 80

TOWN = "013901101"

COUNTY_ZONE = ZoneFacts(
    name="示范县政务服务中心政务公开专区",
    place_kind="service_center",
    place="示范县政务服务中心一楼大厅东侧",
    address="示范县人民路9号",
    opening_hours="工作日 上午8:30—12:00，下午14:30—18:00（法定节假日除外）",
    has_electronic=True,
    has_materials=True,
    has_consultation=True,
    phone="0930-7712345",
    equipment="电子查阅机2台（触摸屏，可检索打印）、打印复印一体机1台、资料架2组、政府公报赠阅架1个",
    contact_name="县政府办公室政务公开股",
)

TOWN_ZONE = ZoneFacts(
    name="城关镇便民服务中心政务公开专区",
    place_kind="convenience_center",
    place="城关镇便民服务中心一楼",
    address="示范县城关镇北街8号",
    opening_hours="工作日 8:30—12:00，14:30—18:00",
    has_electronic=False,
    has_materials=True,
    has_consultation=True,
    phone="0930-7713101",
    equipment="资料架1组、咨询台1张",
    contact_name="城关镇党政综合办公室",
)


def _results(**failed: str) -> list[ItemResult]:
    return [ItemResult(i.code, i.code not in failed, failed.get(i.code, "")) for i in CHECKLIST]


def load(context: DemoContext) -> None:
    units = {u.code: u for u in Unit.objects.filter(code__in=[COUNTY, TOWN])}
    if len(units) < 2 or Zone.objects.filter(name=COUNTY_ZONE.name).exists():
        return
    today = timezone.localdate()

    county = zone_create(actor=None, unit=units[COUNTY], facts=COUNTY_ZONE)
    first = inspection_record(
        actor=None,
        zone=county,
        inspected_on=today - timedelta(days=200),
        inspectors="县政府办公室 周主管、黄主任",
        summary="专区功能基本完备，资料查阅点的标识牌尚未按统一样式制作。",
        results=_results(signage="资料查阅点标识牌为临时打印纸张，未按统一样式制作。"),
    )
    finding_fix(
        actor=None,
        finding=first.items.get(item="signage"),
        fixed_on=today - timedelta(days=190),
        fix_note="已按全县统一样式制作并安装亚克力标识牌3块。",
    )
    inspection_record(
        actor=None,
        zone=county,
        inspected_on=today - timedelta(days=40),
        inspectors="县政府办公室 周主管",
        summary="“三点”齐全，设备运行正常，资料已更新至本月。",
        results=_results(),
    )

    town = zone_create(actor=None, unit=units[TOWN], facts=TOWN_ZONE)
    inspection_record(
        actor=None,
        zone=town,
        inspected_on=today - timedelta(days=20),
        inspectors="县政府办公室 周主管",
        summary="专区设有资料查阅点和公开申请咨询点，尚未设电子查阅点。",
        results=_results(
            layout="未设电子查阅点，群众无法在专区检索、打印政府信息。",
            equipment="未配备电子查阅设备和打印复印设备。",
        ),
    )
    context.created_anything = True
