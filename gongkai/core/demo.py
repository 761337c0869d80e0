"""Demo data of the core: a county with its departments, townships, villages and one user per
role. Other apps add their own records in their ``demo.py`` (run in ``ORDER``)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from .domain.roles import ROLE_LABELS, Role
from .models import Unit
from .services import role_grant, unit_create, unit_update

ORDER = 10

COUNTY = "013901000"
OFFICE = "013901001"
# code, name, short name, kind, parent code
UNITS = (
    (COUNTY, "示范县人民政府", "示范县政府", "government", ""),
    (OFFICE, "示范县人民政府办公室", "县政府办", "department", COUNTY),
    ("013901002", "示范县财政局", "县财政局", "department", COUNTY),
    ("013901003", "示范县民政局", "县民政局", "department", COUNTY),
    ("013901101", "示范县城关镇人民政府", "城关镇", "township", COUNTY),
    ("013901102", "示范县河西乡人民政府", "河西乡", "township", COUNTY),
    ("013901201", "城关镇东街社区居民委员会", "东街社区", "village", "013901101"),
    ("013901202", "河西乡红旗村村民委员会", "红旗村", "village", "013901102"),
)

FACTS = {
    COUNTY: {
        "disclosure_office": "示范县人民政府办公室政务公开股",
        "address": "示范县人民路1号",
        "postcode": "731700",
        "office_hours": "工作日 上午8:30—12:00，下午14:30—18:00（法定节假日除外）",
        "phone": "0930-7712345",
        "fax": "0930-7712346",
        "web_contact": "zwgk@sfx.gov.cn",
        "disclosure_rules": "示范县人民政府政府信息公开工作制度\n"
        "一、政府信息公开实行主要负责人负总责、分管负责人具体抓、政务公开股承办的工作机制。\n"
        "二、政府信息公开前须经拟稿单位审核、保密审查和分管领导签发，做到先审后发。\n"
        "三、依申请公开按照受理、登记、办理、答复、送达、归档的流程办理，严格遵守法定期限。",
    },
    "013901002": {
        "address": "示范县人民路15号",
        "phone": "0930-7712201",
        "office_hours": "工作日 8:30—12:00，14:30—18:00",
    },
    "013901003": {
        "address": "示范县人民路21号",
        "phone": "0930-7712301",
        "office_hours": "工作日 8:30—12:00，14:30—18:00",
    },
    "013901101": {
        "address": "示范县城关镇北街8号",
        "phone": "0930-7713101",
        "office_hours": "工作日 8:30—12:00，14:30—18:00",
    },
    "013901102": {
        "address": "示范县河西乡政府街3号",
        "phone": "0930-7714101",
        "office_hours": "工作日 8:30—12:00，14:30—18:00",
    },
}

# username, full name, role, unit code: one user per role at the county, plus a township
# editor who shows how scoping works.
USERS = (
    ("editor", "李录入", Role.EDITOR, COUNTY),
    ("reviewer", "王审核", Role.REVIEWER, COUNTY),
    ("secrecy", "赵保密", Role.CONFIDENTIALITY_REVIEWER, COUNTY),
    ("leader", "陈签发", Role.LEADER, COUNTY),
    ("handler", "刘办理", Role.REQUEST_HANDLER, COUNTY),
    ("officehead", "黄主任", Role.DISCLOSURE_OFFICE_HEAD, COUNTY),
    ("supervisor", "周主管", Role.SUPERVISING_STAFF, COUNTY),
    ("auditor", "孙审计", Role.AUDITOR, COUNTY),
    ("unitadmin", "吴管理", Role.ADMINISTRATOR, COUNTY),
    ("chengguan", "郑城关", Role.EDITOR, "013901101"),
)


@dataclass
class DemoContext:
    """Shared by the demo steps; ``logins`` are printed once at the end."""

    logins: list[tuple[str, str, str]] = field(default_factory=list)
    created_anything: bool = False


def load(context: DemoContext) -> None:
    units = {u.code: u for u in Unit.objects.filter(code__in=[c for c, *_ in UNITS])}
    for code, name, short_name, kind, parent_code in UNITS:
        if code in units:
            continue
        units[code] = unit_create(
            actor=None,
            parent=units.get(parent_code),
            code=code,
            name=name,
            short_name=short_name,
            kind=kind,
            **FACTS.get(code, {}),
        )
        context.created_anything = True
    county = units[COUNTY]
    if county.supervising_office_id is None:
        unit_update(actor=None, unit=county, supervising_office=units[OFFICE])

    User = get_user_model()
    if not User.objects.filter(username="admin").exists():
        password = secrets.token_urlsafe(9)
        User.objects.create_superuser(
            "admin", "admin@example.invalid", password, first_name="平台管理员"
        )
        context.logins.append(("admin", password, "平台管理员（全部权限）"))
    for username, full_name, role, unit_code in USERS:
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(username, password=password, first_name=full_name)
        role_grant(actor=None, user=user, unit=units[unit_code], role=role)
        context.logins.append(
            (username, password, f"{ROLE_LABELS[role]} · {units[unit_code].name}")
        )
