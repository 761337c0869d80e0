"""The document register on the public portal: the lists of a unit's section, document and
interpretation pages, the document as it stood on a date, and the 法定主动公开内容 column.

Every read starts from ``selectors.public_documents`` / ``public_interpretations``, the one rule
for what the public may see, so a draft, a withheld or on-request document or an unpublished one
cannot be reached from here. The routes are on ``portal.models.DisclosurePlatformPage``; these
functions build their context and raise ``Http404`` for anything not public.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Exists, Expression, Max, Min, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry, Revision

from gongkai.core.models import AuditEntry, Unit
from gongkai.portal.columns import register_column_provider
from gongkai.portal.selectors import portal_sites
from gongkai.portal.sites import site_hosts, site_unit_id_for_host

from .domain.subject_classes import SUBJECT_CLASSES
from .models import (
    DocumentAttachment,
    DocumentKind,
    ImplementationLink,
    OfficialDocument,
    Validity,
)
from .selectors import (
    in_force_documents,
    public_cross_link_ids,
    public_documents,
    public_interpretations,
    public_policies,
    units_linked_to,
)

PAGE_SIZE = 20
LATEST_IN_COLUMN = 10
RULE_KINDS = (DocumentKind.RULE, DocumentKind.NORMATIVE)
# What a list row shows: loading the body of twenty documents to print their titles would cost
# more than the rest of the page.
LIST_FIELDS = (
    "id",
    "unit_id",
    "title",
    "doc_number",
    "index_number",
    "written_on",
    "published_on",
    "kind",
    "validity",
)


@dataclass(frozen=True)
class Listing:
    slug: str  # the path segment after the unit code
    title: str
    description: str


DOCUMENTS = Listing("documents", _("全部文件"), _("本单位主动公开的全部公文。"))
POLICIES = Listing(
    "policies", _("政策文件"), _("本单位制发的规章、行政规范性文件和其他政策性文件。")
)
IN_FORCE = Listing("in-force", _("现行有效文件"), _("本单位现行有效的规章和行政规范性文件。"))
INTERPRETATIONS = Listing(
    "interpretations", _("政策解读"), _("对本单位政策文件的文字、问答、图解和视频解读。")
)
LISTINGS = (DOCUMENTS, POLICIES, IN_FORCE, INTERPRETATIONS)
DOCUMENT_LISTINGS = {listing.slug: listing for listing in (DOCUMENTS, POLICIES, IN_FORCE)}


def _document_listing(slug: str, unit: Unit) -> QuerySet:
    if slug == POLICIES.slug:
        return public_policies(unit)
    if slug == IN_FORCE.slug:
        return in_force_documents(unit)
    return public_documents(unit)


def _rows(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(None).only(*LIST_FIELDS)


class DocumentFilterForm(forms.Form):
    """The filters of a document list: a plain GET form, so it works without JavaScript and a
    filtered list is a link that can be shared."""

    # A year is checked as a number, not against the offered years, which are cached.
    year = forms.IntegerField(
        label=_("发布年份"), required=False, min_value=1949, max_value=2100, widget=forms.Select
    )
    subject = forms.ChoiceField(label=_("主题分类"), required=False)
    kind = forms.ChoiceField(
        label=_("文件类型"), required=False, choices=[("", _("全部")), *DocumentKind.choices]
    )
    validity = forms.ChoiceField(
        label=_("有效性"), required=False, choices=[("", _("全部")), *Validity.choices]
    )

    def __init__(self, data, *, years: list[int], with_validity: bool) -> None:
        super().__init__(data)
        self.fields["year"].widget.choices = [("", _("全部")), *((y, f"{y}年") for y in years)]
        # Top-level classes only: a class takes its sub-classes with it, and twenty-two options
        # are a choice a visitor can make (the full tree has 150).
        self.fields["subject"].choices = [
            ("", _("全部")),
            *((c.code, c.name) for c in SUBJECT_CLASSES),
        ]
        if not with_validity:
            del self.fields["validity"]

    def filter(self, queryset: QuerySet) -> QuerySet:
        """Apply the filters that are valid; an invalid one is reported and ignored."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("year"):
            queryset = queryset.filter(published_on__year=data["year"])
        if data.get("subject"):
            queryset = queryset.filter(subject_class__startswith=data["subject"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("validity"):
            queryset = queryset.filter(validity=data["validity"])
        return queryset


YEARS_CACHE_SECONDS = 600


def _years(unit: Unit) -> list[int]:
    """The years of the unit's documents, newest first, for the year filter.

    Cached: only the offered choices depend on it, never what is shown. Min and max rather
    than the distinct years, which would read every row; a year with nothing lists nothing.
    """

    def compute() -> list[int]:
        span = (
            public_documents(unit)
            .order_by()
            .aggregate(first=Min("published_on"), last=Max("published_on"))
        )
        if span["first"] is None:
            return []
        return list(range(span["last"].year, span["first"].year - 1, -1))

    return cache.get_or_set(f"portal:document-years:{unit.pk}", compute, YEARS_CACHE_SECONDS)


def _paginate(request: HttpRequest, queryset: QuerySet) -> dict[str, Any]:
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
    }


def _document_page(request: HttpRequest, queryset: QuerySet) -> dict[str, Any]:
    """A page of documents, found by id first.

    The (unit, live, disclosure, published_on) index holds all an unfiltered list needs to
    count, order and pick its page, so SQLite works on index entries alone; only the twenty
    documents shown are then read. Read in full, every document of the unit would be, and its
    long body lies in the row before the columns the list orders by.
    """
    context = _paginate(request, queryset.values_list("pk", flat=True))
    page = context["page_obj"]
    ids = list(page.object_list)
    by_id = _rows(queryset).in_bulk(ids)
    page.object_list = [by_id[pk] for pk in ids]
    return context


def document_list_context(request: HttpRequest, unit: Unit, slug: str) -> dict[str, Any]:
    listing = DOCUMENT_LISTINGS[slug]
    form = DocumentFilterForm(request.GET, years=_years(unit), with_validity=slug != IN_FORCE.slug)
    return {
        "listing": listing,
        "listings": LISTINGS,
        "form": form,
        **_document_page(request, form.filter(_document_listing(slug, unit))),
    }


def interpretation_list_context(request: HttpRequest, unit: Unit) -> dict[str, Any]:
    interpretations = (
        public_interpretations(unit)
        .select_related("document__unit")
        .defer("body", "image_alt", "document__body", "document__summary")
    )
    return {"listing": INTERPRETATIONS, "listings": LISTINGS, **_paginate(request, interpretations)}


def statutory_column(unit: Unit) -> dict[str, Any] | None:
    """The 法定主动公开内容 column: the latest documents and the way to the full lists."""
    latest = list(_rows(public_documents(unit))[:LATEST_IN_COLUMN])
    if not latest and not public_interpretations(unit).exists():
        return None
    return {
        "template": "documents/portal/_statutory_column.html",
        "latest": latest,
        "listings": LISTINGS,
    }


register_column_provider("statutory", statutory_column)


# --- One document ---------------------------------------------------------------------------

VALIDITY_ENDED = (Validity.AMENDED, Validity.REPEALED, Validity.EXPIRED)


@dataclass(frozen=True)
class ValidityOn:
    code: str  # a Validity value, or "" for a document without one
    changed_on: date | None


def validity_on(document: OfficialDocument, day: date) -> ValidityOn:
    """A rule's or normative document's 有效性 on ``day``, from the status recorded now.

    Only the latest change is recorded (``validity_changed_on``), so a document amended and later
    repealed reads as in force before the repeal. A status recorded without a date is taken to
    hold on every day, and a document past its 有效期至 has expired whatever was recorded.
    """
    if document.kind not in RULE_KINDS:
        return ValidityOn("", None)
    changed = document.validity_changed_on
    if document.validity in VALIDITY_ENDED and (changed is None or changed <= day):
        return ValidityOn(document.validity, changed)
    if document.valid_until and document.valid_until < day:
        return ValidityOn(Validity.EXPIRED, document.valid_until + timedelta(days=1))
    return ValidityOn(Validity.IN_FORCE, None)


class AsOfError(ValueError):
    """A date a visitor typed that cannot be shown; the message is for them."""


# The day as people write it: 2025-03-01, 2025-3-1, 2025/3/1, 2025.3.1 or 2025年3月1日. The box is
# a text box, not a date picker, which shows its format in the browser's language (mm/dd/yyyy).
_AS_OF = re.compile(
    r"(?P<y>\d{4})\s*(?:年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?"
    r"|(?P<sep>[-/.])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2}))"
)


def parse_as_of(text: str, today: date) -> date:
    try:
        match = _AS_OF.fullmatch(text.strip())
        if match is None:
            raise ValueError(text)
        day = date(int(match["y"]), int(match["m"] or match["m2"]), int(match["d"] or match["d2"]))
    except ValueError:
        raise AsOfError(
            _("日期“%(text)s”无法识别，请按“年-月-日”填写，如 2025-03-01。") % {"text": text}
        ) from None
    if day > today:
        raise AsOfError(_("只能查看今天或以前某一天的文件状态。"))
    return day


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _publications(document: OfficialDocument) -> list[tuple[datetime, int]]:
    """When each recorded publication happened and which revision it published, oldest first.

    Wagtail's own publishing (the admin's workflow) logs the revision it published. The register's
    services publish without Wagtail's log; their audit entry, written in the same transaction
    and rounded down to the second, follows the publication of the then-latest revision, so the
    revision is the latest one created before the end of that second. Revisions saved and never
    published are not on this list, so a version the public never saw is never shown.
    """
    revisions = list(
        document.revisions.order_by("created_at", "id").values_list("created_at", "id")
    )
    created = [at for at, _ in revisions]
    events = list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(OfficialDocument),
            object_id=str(document.pk),
            action="wagtail.publish",
            revision__isnull=False,
        ).values_list("timestamp", "revision_id")
    )
    for at in AuditEntry.objects.filter(
        object_type=OfficialDocument._meta.label_lower,
        object_id=str(document.pk),
        action="document.publish",
    ).values_list("at", flat=True):
        before = bisect_left(created, at + timedelta(seconds=1))
        if before:
            events.append((at, revisions[before - 1][1]))
    if document.live_revision_id and document.last_published_at:
        events.append((document.last_published_at, document.live_revision_id))
    return sorted(events)


