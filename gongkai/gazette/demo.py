"""Demo gazette of the 示范县人民政府: six issues across 2025 and 2026 printing the county's
normative and other documents from the demo register, personnel notices, and a 勘误 correcting
an earlier issue; each published with its PDF edition. And four 赠阅点."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date

from gongkai.core.demo import COUNTY, DemoContext
from gongkai.core.models import Unit
from gongkai.core.pdf import PdfUnavailable
from gongkai.documents.selectors import public_documents

from . import services
from .models import GazetteArticle, GazetteIssue

ORDER = 58  # after the documents (30) it prints

PERSONNEL_BODY = (
    "<p>各乡镇人民政府，县直各部门：</p>"
    "<p>经县人民政府研究决定：</p>"
    "<p>{appointments}</p>"
    "<p>特此通知。</p>"
)


@dataclass(frozen=True)
class Own:
    """A text of the gazette's own."""

    section: str
    title: str
    paragraphs: tuple[str, ...]
    doc_number: str = ""
    written_on: date | None = None
    corrects: tuple[int, int, str] | None = None  # (year, number, title) of the corrected


@dataclass(frozen=True)
class Issue:
    year: int
    number: int
    total_number: int
    issue_date: date
    documents: tuple[tuple[str, str], ...]  # (section, 发文字号) of register documents
    own: tuple[Own, ...] = field(default=())


NOTICE_2025_1 = "示范县人民政府关于李明等同志职务任免的通知"
ISSUES = (
    Issue(
        2025,
        1,
        37,
        date(2025, 3, 28),
        (("normative", "示县政发〔2025〕3号"), ("government", "示县政发〔2025〕7号")),
        (
            Own(
                "personnel",
                NOTICE_2025_1,
                (
                    "任命李明为示范县民政局局长；",
                    "任命王芳为示范县财政局副局长；",
                    "免去张强的示范县民政局局长职务。",
                ),
                "示县政任〔2025〕1号",
                date(2025, 3, 10),
            ),
        ),
    ),
    Issue(
        2025,
        2,
        38,
        date(2025, 6, 27),
        (("normative", "示县政发〔2025〕15号"), ("office", "示县政办发〔2025〕2号")),
        (
            Own(
                "personnel",
                "示范县人民政府关于赵刚等同志职务任免的通知",
                (
                    "任命赵刚为示范县城关镇人民政府副镇长；",
                    "免去孙丽的示范县河西乡人民政府副乡长职务。",
                ),
                "示县政任〔2025〕4号",
                date(2025, 6, 9),
            ),
        ),
    ),
    Issue(
        2025,
        3,
        39,
        date(2025, 9, 26),
        (
            ("normative", "示县政发〔2025〕21号"),
            ("office", "示县政办发〔2025〕18号"),
            ("office", "示县政办发〔2025〕26号"),
        ),
        (
            Own(
                "correction",
                "关于本刊2025年第1期《示范县人民政府关于李明等同志职务任免的通知》的勘误",
                (
                    "本刊2025年第1期刊登的《示范县人民政府关于李明等同志职务任免的通知》"
                    "（示县政任〔2025〕1号）中，“任命王芳为示范县财政局副局长”应为"
                    "“任命王芳为示范县财政局总会计师”。",
                    "特此更正。",
                ),
                corrects=(2025, 1, NOTICE_2025_1),
            ),
        ),
    ),
    Issue(
        2025,
        4,
        40,
        date(2025, 12, 26),
        (),
        (
            Own(
                "government",
                "示范县人民政府关于公布2025年度县级行政规范性文件清理结果的决定",
                (
                    "根据《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》的要求，"
                    "县人民政府对截至2025年11月30日的县级行政规范性文件进行了全面清理。",
                    "经清理，继续有效的行政规范性文件12件，宣布失效的3件，决定废止的2件。"
                    "各乡镇、各部门要严格执行清理结果，不得再以已失效或废止的文件作为行政管理依据。",
                ),
                "示县政发〔2025〕33号",
                date(2025, 12, 15),
            ),
            Own(
                "personnel",
                "示范县人民政府关于周平等同志职务任免的通知",
                (
                    "任命周平为示范县人民政府办公室副主任；",
                    "免去吴军的示范县人民政府办公室副主任职务。",
                ),
                "示县政任〔2025〕9号",
                date(2025, 12, 8),
            ),
        ),
    ),
    Issue(
        2026,
        1,
        41,
        date(2026, 3, 27),
        (),
        (
            Own(
                "government",
                "示范县人民政府关于2026年春季农业生产工作的通知",
                (
                    "为切实抓好2026年春季农业生产，确保粮食播种面积稳定、重要农产品有效供给，"
                    "现就有关事项通知如下。",
                    "一、稳定粮食播种面积。各乡镇要将粮食生产目标任务分解到村、落实到地块。",
                    "二、做好农资保供稳价。县农业农村、市场监管部门要加强农资市场检查。",
                    "三、强化农业技术服务。组织农技人员深入田间地头开展技术指导。",
                ),
                "示县政发〔2026〕4号",
                date(2026, 3, 2),
            ),
            Own(
                "office",
                "示范县人民政府办公室关于印发示范县2026年政务公开工作要点的通知",
                (
                    "《示范县2026年政务公开工作要点》已经县人民政府同意，现印发给你们，"
                    "请结合实际认真贯彻落实。",
                    "各乡镇、各部门要在政府网站公开本单位落实情况，接受社会监督。",
                ),
                "示县政办发〔2026〕3号",
                date(2026, 3, 16),
            ),
        ),
    ),
    Issue(
        2026,
        2,
        42,
        date(2026, 6, 26),
        (),
        (
            Own(
                "government",
                "示范县人民政府关于做好2026年防汛抗旱工作的通知",
                (
                    "当前已进入主汛期，为切实做好防汛抗旱工作，保障人民群众生命财产安全，"
                    "现就有关事项通知如下。",
                    "一、压实防汛责任。严格落实以行政首长负责制为核心的防汛责任制。",
                    "二、加强监测预警。县气象、水务部门要加强会商研判，及时发布预警信息。",
                ),
                "示县政发〔2026〕11号",
                date(2026, 6, 1),
            ),
            Own(
                "personnel",
                "示范县人民政府关于陈静等同志职务任免的通知",
                ("任命陈静为示范县财政局局长；", "免去刘伟的示范县财政局局长职务。"),
                "示县政任〔2026〕5号",
                date(2026, 6, 15),
            ),
        ),
    ),
)

