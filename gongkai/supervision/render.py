"""The quarterly bulletin (季度通报) as .docx and PDF: a table per site with its findings by
kind and their rectification deadlines, and the new-media findings per unit."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.core.pdf import html_to_pdf

from .domain.labels import kind_label
from .models import AccountFinding, SiteFinding
from .selectors import SitePeriod, kinds_in, site_period

FONT = "SimSun"  # 宋体, the body font of official documents; Noto CJK stands in where missing


@dataclass(frozen=True)
class SiteSection:
    row: SitePeriod
    findings: list[SiteFinding]
    kinds: tuple[str, ...] = ()

    @property
    def counts(self) -> list[int]:
        return [self.row.by_kind.get(k, 0) for k in self.kinds]


@dataclass(frozen=True)
class Bulletin:
    title: str
    year: int
    quarter: int
    start: date
    end: date
    office: str
    sites: list[SiteSection]
    kinds: list[str]
    accounts: list[AccountFinding]

    @property
    def kind_labels(self) -> list[str]:
        return [kind_label(k) for k in self.kinds]


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def bulletin(*, sites, accounts, year: int, quarter: int, office: str) -> Bulletin:
    start, end = quarter_bounds(year, quarter)
    rows = site_period(sites, start, end)
    kinds = tuple(kinds_in(rows))
    sections = [
        SiteSection(
            row,
            list(
                SiteFinding.objects.filter(site=row.site, first_seen__range=(start, end))
                .select_related("assigned_unit")
                .order_by("kind", "first_seen", "id")
            ),
            kinds,
        )
        for row in rows
    ]
    found = (
        AccountFinding.objects.filter(account__in=accounts, first_seen__range=(start, end))
        .select_related("account__unit")
        .order_by("account__unit__path", "kind", "id")
    )
    return Bulletin(
        title=f"{year}年第{quarter}季度政府网站与政务新媒体检查情况通报",
        year=year,
        quarter=quarter,
        start=start,
        end=end,
        office=office,
        sites=sections,
        kinds=list(kinds),
        accounts=list(found),
    )


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text


def bulletin_docx(data: Bulletin) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = heading.add_run(data.title)
    title.bold = True
    title.font.size = Pt(18)
    document.add_paragraph(
        f"检查期间：{data.start:%Y年%m月%d日}至{data.end:%Y年%m月%d日}。通报单位：{data.office}。"
    )
    document.add_heading("一、网站检查情况", level=2)
    summary = [
        [
            s.row.site.name,
            s.row.site.unit.name,
            str(s.row.runs),
            *[str(s.row.by_kind.get(k, 0)) for k in data.kinds],
            f"{s.row.fixed_on_time}/{s.row.due}",
            "、".join(s.row.vetoes) or "无",
        ]
        for s in data.sites
    ]
    _table(
        document,
        ["网站", "主办单位", "检查次数", *data.kind_labels, "按期整改/应整改", "单项否决"],
        summary,
    )
    for section in data.sites:
        document.add_heading(section.row.site.name, level=3)
        if not section.findings:
            document.add_paragraph("本季度未发现问题。")
            continue
        _table(
            document,
            ["问题类型", "页面", "说明", "首次发现", "整改单位", "整改期限", "整改情况"],
            [
                [
                    kind_label(f.kind),
                    f.url,
                    f.detail,
                    f"{f.first_seen:%Y-%m-%d}",
                    f.assigned_unit.name,
                    f"{f.due_on:%Y-%m-%d}",
                    f.get_state_display(),
                ]
                for f in section.findings
            ],
        )
    document.add_heading("二、政务新媒体检查情况", level=2)
    if not data.accounts:
        document.add_paragraph("本季度未发现问题。")
    else:
        _table(
            document,
            ["单位", "账号", "问题类型", "说明", "首次发现", "消除日期"],
            [
                [
                    f.account.unit.name,
                    str(f.account),
                    kind_label(f.kind),
                    f.detail,
                    f"{f.first_seen:%Y-%m-%d}",
                    f"{f.resolved_on:%Y-%m-%d}" if f.resolved_on else "未消除",
                ]
                for f in data.accounts
            ],
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bulletin_pdf(data: Bulletin) -> bytes:
    html = render_to_string("supervision/bulletin_document.html", {"bulletin": data})
    return html_to_pdf(html)