@dataclass(frozen=True)
class AsOf:
    day: date
    published: bool  # False: published only after that day, and the current version is shown
    version_published_at: datetime | None  # when the version shown was published
    first_record: bool  # the platform's records begin after that day; its first version is shown


def document_as_of(document: OfficialDocument, day: date) -> tuple[OfficialDocument, AsOf]:
    """The document as it stood at the end of ``day``: the last version published by then, with
    the validity of that day.

    A document can have been published (its 发布日期) before the platform recorded it, when older
    documents are imported; its first recorded version stands in for the days before.
    """
    if document.published_on and day < document.published_on:
        return document, AsOf(day, False, None, False)
    shown = copy(document)  # the page's own copy: its validity becomes that of the day
    published_at, first_record = None, False
    if events := _publications(document):
        end = _local_midnight(day + timedelta(days=1))
        earlier = [event for event in events if event[0] < end]
        first_record = not earlier
        published_at, revision_id = earlier[-1] if earlier else events[0]
        shown = document.with_content_json(Revision.objects.get(pk=revision_id).content)
        # The register's own fields are not part of a version.
        for field in ("unit", "index_number", "published_on"):
            setattr(shown, field, getattr(document, field))
    # Nor is validity: it is recorded on the document, and shown as it was on the day.
    state = validity_on(document, day)
    shown.validity, shown.validity_changed_on = state.code, state.changed_on
    shown.valid_from, shown.valid_until = document.valid_from, document.valid_until
    replaced = state.code in (Validity.AMENDED, Validity.REPEALED)
    shown.replaced_by_id = document.replaced_by_id if replaced else None
    return shown, AsOf(day, True, published_at, first_record)


