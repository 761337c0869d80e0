"""What the messages app adds to pages of other modules: the 相关问答 section of a public
document's page (registered with the register's ``register_document_section``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef

from gongkai.documents.models import OfficialDocument

from .selectors import public_questions, published_questions

SHOWN_ON_DOCUMENT = 10


def related_questions(document: OfficialDocument) -> dict[str, Any] | None:
    # The section shows a question and its answer: no joins of the (wide) unit and document
    # rows, whose building costs more than the query on every uncached document page.
    questions = list(
        public_questions(document_id=document.pk)
        .select_related(None)
        .only("id", "question", "answer")[: SHOWN_ON_DOCUMENT + 1]
    )
    if not questions:
        return None
    return {
        "template": "interaction/portal/_related_questions.html",
        "questions": questions[:SHOWN_ON_DOCUMENT],
        "more": len(questions) > SHOWN_ON_DOCUMENT,
        "document": document,
    }


def has_related_questions() -> Exists:
    """Whether the public document of the outer query has a published question (its page is
    shown only when the document is public, so the document is not tested again)."""
    return Exists(published_questions().filter(document=OuterRef("pk")))
