"""Demo requests: about forty cases of the demo county and two of its units, in every state and
with every outcome of the annual report's table 三, made through the services on past working
days so that their deadlines, pauses and histories are the real thing. Idempotent: a database
that already holds them is left alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.calendar.selectors import current_calendar
from gongkai.core.demo import COUNTY, DemoContext
from gongkai.core.models import Unit

from . import services as s
from .appeals import AppealFacts, appeal_record
from .domain.outcomes import Outcome
from .models import DisclosureRequest

ORDER = 45
FIRST_ONLINE_KEY = "demo-online-0"
FINANCE = "013901002"
TOWNSHIP = "013901101"

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id_number(body17: str) -> str:
    """A resident ID with a correct check digit (the demo's people are invented)."""
    total = sum(int(d) * w for d, w in zip(body17, _ID_WEIGHTS, strict=True))
    return body17 + "10X98765432"[total % 11]


@dataclass(frozen=True)
class Person:
    name: str
    applicant_type: str = "natural_person"
    id_type: str = "resident_id"
    id_body: str = ""
    contact_person: str = ""

    def application(self, description: str, **extra: str) -> s.Application:
        id_number = _id_number(self.id_body) if self.id_type == "resident_id" else self.id_body
        return s.Application(
            applicant_type=self.applicant_type,
            applicant_name=self.name,
            id_type=self.id_type,
            id_number=id_number,
            contact_person=self.contact_person,
            phone="139" + self.id_body[-8:],
            address="甘肃省示范县人民路" + str(len(self.name) * 7) + "号",
            description=description,
            form_wanted=extra.get("form_wanted", "electronic"),
            delivery_method=extra.get("delivery_method", "email"),
            email="demo@example.invalid",
            doc_number=extra.get("doc_number", ""),
        )


PEOPLE = (
    Person("马建国", id_body="62012319750312461"),
    Person("张秀兰", id_body="62012319820708302"),
    Person("李明", id_body="62012319900115171"),
    Person("王芳", id_body="62012319881120262"),
    Person("陈伟", id_body="62012319790503351"),
    Person(
        "示范县恒通建筑工程有限公司",
        applicant_type="commercial",
        id_type="credit_code",
        id_body="91620123MA72XK3L0N",
        contact_person="赵经理",
    ),
    Person(
        "甘肃明正律师事务所",
        applicant_type="legal_services",
        id_type="other",
        id_body="31620000X1234567",
        contact_person="孙律师",
    ),
    Person(
        "兰州大学县域治理研究中心",
        applicant_type="research",
        id_type="other",
        id_body="12620000438000123",
        contact_person="刘老师",
    ),
    Person(
        "示范县助学志愿者协会",
        applicant_type="public_interest",
        id_type="other",
        id_body="51620123MJ0000128",
        contact_person="何会长",
    ),
    Person(
        "示范县城关社区居民委员会",
        applicant_type="other_org",
        id_type="other",
        id_body="55620123C00001234",
        contact_person="周主任",
    ),
)

# (outcome, what was asked, reply text where the outcome needs the handler's reasons)
REPLIED: tuple[tuple[Outcome, str, str], ...] = (
    (Outcome.GRANTED, "2026年城乡居民最低生活保障标准调整的通知", ""),
    (Outcome.PARTLY_GRANTED, "县城老旧小区改造项目招标文件及评标结果", ""),
    (Outcome.REFUSED_STATE_SECRET, "县人民武装部年度征兵工作方案", "该信息已依法确定为国家秘密。"),
    (Outcome.REFUSED_LAW_PROHIBITS, "某案件侦查卷宗", "法律、行政法规禁止公开。"),
    (Outcome.REFUSED_THREE_SAFETY, "县城供水水源地安全防护设施布局图", "公开后可能危及公共安全。"),
    (
        Outcome.REFUSED_THIRD_PARTY,
        "某企业向县市场监管局提交的财务报表",
        "涉及商业秘密，第三方不同意公开。",
    ),
    (
        Outcome.REFUSED_INTERNAL_AFFAIRS,
        "县政府办公室内部考勤管理办法",
        "属于行政机关内部事务信息。",
    ),
    (Outcome.REFUSED_PROCESS_INFO, "县政府常务会议讨论记录", "属于讨论记录等过程性信息。"),
    (Outcome.REFUSED_ENFORCEMENT_FILE, "县市场监管局行政处罚案卷", "属于行政执法案卷信息。"),
    (
        Outcome.REFUSED_QUERY_MATTER,
        "本人的不动产登记资料",
        "属于有关法律规定的可以查询的事项，请依照规定办理。",
    ),
    (Outcome.UNABLE_NOT_HELD, "2009年县城规划局撤并文件", "经检索，本机关未制作或获取该政府信息。"),
    (
        Outcome.UNABLE_NEEDS_CREATION,
        "近十年全县各乡镇财政收支对比分析",
        "需要对现有信息进行加工、分析。",
    ),
    (Outcome.UNABLE_UNCLEAR_AFTER_CORRECTION, "关于某事项的文件", "经补正后申请内容仍不明确。"),
    (
        Outcome.NOT_PROCESSED_PETITION,
        "要求解决拆迁补偿问题",
        "申请人以政府信息公开申请的形式进行信访。",
    ),
    (
        Outcome.NOT_PROCESSED_REPEAT,
        "2026年城乡居民最低生活保障标准调整的通知",
        "本机关已就相同信息作出答复。",
    ),
    (
        Outcome.NOT_PROCESSED_PUBLICATION,
        "2025年《示范县人民政府公报》全年各期",
        "属于公开出版物，可通过县图书馆查阅。",
    ),
    (
        Outcome.NOT_PROCESSED_EXCESSIVE,
        "全县近二十年全部会议纪要",
        "申请数量、频次明显超过合理范围，理由不合理。",
    ),
    (
        Outcome.NOT_PROCESSED_CONFIRMATION,
        "要求确认某文件是否合法有效",
        "申请内容为要求确认或重新出具已获取的信息。",
    ),
    (Outcome.OTHER_OTHER, "县城区停车场收费标准", "申请人在办理中撤回了申请。"),
)


def _workdays_before(day: date, n: int) -> date:
    calendar = current_calendar()
    counted = 0
    while counted < n:
        day = date.fromordinal(day.toordinal() - 1)
        counted += calendar.is_workday(day)
    return day


class _Demo:
    def __init__(self, unit: Unit, handler, head) -> None:
        self.unit, self.handler, self.head = unit, handler, head
        self.today = timezone.localdate()
        self.count = 0

    def person(self) -> Person:
        self.count += 1
        return PEOPLE[self.count % len(PEOPLE)]

    def received(
        self, description: str, ago: int, channel: str = "in_person", **extra
    ) -> DisclosureRequest:
        day = _workdays_before(self.today, ago)
        dates = {"signed_on": day} if channel == "mail" else {}
        if channel in {"letter", "fax"}:
            dates = {"confirmed_on": day}
        return s.request_register(
            actor=self.handler,
            unit=self.unit,
            application=self.person().application(description, **extra),
            channel=channel,
            submitted_on=day,
            handler=self.handler,
            **dates,
        ).request

    def day(self, ago: int) -> date:
        return _workdays_before(self.today, ago)


def load(context: DemoContext) -> None:
    county = Unit.objects.filter(code=COUNTY).first()
    User = get_user_model()
    handler = User.objects.filter(username="handler").first()
    head = User.objects.filter(username="officehead").first()
    if county is None or handler is None or head is None:
        return
    if DisclosureRequest.objects.filter(submission_key=FIRST_ONLINE_KEY).exists():
        return  # loaded before
    demo = _Demo(county, handler, head)
    _open_cases(demo)
    replied = _replied_cases(demo)
    _appeals(demo, replied)
    _repeat_of(demo, replied[Outcome.GRANTED])
    for code in (FINANCE, TOWNSHIP):
        unit = Unit.objects.filter(code=code).first()
        if unit is not None:
            other = _Demo(unit, handler, head)
            other.received("本单位2026年部门预算及“三公”经费说明", 3)
            other.received("本单位2025年政府采购项目合同", 12)
    context.created_anything = True


def _open_cases(demo: _Demo) -> None:
    for i, text in enumerate(
        (
            "县城区2026年集中供热价格调整文件",
            "示范县2026年义务教育学校招生划片方案",
            "河西乡村道硬化项目资金拨付情况",
        )
    ):
        s.request_submit_online(
            unit=demo.unit,
            application=demo.person().application(text),
            submission_key=f"{FIRST_ONLINE_KEY[:-1]}{i}",
        )
    demo.received("县自然资源局2025年建设用地审批目录", 2, channel="mail")
    demo.received("城区公交线路调整方案", 1, channel="fax")

    soon = demo.received("2026年高标准农田建设项目实施方案", 17)
    s.request_start_handling(actor=demo.handler, request=soon, on=demo.day(16))
    overdue = demo.received("县人民医院新院区建设项目可行性研究报告批复", 24, channel="letter")
    s.request_start_handling(actor=demo.handler, request=overdue, on=demo.day(23))

    waiting = demo.received("关于某项目的文件", 5)
    s.request_ask_correction(
        actor=demo.handler,
        request=waiting,
        items="请写明所需文件的名称、文号或项目名称及年份。",
        until=_future(demo, 10),
        on=demo.day(4),
    )
    lapsed = demo.received("有关补偿的材料", 20)
    s.request_ask_correction(
        actor=demo.handler,
        request=lapsed,
        items="请说明所指补偿事项及涉及的地块或项目。",
        until=demo.day(3),
        on=demo.day(18),
    )

    third = demo.received("某公司参与县城绿化工程投标的资质材料", 10)
    s.request_consult(
        actor=demo.handler,
        request=third,
        third_party=True,
        party="示范县绿源园林工程有限公司",
        on=demo.day(6),
    )
    organ = demo.received("县住建局与县自然资源局联合印发的棚户区改造实施细则", 8)
    s.request_consult(
        actor=demo.handler,
        request=organ,
        third_party=False,
        party="示范县自然资源局",
        on=demo.day(5),
    )
    fee = demo.received("2016年以来全县各类工程项目审批文件（共约260页）", 9, form_wanted="paper")
    s.request_issue_fee_notice(
        actor=demo.handler, request=fee, method="volume", pages=260, on=demo.day(4)
    )

    extended = demo.received("全县2021—2025年农村低保对象动态调整情况", 19)
    s.request_extend(
        actor=demo.head,
        request=extended,
        reason="涉及全县16个乡镇的数据，需逐一调取核对。",
        on=demo.day(1),
    )


def _future(demo: _Demo, workdays: int) -> date:
    return current_calendar().add_workdays(demo.today, workdays)


def _replied_cases(demo: _Demo) -> dict[Outcome, DisclosureRequest]:
    replied: dict[Outcome, DisclosureRequest] = {}
    for index, (outcome, text, reason) in enumerate(REPLIED):
        ago = 30 + index * 9
        request = demo.received(text, ago, channel=("in_person", "mail", "letter")[index % 3])
        if outcome is Outcome.OTHER_OTHER:
            s.request_withdraw(
                actor=demo.handler, request=request, reason=reason, on=demo.day(ago - 3)
            )
            replied[outcome] = request
            continue
        s.request_start_handling(actor=demo.handler, request=request, on=demo.day(ago - 1))
        request = s.request_reply(
            actor=demo.handler,
            request=request,
            outcome=outcome,
            reply_text=reason or "现将该信息以电子邮件方式提供给您，请查收。",
            withheld_content="评标专家个人信息" if outcome is Outcome.PARTLY_GRANTED else "",
            withheld_reason="涉及个人隐私，依据条例第十五条不予公开。"
            if outcome is Outcome.PARTLY_GRANTED
            else "",
            on=demo.day(ago - 12),
        )
        if index % 2 == 0:
            s.request_deliver(
                actor=demo.handler, request=request, method="email", on=demo.day(ago - 13)
            )
            if index % 4 == 0:
                s.request_archive(actor=demo.handler, request=request, on=demo.day(ago - 15))
        replied[outcome] = request

    gave_up = demo.received("关于某村的材料", 40)
    s.request_ask_correction(
        actor=demo.handler,
        request=gave_up,
        items="请写明村名和所需材料。",
        until=demo.day(30),
        on=demo.day(38),
    )
    s.request_abandon(
        actor=demo.handler, request=gave_up, on=demo.day(28), note="申请人逾期未补正。"
    )
    unpaid = demo.received("全县历年招商引资协议全文（约500页）", 60, form_wanted="paper")
    s.request_issue_fee_notice(
        actor=demo.handler, request=unpaid, method="volume", pages=500, on=demo.day(55)
    )
    s.request_abandon(
        actor=demo.handler, request=unpaid, on=demo.day(30), note="逾期未缴纳信息处理费。"
    )
    return replied


def _repeat_of(demo: _Demo, answered: DisclosureRequest) -> None:
    """The same person asks again for what they were given: the page suggests 不予重复处理."""
    fields = s.Application(
        **{
            name: getattr(answered, name)
            for name in s.Application.__dataclass_fields__
            if name != "attachments"
        }
    )
    s.request_register(
        actor=demo.handler,
        unit=demo.unit,
        application=fields,
        channel="in_person",
        submitted_on=demo.day(2),
        handler=demo.handler,
    )


def _appeals(demo: _Demo, replied: dict[Outcome, DisclosureRequest]) -> None:
    refused = replied[Outcome.REFUSED_THIRD_PARTY]
    appeal_record(
        actor=demo.handler,
        request=refused,
        kind="review",
        facts=AppealFacts(
            authority="示范市人民政府",
            case_number="示政复〔2026〕12号",
            filed_on=refused.closed_on,
            result="upheld",
            decided_on=min(current_calendar().add_workdays(refused.closed_on, 40), demo.today),
        ),
    )
    not_held = replied[Outcome.UNABLE_NOT_HELD]
    appeal_record(
        actor=demo.handler,
        request=not_held,
        kind="review",
        facts=AppealFacts(authority="示范市人民政府", filed_on=not_held.closed_on),
    )
    partly = replied[Outcome.PARTLY_GRANTED]
    appeal_record(
        actor=demo.handler,
        request=partly,
        kind="lawsuit_direct",
        facts=AppealFacts(
            authority="示范县人民法院",
            case_number="（2026）甘0123行初5号",
            filed_on=partly.closed_on,
        ),
    )
