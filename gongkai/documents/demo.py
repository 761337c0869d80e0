"""Demo documents: the five seed policy documents as published documents of a demo province,
and about twenty-five documents of the demo county in every state the register knows (published
on time and late, with interpretations, a repealed rule and its replacement, withheld and
on-request documents, drafts)."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from gongkai.calendar.selectors import current_calendar
from gongkai.core.demo import COUNTY, OFFICE, DemoContext
from gongkai.core.models import Unit
from gongkai.core.services import unit_create
from gongkai.importer.domain.parse import parse_file
from gongkai.importer.seed_documents import SEED_DIR

from .models import Interpretation, OfficialDocument
from .services import document_create, document_publish, document_set_validity
from .workflow import ensure_document_workflow

ORDER = 30

PROVINCE = "629000000"
PROVINCE_OFFICE = "629000001"

# seed file → the title as the document states it (two web copies lost or cut their title line)
SEEDS = {
    "000_1590f85b70e2054b.txt": "甘肃省人民政府办公厅关于印发甘肃省政务公开工作实施方案的通知",
    "001_df48bc6fc0fab810.txt": "积石山县人民政府办公室关于印发《积石山县全面推进基层政务公开标准化规范化工作实施方案》的通知",
    "002_c2f49679da630405.txt": "甘肃省人民政府办公厅关于印发甘肃省2016年政务公开工作要点的通知",
    "003_4ae80daa2dba9a29.txt": "平凉市人民政府办公室关于印发平凉市2023年政务公开工作要点的通知",
    "004_da572b0f681d1c21.txt": "广东省人民政府办公厅关于转发国务院办公厅2020年政务公开工作要点的通知",
}

PARAGRAPHS = (
    "为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步做好{topic}工作，结合我县实际，现就有关事项通知如下。",
    "一、提高思想认识。各单位要把{topic}作为推进法治政府建设的重要内容，明确分管领导和具体工作人员，做到有人管事、有人干事。",
    "二、规范工作程序。严格执行信息发布前审查制度，做到先审后发；属于主动公开范围的政府信息，应当自形成或者变更之日起20个工作日内公开。",
    "三、加强监督检查。县政府办公室将定期通报各单位{topic}工作情况，对工作不力的单位予以督促整改。",
)

# A policy document's interpretation, by its form (InterpretationForm): 文字解读 or 问答解读.
INTERPRETATION_PARAGRAPHS = {
    "text": (
        "一、出台背景。为进一步做好{topic}工作，保障群众合法权益，制定本政策。",
        "二、主要内容。明确了{topic}的适用范围、标准、程序和监督管理要求。",
        "三、施行时间。本政策自印发之日起施行。",
    ),
    "qa": (
        "问：为什么要出台这一政策？答：为进一步做好{topic}工作，保障群众合法权益。",
        "问：主要内容有哪些？答：明确了{topic}的适用范围、标准、程序和监督管理要求。",
        "问：什么时候开始施行？答：自印发之日起施行。",
    ),
}

# (unit code, doc number or "", title, kind, subject class, disclosure, topic, written, publish
#  after N working days or None, policy document?)
COUNTY_DOCUMENTS = (
    (
        COUNTY,
        "示县政发〔2025〕3号",
        "示范县人民政府关于印发《示范县城乡居民最低生活保障实施办法》的通知",
        "normative",
        "1703",
        "proactive",
        "城乡居民最低生活保障",
        date(2025, 2, 10),
        6,
        True,
    ),
    (
        COUNTY,
        "示县政发〔2025〕7号",
        "示范县人民政府关于印发示范县2025年国民经济和社会发展计划的通知",
        "other",
        "0301",
        "proactive",
        "国民经济和社会发展计划",
        date(2025, 3, 3),
        12,
        False,
    ),
    (
        COUNTY,
        "示县政发〔2025〕15号",
        "示范县人民政府关于进一步优化营商环境的若干措施",
        "normative",
        "0302",
        "proactive",
        "优化营商环境",
        date(2025, 5, 12),
        4,
        True,
    ),
    (
        COUNTY,
        "示县政发〔2025〕21号",
        "示范县人民政府关于公布示范县行政许可事项清单的通知",
        "normative",
        "0201",
        "proactive",
        "行政许可事项清单管理",
        date(2025, 7, 1),
        25,
        False,
    ),
    (
        COUNTY,
        "示县政发〔2019〕8号",
        "示范县人民政府关于印发《示范县城市居民最低生活保障管理暂行办法》的通知",
        "normative",
        "1703",
        "proactive",
        "城市居民最低生活保障",
        date(2019, 4, 2),
        5,
        False,
    ),
    (
        OFFICE,
        "示县政办发〔2025〕2号",
        "示范县人民政府办公室关于印发示范县2025年政务公开工作要点的通知",
        "other",
        "0201",
        "proactive",
        "政务公开",
        date(2025, 3, 20),
        3,
        False,
    ),
    (
        OFFICE,
        "示县政办发〔2025〕9号",
        "示范县人民政府办公室关于做好2024年度政府信息公开工作年度报告编制发布工作的通知",
        "other",
        "0201",
        "proactive",
        "政府信息公开工作年度报告编制",
        date(2024, 12, 20),
        5,
        False,
    ),
    (
        OFFICE,
        "示县政办发〔2025〕18号",
        "示范县人民政府办公室关于加强政务新媒体管理的通知",
        "other",
        "0201",
        "proactive",
        "政务新媒体管理",
        date(2025, 6, 16),
        30,
        False,
    ),
    (
        OFFICE,
        "示县政办发〔2025〕26号",
        "示范县人民政府办公室关于开展2025年政府网站和政务新媒体检查的通知",
        "other",
        "0204",
        "proactive",
        "政府网站和政务新媒体检查",
        date(2025, 9, 1),
        8,
        False,
    ),
    (
        OFFICE,
        "",
        "示范县人民政府办公室关于调整县政府领导工作分工的请示",
        "other",
        "0201",
        "not_disclosed",
        "",
        date(2025, 4, 7),
        None,
        False,
    ),
    (
        "013901002",
        "示县财发〔2025〕4号",
        "示范县财政局关于公开2025年县级部门预算的通知",
        "other",
        "0401",
        "proactive",
        "部门预算公开",
        date(2025, 2, 20),
        10,
        False,
    ),
    (
        "013901002",
        "示县财发〔2025〕11号",
        "示范县财政局关于公开2024年县级部门决算的通知",
        "other",
        "0401",
        "proactive",
        "部门决算公开",
        date(2025, 8, 15),
        7,
        False,
    ),
    (
        "013901002",
        "示县财发〔2025〕13号",
        "示范县财政局关于印发《示范县财政专项资金管理办法》的通知",
        "normative",
        "0401",
        "proactive",
        "财政专项资金管理",
        date(2025, 9, 10),
        9,
        True,
    ),
    (
        "013901002",
        "示县财发〔2025〕14号",
        "示范县财政局关于下达2025年第三批涉农资金的通知",
        "other",
        "0401",
        "on_request",
        "",
        date(2025, 9, 22),
        None,
        False,
    ),
    (
        "013901003",
        "示县民发〔2025〕6号",
        "示范县民政局关于调整城乡低保标准和特困人员救助供养标准的通知",
        "normative",
        "1703",
        "proactive",
        "社会救助标准调整",
        date(2025, 6, 30),
        3,
        True,
    ),
    (
        "013901003",
        "示县民发〔2025〕9号",
        "示范县民政局关于开展2025年度养老服务机构等级评定工作的通知",
        "other",
        "1703",
        "proactive",
        "养老服务机构等级评定",
        date(2025, 8, 4),
        14,
        False,
    ),
    (
        "013901003",
        "示县民发〔2025〕12号",
        "示范县民政局关于做好2025年冬春困难群众生活救助工作的通知",
        "other",
        "1701",
        "proactive",
        "冬春困难群众生活救助",
        date(2025, 10, 27),
        None,
        False,
    ),
    (
        "013901003",
        "",
        "示范县民政局关于2025年第三季度临时救助对象审核情况的报告",
        "other",
        "1703",
        "not_disclosed",
        "",
        date(2025, 10, 9),
        None,
        False,
    ),
    (
        "013901101",
        "城政发〔2025〕5号",
        "城关镇人民政府关于公布2025年耕地地力保护补贴发放情况的公告",
        "other",
        "0601",
        "proactive",
        "耕地地力保护补贴发放",
        date(2025, 5, 26),
        5,
        False,
    ),
    (
        "013901101",
        "城政发〔2025〕11号",
        "城关镇人民政府关于开展2025年人居环境整治工作的通知",
        "other",
        "1002",
        "proactive",
        "人居环境整治",
        date(2025, 9, 15),
        6,
        False,
    ),
    (
        "013901101",
        "城政发〔2025〕14号",
        "城关镇人民政府关于2025年城乡居民医疗保险征缴工作的通知",
        "other",
        "1502",
        "proactive",
        "城乡居民医疗保险征缴",
        date(2025, 11, 3),
        None,
        False,
    ),
    (
        "013901102",
        "河政发〔2025〕3号",
        "河西乡人民政府关于公布2025年农村低保对象名单的公示",
        "other",
        "1703",
        "on_request",
        "",
        date(2025, 3, 12),
        None,
        False,
    ),
    (
        "013901102",
        "河政发〔2025〕8号",
        "河西乡人民政府关于做好2025年防汛工作的通知",
        "other",
        "0203",
        "proactive",
        "防汛",
        date(2025, 6, 3),
        2,
        False,
    ),
    (
        "013901102",
        "河政发〔2025〕12号",
        "河西乡人民政府关于开展农村宅基地使用情况审核工作的通知",
        "other",
        "0501",
        "proactive",
        "农村宅基地使用情况审核",
        date(2025, 8, 25),
        28,
        False,
    ),
    (
        "013901102",
        "河政发〔2025〕16号",
        "河西乡人民政府关于公布2025年筹资筹劳项目的公告",
        "other",
        "0601",
        "proactive",
        "筹资筹劳项目",
        date(2025, 11, 10),
        None,
        False,
    ),
)

GROUNDS = {
    "not_disclosed": (
        "process_info",
        "属于向上级请示报告的过程性信息，依据《政府信息公开条例》第十六条第二款不予公开。",
    ),
    "on_request": (
        "specific_applicants",
        "涉及特定对象的资金下达和名单信息，不宜向社会公开，可依申请提供。",
    ),
}


def _html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _province_units() -> tuple[Unit, Unit]:
    province = Unit.objects.filter(code=PROVINCE).first() or unit_create(
        actor=None, code=PROVINCE, name="示范省人民政府", short_name="示范省政府", kind="government"
    )
    office = Unit.objects.filter(code=PROVINCE_OFFICE).first() or unit_create(
        actor=None,
        parent=province,
        code=PROVINCE_OFFICE,
        name="示范省人民政府办公厅",
        short_name="省政府办公厅",
        kind="department",
        disclosure_office="示范省人民政府办公厅政务公开处",
        address="示范省省府路1号",
        phone="0931-8888000",
    )
    return province, office


def _load_seeds(office: Unit) -> int:
    created = 0
    calendar = current_calendar()
    for path in sorted(SEED_DIR.glob("*.txt")):
        parsed = parse_file(path)
        title = SEEDS[path.name]
        if OfficialDocument.objects.filter(unit=office, title=title).exists():
            continue
        document = document_create(
            actor=None,
            unit=office,
            doc_number=parsed.doc_number or "",
            title=title,
            recipients="、".join(parsed.recipients),
            written_on=parsed.date,
            printed_on=parsed.printed_date,
            kind="other",
            subject_class="0201",
            disclosure="proactive",
            summary=f"示范数据：正文取自{'、'.join(parsed.issuers) or '有关单位'}公开发布的文件。",
            body=_html(parsed.body.split("\n")),
        )
        document_publish(
            actor=None, document=document, published_on=calendar.add_workdays(parsed.date, 4)
        )
        created += 1
    return created


def _load_county(units: dict[str, Unit]) -> dict[str, OfficialDocument]:
    calendar = current_calendar()
    made: dict[str, OfficialDocument] = {}
    for (
        code,
        number,
        title,
        kind,
        subject,
        disclosure,
        topic,
        written,
        after,
        policy,
    ) in COUNTY_DOCUMENTS:
        existing = OfficialDocument.objects.filter(unit=units[code], title=title).first()
        if existing:
            made[title] = existing
            continue
        ground, reason = GROUNDS.get(disclosure, ("", ""))
        paragraphs = [p.format(topic=topic or title) for p in PARAGRAPHS]
        document = document_create(
            actor=None,
            unit=units[code],
            doc_number=number,
            title=title,
            recipients="各乡镇人民政府，县直各部门",
            written_on=written,
            printed_on=written + timedelta(days=1),
            signer="王某某" if code == COUNTY else "",
            kind=kind,
            subject_class=subject,
            disclosure=disclosure,
            withholding_ground=ground,
            withholding_reason=reason,
            is_policy_document=policy,
            summary=paragraphs[0],
            body=_html(paragraphs),
            valid_from=written if kind == "normative" else None,
            valid_until=written.replace(year=written.year + 5) if kind == "normative" else None,
        )
        if policy:
            # Title and form say what the body is: written text or questions and answers (a
            # 「一图读懂」 title on a text was shown as 文字解读, which it also was not).
            name = title.split("《")[-1].split("》")[0] if "《" in title else title
            form = "qa" if code == "013901003" else "text"
            Interpretation.objects.create(
                document=document,
                unit=units[code],
                title=f"《{name}》政策解读" if form == "text" else f"《{name}》政策问答",
                form=form,
                body=_html(
                    [p.format(topic=topic or title) for p in INTERPRETATION_PARAGRAPHS[form]]
                ),
                live=False,
            )
        if after is not None:
            document_publish(
                actor=None, document=document, published_on=calendar.add_workdays(written, after)
            )
        made[title] = document
    return made


def load(context: DemoContext) -> None:
    ensure_document_workflow()
    _, office = _province_units()
    created = _load_seeds(office)
    units = {u.code: u for u in Unit.objects.filter(code__startswith="0139")}
    made = _load_county(units)
    old = made[COUNTY_DOCUMENTS[4][2]]
    new = made[COUNTY_DOCUMENTS[0][2]]
    if old.validity != "repealed":
        document_set_validity(
            actor=None,
            document=old,
            validity="repealed",
            changed_on=new.written_on,
            replaced_by=new,
        )
        created += 1
    context.created_anything = context.created_anything or bool(created)
