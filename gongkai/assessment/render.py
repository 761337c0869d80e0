"""The assessment's outputs: the JSON of ``gongkai assessment compute``, the 通报 (.docx and PDF,
one content for both) and the xlsx for the government's performance-evaluation system."""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.core.pdf import html_to_pdf
from gongkai.core.spreadsheets import table_xlsx

from .domain.scoring import number_text
from .domain.states import (
    OBJECTION_STATE_LABELS,
    PROBLEM_STATE_LABELS,
    ObjectionState,
    ProblemState,
)
from .models import Objection, Problem
from .selectors import IndicatorResult, SchemeResults, UnitResult

# --- JSON ------------------------------------------------------------------------------------


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def indicator_json(line: IndicatorResult) -> dict[str, Any]:
    return {
        "key": line.key,
        "label": line.label,
        "value": _number(
            line.value.quantize(Decimal("0.0001")) if line.value is not None else None
        ),
        "points": _number(line.points),
        "max_points": _number(line.max_points),
        "applicable": line.applicable,
        "evidence_count": line.evidence_count,
    }


def results_json(results: SchemeResults) -> dict[str, Any]:
    return {
        "year": results.scheme.year,
        "units": [
            {
                "unit": r.unit.code,
                "score": _number(r.score),
                "indicators": [indicator_json(line) for line in r.indicators],
            }
            for r in results.units
        ],
    }


# --- The 通报 ----------------------------------------------------------------------------------


def value_text(line: IndicatorResult) -> str:
    """The figure as the bulletin and the pages show it: 18/20（90%）, 3项, 是/否."""
    if not line.applicable and not line.overridden:
        return "不适用"
    if line.item.entered:
        return "录入"
    if line.denominator is not None and line.item.rule == "linear":
        percent = f"{line.value * 100:.1f}%" if line.value is not None else "—"
        return f"{line.numerator}/{line.denominator}（{percent}）"
    if line.item.rule == "flag":
        return "是" if line.value else "否"
    return f"{line.numerator}项"


def _lost_summary(result: UnitResult, limit: int = 2) -> str:
    lost = sorted((line for line in result.indicators if line.lost > 0), key=lambda x: -x.lost)
    return "；".join(f"{line.label}扣{number_text(line.lost)}分" for line in lost[:limit]) or "无"


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list[str]]
    widths: list[int]


@dataclass
class Bulletin:
    title: str
    unit_name: str
    sections: list[tuple[str, list[str], list[Table]]] = field(default_factory=list)


def bulletin(
    results: SchemeResults, problems: list[Problem], objections: list[Objection]
) -> Bulletin:
    scheme = results.scheme
    out = Bulletin(
        title=f"关于{scheme.year}年度政务公开工作考核结果的通报", unit_name=scheme.unit.name
    )
    assessed = len(results.units)
    intro = [
        f"根据《{scheme.title}》{('（' + scheme.basis + '）') if scheme.basis else ''}，"
        f"对{assessed}个单位{scheme.year}年度政务公开工作进行了考核。"
        "考核指标中能够从本平台记录计算的，均按各单位在平台上的实际记录计算，每项得分均可追溯到具体记录；"
        f"其余指标由考核办根据佐证材料评定。满分{number_text(scheme.full_score)}分。",
        "某项指标对某单位无相关记录的，该项记为“不适用”，其分值按比例分配到该单位其余适用指标，"
        "以保证同组单位在同一满分下比较。",
    ]
    out.sections.append(("一、考核基本情况", intro, []))
    tables = []
    for _kind, label, members in results.groups():
        rows = []
        for r in members:
            change = r.change
            rows.append(
                [
                    str(r.rank) if r.rank else "—",
                    r.unit.name,
                    number_text(r.score) if r.score is not None else "无适用指标",
                    number_text(r.last_year) if r.last_year is not None else "—",
                    (
                        f"{'+' if change > 0 else ''}{number_text(change)}"
                        if change is not None
                        else "—"
                    ),
                    _lost_summary(r),
                ]
            )
        tables.append(
            Table(
                caption=f"{label}考核得分及排名",
                columns=["排名", "单位", "得分", "上年得分", "增减", "主要失分项"],
                rows=rows,
                widths=[6, 30, 10, 10, 8, 40],
            )
        )
    out.sections.append(("二、考核结果", [], tables))

    lost_by_item: dict[str, list[Decimal]] = defaultdict(list)
    for r in results.units:
        for line in r.indicators:
            if line.lost > 0:
                lost_by_item[line.label].append(line.lost)
    findings = [
        f"{label}：{len(losses)}个单位失分，合计失分{number_text(sum(losses, Decimal(0)))}分。"
        for label, losses in sorted(lost_by_item.items(), key=lambda kv: -sum(kv[1]))
    ] or ["各项指标均未出现失分。"]
    out.sections.append(("三、存在的主要问题", findings, []))

    open_problems = [p for p in problems if p.state != ProblemState.CLOSED]
    problem_rows = [
        [
            p.unit.name,
            p.title,
            f"{p.deadline:%Y-%m-%d}",
            PROBLEM_STATE_LABELS[ProblemState(p.state)],
        ]
        for p in open_problems
    ]
    closed = len(problems) - len(open_problems)
    text = [
        f"问题清单共{len(problems)}个问题，已销号{closed}个，尚需整改{len(open_problems)}个。"
        "请有关单位在整改期限前完成整改，提交整改情况和佐证材料申请销号；逾期未整改的，在下一年度考核中扣分。"
    ]
    problem_tables = (
        [
            Table(
                caption="尚需整改的问题",
                columns=["责任单位", "问题", "整改期限", "状态"],
                rows=problem_rows,
                widths=[26, 50, 14, 12],
            )
        ]
        if problem_rows
        else []
    )
    out.sections.append(("四、问题整改要求", text, problem_tables))

    decided = [o for o in objections if o.state != ObjectionState.PENDING]
    upheld = sum(1 for o in decided if o.state == ObjectionState.UPHELD)
    objection_text = [
        f"考核结果公示期间，共收到异议{len(objections)}件，已处理{len(decided)}件，"
        f"其中异议成立{upheld}件，已据此调整得分。"
    ]
    objection_rows = [
        [
            o.unit.name,
            o.item.label,
            OBJECTION_STATE_LABELS[ObjectionState(o.state)],
            o.decision or "—",
        ]
        for o in objections
    ]
    out.sections.append(
        (
            "五、异议处理情况",
            objection_text,
            [
                Table(
                    "异议处理",
                    ["提出单位", "考核指标", "处理结果", "处理意见"],
                    objection_rows,
                    [24, 24, 12, 42],
                )
            ]
            if objection_rows
            else [],
        )
    )
    return out


