"""Demo: the county's 2025 assessment scheme (about 20 indicators over its departments and
townships), scores entered by the office, a problem list and two objections. The computed
indicators read the other modules' demo records, so this step runs last."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

from django.utils import timezone

from gongkai.core.demo import COUNTY, DemoContext
from gongkai.core.models import Unit

from .domain.scoring import Rule, RuleKind
from .models import Scheme
from .services import (
    heading_add,
    item_add,
    objection_decide,
    objection_file,
    problem_close,
    problem_create,
    problem_reopen,
    scheme_create,
    score_enter,
)

ORDER = 90
YEAR = 2025
BOTH = ("department", "township")

# heading → [(key or "", label, rule, groups, guidance)]
SCHEME = (
    (
        "主动公开",
        [
            (
                "documents.timely_publication",
                "",
                Rule(RuleKind.LINEAR, D(12), full_at=D("0.95")),
                BOTH,
                "",
            ),
            ("documents.interpretation_sync", "", Rule(RuleKind.LINEAR, D(8)), BOTH, ""),
            ("catalog.gaps", "", Rule(RuleKind.DEDUCT, D(8), per_item=D(1)), BOTH, ""),
            ("reports.annual_report_on_time", "", Rule(RuleKind.FLAG, D(5)), BOTH, ""),
        ],
    ),
    (
        "依申请公开",
        [
            (
                "requests.on_time_reply",
                "",
                Rule(RuleKind.LINEAR, D(10), full_at=D(1), zero_at=D("0.6")),
                BOTH,
                "",
            ),
            (
                "requests.appeals_corrected",
                "",
                Rule(RuleKind.DEDUCT, D(6), per_item=D(2)),
                BOTH,
                "",
            ),
        ],
    ),
    (
        "互动回应",
        [
            (
                "messages.on_time_reply",
                "",
                Rule(RuleKind.LINEAR, D(8), full_at=D("0.95")),
                BOTH,
                "",
            ),
            (
                "messages.three_months_unanswered",
                "",
                Rule(RuleKind.DEDUCT, D(6), per_item=D(3)),
                BOTH,
                "",
            ),
            ("participation.feedback_rate", "", Rule(RuleKind.LINEAR, D(5)), BOTH, ""),
        ],
    ),
    (
        "任务落实与整改",
        [
            ("ledger.tasks_on_time", "", Rule(RuleKind.LINEAR, D(6)), BOTH, ""),
            (
                "assessment.problems_overdue",
                "",
                Rule(RuleKind.DEDUCT, D(6), per_item=D(2)),
                BOTH,
                "",
            ),
        ],
    ),
    (
        "工作保障",
        [
            (
                "",
                "领导重视",
                Rule(RuleKind.ENTERED, D(4)),
                BOTH,
                "主要负责人年内至少1次主持研究政务公开工作，查会议纪要。",
            ),
            (
                "",
                "机构人员落实",
                Rule(RuleKind.ENTERED, D(3)),
                BOTH,
                "明确政务公开工作机构和专门工作人员，查任命文件。",
            ),
            (
                "",
                "组织政务公开培训",
                Rule(RuleKind.ENTERED, D(3)),
                BOTH,
                "年内组织或参加培训不少于1次，查通知和签到表。",
            ),
            (
                "",
                "报送政务公开信息",
                Rule(RuleKind.ENTERED, D(3)),
                BOTH,
                "按要求报送工作信息、经验做法，查报送记录。",
            ),
            (
                "",
                "政府开放日活动",
                Rule(RuleKind.ENTERED, D(2)),
                BOTH,
                "年内举办政府开放日或公众参与活动，查活动记录。",
            ),
            (
                "",
                "政务新媒体管理",
                Rule(RuleKind.ENTERED, D(2)),
                BOTH,
                "政务新媒体备案、更新和互动情况。",
            ),
            (
                "",
                "政务公开制度建设",
                Rule(RuleKind.ENTERED, D(3)),
                ("department",),
                "制定本单位政务公开制度和目录，查制度文本。",
            ),
            (
                "",
                "基层政务公开标准化规范化",
                Rule(RuleKind.ENTERED, D(4)),
                ("township",),
                "完成基层政务公开事项标准目录并公开，查目录和专区。",
            ),
            (
                "",
                "村（居）务公开指导",
                Rule(RuleKind.ENTERED, D(3)),
                ("township",),
                "指导村（居）落实村务公开，查指导记录。",
            ),
        ],
    ),
)

# The office's entered points per unit: a little variety, each with its reason.
ENTERED = {
    "领导重视": (D(4), "主要负责人主持召开专题会议研究政务公开工作（会议纪要已存档）"),
    "机构人员落实": (D(3), "已明确政务公开工作机构和专门工作人员"),
    "组织政务公开培训": (D(2), "组织培训1次，签到表不全"),
    "报送政务公开信息": (D(3), "按要求报送工作信息"),
    "政府开放日活动": (D(2), "举办政府开放日活动1次"),
    "政务新媒体管理": (D("1.5"), "政务新媒体更新不够及时"),
    "政务公开制度建设": (D(3), "已制定政务公开制度"),
    "基层政务公开标准化规范化": (D(3), "标准目录已公开，部分事项未细化"),
    "村（居）务公开指导": (D(3), "开展村务公开指导2次"),
}


def _units() -> dict[str, Unit]:
    return {u.code: u for u in Unit.objects.all()}


def load(context: DemoContext) -> None:
    county = Unit.objects.filter(code=COUNTY).first()
    if county is None or Scheme.objects.filter(unit=county, year=YEAR).exists():
        return
    context.created_anything = True
    scheme = scheme_create(
        actor=None,
        unit=county,
        year=YEAR,
        title=f"示范县{YEAR}年度政务公开工作考核办法",
        basis="示政办发〔2025〕12号",
    )
    items = {}
    for heading_title, indicators in SCHEME:
        heading = heading_add(actor=None, scheme=scheme, title=heading_title)
        for key, label, rule, groups, guidance in indicators:
            item = item_add(
                actor=None,
                heading=heading,
                key=key,
                label=label,
                rule=rule,
                groups=list(groups),
                guidance=guidance,
            )
            items[item.key or item.label] = item

    assessed = list(
        Unit.objects.filter(path__startswith=county.path, kind__in=BOTH, is_active=True)
        .exclude(pk=county.pk)
        .order_by("sort_order", "code")
    )
    for n, unit in enumerate(assessed):
        for label, (points, note) in ENTERED.items():
            item = items[label]
            if unit.kind not in item.groups:
                continue
            # Every third unit held no open day: 0 points with the reason.
            if label == "政府开放日活动" and n % 3 == 2:
                points, note = D(0), "年内未举办政府开放日活动"
            score_enter(actor=None, item=item, unit=unit, points=points, note=note)

    _problems(scheme, assessed)
    _objections(items, assessed)


def _problems(scheme: Scheme, assessed: list[Unit]) -> None:
    today = timezone.localdate()
    first, second = assessed[0], assessed[-1]
    fixed = problem_create(
        actor=None,
        scheme=scheme,
        unit=first,
        title="政府信息公开指南未更新办公地址",
        detail="2025年9月网站检查发现，指南中的办公地址仍为搬迁前地址。",
        source="check",
        found_on=date(2025, 9, 15),
        deadline=date(2025, 10, 15),
    )
    problem_close(
        actor=None,
        problem=fixed,
        closed_on=date(2025, 10, 10),
        proof="已更新指南中的办公地址和联系电话，并在网站公开。",
    )
    problem_create(
        actor=None,
        scheme=scheme,
        unit=second,
        title="部分栏目超过6个月未更新",
        detail="“重点领域信息公开”栏目下两个子栏目最近更新在2025年3月。",
        source="check",
        found_on=date(2025, 10, 20),
        deadline=date(2025, 11, 20),
    )
    reopened = problem_create(
        actor=None,
        scheme=scheme,
        unit=assessed[1],
        title="依申请公开答复书未告知救济途径",
        detail="抽查发现2件答复书未写明申请行政复议或提起行政诉讼的途径和期限。",
        source="staff",
        found_on=date(2025, 11, 3),
        deadline=date(2025, 12, 3),
    )
    problem_close(
        actor=None,
        problem=reopened,
        closed_on=date(2025, 12, 1),
        proof="已修改答复书模板，补写救济途径。",
    )
    problem_reopen(
        actor=None,
        problem=reopened,
        rechecked_on=date(2025, 12, 10),
        reason="复查新出具的答复书仍有1件未写明期限。",
    )
    problem_create(
        actor=None,
        scheme=scheme,
        unit=assessed[min(2, len(assessed) - 1)],
        title="政策解读形式单一",
        detail="本年度政策解读均为文字解读，未采用图解、视频等形式。",
        source="staff",
        found_on=today - timedelta(days=10),
        deadline=today + timedelta(days=30),
    )


def _objections(items: dict, assessed: list[Unit]) -> None:
    timely = items["documents.timely_publication"]
    department = next(u for u in assessed if u.kind == "department")
    upheld = objection_file(
        actor=None,
        item=timely,
        unit=department,
        reason="有2件文件因涉及第三方权益依法征求意见，公开时间顺延，不应计为逾期。",
    )
    objection_decide(
        actor=None,
        objection=upheld,
        upheld=True,
        decision="经核实，2件文件征求第三方意见期间依法不计入，该项按满分核定。",
        corrected_points=timely.max_points,
    )
    township = next(u for u in assessed if u.kind == "township")
    objection_file(
        actor=None,
        item=items["组织政务公开培训"],
        unit=township,
        reason="本镇于2025年6月参加县级培训并组织镇村干部培训1次，签到表已补充上传。",
    )
