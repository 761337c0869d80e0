"""Published documents and interpretations as search kinds.

Both read what is public from ``gongkai.documents.selectors``, the one rule for it. Later modules
(catalog items, annual reports, answered messages …) register their own kinds the same way from
their ``AppConfig.ready``.
"""

from __future__ import annotations

from datetime import date
from html import unescape

from django.conf import settings
from django.db.models import QuerySet
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.documents.domain.doc_number import parse_doc_number
from gongkai.documents.domain.index_number import DEFAULT_TEMPLATE, parse_index_number
from gongkai.documents.domain.subject_classes import display_choices as subject_class_choices
from gongkai.documents.models import Interpretation, OfficialDocument, Validity
from gongkai.documents.selectors import public_documents, public_interpretations
from gongkai.documents.text import attachment_texts, body_text

from .domain.facets import FacetValues
from .registry import Filter, SearchKind, register_kind


def _platform():
    # The portal's models import the documents app; imported here when a URL is needed.
    from gongkai.portal.selectors import live_platform

    return live_platform()


def _subject(code: str) -> list[str]:
    # A filter on a class (03) finds its sub-classes (0301) too.
    return [code[:2], code] if code else []


# --- Documents ----------------------------------------------------------------------------


def _document_body(document: OfficialDocument) -> str:
    return document.summary + "\n" + body_text(document)


def _attachments(document: OfficialDocument) -> str:
    return "\n".join(text for _, text in attachment_texts(document))


def _public_documents() -> QuerySet:
    # What a result and an index entry read of a document: its unit and co-issuers (one query
    # for a page, not one a document), not the (wide) replacing document.
    return (
        public_documents()
        .select_related(None)
        .select_related("unit")
        .prefetch_related("co_issuers")
    )


def _document_units(document: OfficialDocument) -> list[Unit]:
    # A joint issue is found under each issuer.
    return [document.unit, *document.co_issuers.all()]


def _document_date(document: OfficialDocument) -> date | None:
    return document.published_on or document.written_on


def _document_facets(document: OfficialDocument) -> FacetValues:
    return {"subject": _subject(document.subject_class), "validity": document.validity}


def _document_url(document: OfficialDocument) -> str:
    platform = _platform()
    return platform.document_url(document.unit.code, document.pk) if platform else ""


def _exact_documents(query: str) -> QuerySet:
    """The public documents a whole query names: a doc number in any usual spelling, or an
    index number."""
    doc_number = parse_doc_number(query)
    if doc_number is not None:
        return public_documents().filter(doc_number=str(doc_number))
    template = getattr(settings, "GONGKAI_INDEX_NUMBER_TEMPLATE", DEFAULT_TEMPLATE)
    if parse_index_number(template, query) is not None:
        return public_documents().filter(index_number=query.strip())
    return OfficialDocument.objects.none()


DOCUMENTS = SearchKind(
    name="document",
    label=_("公文"),
    model=OfficialDocument,
    public=_public_documents,
    title=lambda document: document.title,
    body=_document_body,
    more_text=_attachments,
    url=_document_url,
    units=_document_units,
    date=_document_date,
    identifiers=lambda document: [document.doc_number, document.index_number],
    facets=_document_facets,
    filters=(
        Filter("subject", _("主题分类"), subject_class_choices),
        Filter("validity", _("有效性"), lambda: Validity.choices),
    ),
    exact=_exact_documents,
    dependents=lambda document: document.interpretations.all(),
    policy=True,
)


# --- Interpretations ----------------------------------------------------------------------


def _interpretation_body(interpretation: Interpretation) -> str:
    return unescape(strip_tags(interpretation.body or "")) + "\n" + interpretation.image_alt


def _interpretation_url(interpretation: Interpretation) -> str:
    platform = _platform()
    if platform is None:
        return ""
    path = platform.reverse_subpage(
        "interpretation", args=[interpretation.unit.code, interpretation.pk]
    )
    return platform.url + path


INTERPRETATIONS = SearchKind(
    name="interpretation",
    label=_("政策解读"),
    model=Interpretation,
    public=public_interpretations,
    title=lambda interpretation: interpretation.title,
    body=_interpretation_body,
    url=_interpretation_url,
    units=lambda interpretation: [interpretation.unit],
    date=lambda interpretation: interpretation.published_on,
    # Found under the subject class of the document it explains.
    facets=lambda interpretation: {"subject": _subject(interpretation.document.subject_class)},
    policy=True,
)


def register() -> None:
    register_kind(DOCUMENTS)
    register_kind(INTERPRETATIONS)
