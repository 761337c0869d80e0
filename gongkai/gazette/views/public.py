"""The gazette's public pages (``/gazette/``): the archive by year, an issue with its contents,
each article, the stored PDF edition, the 赠阅点 and an Atom feed of published issues. Every
read goes through ``selectors.public_issues`` / ``public_articles``; anything else is a 404."""

from __future__ import annotations

from itertools import groupby

from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongkai.documents.selectors import public_documents
from gongkai.portal.selectors import live_platform

from ..models import GazetteArticle, GazetteIssue
from ..render import sections_of
from ..selectors import (
    active_points,
    issue_articles,
    public_articles,
    public_corrections,
    public_issues,
)

COLUMN = {"column_name": "政府公报", "column_type": "政务公开"}
FEED_SIZE = 20


def _render(request: HttpRequest, template: str, context: dict) -> TemplateResponse:
    return TemplateResponse(request, f"gazette/public/{template}", {**COLUMN, **context})


def _archive_crumb() -> tuple[str, str]:
    return (_("政府公报"), reverse("gazette:archive"))


@require_safe
def archive(request: HttpRequest) -> TemplateResponse:
    issues = list(
        public_issues()
        .order_by("-year", "-number")
        .only(
            "id",
            "unit__name",
            "unit__code",
            "year",
            "number",
            "total_number",
            "issue_date",
            "pdf_pages",
            "pdf",
        )
    )
    years = [(year, list(group)) for year, group in groupby(issues, key=lambda i: i.year)]
    return _render(
        request,
        "archive.html",
        {"heading": _("政府公报"), "years": years, "crumbs": [(_("政府公报"), None)]},
    )


def _issue(pk: int) -> GazetteIssue:
    return get_object_or_404(public_issues(), pk=pk)


@require_safe
def issue_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    issue = _issue(pk)
    articles = list(issue_articles(issue))
    heading = f"{issue.gazette_name}{issue.label}"
    return _render(
        request,
        "issue.html",
        {
            "heading": heading,
            "unit": issue.unit,
            "issue": issue,
            "sections": sections_of(articles),
            "crumbs": [_archive_crumb(), (issue.label, None)],
        },
    )


@require_safe
def issue_pdf(request: HttpRequest, pk: int) -> FileResponse:
    issue = _issue(pk)
    if not issue.pdf:
        raise Http404
    name = f"{issue.unit.name}公报{issue.year}年第{issue.number}期.pdf"
    return FileResponse(
        issue.pdf.open("rb"), as_attachment=False, filename=name, content_type="application/pdf"
    )


def _document_url(article: GazetteArticle) -> str:
    """The register's page of the printed document, while the public may still read it."""
    if not article.document_id:
        return ""
    document = public_documents().select_related("unit").filter(pk=article.document_id).first()
    platform = live_platform()
    if document is None or platform is None:
        return ""
    return platform.document_url(document.unit.code, document.pk)


@require_safe
def article_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    article = get_object_or_404(public_articles().select_related("corrects__issue__unit"), pk=pk)
    issue = article.issue
    siblings = list(issue_articles(issue).values_list("id", flat=True))
    index = siblings.index(article.pk)
    corrects = (
        article.corrects if article.corrects and article.corrects.issue.is_published else None
    )
    return _render(
        request,
        "article.html",
        {
            "heading": article.title,
            "unit": issue.unit,
            "issue": issue,
            "article": article,
            "corrects": corrects,
            "corrections": list(public_corrections(article)),
            "document_url": _document_url(article),
            "previous_id": siblings[index - 1] if index > 0 else None,
            "next_id": siblings[index + 1] if index + 1 < len(siblings) else None,
            "crumbs": [
                _archive_crumb(),
                (issue.label, reverse("gazette:issue", args=[issue.pk])),
                (article.title, None),
            ],
        },
    )


@require_safe
def points(request: HttpRequest) -> TemplateResponse:
    return _render(
        request,
        "points.html",
        {
            "heading": _("政府公报赠阅点"),
            "points": list(active_points()),
            "crumbs": [_archive_crumb(), (_("赠阅点"), None)],
        },
    )


class IssueFeed(Feed):
    """The newest published issues, as Atom."""

    feed_type = Atom1Feed
    title = "政府公报"
    subtitle = "最新出版的政府公报"

    def link(self) -> str:
        return reverse("gazette:archive")

    def items(self):
        return public_issues().order_by("-published_at")[:FEED_SIZE]

    def item_title(self, issue: GazetteIssue) -> str:
        return f"{issue.gazette_name}{issue.label}（总第{issue.total_number}期）"

    def item_description(self, issue: GazetteIssue) -> str:
        return "；".join(issue_articles(issue).values_list("title", flat=True))

    def item_link(self, issue: GazetteIssue) -> str:
        return reverse("gazette:issue", args=[issue.pk])

    def item_pubdate(self, issue: GazetteIssue):
        return issue.published_at

    def item_updateddate(self, issue: GazetteIssue):
        return issue.published_at