# Other modules add sections to a public document's page (the policy Q&A's 相关问答): a provider
# takes the public document and returns the context of its template (with ``template``), or None.
DocumentSection = Callable[[OfficialDocument], dict[str, Any] | None]
# With each provider, whether its section can have anything to show: an expression over the
# document row (an ``Exists`` of rows pointing at ``OuterRef("pk")``).
SectionPresence = Callable[[], Expression]
_document_sections: dict[DocumentSection, SectionPresence] = {}


def register_document_section(provider: DocumentSection, *, present: SectionPresence) -> None:
    _document_sections[provider] = present


def _presence() -> dict[str, Expression]:
    """Whether the document has what each part of its page lists, read with the document.

    Most documents have no co-issuer, interpretation, cross-link, policy question or gazette
    printing; asking for each in a query of its own cost more in the ORM than the rest of the
    page, so the page reads them all with the document, then only what is there."""
    document = OuterRef("pk")
    return {
        "has_co_issuers": Exists(
            OfficialDocument.co_issuers.through.objects.filter(officialdocument=document)
        ),
        "has_attachments": Exists(DocumentAttachment.objects.filter(document=document)),
        "has_interpretations": Exists(public_interpretations().filter(document=document)),
        "has_cross_links": Exists(
            ImplementationLink.objects.filter(Q(document=document) | Q(target=document))
        ),
        **{f"has_section_{i}": present() for i, present in enumerate(_document_sections.values())},
    }