# name, address, hours, phone, unit code (the county unless given)
POINTS = (
    ("示范县图书馆", "示范县文化路2号", "周二至周日 9:00—17:30", "0930-7715001", ""),
    (
        "示范县政务服务中心政府信息公开查阅点",
        "示范县人民路1号政务服务中心一楼",
        "工作日 8:30—12:00，14:30—18:00",
        "0930-7712345",
        "",
    ),
    ("示范县档案馆", "示范县人民路30号", "工作日 8:30—12:00，14:30—18:00", "0930-7715101", ""),
    (
        "城关镇便民服务中心",
        "示范县城关镇北街8号",
        "工作日 8:30—12:00，14:30—18:00",
        "0930-7713101",
        "013901101",
    ),
)


def _body(paragraphs: tuple[str, ...], section: str) -> str:
    if section == "personnel":
        return PERSONNEL_BODY.format(appointments="</p><p>".join(paragraphs))
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _corrected(county: Unit, year: int, number: int, title: str) -> GazetteArticle:
    return GazetteArticle.objects.get(
        issue__unit=county, issue__year=year, issue__number=number, title=title
    )


def _make_issue(county: Unit, spec: Issue) -> GazetteIssue:
    issue = services.gazette_issue_create(
        actor=None,
        unit=county,
        year=spec.year,
        number=spec.number,
        total_number=spec.total_number,
        issue_date=spec.issue_date,
    )
    for section, number in spec.documents:
        document = public_documents(county, subtree=True).filter(doc_number=number).first()
        if document is not None:
            services.gazette_article_add(
                actor=None, issue=issue, section=section, document=document
            )
    for own in spec.own:
        services.gazette_article_add(
            actor=None,
            issue=issue,
            section=own.section,
            title=own.title,
            doc_number=own.doc_number,
            issuer=county.name if own.doc_number else "",
            written_on=own.written_on,
            body=_body(own.paragraphs, own.section),
            corrects=_corrected(county, *own.corrects) if own.corrects else None,
        )
    return issue


def load(context: DemoContext) -> None:
    county = Unit.objects.get(code=COUNTY)
    for spec in ISSUES:
        if GazetteIssue.objects.filter(unit=county, year=spec.year, number=spec.number).exists():
            continue
        issue = _make_issue(county, spec)
        try:
            services.gazette_issue_publish(actor=None, issue=issue)
        except PdfUnavailable as error:
            # The issues stay drafts: publishing needs the PDF edition.
            print(f"政府公报演示数据未出版：{error}", file=sys.stderr)
        context.created_anything = True
    units = {u.code: u for u in Unit.objects.filter(code__startswith="0139")}
    for position, (name, address, hours, phone, code) in enumerate(POINTS, start=1):
        unit = units[code or COUNTY]
        if unit.gazette_distribution_points.filter(name=name).exists():
            continue
        services.distribution_point_save(
            actor=None,
            unit=unit,
            name=name,
            address=address,
            hours=hours,
            phone=phone,
            position=position,
        )
        context.created_anything = True
