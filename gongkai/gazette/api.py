"""The gazette's dataset in the open data API (``/api/v1/gazette-issues/``): the published
issues, read through ``selectors.public_issues`` like the portal, each with its contents and the
addresses of its page, PDF edition and articles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Schema

from gongkai.api.registry import Dataset, FeedLink, register_dataset

from .models import GazetteArticle
from .selectors import in_print_order, public_issues


class GazetteUnitOut(Schema):
    code: str
    name: str


class GazetteArticleOut(Schema):
    id: int
    section: str
    section_label: str
    title: str
    doc_number: str
    issuer: str
    written_on: date | None
    document: int | None
    corrects: int | None
    url: str


class GazetteIssueOut(Schema):
    id: int
    gazette: str
    unit: GazetteUnitOut
    year: int
    number: int
    total_number: int
    label: str
    issue_date: date
    published_at: datetime
    pdf_url: str | None
    pdf_pages: int
    pdf_sha256: str
    articles: list[GazetteArticleOut]
    url: str


def _issues() -> QuerySet:
    return public_issues().prefetch_related(
        Prefetch("articles", queryset=in_print_order(GazetteArticle.objects.all()))
    )


def _rows(issues: Sequence[Any], absolute: Callable[[str], str]) -> list[dict[str, Any]]:
    return [
        {
            "id": issue.pk,
            "gazette": issue.gazette_name,
            "unit": {"code": issue.unit.code, "name": issue.unit.name},
            "year": issue.year,
            "number": issue.number,
            "total_number": issue.total_number,
            "label": issue.label,
            "issue_date": issue.issue_date,
            "published_at": issue.published_at,
            "pdf_url": absolute(reverse("gazette:issue_pdf", args=[issue.pk]))
            if issue.pdf
            else None,
            "pdf_pages": issue.pdf_pages,
            "pdf_sha256": issue.pdf_sha256,
            "articles": [
                {
                    "id": article.pk,
                    "section": article.section,
                    "section_label": article.section_label,
                    "title": article.title,
                    "doc_number": article.doc_number,
                    "issuer": article.issuer,
                    "written_on": article.written_on,
                    "document": article.document_id,
                    "corrects": article.corrects_id,
                    "url": absolute(reverse("gazette:article", args=[article.pk])),
                }
                for article in issue.articles.all()
            ],
            "url": absolute(reverse("gazette:issue", args=[issue.pk])),
        }
        for issue in issues
    ]


GAZETTE_ISSUES = Dataset(
    name="gazette-issues",
    title=_("政府公报"),
    description=_(
        "已出版的政府公报各期：年份、期号、总期号、出版日期、PDF 版地址和校验值，以及按栏目排列的目录。"
    ),
    schema=GazetteIssueOut,
    public=_issues,
    rows=_rows,
    date_field="issue_date",
    # A published issue is never changed (a correction is a 勘误 in a later issue).
    modified_field="published_at",
    feeds=lambda: [FeedLink(str(_("政府公报（Atom）")), reverse("gazette:feed"))],
)


def register() -> None:
    register_dataset(GAZETTE_ISSUES)