_per_thread = threading.local()


def _documents_with_presence() -> QuerySet:
    """Public documents with `_presence`, without the join of the (wide) replacing document,
    which only the few pages of ended documents need.

    Building this query (its five or more subqueries) cost as much as running it, so each
    thread builds it once (again if a section was registered since) and filters a clone of it
    per page; a thread of its own, because compiling a query briefly changes it."""
    sections, queryset = getattr(_per_thread, "documents_with_presence", (-1, None))
    if sections != len(_document_sections):
        sections = len(_document_sections)
        queryset = public_documents().select_related(None).annotate(**_presence())
        _per_thread.documents_with_presence = (sections, queryset)
    return queryset


def _public_document(unit: Unit, pk: int) -> OfficialDocument:
    document = get_object_or_404(_documents_with_presence().filter(unit=unit), pk=pk)
    document.unit = unit
    return document


def _co_issuers(document: OfficialDocument, shown: OfficialDocument) -> list[Unit]:
    if shown is not document:  # a past version: its own co-issuers, from its revision
        return list(shown.co_issuers.all())
    return list(document.co_issuers.only("id", "name")) if document.has_co_issuers else []


def _attachments(document: OfficialDocument, shown: OfficialDocument) -> list[DocumentAttachment]:
    if shown is not document:
        return list(shown.attachments.all())
    return list(document.attachments.select_related("file")) if document.has_attachments else []


@dataclass(frozen=True)
class LinkedDocument:
    """A document linked from a document's page; ``root`` is the scheme and host of its own
    site when that is not the site being visited, else "" (the link is a path)."""

    document: OfficialDocument
    root: str


def _site_roots(request: HttpRequest, documents: list[OfficialDocument]) -> dict[int, str]:
    """Document id → the root URL of the site it belongs to (the registered site of the
    nearest unit at or above its unit), for the documents on another site than this one."""
    site_units = {unit_id for unit_id in site_hosts().values() if unit_id is not None}
    if not site_units:
        return {}
    here = site_unit_id_for_host(request.get_host())
    owners = {}
    for document in documents:
        path = [int(part) for part in document.unit.path.strip("/").split("/") if part]
        owner = next((unit_id for unit_id in reversed(path) if unit_id in site_units), None)
        if owner is not None and owner != here:
            owners[document.pk] = owner
    if not owners:
        return {}
    roots = {
        site.unit_id: site.site.root_url
        for site in portal_sites().filter(unit_id__in=set(owners.values()))
    }
    return {pk: roots.get(owner, "") for pk, owner in owners.items()}


