"""What may be read of the gazette. ``public_issues`` / ``public_articles`` are the one rule for
what the public sees (published issues only); the portal, search, the feed and the register's
document pages all read through them."""

from __future__ import annotations

import hashlib

from django.db.models import Case, IntegerField, QuerySet, Value, When

from gongkai.core.permissions import scope

from .domain.issues import SECTION_ORDER
from .models import DistributionPoint, GazetteArticle, GazetteIssue, IssueStatus

# Articles print section by section (政府规章 first), and in the editor's order inside one.
_SECTION_RANK = Case(
    *(When(section=section.value, then=Value(rank)) for section, rank in SECTION_ORDER.items()),
    output_field=IntegerField(),
)


def in_print_order(articles: QuerySet) -> QuerySet:
    return articles.annotate(section_rank=_SECTION_RANK).order_by("section_rank", "position", "id")


def public_issues() -> QuerySet:
    return GazetteIssue.objects.filter(
        status=IssueStatus.PUBLISHED, unit__is_active=True
    ).select_related("unit")


def public_articles() -> QuerySet:
    return GazetteArticle.objects.filter(
        issue__status=IssueStatus.PUBLISHED, issue__unit__is_active=True
    ).select_related("issue__unit")


def issue_articles(issue: GazetteIssue) -> QuerySet:
    return in_print_order(issue.articles.select_related("corrects__issue__unit"))


def public_years() -> list[int]:
    return list(public_issues().order_by("-year").values_list("year", flat=True).distinct())


def publications_of_document(document_id: int) -> QuerySet:
    """The published articles that printed a register document, earliest issue first."""
    return (
        public_articles()
        .filter(document_id=document_id)
        .order_by("issue__issue_date", "issue__number")
    )


def public_corrections(article: GazetteArticle) -> QuerySet:
    """The published 勘误 articles that correct ``article``."""
    return public_articles().filter(corrects=article).order_by("issue__issue_date", "id")


def active_points() -> QuerySet:
    return DistributionPoint.objects.filter(is_active=True, unit__is_active=True).select_related(
        "unit"
    )


def staff_issues(user, action: str = "gazette.view") -> QuerySet:
    return scope(GazetteIssue.objects.select_related("unit"), user, action)


def staff_points(user, action: str = "gazette.view") -> QuerySet:
    return scope(DistributionPoint.objects.select_related("unit"), user, action)


def correctable_articles(issue: GazetteIssue) -> QuerySet:
    """Articles a 勘误 in ``issue`` may correct: those of the same gazette's earlier published
    issues."""
    return (
        GazetteArticle.objects.filter(
            issue__unit=issue.unit,
            issue__status=IssueStatus.PUBLISHED,
            issue__issue_date__lte=issue.issue_date,
        )
        .exclude(issue=issue)
        .select_related("issue__unit")
        .order_by("-issue__year", "-issue__number", "position")
    )


def edition_problem(issue: GazetteIssue) -> str | None:
    """Why the stored PDF edition of a published issue is not the one published, or None."""
    if not issue.pdf:
        return f"{issue}：没有PDF版。"
    try:
        with issue.pdf.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return f"{issue}：PDF版文件 {issue.pdf.name} 不存在。"
    if digest != issue.pdf_sha256:
        return f"{issue}：PDF版已被改动（SHA-256 应为 {issue.pdf_sha256}，现为 {digest}）。"
    return None