def bulletin_html(document: Bulletin) -> str:
    return render_to_string(
        "assessment/bulletin.html", {"bulletin": document, "generated_at": timezone.now()}
    )


def bulletin_pdf(document: Bulletin) -> bytes:
    """Raises `gongkai.core.pdf.PdfUnavailable` (a Chinese sentence) when this server cannot."""
    return html_to_pdf(bulletin_html(document))


BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋_GB2312", "黑体", "方正小标宋简体"


def _run_font(run, name: str, size: float, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def bulletin_docx(document: Bulletin) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    def paragraph(text: str, font: str = BODY_FONT, size: float = 16, **fmt):
        p = doc.add_paragraph()
        _run_font(p.add_run(text), font, size)
        p.paragraph_format.line_spacing = Pt(28)
        for name, value in fmt.items():
            setattr(p.paragraph_format, name, value)

    paragraph(document.title, TITLE_FONT, 22, alignment=WD_ALIGN_PARAGRAPH.CENTER)
    for heading, texts, tables in document.sections:
        paragraph(heading, HEADING_FONT, 16, space_before=Pt(6))
        for text in texts:
            paragraph(text, first_line_indent=Pt(32))
        for table in tables:
            paragraph(table.caption, HEADING_FONT, 12, alignment=WD_ALIGN_PARAGRAPH.CENTER)
            grid = doc.add_table(rows=len(table.rows) + 1, cols=len(table.columns))
            grid.style = "Table Grid"
            grid.alignment = WD_TABLE_ALIGNMENT.CENTER
            total = sum(table.widths)
            for c, width in enumerate(table.widths):
                for cell in grid.columns[c].cells:
                    cell.width = Cm(15.6 * width / total)
            for r, cells in enumerate([table.columns, *table.rows]):
                for c, text in enumerate(cells):
                    _run_font(
                        grid.cell(r, c).paragraphs[0].add_run(text), "宋体", 10.5, bold=r == 0
                    )
    paragraph(document.unit_name, alignment=WD_ALIGN_PARAGRAPH.RIGHT, space_before=Pt(24))
    paragraph(f"{timezone.localdate():%Y年%-m月%-d日}", alignment=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --- xlsx for the performance-evaluation system ----------------------------------------------

EXPORT_COLUMNS = [
    "年度",
    "单位代码",
    "单位名称",
    "单位类型",
    "总分",
    "组内排名",
    "指标代码",
    "考核指标",
    "计算值",
    "分子",
    "分母",
    "得分",
    "分值",
    "是否适用",
    "佐证记录数",
    "说明",
]


def results_xlsx(results: SchemeResults) -> bytes:
    rows = []
    for r in results.units:
        for line in r.indicators:
            rows.append(
                [
                    results.scheme.year,
                    r.unit.code,
                    r.unit.name,
                    r.unit.get_kind_display(),
                    _number(r.score),
                    r.rank,
                    line.key,
                    line.label,
                    _number(
                        line.value.quantize(Decimal("0.0001")) if line.value is not None else None
                    ),
                    line.numerator,
                    line.denominator,
                    _number(line.points),
                    _number(line.max_points),
                    "是" if line.applicable else "否",
                    line.evidence_count,
                    line.note,
                ]
            )
    return table_xlsx(
        title=f"{results.scheme.year}年度考核",
        columns=EXPORT_COLUMNS,
        rows=rows,
        widths=[6, 14, 30, 12, 8, 8, 34, 28, 10, 8, 8, 8, 8, 8, 10, 40],
    )
