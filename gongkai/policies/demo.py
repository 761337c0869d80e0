"""Demo policies for enterprises: twenty 惠企政策 items of the demo county (industries at every
level, sizes, regions down to a village, the three subject types, 免申即享 and application
deadlines, one expired and one not yet in force, one draft), linked to the county's public
policy documents and interpretations; fifty enterprises with valid 统一社会信用代码 across the
townships and villages, registered by staff or imported. Idempotent: a
database that already holds them is left alone."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gongkai.core.demo import COUNTY, DemoContext
from gongkai.core.models import Unit
from gongkai.documents.selectors import public_interpretations, public_policies

from . import services
from .domain.checks import EnterpriseFields
from .domain.uscc import check_character
from .models import Enterprise, EnterpriseSource, PolicyItem

ORDER = 65  # after the documents (30) it links to
FINANCE, CIVIL = "013901002", "013901003"
CHENGGUAN, HEXI, DONGJIE, HONGQI = "013901101", "013901102", "013901201", "013901202"
REGION_CODE = "620000"  # 登记管理机关行政区划码 of the demo enterprises (甘肃省)

# code, issuing unit, title, industries, sizes, regions, subject types, mode,
# days to apply (None: no deadline), validity in days from today (start, end or None), benefits
POLICIES = (
    (
        "HQ2026-01",
        FINANCE,
        "小微企业增值税减免",
        "",
        "small;micro",
        "",
        "enterprise;individual",
        "automatic",
        None,
        (-120, 240),
        "月销售额10万元以下的小规模纳税人免征增值税，由税务部门直接落实，无需申请。",
    ),
    (
        "HQ2026-02",
        FINANCE,
        "制造业企业技术改造补助",
        "C",
        "medium;small",
        "",
        "enterprise",
        "apply",
        20,
        (-30, 150),
        "对完成技术改造、设备投资超过200万元的制造业企业，按设备投资额的8%给予补助，最高100万元。",
    ),
    (
        "HQ2026-03",
        FINANCE,
        "新材料产业首批次应用保险补偿",
        "C26;C30",
        "",
        "",
        "enterprise",
        "apply",
        5,
        (-60, 120),
        "对新材料首批次应用保险，按保费的80%给予补偿。",
    ),
    (
        "HQ2026-04",
        FINANCE,
        "化肥制造企业节能改造奖励",
        "C262",
        "",
        "",
        "enterprise",
        "apply",
        45,
        (-10, 200),
        "对完成节能改造、年节能量达到500吨标准煤的化肥制造企业给予奖励。",
    ),
    (
        "HQ2026-05",
        FINANCE,
        "有机肥料生产补贴",
        "C2625",
        "small;micro",
        "",
        "enterprise;cooperative",
        "apply",
        60,
        (-5, 300),
        "对生产商品有机肥的企业和合作社，按年销量每吨补贴50元。",
    ),
    (
        "HQ2026-06",
        CIVIL,
        "吸纳就业困难人员社会保险补贴",
        "",
        "",
        "",
        "",
        "apply",
        30,
        (-200, 165),
        "招用就业困难人员并缴纳社会保险的，按实际缴费的单位部分给予补贴，期限不超过3年。",
    ),
    (
        "HQ2026-07",
        CHENGGUAN,
        "城关镇商贸企业租金减免",
        "F",
        "small;micro",
        CHENGGUAN,
        "enterprise;individual",
        "apply",
        12,
        (-40, 90),
        "城关镇辖区内的小微商贸企业和个体工商户，租用国有经营用房的，减免3个月租金。",
    ),
    (
        "HQ2026-08",
        CHENGGUAN,
        "东街社区夜市摊位费减免",
        "F52;H",
        "micro",
        DONGJIE,
        "individual",
        "automatic",
        None,
        (-20, 160),
        "东街社区夜市经营的个体工商户免收摊位费。",
    ),
    (
        "HQ2026-09",
        HEXI,
        "河西乡农民专业合作社贷款贴息",
        "A",
        "",
        HEXI,
        "cooperative",
        "apply",
        25,
        (-15, 240),
        "河西乡农民专业合作社用于生产经营的贷款，按贷款市场报价利率的50%给予贴息。",
    ),
    (
        "HQ2026-10",
        HEXI,
        "红旗村特色种植奖补",
        "A01",
        "",
        HONGQI,
        "cooperative;individual",
        "apply",
        3,
        (-90, 30),
        "红旗村发展中药材等特色种植面积达到50亩的，每亩奖补200元。",
    ),
    (
        "HQ2026-11",
        FINANCE,
        "高新技术企业认定奖励",
        "I;M",
        "",
        "",
        "enterprise",
        "apply",
        40,
        (-60, 300),
        "首次认定为高新技术企业的，一次性奖励20万元。",
    ),
    (
        "HQ2026-12",
        FINANCE,
        "软件企业所得税优惠",
        "I65",
        "",
        "",
        "enterprise",
        "automatic",
        None,
        (-300, None),
        "符合条件的软件企业，自获利年度起“两免三减半”。",
    ),
    (
        "HQ2026-13",
        FINANCE,
        "建筑业企业资质升级奖励",
        "E",
        "medium;small",
        "",
        "enterprise",
        "apply",
        35,
        (-30, 180),
        "建筑业企业资质晋升一级的，奖励10万元。",
    ),
    (
        "HQ2026-14",
        FINANCE,
        "住宿餐饮业消费券补贴",
        "H",
        "small;micro",
        "",
        "enterprise;individual",
        "apply",
        8,
        (-10, 50),
        "参加消费券活动的住宿餐饮企业，按核销金额给予补贴。",
    ),
    (
        "HQ2026-15",
        FINANCE,
        "交通运输企业车辆更新补贴",
        "G54",
        "",
        "",
        "enterprise",
        "apply",
        50,
        (-20, 220),
        "更新国六排放标准营运车辆的，每辆补贴2万元。",
    ),
    (
        "HQ2026-16",
        FINANCE,
        "大型企业研发投入奖励",
        "C",
        "large",
        "",
        "enterprise",
        "apply",
        70,
        (-30, 330),
        "研发投入增长超过10%的规模以上企业，按增量的5%给予奖励。",
    ),
    (
        "HQ2026-17",
        CIVIL,
        "养老服务机构运营补贴",
        "Q",
        "",
        "",
        "",
        "apply",
        28,
        (-100, 260),
        "按实际入住老年人数给予养老服务机构运营补贴。",
    ),
    (
        "HQ2026-18",
        FINANCE,
        "2025年度外贸企业稳订单奖励（已到期）",
        "F51",
        "",
        "",
        "enterprise",
        "apply",
        None,
        (-400, -35),
        "2025年度外贸企业出口额增长的，给予奖励。",
    ),
    (
        "HQ2026-19",
        FINANCE,
        "2027年度数字化转型补助（尚未施行）",
        "C;I",
        "",
        "",
        "enterprise",
        "apply",
        None,
        (30, 400),
        "企业实施数字化改造的，按投资额的10%给予补助。",
    ),
    (
        "HQ2026-20",
        FINANCE,
        "创业担保贷款贴息（草稿）",
        "",
        "micro",
        "",
        "individual",
        "apply",
        None,
        (0, 365),
        "个体工商户创业担保贷款全额贴息。",
    ),
)
DRAFT = "HQ2026-20"

INDUSTRIES = (
    "C2625",
    "C2641",
    "C2651",
    "C3011",
    "C1311",
    "C3311",
    "F5211",
    "F5124",
    "H6110",
    "H6210",
    "A0141",
    "A0511",
    "I6513",
    "M7320",
    "E4813",
    "G5411",
    "Q8514",
    "O8010",
    "C2621",
    "F5261",
)
SIZES = ("micro", "small", "small", "medium", "micro", "large", "small", "micro", "small", "micro")
REGIONS = (CHENGGUAN, HEXI, DONGJIE, HONGQI, CHENGGUAN)
NAMES = (
    "示范县{}号新材料有限公司",
    "示范县{}号商贸有限公司",
    "示范县{}号种植专业合作社",
    "示范县{}号餐饮店",
    "示范县{}号科技有限公司",
)


def _uscc(serial: int, subject_type: str) -> str:
    prefix = {"enterprise": "91", "individual": "92", "cooperative": "93"}[subject_type]
    first17 = f"{prefix}{REGION_CODE}MA{serial:07d}"
    return first17 + check_character(first17)


def _subject(industry: str, serial: int) -> str:
    if industry.startswith("A"):
        return "cooperative"
    if industry.startswith(("H", "F52", "O")) and serial % 2:
        return "individual"
    return "enterprise"


def load(context: DemoContext) -> None:
    if PolicyItem.objects.filter(code=POLICIES[0][0]).exists():
        return
    today = timezone.localdate()
    units = {u.code: u for u in Unit.objects.filter(code__startswith=COUNTY[:6])}
    documents = list(public_policies(units[COUNTY], subtree=True)[:20])
    interpretations = list(public_interpretations()[:20])
    for position, row in enumerate(POLICIES):
        code, issuer, title, inds, sizes, regions, subjects, mode, days, span, benefits = row
        start, end = span
        document = documents[position % len(documents)] if documents else None
        data = services.PolicyInput(
            title=title,
            benefits=benefits,
            valid_from=today + timedelta(days=start),
            valid_to=today + timedelta(days=end) if end is not None else None,
            industries=[c for c in inds.split(";") if c],
            sizes=[s for s in sizes.split(";") if s],
            subject_types=[s for s in subjects.split(";") if s],
            regions=[units[c] for c in regions.split(";") if c],
            apply_mode=mode,
            how_to_apply=""
            if mode == "automatic"
            else "登录示范县政务服务网“惠企政策”专区在线申报，或到县政务服务中心综合窗口提交申报材料。",
            apply_deadline=today + timedelta(days=days) if days is not None else None,
            contact=f"{units[issuer].name} {units[issuer].phone}".strip(),
            documents=[document] if document else [],
            interpretations=[
                i for i in interpretations if document and i.document_id == document.pk
            ],
        )
        policy = services.policy_create(actor=None, unit=units[issuer], code=code, data=data)
        if code != DRAFT:
            services.policy_publish(actor=None, policy=policy)
    for serial in range(1, 51):
        industry = INDUSTRIES[serial % len(INDUSTRIES)]
        subject = _subject(industry, serial)
        fields = EnterpriseFields(
            uscc=_uscc(serial, subject),
            name=NAMES[serial % len(NAMES)].format(serial),
            industry=industry,
            size=SIZES[serial % len(SIZES)],
            region=REGIONS[serial % len(REGIONS)],
            subject_type=subject,
        )
        if Enterprise.objects.filter(uscc=fields.uscc).exists():
            continue
        source = (EnterpriseSource.STAFF, EnterpriseSource.IMPORTED)[serial % 2]
        services.enterprise_create(
            actor=None,
            fields=fields,
            email=f"qiye{serial}@example.invalid" if serial % 3 else "",
            source=source,
        )
    context.created_anything = True
