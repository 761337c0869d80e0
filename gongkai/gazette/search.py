"""Gazette articles as a search kind (registered from ``GazetteConfig.ready``); what is public is
read from ``selectors.public_articles``."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from gongkai.search.registry import SearchKind, register_kind

from .models import GazetteArticle
from .selectors import public_articles


def article_url(article: GazetteArticle) -> str:
    return reverse("gazette:article", args=[article.pk])


ARTICLES = SearchKind(
    name="gazette",
    label=_("政府公报"),
    model=GazetteArticle,
    public=public_articles,
    title=lambda article: article.title,
    body=lambda article: "\n".join(
        filter(
            None,
            [
                f"{article.issue.gazette_name}{article.issue.label}·{article.section_label}",
                strip_tags(article.body),
            ],
        )
    ),
    url=article_url,
    units=lambda article: [article.issue.unit],
    date=lambda article: article.issue.issue_date,
    identifiers=lambda article: [article.doc_number] if article.doc_number else [],
)


def register() -> None:
    register_kind(ARTICLES)
