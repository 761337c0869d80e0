"""The PDF edition of an issue: cover, contents with the page on which each article starts
(WeasyPrint's ``target-counter``), then the articles, each from a new page. Built once, when the
issue is published; the stored file is what every later download serves."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.template.loader import render_to_string

from gongkai.core.pdf import html_to_pdf

from .domain.issues import SECTION_LABELS, Section, ordered_sections
from .models import GazetteArticle, GazetteIssue


@dataclass(frozen=True)
class SectionBlock:
    label: str
    articles: list[GazetteArticle]


def sections_of(articles: list[GazetteArticle]) -> list[SectionBlock]:
    """The articles grouped by section, sections in print order (the articles come ordered)."""
    order = ordered_sections([Section(a.section) for a in articles])
    return [SectionBlock(SECTION_LABELS[s], [a for a in articles if a.section == s]) for s in order]


@dataclass(frozen=True)
class Edition:
    data: bytes
    sha256: str
    pages: int


def build_edition(issue: GazetteIssue, articles: list[GazetteArticle]) -> Edition:
    html = render_to_string(
        "gazette/pdf/issue.html", {"issue": issue, "sections": sections_of(articles)}
    )
    data = html_to_pdf(html)
    return Edition(data, hashlib.sha256(data).hexdigest(), _page_count(data))


def _page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)
