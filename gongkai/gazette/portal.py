"""What the gazette adds to other modules' public pages: 「刊登于《…公报》2026年第3期」 on the page
of a register document it printed (a section of the register's document page)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse

from .selectors import public_articles, publications_of_document


def printed_in(document) -> dict[str, Any] | None:
    # Only what the citation needs: the article's body and the issue's PDF facts are wide,
    # and this runs on every uncached document page.
    articles = list(
        publications_of_document(document.pk).only(
            "id", "issue__year", "issue__number", "issue__unit__name"
        )
    )
    if not articles:
        return None
    return {
        "template": "gazette/public/_printed_in.html",
        "publications": [
            (article.issue.citation, reverse("gazette:article", args=[article.pk]))
            for article in articles
        ],
    }


def has_printings() -> Exists:
    """Whether a published gazette issue printed the document of the outer query."""
    return Exists(public_articles().filter(document=OuterRef("pk")))