def cross_links(
    request: HttpRequest, document: OfficialDocument
) -> tuple[list[LinkedDocument], list[LinkedDocument]]:
    """上级文件 and 本级及下级配套文件 of a public document (read with its flags), public ones
    only: no query when it has no link, else one, and one more when any is public."""
    if not document.has_cross_links:
        return [], []
    targets, implementations = public_cross_link_ids([document.pk])[document.pk]
    if not targets and not implementations:
        return [], []
    linked = list(
        public_documents()
        .filter(pk__in=[*targets, *implementations])
        .select_related(None)
        .select_related("unit")
        .only("id", "title", "doc_number", "published_on", "unit__code", "unit__name", "unit__path")
    )
    is_target = set(targets)
    roots = _site_roots(request, linked)
    targets, implementations = [], []
    for other in linked:
        (targets if other.pk in is_target else implementations).append(
            LinkedDocument(other, roots.get(other.pk, ""))
        )
    return targets, implementations


def document_detail_context(
    request: HttpRequest, unit: Unit, pk: int
) -> tuple[dict[str, Any], int]:
    """The context of a document page and its status code (400 for a date that cannot be
    shown: the page is still shown, with the reason)."""
    document = _public_document(unit, pk)
    shown, as_of, as_of_error = document, None, ""
    if text := request.GET.get("as_of", ""):
        try:
            shown, as_of = document_as_of(document, parse_as_of(text, timezone.localdate()))
        except AsOfError as error:
            as_of_error = str(error)
    replacement = None
    if shown.replaced_by_id and shown.validity in (Validity.AMENDED, Validity.REPEALED):
        # Linked only if the public may read it: its title alone can be what is withheld.
        replacement = public_documents().filter(pk=shown.replaced_by_id).first()
    interpretations = (
        public_interpretations()
        .filter(document=document)
        .select_related(None)
        .select_related("unit")
        .only("id", "title", "form", "unit__code")
        if document.has_interpretations
        else []
    )
    targets, implementations = cross_links(request, document)
    sections = [
        section
        for i, provider in enumerate(_document_sections)
        if getattr(document, f"has_section_{i}") and (section := provider(document))
    ]
    context = {
        "object": shown,
        "co_issuers": _co_issuers(document, shown),
        "attachments": _attachments(document, shown),
        "implemented_targets": targets,
        "implementations": implementations,
        "as_of": as_of,
        "as_of_text": text,
        "as_of_error": as_of_error,
        "replacement": replacement,
        "interpretations": list(interpretations),
        "sections": sections,
    }
    return context, 400 if as_of_error else 200


def interpretation_detail_context(unit: Unit, pk: int) -> dict[str, Any]:
    interpretation = (
        public_interpretations(unit).select_related("document__unit", "image").filter(pk=pk).first()
    )
    if interpretation is None:
        raise Http404
    return {"object": interpretation}


def units_shown_by_document(document: OfficialDocument | None) -> list[int] | None:
    """The page cache's units of a written document: its own, and those of the documents linked
    to it either way, whose pages list it (上级文件, 本级及下级配套文件)."""
    if document is None:
        return None
    if type(document) is not OfficialDocument:
        # A migration's historical model: the links' table may not exist yet, nor any link.
        return [document.unit_id]
    return [document.unit_id, *units_linked_to(document.pk)]


def units_shown_by_link(link: ImplementationLink | None) -> list[int] | None:
    """The page cache's units of a written link: both documents' (both pages show it); every
    page when one of them is gone."""
    if link is None:
        return None
    units = list(
        OfficialDocument.objects.filter(pk__in=(link.document_id, link.target_id)).values_list(
            "unit_id", flat=True
        )
    )
    return units if len(units) == 2 else None
