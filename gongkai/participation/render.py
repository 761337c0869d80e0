"""The 意见采纳情况说明 as a document: the same content as the feedback page, as .docx
(python-docx, GB/T 9704 page and fonts) and as PDF (WeasyPrint, `gongkai.core.pdf`).

What it says: who consulted whom on what and when, how many comments came by which channel,
the overall account, the counts by disposition, then every answer with the comments it
answers (their public text; a hidden comment is counted, not quoted).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.core.pdf import html_to_pdf

from .domain.feedback import Tally
from .domain.phases import zh_date
from .domain.rules import Channel
from .models import Answer, CommentVisibility, Consultation
from .selectors import disposition_tally, published_answers


@dataclass(frozen=True)
class AnswerBlock:
    number: int
    heading: str
    comments: list[tuple[str, str]]
    """(article, public text) of each shown comment."""
    not_shown: int
    disposition: str
    reason: str


@dataclass(frozen=True)
class FeedbackDocument:
    title: str
    unit_name: str
    introduction: str
    summary: list[str]
    tally: list[Tally]
    answers: list[AnswerBlock]
    dated: str


def _introduction(consultation: Consultation, total: int) -> str:
    by_channel = dict(consultation.comments.values_list("channel").annotate(n=Count("id")))
    parts = [f"{Channel(c).label}{n}条" for c, n in by_channel.items() if n]
    channels = "、".join(consultation.channel_labels)
    received = f"共收到意见{total}条" + (f"（{'，'.join(parts)}）" if parts else "")
    return (
        f"{consultation.unit.name}于{zh_date(consultation.starts_on)}至"
        f"{zh_date(consultation.ends_on)}通过{channels}等方式就{consultation.draft_name}"
        f"向社会公开征求意见，{received}。现将意见采纳情况说明如下。"
    )


def _block(number: int, answer: Answer) -> AnswerBlock:
    comments = answer.listed_comments
    shown = [c for c in comments if c.visibility == CommentVisibility.SHOWN]
    quoted = [(str(c.article) if c.article else "整体意见", c.public_body) for c in shown]
    heading = answer.summary or (shown[0].public_body[:30] + "……" if shown else "其他意见")
    return AnswerBlock(
        number=number,
        heading=f"{heading}（{len(comments)}条）",
        comments=quoted,
        not_shown=len(comments) - len(shown),
        disposition=answer.disposition_label,
        reason=answer.reason,
    )


def feedback_document(consultation: Consultation) -> FeedbackDocument:
    feedback = consultation.feedback
    total = consultation.comments.count()
    published = feedback.published_at or timezone.now()
    return FeedbackDocument(
        title=str(feedback),
        unit_name=consultation.unit.name,
        introduction=_introduction(consultation, total),
        summary=[p.strip() for p in feedback.summary.splitlines() if p.strip()],
        tally=disposition_tally(consultation),
        answers=[_block(n, a) for n, a in enumerate(published_answers(consultation), start=1)],
        dated=zh_date(timezone.localdate(published)),
    )


def feedback_html(consultation: Consultation) -> str:
    return render_to_string(
        "participation/feedback_document.html", {"doc": feedback_document(consultation)}
    )


def feedback_pdf(consultation: Consultation) -> bytes:
    """Raises `gongkai.core.pdf.PdfUnavailable` (a Chinese sentence) when this server cannot."""
    return html_to_pdf(feedback_html(consultation))


BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋_GB2312", "黑体", "方正小标宋简体"


def _run_font(run, name: str, size: float, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size, run.font.bold, run.font.name = Pt(size), bold, name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _add(
    doc, text: str, *, font: str = BODY_FONT, size: float = 16, bold=False, indent=True, **fmt
):
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    _run_font(paragraph.add_run(text), font, size, bold=bold)
    paragraph.paragraph_format.line_spacing = Pt(28)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    for name, value in fmt.items():
        setattr(paragraph.paragraph_format, name, value)
    return paragraph


def feedback_docx(consultation: Consultation) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    doc_data = feedback_document(consultation)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _add(
        doc,
        doc_data.title,
        font=TITLE_FONT,
        size=22,
        indent=False,
        alignment=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _add(doc, doc_data.introduction)
    _add(doc, "一、总体情况", font=HEADING_FONT)
    for paragraph in doc_data.summary:
        _add(doc, paragraph)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("处理结果", "意见条数", "占比"), strict=True):
        _run_font(cell.paragraphs[0].add_run(text), "宋体", 12, bold=True)
    for row in doc_data.tally:
        cells = table.add_row().cells
        for cell, text in zip(cells, (row.label, str(row.count), f"{row.percent:g}%"), strict=True):
            _run_font(cell.paragraphs[0].add_run(text), "宋体", 12)
    _add(doc, "二、意见处理情况", font=HEADING_FONT)
    for block in doc_data.answers:
        _add(doc, f"（{block.number}）{block.heading}", bold=True)
        for article, text in block.comments:
            _add(doc, f"{article}：{text}", size=14)
        if block.not_shown:
            _add(doc, f"另有{block.not_shown}条意见未公开显示。", size=14)
        _add(doc, f"处理结果：{block.disposition}。理由：{block.reason}")
    _add(doc, doc_data.unit_name, indent=False, alignment=WD_ALIGN_PARAGRAPH.RIGHT)
    _add(doc, doc_data.dated, indent=False, alignment=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
