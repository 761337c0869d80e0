"""Demo catalog: the county office's reference catalogs of three areas (财政预决算, 社会救助,
涉农补贴), adopted and adjusted by the county, two townships and a village; published content
filed under the items (the demo documents and dated entries), with gaps for the supervising
office to find; the powers lists of two departments (the finance bureau's in two versions);
and the functions directory of the county and a township.

Entries are dated relative to the day the demo is loaded, so a fresh demo shows a catalog that
is mostly kept, with the gaps written into it on purpose: 临时救助 missed its last quarter and
农机购置补贴 has never published anything.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from gongkai.core.demo import COUNTY, OFFICE, DemoContext
from gongkai.core.models import Unit
from gongkai.documents.selectors import public_documents

from .domain.elements import Channel
from .domain.pilot_areas import PILOT_AREAS
from .domain.powers import PowerData, PowerKind
from .domain.rules import RuleKind, TimeRule, parse_time_rule, period_start, previous_period
from .models import Area, CatalogItem
from .services import (
    area_save,
    catalog_adopt,
    catalog_entry_create,
    catalog_entry_file_document,
    catalog_item_create,
    catalog_item_drop,
    catalog_item_update,
    power_save,
    powers_version_create,
    unit_profile_save,
)

ORDER = 50

FINANCE = "013901002"
CIVIL = "013901003"
CHENGGUAN = "013901101"
HEXI = "013901102"
HONGQI = "013901202"
ADOPTED_ON = date(2025, 3, 1)

REGULATIONS = "《中华人民共和国政府信息公开条例》（国令第711号）"
BUDGET_LAW = "《中华人民共和国预算法》第十四条；《地方预决算公开操作规程》（财预〔2016〕143号）"
ASSISTANCE_LAW = "《社会救助暂行办法》（国务院令第649号）；《甘肃省最低生活保障条例》"
WEB = [Channel.WEBSITE, Channel.READING_POINT]
WEB_BOARD = [Channel.WEBSITE, Channel.NOTICE_BOARD, Channel.READING_POINT]
IN_20 = "信息形成或者变更之日起20个工作日内"
C, T, V = "county", "township", "village"

# area → [(一级事项, 二级事项 or "", content, basis, time limit, body, channels, audience,
#          levels)]; an 一级事项 with 二级事项 is a heading without elements.
REFERENCE = {
    "财政预决算": [
        (
            "政策文件",
            "",
            "财政预决算管理相关法律法规、规章和规范性文件",
            REGULATIONS,
            IN_20,
            "县级财政部门",
            WEB,
            "public",
            [C, T],
        ),
        (
            "政府预决算",
            "政府预算",
            "一般公共预算、政府性基金预算、国有资本经营预算、社会保险基金预算收支情况，转移支付、政府债务情况及预算说明",
            BUDGET_LAW,
            "本级人民代表大会批准后20日内，每年公开",
            "县级财政部门",
            [Channel.WEBSITE, Channel.GAZETTE, Channel.READING_POINT],
            "public",
            [C, T],
        ),
        (
            "政府预决算",
            "政府决算",
            "一般公共预算、政府性基金预算、国有资本经营预算、社会保险基金预算决算情况及决算说明",
            BUDGET_LAW,
            "本级人民代表大会常务委员会批准后20日内，每年公开",
            "县级财政部门",
            [Channel.WEBSITE, Channel.GAZETTE, Channel.READING_POINT],
            "public",
            [C, T],
        ),
        (
            "部门预决算",
            "部门预算",
            "部门收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、“三公”经费支出表及部门预算说明",
            BUDGET_LAW,
            "财政部门批复后20日内，每年公开",
            "各预算部门",
            WEB,
            "public",
            [C, T],
        ),
        (
            "部门预决算",
            "部门决算",
            "部门收支决算总表、财政拨款收支决算总表、一般公共预算财政拨款支出决算表及决算说明",
            BUDGET_LAW,
            "财政部门批复后20日内，每年公开",
            "各预算部门",
            WEB,
            "public",
            [C, T],
        ),
        (
            "部门预决算",
            "“三公”经费预决算",
            "因公出国（境）费、公务用车购置及运行费、公务接待费的预决算及增减变化原因",
            BUDGET_LAW,
            "随部门预决算每年公开",
            "各预算部门",
            WEB,
            "public",
            [C, T],
        ),
    ],
    "社会救助": [
        (
            "政策文件",
            "",
            "社会救助相关法律法规、规章和规范性文件",
            ASSISTANCE_LAW,
            IN_20,
            "县级民政部门",
            WEB,
            "public",
            [C, T],
        ),
        (
            "最低生活保障",
            "办事指南",
            "申请条件、申请材料、办理流程、办理时限、咨询电话",
            ASSISTANCE_LAW,
            IN_20,
            "县级民政部门、乡镇人民政府",
            WEB_BOARD,
            "public",
            [C, T],
        ),
        (
            "最低生活保障",
            "救助标准",
            "城乡居民最低生活保障标准及调整情况",
            ASSISTANCE_LAW,
            IN_20,
            "县级民政部门",
            WEB,
            "public",
            [C, T],
        ),
        (
            "最低生活保障",
            "审核确认结果",
            "低保对象姓名（隐去身份证号等个人信息）、家庭保障人口、月保障金额",
            ASSISTANCE_LAW,
            "每季度公开",
            "县级民政部门、乡镇人民政府",
            WEB_BOARD,
            "public",
            [C, T, V],
        ),
        (
            "最低生活保障",
            "资金发放情况",
            "低保资金发放总额、发放户数和人数",
            ASSISTANCE_LAW,
            "每月公开",
            "县级民政部门",
            WEB,
            "public",
            [C],
        ),
        (
            "特困人员救助供养",
            "审核确认结果",
            "特困人员姓名、供养方式、供养标准",
            ASSISTANCE_LAW,
            "每季度公开",
            "县级民政部门、乡镇人民政府",
            WEB_BOARD,
            "public",
            [C, T, V],
        ),
        (
            "临时救助",
            "救助对象及金额",
            "临时救助对象姓名、救助事由、救助金额",
            ASSISTANCE_LAW,
            "每季度公开",
            "县级民政部门、乡镇人民政府",
            WEB_BOARD,
            "public",
            [C, T],
        ),
        (
            "投诉举报",
            "",
            "社会救助监督电话、投诉举报渠道及处理结果",
            ASSISTANCE_LAW,
            "长期公开，及时更新",
            "县级民政部门",
            WEB,
            "public",
            [C, T],
        ),
    ],
    "涉农补贴": [
        (
            "政策文件",
            "",
            "中央及地方政府下发涉农补贴相关文件",
            REGULATIONS,
            IN_20,
            "县级农业农村、财政部门",
            WEB,
            "public",
            [C, T],
        ),
        (
            "耕地地力保护补贴",
            "补贴政策",
            "补贴对象、补贴标准、申报程序",
            REGULATIONS,
            IN_20,
            "县级农业农村部门",
            WEB_BOARD,
            "public",
            [C, T],
        ),
        (
            "耕地地力保护补贴",
            "补贴发放结果",
            "补贴对象、补贴面积、补贴金额（隐去身份证号、银行账号）",
            REGULATIONS,
            "每年发放后公开",
            "乡镇人民政府",
            WEB_BOARD,
            "public",
            [C, T, V],
        ),
        (
            "农机购置补贴",
            "",
            "补贴机具种类范围、补贴额一览表、补贴资金使用情况",
            REGULATIONS,
            IN_20,
            "县级农业农村部门",
            WEB,
            "public",
            [C],
        ),
        (
            "补贴资金管理",
            "",
            "涉农补贴资金分配、下达和使用情况",
            REGULATIONS,
            "每季度公开",
            "县级财政部门",
            WEB,
            "public",
            [C, T],
        ),
    ],
}

# (unit, area, item full name, document title) — public demo documents filed under items.
FILED = (
    (COUNTY, "财政预决算", "部门预决算/部门预算", "示范县财政局关于公开2025年县级部门预算的通知"),
    (COUNTY, "财政预决算", "部门预决算/部门决算", "示范县财政局关于公开2024年县级部门决算的通知"),
    (COUNTY, "财政预决算", "政策文件", "示范县财政局关于印发《示范县财政专项资金管理办法》的通知"),
    (
        COUNTY,
        "社会救助",
        "政策文件",
        "示范县人民政府关于印发《示范县城乡居民最低生活保障实施办法》的通知",
    ),
    (
        COUNTY,
        "社会救助",
        "最低生活保障/救助标准",
        "示范县民政局关于调整城乡低保标准和特困人员救助供养标准的通知",
    ),
    (
        CHENGGUAN,
        "涉农补贴",
        "耕地地力保护补贴/补贴发放结果",
        "城关镇人民政府关于公布2025年耕地地力保护补贴发放情况的公告",
    ),
)


def _recent(today: date, month: int, day: int) -> date:
    """The latest date with this month and day that is not after today."""
    this_year = date(today.year, month, day)
    return this_year if this_year <= today else date(today.year - 1, month, day)


def _quarters_back(today: date, count: int) -> list[date]:
    """The first day of each of the last ``count`` complete quarters, newest first."""
    starts = []
    day = today
    for _ in range(count):
        start, _end = previous_period(RuleKind.QUARTERLY, day)
        starts.append(start)
        day = start
    return starts


def _months_back(today: date, count: int) -> list[date]:
    starts = []
    day = today
    for _ in range(count):
        start, _end = previous_period(RuleKind.MONTHLY, day)
        starts.append(start)
        day = start
    return starts


_QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")


def _quarter(start: date) -> str:
    return f"{start.year}年{_QUARTER_NAMES[(start.month - 1) // 3]}"


def _reference(office: Unit, areas: dict[str, Area]) -> None:
    for area_name, rows in REFERENCE.items():
        headings: dict[str, CatalogItem] = {}
        for level1, level2, content, basis, limit, body, channels, audience, levels in rows:
            fields = {
                "content": content,
                "basis": basis,
                "time_limit": limit,
                "rule": parse_time_rule(limit),
                "body_text": body,
                "channels": channels,
                "audience": audience,
                "method": "proactive",
                "levels": levels,
            }
            if not level2:
                catalog_item_create(
                    actor=None,
                    unit=office,
                    reference=True,
                    area=areas[area_name],
                    name=level1,
                    **fields,
                )
                continue
            if level1 not in headings:
                headings[level1] = catalog_item_create(
                    actor=None, unit=office, reference=True, area=areas[area_name], name=level1
                )
            catalog_item_create(
                actor=None,
                unit=office,
                reference=True,
                parent=headings[level1],
                name=level2,
                **fields,
            )


def _item(unit: Unit, area: str, full_name: str) -> CatalogItem:
    parent, _, name = full_name.rpartition("/")
    items = CatalogItem.objects.filter(unit=unit, is_reference=False, area__name=area, name=name)
    items = items.filter(parent__name=parent) if parent else items.filter(parent__isnull=True)
    return items.get()


def _entry(
    item: CatalogItem, title: str, text: str, published_on: date, today: date, **extra
) -> None:
    if published_on <= today:
        catalog_entry_create(
            actor=None,
            item=item,
            kind="text",
            title=title,
            text=text,
            published_on=published_on,
            **extra,
        )


def _county(units: dict[str, Unit], areas: dict[str, Area], office: Unit, today: date) -> None:
    county, finance, civil = units[COUNTY], units[FINANCE], units[CIVIL]
    for name in ("财政预决算", "社会救助", "涉农补贴"):
        catalog_adopt(
            actor=None, unit=county, area=areas[name], source=office, adopted_on=ADOPTED_ON
        )
    # 调整: the bodies become the departments that publish; one item dropped, one added.
    for item in CatalogItem.objects.filter(
        unit=county, area__name="财政预决算", parent__name="政府预决算"
    ):
        catalog_item_update(actor=None, item=item, body_unit=finance, body_text=finance.name)
    catalog_item_update(
        actor=None,
        item=_item(county, "财政预决算", "政策文件"),
        body_unit=finance,
        body_text=finance.name,
    )
    for item in CatalogItem.objects.filter(unit=county, area__name="社会救助").exclude(
        rule_kind=""
    ):
        if item.name != "投诉举报":
            catalog_item_update(actor=None, item=item, body_unit=civil, body_text=civil.name)
    catalog_item_drop(
        actor=None,
        item=_item(county, "社会救助", "投诉举报"),
        reason="社会救助监督电话和投诉渠道已在县政府门户网站“政民互动”栏目统一公开，不再单列。",
    )
    catalog_item_create(
        actor=None,
        unit=county,
        area=areas["涉农补贴"],
        name="村级公益事业建设一事一议财政奖补",
        content="奖补项目名称、建设内容、奖补资金、实施村",
        basis=REGULATIONS,
        time_limit=IN_20,
        rule=TimeRule(RuleKind.WORKDAYS, 20),
        body_unit=finance,
        body_text=finance.name,
        channels=WEB_BOARD,
        audience="public",
        method="proactive",
        adopted_on=date(2025, 5, 6),
    )

    for unit_code, area, full_name, title in FILED:
        document = public_documents().filter(title=title).first()
        if document is not None and unit_code == COUNTY:
            catalog_entry_file_document(
                actor=None, item=_item(county, area, full_name), document=document
            )

    budget_day = _recent(today, 2, 10)
    _entry(
        _item(county, "财政预决算", "政府预决算/政府预算"),
        f"示范县{budget_day.year}年一般公共预算和政府性基金预算",
        f"经示范县第十八届人民代表大会第{budget_day.year - 2020}次会议批准，现公开{budget_day.year}年本级预算及说明："
        "一般公共预算收入、支出，政府性基金预算收支，国有资本经营预算，社会保险基金预算及政府债务情况。",
        budget_day,
        today,
    )
    final_day = _recent(today, 9, 5)
    _entry(
        _item(county, "财政预决算", "政府预决算/政府决算"),
        f"示范县{final_day.year - 1}年财政决算",
        f"经县人大常委会批准，现公开{final_day.year - 1}年本级财政决算及说明。",
        final_day,
        today,
    )
    _entry(
        _item(county, "财政预决算", "部门预决算/“三公”经费预决算"),
        f"示范县{budget_day.year}年县级部门“三公”经费预算",
        "县级各部门因公出国（境）费、公务用车购置及运行费、公务接待费预算汇总情况。",
        budget_day + timedelta(days=14),
        today,
    )

    civil_policy = _item(county, "社会救助", "最低生活保障/办事指南")
    _entry(
        civil_policy,
        "城乡居民最低生活保障办事指南",
        "申请条件：家庭人均收入低于当地低保标准，且家庭财产状况符合规定。\n"
        "申请材料：申请书、户口簿、家庭收入和财产状况声明。\n"
        "办理流程：申请→乡镇受理→入户调查→民主评议→公示→县民政局审核确认。\n"
        "咨询电话：0930-7712301。",
        date(2025, 3, 18),
        today,
        formed_on=date(2025, 3, 10),
    )
    for start in _quarters_back(today, 4):
        published = start + timedelta(days=(3 * 31) + 10)
        _entry(
            _item(county, "社会救助", "最低生活保障/审核确认结果"),
            f"示范县{_quarter(start)}城乡低保对象审核确认结果公示",
            f"{_quarter(start)}新增城市低保对象12户25人、农村低保对象48户131人，停保9户。名单已隐去身份证号等个人信息。",
            min(published, today),
            today,
        )
    for start in _months_back(today, 6):
        published = start + timedelta(days=40)
        _entry(
            _item(county, "社会救助", "最低生活保障/资金发放情况"),
            f"示范县{start.year}年{start.month}月城乡低保资金发放情况",
            f"{start.year}年{start.month}月共发放城乡低保资金386.4万元，保障对象5216户11873人。",
            min(published, today),
            today,
        )
    for start in _quarters_back(today, 3):
        _entry(
            _item(county, "社会救助", "特困人员救助供养/审核确认结果"),
            f"示范县{_quarter(start)}特困人员审核确认结果",
            f"{_quarter(start)}特困人员集中供养86人、分散供养412人。",
            min(start + timedelta(days=100), today),
            today,
        )
    # The gap on purpose: 临时救助 last published two quarters ago.
    old = _quarters_back(today, 2)[-1]
    _entry(
        _item(county, "社会救助", "临时救助/救助对象及金额"),
        f"示范县{_quarter(old)}临时救助情况",
        f"{_quarter(old)}共实施临时救助318人次，发放救助金54.6万元。",
        min(old + timedelta(days=60), today),
        today,
    )

    _entry(
        _item(county, "涉农补贴", "政策文件"),
        "甘肃省农业农村厅 甘肃省财政厅关于做好耕地地力保护补贴工作的通知（转发）",
        "转发省级耕地地力保护补贴政策文件，明确补贴对象为拥有耕地承包权的种地农民。",
        date(2025, 4, 2),
        today,
        formed_on=date(2025, 3, 28),
    )
    _entry(
        _item(county, "涉农补贴", "耕地地力保护补贴/补贴政策"),
        "示范县耕地地力保护补贴实施方案",
        "补贴标准：每亩105.6元；申报程序：农户申报→村级核实公示→乡镇审核→县级复核→“一卡通”发放。",
        date(2025, 4, 28),
        today,
        formed_on=date(2025, 4, 20),
    )
    for start in _quarters_back(today, 4):
        _entry(
            _item(county, "涉农补贴", "补贴资金管理"),
            f"示范县{_quarter(start)}涉农补贴资金分配下达情况",
            f"{_quarter(start)}下达耕地地力保护、农机购置等涉农补贴资金共计2150万元。",
            min(period_start(RuleKind.QUARTERLY, start) + timedelta(days=100), today),
            today,
        )


def _townships(units: dict[str, Unit], areas: dict[str, Area], office: Unit, today: date) -> None:
    chengguan, hexi = units[CHENGGUAN], units[HEXI]
    catalog_adopt(
        actor=None, unit=chengguan, area=areas["涉农补贴"], source=office, adopted_on=ADOPTED_ON
    )
    for unit_code, area, full_name, title in FILED:
        if unit_code != CHENGGUAN:
            continue
        document = public_documents().filter(unit=chengguan, title=title).first()
        if document is not None:
            catalog_entry_file_document(
                actor=None, item=_item(chengguan, area, full_name), document=document
            )
    for name in ("社会救助", "涉农补贴"):
        catalog_adopt(actor=None, unit=hexi, area=areas[name], source=office, adopted_on=ADOPTED_ON)
    for start in _quarters_back(today, 4):
        _entry(
            _item(hexi, "社会救助", "最低生活保障/审核确认结果"),
            f"河西乡{_quarter(start)}低保对象公示",
            f"{_quarter(start)}全乡农村低保对象326户893人，新增7户，停保3户。",
            min(start + timedelta(days=98), today),
            today,
        )
    _entry(
        _item(hexi, "社会救助", "最低生活保障/办事指南"),
        "河西乡城乡低保申请办事指南",
        "申请人向户籍所在地乡政府社会事务办公室提出申请；乡政府在10个工作日内完成入户调查，"
        "经村民代表评议、公示后报县民政局审核确认。咨询电话：0930-7714101。",
        date(2025, 3, 20),
        today,
        formed_on=date(2025, 3, 12),
    )
    _entry(
        _item(hexi, "涉农补贴", "耕地地力保护补贴/补贴发放结果"),
        f"河西乡{_recent(today, 7, 15).year}年耕地地力保护补贴发放结果",
        "全乡发放耕地地力保护补贴186.3万元，涉及农户2317户、面积17642亩。",
        _recent(today, 7, 15),
        today,
    )


def _village(units: dict[str, Unit], today: date) -> None:
    village, hexi = units[HONGQI], units[HEXI]
    relief = _item(hexi, "社会救助", "最低生活保障/审核确认结果")
    subsidy = _item(hexi, "涉农补贴", "耕地地力保护补贴/补贴发放结果")
    common = {
        "basis": "《中华人民共和国村民委员会组织法》第三十条",
        "body_unit": village,
        "body_text": village.name,
        "channels": [Channel.NOTICE_BOARD, Channel.NEW_MEDIA],
        "audience": "public",
        "method": "proactive",
        "adopted_on": ADOPTED_ON,
    }
    items = {
        "finance": catalog_item_create(
            actor=None,
            unit=village,
            village_topic="finance",
            name="村级财务收支",
            content="村集体经济收入、支出明细，债权债务，集体资产资源",
            time_limit="每月公开一次",
            rule=TimeRule(RuleKind.MONTHLY),
            **common,
        ),
        "revitalisation": catalog_item_create(
            actor=None,
            unit=village,
            village_topic="revitalisation",
            name="乡村振兴项目",
            content="项目名称、建设内容、资金来源和金额、实施进度、验收结果",
            time_limit="每季度公开",
            rule=TimeRule(RuleKind.QUARTERLY),
            **common,
        ),
        "benefits": catalog_item_create(
            actor=None,
            unit=village,
            village_topic="benefits",
            name="惠农补贴发放",
            content="耕地地力保护补贴等惠农补贴的发放对象、面积和金额",
            time_limit="每年发放后公开",
            rule=TimeRule(RuleKind.YEARLY),
            township_item=subsidy,
            **common,
        ),
        "elderly": catalog_item_create(
            actor=None,
            unit=village,
            village_topic="elderly",
            name="高龄津贴发放",
            content="80周岁以上老年人高龄津贴发放名单和标准",
            time_limit="每季度公开",
            rule=TimeRule(RuleKind.QUARTERLY),
            **common,
        ),
        "assistance": catalog_item_create(
            actor=None,
            unit=village,
            village_topic="assistance",
            name="低保对象公示",
            content="低保对象户主姓名、保障人口、保障金额（隐去身份证号）",
            time_limit="每季度公开",
            rule=TimeRule(RuleKind.QUARTERLY),
            township_item=relief,
            **common,
        ),
    }
    for start in _months_back(today, 4):
        _entry(
            items["finance"],
            f"红旗村{start.year}年{start.month}月财务收支公开",
            "本月村集体收入3.2万元（土地流转1.8万元、光伏收益1.4万元），支出2.1万元（保洁员工资、道路维修）。",
            min(start + timedelta(days=36), today),
            today,
        )
    for start in _quarters_back(today, 2):
        _entry(
            items["revitalisation"],
            f"红旗村{_quarter(start)}乡村振兴项目进展",
            "村内道路硬化2.3公里已完工，产业路建设完成70%。",
            min(start + timedelta(days=95), today),
            today,
        )
        _entry(
            items["assistance"],
            f"红旗村{_quarter(start)}低保对象公示",
            "本季度低保对象41户118人，无新增。",
            min(start + timedelta(days=96), today),
            today,
        )
        _entry(
            items["elderly"],
            f"红旗村{_quarter(start)}高龄津贴发放名单",
            "80周岁以上老人27人，每人每月100元，已足额发放。",
            min(start + timedelta(days=97), today),
            today,
        )
    _entry(
        items["benefits"],
        f"红旗村{_recent(today, 7, 10).year}年耕地地力保护补贴发放公示",
        "全村212户、耕地1653亩，补贴17.46万元，已通过“一卡通”发放到户。",
        _recent(today, 7, 10),
        today,
    )


POWERS = {
    FINANCE: [
        PowerData(
            PowerKind.PENALTY,
            "对违反《中华人民共和国会计法》行为的处罚",
            code="330210001000",
            basis="《中华人民共和国会计法》第四十二条至第四十五条",
            duties="1.立案责任；2.调查责任；3.审查责任；4.告知责任；5.决定责任；6.送达责任；7.执行责任",
            accountability="因不履行或不正确履行行政职责，有下列情形的，行政机关及其工作人员应当依法承担责任：没有法律和事实依据实施行政处罚的；违反法定程序实施行政处罚的……",
        ),
        PowerData(
            PowerKind.PENALTY,
            "对违反《政府采购法》行为的处罚",
            code="330210002000",
            basis="《中华人民共和国政府采购法》第七十一条至第七十七条",
            duties="立案、调查、审查、告知、决定、送达、执行",
            accountability="违法实施处罚或者应当处罚而未处罚的，依法追究责任",
        ),
        PowerData(
            PowerKind.INSPECTION,
            "对会计信息质量的监督检查",
            code="330610001000",
            basis="《中华人民共和国会计法》第三十二条",
            duties="制定检查计划、实施检查、出具检查结论、督促整改",
            accountability="检查中滥用职权、玩忽职守、徇私舞弊的，依法追究责任",
        ),
        PowerData(
            PowerKind.INSPECTION,
            "对政府采购活动的监督检查",
            code="330610002000",
            basis="《中华人民共和国政府采购法》第五十九条",
            duties="检查政府采购法律法规执行情况、采购范围、方式和程序",
            accountability="未依法履行监督检查职责的，依法追究责任",
        ),
        PowerData(
            PowerKind.CONFIRMATION,
            "行政事业单位国有资产产权登记",
            basis="《行政事业性国有资产管理条例》第四十条",
            duties="受理、审核、登记、发证",
            accountability="对符合条件的不予登记或对不符合条件的予以登记的，依法追究责任",
        ),
        PowerData(
            PowerKind.PUBLIC_SERVICE,
            "政府采购供应商投诉处理",
            basis="《政府采购质疑和投诉办法》（财政部令第94号）",
            duties="受理投诉、调查取证、作出处理决定",
            accountability="未在规定期限内作出处理决定的，依法追究责任",
        ),
    ],
    CIVIL: [
        PowerData(
            PowerKind.BENEFIT,
            "最低生活保障金给付",
            basis="《社会救助暂行办法》第九条至第十五条",
            duties="受理、审核确认、资金发放、动态管理",
            accountability="对符合条件的申请不予受理、审核确认，或者对不符合条件的给予救助的，依法追究责任",
        ),
        PowerData(
            PowerKind.BENEFIT,
            "特困人员救助供养",
            basis="《社会救助暂行办法》第十四条至第二十一条",
            duties="受理、审核确认、供养安排、资金发放",
            accountability="未按规定给予救助供养的，依法追究责任",
        ),
        PowerData(
            PowerKind.BENEFIT,
            "临时救助金给付",
            basis="《社会救助暂行办法》第四十七条至第五十条",
            duties="受理、审批、资金发放",
            accountability="对急难情形未及时给予救助的，依法追究责任",
        ),
        PowerData(
            PowerKind.LICENSING,
            "社会团体成立、变更、注销登记",
            basis="《社会团体登记管理条例》第三条",
            duties="受理、审查、决定、送达",
            accountability="对符合条件的申请不予登记的，依法追究责任",
        ),
        PowerData(
            PowerKind.CONFIRMATION,
            "婚姻登记",
            basis="《婚姻登记条例》第二条",
            duties="受理、审查、登记、发证",
            accountability="为不符合条件的当事人办理婚姻登记的，依法追究责任",
        ),
    ],
}

PROFILES = {
    COUNTY: (
        "执行本级人民代表大会及其常务委员会的决议，以及上级国家行政机关的决定和命令，规定行政措施，发布决定和命令。\n"
        "领导所属各工作部门和下级人民政府的工作。\n"
        "编制和执行国民经济和社会发展计划、预算，管理本行政区域内的经济、教育、科学、文化、卫生、民政、公安、司法行政等行政工作。",
        "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》第七十三条",
        "王某某 县长 主持县政府全面工作\n李某某 常务副县长 负责财政、发展改革、审计等方面工作",
        [],
    ),
    OFFICE: (
        "负责县政府会议的组织和议定事项的督促落实。\n负责县政府公文处理和政务信息工作。\n负责全县政务公开、政府信息公开和政府网站的统筹协调和监督指导。",
        "《示范县人民政府办公室职能配置、内设机构和人员编制规定》",
        "张某某 主任 主持县政府办公室全面工作",
        [
            ("秘书股", "负责县政府文稿起草、会议组织和公文处理。"),
            (
                "政务公开股",
                "负责全县政务公开、政府信息公开和政府网站管理，承担依申请公开的统筹协调。",
            ),
            ("督查股", "负责县政府重要工作部署和领导批示的督促检查。"),
        ],
    ),
    FINANCE: (
        "拟订全县财政发展规划和政策措施并组织实施。\n编制年度县级预决算草案并组织执行，负责县级预决算公开的组织工作。\n负责政府采购、国有资产、会计管理等工作。",
        "《示范县财政局职能配置、内设机构和人员编制规定》",
        "赵某某 局长 主持县财政局全面工作",
        [
            ("预算股", "编制县级年度预决算草案，组织预决算公开。"),
            ("国库股", "负责国库集中收付和财政资金调度。"),
            ("政府采购股", "负责政府采购监督管理和供应商投诉处理。"),
            ("农业农村股", "负责涉农资金的分配、下达和监督管理。"),
        ],
    ),
    CIVIL: (
        "拟订全县民政事业发展规划和政策并组织实施。\n负责城乡低保、特困人员救助供养、临时救助等社会救助工作。\n负责养老服务、婚姻登记、社会组织登记管理等工作。",
        "《示范县民政局职能配置、内设机构和人员编制规定》",
        "孙某某 局长 主持县民政局全面工作",
        [
            ("社会救助股", "负责城乡低保、特困供养、临时救助的审核确认和资金发放。"),
            ("养老服务股", "负责养老机构管理和高龄津贴发放。"),
            ("社会事务股", "负责婚姻登记、殡葬管理、社会组织登记。"),
        ],
    ),
    CHENGGUAN: (
        "贯彻执行上级党委、政府的决定，落实本镇经济社会发展规划。\n组织实施乡村振兴、社会救助、惠农补贴发放等工作。\n指导村（居）民委员会开展村（居）务公开。",
        "《示范县城关镇机构职能编制规定》",
        "周某某 镇长 主持镇政府全面工作",
        [
            ("党政综合办公室", "负责文秘、政务公开、信息、档案和后勤保障。"),
            ("经济发展办公室", "负责农业农村、产业发展和惠农补贴发放。"),
            ("社会事务办公室", "负责社会救助、养老服务、民政优抚等工作。"),
            ("综合行政执法队", "负责镇域内的综合行政执法。"),
        ],
    ),
}


def _powers_and_profiles(units: dict[str, Unit]) -> None:
    for code, powers in POWERS.items():
        powers_version_create(
            actor=None,
            unit=units[code],
            powers=powers,
            note="根据2025年县级政府部门权责清单调整结果公布",
            effective_on=date(2025, 4, 1),
        )
    # A second version: the finance bureau takes over debt management.
    power_save(
        actor=None,
        unit=units[FINANCE],
        data=PowerData(
            PowerKind.OTHER,
            "政府债务限额管理和风险监测",
            basis="《中华人民共和国预算法》第三十五条；《地方政府债务信息公开办法》",
            duties="编制债务限额分配方案、监测债务风险、公开债务信息",
            accountability="未按规定公开政府债务信息或监测风险不力的，依法追究责任",
        ),
        note="增加政府债务管理职责（县委编办批复）",
    )
    for code, (functions, basis, leadership, divisions) in PROFILES.items():
        unit_profile_save(
            actor=None,
            unit=units[code],
            functions=functions,
            legal_basis=basis,
            leadership=leadership,
            divisions=divisions,
        )


def load(context: DemoContext) -> None:
    office = Unit.objects.filter(code=OFFICE).first()
    if office is None or CatalogItem.objects.filter(unit=office, is_reference=True).exists():
        return
    codes = [COUNTY, OFFICE, FINANCE, CIVIL, CHENGGUAN, HEXI, HONGQI]
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    if len(units) != len(codes):
        return
    areas = {a.name: a for a in Area.objects.all()}
    # A database emptied by a flush (the browser tests) has lost the migration's areas.
    taken = {a.number for a in areas.values()}
    for number, (name, aliases, guide) in enumerate(PILOT_AREAS, start=1):
        if name not in areas:
            free = number if number not in taken else max(taken) + 1
            areas[name] = area_save(
                actor=None, number=free, name=name, aliases=aliases, guide=guide
            )
            taken.add(free)
    today = timezone.localdate()
    _reference(office, areas)
    _county(units, areas, office, today)
    _townships(units, areas, office, today)
    _village(units, today)
    _powers_and_profiles(units)
    context.created_anything = True
