"""Demo annual reports: two years of request history (2024–2025) in the demo county's departments
and townships, then the county's 本级政府 reports for 2024 and 2025 (published, so the portal's
年报 column shows them with charts comparing the years) and some units' 2025 reports in every
state the supervising office's overview knows.

The requests go through the request services on past dates, so their deadlines, fee notices and
late replies are real; the appeals are written to the model as the request demo does. The cases
sit in the units below the county (not the county government itself), so the request demo, which
fills the county government with this year's cases, is never in their way. Idempotent: nothing
is added once the county's 2025 report exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.core.demo import COUNTY, OFFICE, DemoContext
from gongkai.core.models import Unit
from gongkai.requests import services as rs
from gongkai.requests.appeals import AppealFacts, appeal_record
from gongkai.requests.domain.outcomes import Outcome
from gongkai.requests.models import DisclosureRequest
from gongkai.search.index import sync_object

from . import services
from .domain.figures import Figures
from .models import AnnualReport

ORDER = 70  # after the request demo (45), which fills the county government itself

FINANCE, CIVIL_AFFAIRS, CHENGGUAN, HEXI = "013901002", "013901003", "013901101", "013901102"


@dataclass(frozen=True)
class Applicant:
    applicant_type: str
    name: str
    contact_person: str = ""

    def application(self, description: str, number: int) -> rs.Application:
        return rs.Application(
            applicant_type=self.applicant_type,
            applicant_name=self.name,
            contact_person=self.contact_person,
            phone=f"1390930{number:04d}",
            address="甘肃省示范县城关镇",
            description=description,
            form_wanted="electronic",
            delivery_method="email",
        )


APPLICANTS = {
    "np1": Applicant("natural_person", "马某某"),
    "np2": Applicant("natural_person", "杨某某"),
    "np3": Applicant("natural_person", "李某某"),
    "np4": Applicant("natural_person", "王某某"),
    "biz": Applicant("commercial", "示范县丰源商贸有限公司", "张经理"),
    "biz2": Applicant("commercial", "示范县宏达建筑工程有限公司", "刘经理"),
    "res": Applicant("research", "示范学院公共管理学院", "赵老师"),
    "npo": Applicant("public_interest", "示范县助学公益服务中心", "孙主任"),
    "law": Applicant("legal_services", "甘肃示范律师事务所", "陈律师"),
    "org": Applicant("other_org", "城关镇东街社区股份经济合作社", "周社长"),
}

# unit, applicant, what was asked, received on, outcome, days from receipt to the end, how:
#   ""        handled and replied
#   "late"    replied after the reply deadline
#   "fee"     a fee notice, paid, then replied (the fee line of section 六)
#   "unpaid"  a fee notice left unpaid: 视为放弃申请
#   "lapsed"  a correction asked for and never made: 视为放弃申请
#   "withdraw" withdrawn by the applicant
D = date
CASES: tuple[tuple[str, str, str, date, Outcome, int, str], ...] = (
    (CIVIL_AFFAIRS, "np1", "2023年城乡低保资金发放名册", D(2023, 12, 18), Outcome.GRANTED, 22, ""),
    # 2024
    (FINANCE, "np2", "2024年县级部门预算公开目录", D(2024, 2, 26), Outcome.GRANTED, 9, ""),
    (FINANCE, "biz", "2023年政府采购意向公开清单", D(2024, 3, 11), Outcome.GRANTED, 12, ""),
    (CIVIL_AFFAIRS, "np3", "临时救助审批程序及标准", D(2024, 3, 25), Outcome.GRANTED, 7, ""),
    (CHENGGUAN, "np4", "北街棚户区改造征收补偿方案", D(2024, 4, 8), Outcome.PARTLY_GRANTED, 19, ""),
    (
        HEXI,
        "org",
        "红旗村土地流转合同备案情况",
        D(2024, 4, 22),
        Outcome.REFUSED_THIRD_PARTY,
        26,
        "",
    ),
    (OFFICE, "np1", "县政府常务会议讨论记录", D(2024, 5, 13), Outcome.REFUSED_PROCESS_INFO, 10, ""),
    (
        FINANCE,
        "res",
        "2015—2023年乡镇财政收支分析",
        D(2024, 6, 3),
        Outcome.UNABLE_NEEDS_CREATION,
        14,
        "",
    ),
    (
        CIVIL_AFFAIRS,
        "np2",
        "2009年民政局机构改革文件",
        D(2024, 6, 17),
        Outcome.UNABLE_NOT_HELD,
        8,
        "",
    ),
    (
        CHENGGUAN,
        "np3",
        "要求解决邻里宅基地纠纷",
        D(2024, 7, 8),
        Outcome.NOT_PROCESSED_PETITION,
        6,
        "",
    ),
    (OFFICE, "law", "2024年行政复议案件办理情况", D(2024, 8, 5), Outcome.GRANTED, 45, "late"),
    (FINANCE, "biz2", "县城道路改造项目预算评审报告", D(2024, 9, 2), Outcome.GRANTED, 30, "fee"),
    (HEXI, "np4", "关于某事项的材料", D(2024, 9, 23), Outcome.OTHER_NO_CORRECTION, 30, "lapsed"),
    (
        CIVIL_AFFAIRS,
        "npo",
        "2024年困难学生救助名单",
        D(2024, 10, 14),
        Outcome.PARTLY_GRANTED,
        16,
        "",
    ),
    (
        CHENGGUAN,
        "np1",
        "东街社区老旧小区改造方案",
        D(2024, 11, 4),
        Outcome.OTHER_OTHER,
        5,
        "withdraw",
    ),
    (OFFICE, "np2", "2024年县政府信息公开工作要点", D(2024, 12, 16), Outcome.GRANTED, 24, ""),
    (FINANCE, "biz", "2024年政府采购项目验收报告", D(2024, 12, 30), Outcome.GRANTED, 18, ""),
    # 2025
    (FINANCE, "np3", "2025年县级一般公共预算", D(2025, 2, 17), Outcome.GRANTED, 6, ""),
    (CIVIL_AFFAIRS, "np4", "2025年城乡低保标准调整通知", D(2025, 3, 3), Outcome.GRANTED, 4, ""),
    (CIVIL_AFFAIRS, "law", "养老机构综合监管检查结果", D(2025, 3, 17), Outcome.GRANTED, 11, ""),
    (OFFICE, "res", "县政府2024年重点工作督查通报", D(2025, 3, 31), Outcome.GRANTED, 13, ""),
    (CHENGGUAN, "biz2", "北街片区控制性详细规划", D(2025, 4, 14), Outcome.PARTLY_GRANTED, 20, ""),
    (HEXI, "np1", "红旗村村道硬化项目资金拨付", D(2025, 4, 28), Outcome.GRANTED, 9, ""),
    (FINANCE, "biz", "某企业财政补贴申报材料", D(2025, 5, 12), Outcome.REFUSED_THIRD_PARTY, 27, ""),
    (
        OFFICE,
        "np2",
        "县政府办公室内部考勤制度",
        D(2025, 5, 26),
        Outcome.REFUSED_INTERNAL_AFFAIRS,
        8,
        "",
    ),
    (
        CIVIL_AFFAIRS,
        "np3",
        "某社会组织行政处罚案卷",
        D(2025, 6, 9),
        Outcome.REFUSED_ENFORCEMENT_FILE,
        15,
        "",
    ),
    (CHENGGUAN, "np4", "本人不动产登记资料", D(2025, 6, 23), Outcome.REFUSED_QUERY_MATTER, 5, ""),
    (HEXI, "org", "2012年乡政府撤并文件", D(2025, 7, 7), Outcome.UNABLE_NOT_HELD, 10, ""),
    (FINANCE, "np1", "2025年县级一般公共预算", D(2025, 7, 21), Outcome.NOT_PROCESSED_REPEAT, 7, ""),
    (
        OFFICE,
        "np3",
        "2024年《示范县人民政府公报》全年各期",
        D(2025, 8, 4),
        Outcome.NOT_PROCESSED_PUBLICATION,
        6,
        "",
    ),
    (
        CIVIL_AFFAIRS,
        "npo",
        "2025年困难学生救助资金发放情况",
        D(2025, 8, 18),
        Outcome.GRANTED,
        42,
        "late",
    ),
    (
        FINANCE,
        "law",
        "2020—2025年全县财政专项资金分配文件（约300页）",
        D(2025, 9, 1),
        Outcome.GRANTED,
        35,
        "fee",
    ),
    (
        CHENGGUAN,
        "biz",
        "北街商铺租赁合同全文（约500页）",
        D(2025, 9, 15),
        Outcome.OTHER_FEE_UNPAID,
        40,
        "unpaid",
    ),
    (HEXI, "np2", "有关补偿的材料", D(2025, 9, 29), Outcome.OTHER_NO_CORRECTION, 30, "lapsed"),
    (
        OFFICE,
        "np4",
        "要求确认某文件是否合法有效",
        D(2025, 10, 20),
        Outcome.NOT_PROCESSED_CONFIRMATION,
        8,
        "",
    ),
    (
        CIVIL_AFFAIRS,
        "np1",
        "2025年第三季度低保动态调整名单",
        D(2025, 11, 3),
        Outcome.PARTLY_GRANTED,
        14,
        "",
    ),
    (FINANCE, "res", "2025年政府债务限额及余额情况", D(2025, 11, 17), Outcome.GRANTED, 10, ""),
    (
        CHENGGUAN,
        "np3",
        "东街社区停车位规划方案",
        D(2025, 12, 1),
        Outcome.OTHER_OTHER,
        4,
        "withdraw",
    ),
    # open at the end of 2025, answered in January 2026
    (
        OFFICE,
        "np2",
        "2025年县政府信息公开工作年度考核结果",
        D(2025, 12, 15),
        Outcome.GRANTED,
        24,
        "",
    ),
    (
        CIVIL_AFFAIRS,
        "org",
        "2025年社区服务设施建设补助名单",
        D(2025, 12, 22),
        Outcome.GRANTED,
        21,
        "",
    ),
    (HEXI, "law", "红旗村集体土地征收批复", D(2025, 12, 29), Outcome.GRANTED, 16, ""),
)

# (case index, kind, filed on, result, decided on): one case a year decided, one pending at the
# end of 2025, one filed in 2024 and decided in 2025.
APPEALS = (
    (5, "review", D(2024, 6, 10), "upheld", D(2024, 8, 20)),
    (13, "review", D(2024, 12, 2), "corrected", D(2025, 2, 25)),
    (23, "review", D(2025, 7, 1), "upheld", D(2025, 9, 10)),
    (25, "lawsuit_direct", D(2025, 11, 20), "pending", None),
)

# Table 二 figures the units enter (行政许可, 行政处罚, 行政强制, 收费 in 万元), by unit and year.
FIGURES = {
    (COUNTY, 2024): Figures(126, 14, 2, Decimal("35.6")),
    (COUNTY, 2025): Figures(148, 11, 3, Decimal("41.25")),
    (FINANCE, 2025): Figures(0, 3, 0, Decimal("12.8")),
    (CHENGGUAN, 2025): Figures(36, 9, 1, Decimal("0")),
}

OVERVIEW_TEXT = (
    "（四）政府信息管理。严格执行公文公开属性源头认定和发布前保密审查制度，"
    "开展行政规范性文件清理，对不再适用的文件及时废止并向社会公布。\n"
    "（五）平台建设。完善县政府门户网站政府信息公开平台，统一设置政府信息公开指南、制度、"
    "法定主动公开内容、年报和依申请公开栏目，实现依申请公开网上受理、进度查询；"
    "将政务公开工作纳入年度目标责任考核，组织业务培训2次。"
)
PROBLEMS_TEXT = (
    "改进措施：建立依申请公开办理时限预警机制，到期前5个工作日提醒承办人；"
    "对超期答复的案件逐件分析原因，纳入年度考核。"
)


def _case(handler, number: int, spec) -> DisclosureRequest:
    code, who, text, received, outcome, days, how = spec
    unit = Unit.objects.get(code=code)
    request = rs.request_register(
        actor=handler,
        unit=unit,
        application=APPLICANTS[who].application(text, number),
        channel="in_person",
        submitted_on=received,
        handler=handler,
    ).request
    end = received + timedelta(days=days)
    if how == "withdraw":
        return rs.request_withdraw(
            actor=handler, request=request, reason="申请人书面撤回申请。", on=end
        )
    if how == "lapsed":
        rs.request_ask_correction(
            actor=handler,
            request=request,
            items="请写明所需材料的名称、涉及的项目或地块。",
            until=received + timedelta(days=15),
            on=received + timedelta(days=3),
        )
        return rs.request_abandon(actor=handler, request=request, on=end, note="逾期未补正。")
    rs.request_start_handling(actor=handler, request=request, on=received + timedelta(days=1))
    if how in ("fee", "unpaid"):
        rs.request_issue_fee_notice(
            actor=handler,
            request=request,
            method="volume",
            pages=300 if how == "fee" else 500,
            on=received + timedelta(days=3),
        )
        if how == "unpaid":
            return rs.request_abandon(
                actor=handler, request=request, on=end, note="逾期未缴纳信息处理费。"
            )
        rs.request_record_payment(
            actor=handler,
            request=request,
            on=received + timedelta(days=10),
            receipt_no=f"SF{received:%Y%m%d}",
        )
    return rs.request_reply(
        actor=handler,
        request=request,
        outcome=outcome,
        reply_text="经审查，现答复如下。",
        withheld_content="涉及个人身份信息的内容" if outcome is Outcome.PARTLY_GRANTED else "",
        withheld_reason="涉及个人隐私，依据条例第十五条不予公开。"
        if outcome is Outcome.PARTLY_GRANTED
        else "",
        on=end,
    )


def _report(code: str, year: int, *, publish: bool, published_on: date | None = None):
    unit = Unit.objects.get(code=code)
    report = services.report_create(actor=None, unit=unit, year=year)
    if figures := FIGURES.get((code, year)):
        report = services.report_set_figures(actor=None, report=report, figures=figures)
    if code == COUNTY:
        report = services.report_update_text(
            actor=None,
            report=report,
            overview=f"{report.overview}\n{OVERVIEW_TEXT}",
            problems=f"{report.problems}\n{PROBLEMS_TEXT}",
            other_matters=report.other_matters,
        )
    if publish:
        report = services.report_publish(actor=None, report=report)
        # The story the demo tells: published on the day given, within the Art. 49 deadline.
        day = timezone.make_aware(datetime.combine(published_on, time(10)))
        AnnualReport.objects.filter(pk=report.pk).update(published_at=day)
        report.published_at = day
        sync_object(report)  # the search index shows the publication date
    return report


def load(context: DemoContext) -> None:
    county = Unit.objects.filter(code=COUNTY).first()
    handler = get_user_model().objects.filter(username="handler").first()
    if county is None or handler is None:
        return
    if AnnualReport.objects.filter(unit=county, year=2025).exists():
        return
    if not DisclosureRequest.objects.filter(unit__code=FINANCE, received_on__year=2024).exists():
        requests = [_case(handler, number, spec) for number, spec in enumerate(CASES, start=1)]
        for index, kind, filed, result, decided in APPEALS:
            appeal_record(
                actor=handler,
                request=requests[index],
                kind=kind,
                facts=AppealFacts(
                    authority="示范市人民政府" if kind == "review" else "示范县人民法院",
                    filed_on=filed,
                    result=result,
                    decided_on=decided,
                ),
            )
    # The units' reports first: the county's 本级政府 report adds up their table 二 figures.
    _report(FINANCE, 2025, publish=True, published_on=D(2026, 1, 22))
    _report(CHENGGUAN, 2025, publish=True, published_on=D(2026, 2, 9))
    _report(CIVIL_AFFAIRS, 2025, publish=False)
    _report(COUNTY, 2024, publish=True, published_on=D(2025, 3, 20))
    _report(COUNTY, 2025, publish=True, published_on=D(2026, 3, 18))
    context.created_anything = True
