"""A report as JSON, HTML, .docx and PDF, in the layout of 国办公开办函〔2021〕30号.

All four read one `ReportDocument`: the published snapshot for a published report, the live
figures for a draft or for a unit that has no report yet (then sections 一, 五, 六 are the
sentences pre-filled from the facts). The tables come from `domain.grid`, so every format puts
each number in the same merged-cell layout.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.core.pdf import html_to_pdf

from .domain import tables as t
from .domain.grid import CellKey, Grid, mark, positioned, table2_grid, table3_grid, table4_grid
from .domain.layout import REPORT_SECTIONS
from .domain.narrative import prefilled_texts
from .domain.periods import Period
from .models import AnnualReport
from .selectors import ReportData, Scope, Tables, live_data, report_data

TABLE_CAPTIONS = {
    "table2": "主动公开政府信息情况",
    "table3": "收到和处理政府信息公开申请情况",
    "table4": "政府信息公开行政复议、行政诉讼情况",
}


@dataclass(frozen=True)
class ReportDocument:
    title: str
    unit_code: str
    unit_name: str
    year: int
    period: Period
    overview: str
    problems: str
    other_matters: str
    data: ReportData
    published_at: datetime | None

    @property
    def grids(self) -> list[Grid]:
        return [
            table2_grid(self.data.table2),
            table3_grid(self.data.table3),
            table4_grid(self.data.table4),
        ]

    @property
    def is_publishable(self) -> bool:
        return all(check.ok for check in self.data.checks)


def document_for(report: AnnualReport) -> ReportDocument:
    return ReportDocument(
        title=report.title,
        unit_code=report.unit.code,
        unit_name=report.unit.name,
        year=report.year,
        period=report.period_kind,
        overview=report.overview,
        problems=report.problems,
        other_matters=report.other_matters,
        data=report_data(report),
        published_at=report.published_at,
    )


def document_for_scope(scope: Scope) -> ReportDocument:
    """A unit without a report for the period: the live tables and the pre-filled sentences."""
    data = live_data(scope)
    return ReportDocument(
        title=scope.period.title(scope.unit.name, scope.year),
        unit_code=scope.unit.code,
        unit_name=scope.unit.name,
        year=scope.year,
        period=scope.period,
        data=data,
        published_at=None,
        **prefilled_texts(data.facts),
    )


# --- JSON ----------------------------------------------------------------------------------------


def _json_number(value: int | Decimal) -> int | float:
    return float(value) if isinstance(value, Decimal) else value


def report_json(unit_code: str, year: int, data: Tables) -> dict[str, Any]:
    """Exactly the issue's shape: unit, year, table2, table3, table4, checks."""
    return {
        "unit": unit_code,
        "year": year,
        "table2": {
            row: {column: _json_number(value) for column, value in cells.items()}
            for row, cells in data.table2.items()
        },
        "table3": {row: dict(data.table3[row]) for row in t.TABLE3_ROWS},
        "table4": {group: dict(data.table4[group]) for group in t.TABLE4_GROUPS},
        "checks": [{"rule": c.rule, "ok": c.ok, "detail": c.detail} for c in data.checks],
    }


# --- HTML ----------------------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def grid_context(
    grid: Grid,
    *,
    failing: frozenset[CellKey] | set[CellKey] = frozenset(),
    url_for: Callable[[CellKey], str | None] | None = None,
) -> dict[str, Any]:
    rows = mark(grid, failing=failing, url_for=url_for)
    return {
        "table": grid.table,
        "caption": TABLE_CAPTIONS[grid.table],
        "head": rows[: grid.header_rows],
        "body": rows[grid.header_rows :],
    }


def body_context(
    document: ReportDocument,
    *,
    failing: frozenset[CellKey] | set[CellKey] = frozenset(),
    url_for: Callable[[CellKey], str | None] | None = None,
) -> dict[str, Any]:
    """What `reports/_report_body.html` needs: the six sections in order, tables as grids."""
    grids = [grid_context(g, failing=failing, url_for=url_for) for g in document.grids]
    texts = {0: document.overview, 4: document.problems, 5: document.other_matters}
    sections = []
    for number, heading in enumerate(REPORT_SECTIONS):
        sections.append(
            {
                "heading": heading,
                "paragraphs": paragraphs(texts.get(number, "")),
                "grid": grids[number - 1] if 1 <= number <= 3 else None,
            }
        )
    return {"document": document, "sections": sections}


def report_html(document: ReportDocument) -> str:
    """A whole HTML document (print CSS included): the `--format html` output and the PDF source."""
    return render_to_string(
        "reports/document.html", {**body_context(document), "generated_at": timezone.now()}
    )


def report_pdf(document: ReportDocument) -> bytes:
    """Raises `gongkai.core.pdf.PdfUnavailable` (a Chinese sentence) when this server cannot."""
    return html_to_pdf(report_html(document))


# --- .docx ---------------------------------------------------------------------------------------

BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋_GB2312", "黑体", "方正小标宋简体"


def _font(run, name: str, size: float, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str, *, font: str = BODY_FONT, size: float = 16, bold=False, **fmt):
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    _font(paragraph.add_run(text), font, size, bold=bold)
    paragraph.paragraph_format.line_spacing = Pt(28)
    for name, value in fmt.items():
        setattr(paragraph.paragraph_format, name, value)
    return paragraph


def _docx_table(doc, grid: Grid, font_size: float) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    table = doc.add_table(rows=len(grid.rows), cols=grid.columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    usable = 15.6  # cm between the margins of an A4 page
    total = sum(grid.column_widths) or grid.columns
    for c, width in enumerate(grid.column_widths or (1,) * grid.columns):
        for cell in table.columns[c].cells:
            cell.width = Cm(usable * width / total)
    for r, c, spec in positioned(grid):
        cell = table.cell(r, c)
        if spec.rowspan > 1 or spec.colspan > 1:
            cell = cell.merge(table.cell(r + spec.rowspan - 1, c + spec.colspan - 1))
        paragraph = cell.paragraphs[0]
        paragraph.alignment = (
            WD_ALIGN_PARAGRAPH.LEFT
            if spec.header and spec.colspan < 3 and r >= grid.header_rows
            else WD_ALIGN_PARAGRAPH.CENTER
        )
        _font(
            paragraph.add_run(spec.text),
            "宋体",
            font_size,
            bold=spec.header and r < grid.header_rows,
        )


def report_docx(document: ReportDocument) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _paragraph(doc, document.title, font=TITLE_FONT, size=22, alignment=WD_ALIGN_PARAGRAPH.CENTER)
    grids = document.grids
    table_fonts = {"table2": 10.5, "table3": 8, "table4": 8}
    for number, entry in enumerate(body_context(document)["sections"]):
        _paragraph(doc, entry["heading"], font=HEADING_FONT, size=16, space_before=Pt(6))
        for text in entry["paragraphs"]:
            _paragraph(doc, text, first_line_indent=Pt(32))
        if entry["grid"] is not None:
            grid = grids[number - 1]
            _docx_table(doc, grid, table_fonts[grid.table])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
