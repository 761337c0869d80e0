"""Reads of the register. ``public_documents`` is the one rule for what the public may see:
the portal, feeds, the sitemap and search all start from it, so a draft, a document withheld
or on request only, or an unpublished one is never shown anywhere."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from gongkai.core.models import Unit
from gongkai.core.permissions import scope

from .domain.attributes import Disclosure
from .domain.doc_number import normalize_doc_number
from .domain.links import cited_doc_numbers
from .models import (
    DocumentAttachment,
    DocumentKind,
    ImplementationLink,
    Interpretation,
    OfficialDocument,
    Validity,
)
from .text import body_text


def public_documents(unit: Unit | None = None, *, subtree: bool = False) -> QuerySet:
    qs = OfficialDocument.objects.filter(live=True, disclosure=Disclosure.PROACTIVE)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path) if subtree else qs.filter(unit=unit)
    return qs.select_related("unit", "replaced_by").order_by("-published_on", "-id")


def public_documents_with_files() -> QuerySet:
    """Public documents with their co-issuers and attachments (in order) prefetched: lists that
    show each document's files, as the open data API does."""
    return public_documents().prefetch_related(
        "co_issuers",
        Prefetch(
            "attachments",
            queryset=DocumentAttachment.objects.select_related("file").order_by("sort_order"),
        ),
    )


def document_kind_choices() -> list[tuple[str, str]]:
    return DocumentKind.choices


def validity_choices() -> list[tuple[str, str]]:
    return Validity.choices


def public_policies(unit: Unit | None = None, *, subtree: bool = False) -> QuerySet:
    """政策文件: the public rules and normative documents, and the other documents marked as
    policy documents (those published with an interpretation)."""
    return public_documents(unit, subtree=subtree).filter(
        Q(kind__in=(DocumentKind.RULE, DocumentKind.NORMATIVE)) | Q(is_policy_document=True)
    )


def public_interpretations(unit: Unit | None = None) -> QuerySet:
    qs = Interpretation.objects.filter(
        live=True, document__live=True, document__disclosure=Disclosure.PROACTIVE
    )
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.select_related("document", "unit").order_by("-published_on", "-id")


# --- Cross-links (互设跳转链接): a document implements one of its own unit or a unit above --------


def public_cross_link_ids(document_ids: Iterable[int]) -> dict[int, tuple[list[int], list[int]]]:
    """For each of the documents (ids): the ids of the public documents it implements (上级文件),
    and of the public documents of its unit and the units below that implement it (本级及下级
    配套文件), in the order linked (one query)."""
    ids = list(document_ids)
    public = public_documents().order_by()
    rows = (
        ImplementationLink.objects.filter(Q(document_id__in=ids) | Q(target_id__in=ids))
        .annotate(
            document_public=Exists(public.filter(pk=OuterRef("document_id"))),
            target_public=Exists(public.filter(pk=OuterRef("target_id"))),
        )
        .order_by("id")
        .values_list(
            "document_id",
            "target_id",
            "document_public",
            "target_public",
            "document__unit__path",
            "target__unit__path",
        )
    )
    links: dict[int, tuple[list[int], list[int]]] = {pk: ([], []) for pk in ids}
    for document_id, target_id, document_public, target_public, document_path, target_path in rows:
        if document_id in links and target_public:
            links[document_id][0].append(target_id)
        if target_id in links and document_public and document_path.startswith(target_path):
            links[target_id][1].append(document_id)
    return links


def implementation_links(document: OfficialDocument) -> QuerySet:
    """Every link of the document to what it implements, public or not (for staff)."""
    return document.implementation_links.select_related("target__unit", "created_by")


def implementing_documents(document: OfficialDocument) -> QuerySet:
    """Every document that implements the document, public or not (for staff)."""
    return (
        OfficialDocument.objects.filter(implementation_links__target=document)
        .select_related("unit")
        .order_by("unit__path", "-written_on", "-id")
    )


def implements_among(unit_ids: Iterable[int]) -> dict[int, set[int]]:
    """Document id → the ids it implements, for the documents of the units (one query)."""
    graph: dict[int, set[int]] = {}
    rows = ImplementationLink.objects.filter(document__unit_id__in=list(unit_ids)).values_list(
        "document_id", "target_id"
    )
    for document_id, target_id in rows:
        graph.setdefault(document_id, set()).add(target_id)
    return graph


def _ancestor_ids(unit: Unit) -> list[int]:
    return [int(part) for part in unit.path.strip("/").split("/")[:-1] if part]


def link_candidates(document: OfficialDocument, query: str = "") -> QuerySet:
    """What the document may be linked to: public documents of its unit and the units above,
    but itself and those it is linked to already, found by title or doc number."""
    qs = (
        public_documents()
        .filter(unit_id__in=[*_ancestor_ids(document.unit), document.unit_id])
        .exclude(pk=document.pk)
        .exclude(implemented_by_links__document=document)
    )
    if query := query.strip():
        qs = qs.filter(
            Q(title__icontains=query) | Q(doc_number__icontains=normalize_doc_number(query))
        )
    return qs


def suggested_targets(document: OfficialDocument) -> list[OfficialDocument]:
    """Public documents of the units above that the document's title, summary or body cites
    by doc number, in the order cited, unless linked already."""
    text = "\n".join((document.title, document.summary, body_text(document)))
    numbers = cited_doc_numbers(text, own=document.doc_number)
    if not numbers:
        return []
    found = {
        candidate.doc_number: candidate
        for candidate in link_candidates(document)
        .filter(unit_id__in=_ancestor_ids(document.unit), doc_number__in=numbers)
        .order_by("published_on", "id")
    }
    return [found[number] for number in numbers if number in found]


def units_linked_to(document_id: int) -> set[int]:
    """The units of the documents linked to the document either way: their pages show it."""
    rows = ImplementationLink.objects.filter(
        Q(document_id=document_id) | Q(target_id=document_id)
    ).values_list("document__unit_id", "target__unit_id")
    return {unit_id for row in rows for unit_id in row}


def staff_documents(user, action: str = "document.view") -> QuerySet:
    return scope(OfficialDocument.objects.all(), user, action).select_related("unit")


def in_force_documents(unit: Unit, on: date | None = None) -> QuerySet:
    """The 现行有效 list a clean-up (清理) is published from: rules and normative documents of
    the unit that are public and in force (on the given date, if any)."""
    qs = public_documents(unit).filter(kind__in=REGULATORY_KINDS)
    if on is None:
        return qs.filter(validity="in_force")
    return qs.filter(_in_force_on(on))


# --- 规章 and 行政规范性文件 counted over a period (the annual report's table 二) -------------------

REGULATORY_KINDS = (DocumentKind.RULE.value, DocumentKind.NORMATIVE.value)
ISSUED, REPEALED, IN_FORCE = "issued", "repealed", "in_force"
REGISTER_COUNTS = (ISSUED, REPEALED, IN_FORCE)


def _in_force_on(day: date) -> Q:
    return Q(written_on__lte=day) & ~Q(validity_changed_on__lte=day) & ~Q(valid_until__lt=day)


def regulatory_count_q(count: str, start: date, end: date) -> Q:
    """本年制发: written in the period. 现行有效: in force at its end, by the rule of the in-force
    list (`in_force_documents`). 本年废止: every document that stopped being in force in the
    period by that rule: repealed or declared expired (已废止, 已失效), past its 有效期, or
    recorded as 已修改 (the in-force list no longer shows it). So 现行有效 at the end is always
    现行有效 the day before the start + 本年制发 − 本年废止, and what breaks that against a report
    already published is a record added or changed afterwards."""
    if count == ISSUED:
        return Q(written_on__gte=start, written_on__lte=end)
    if count == IN_FORCE:
        return _in_force_on(end)
    if count == REPEALED:
        was_in_force = Q(written_on__gte=start) | _in_force_on(start - timedelta(days=1))
        return Q(written_on__lte=end) & ~_in_force_on(end) & was_in_force
    raise KeyError(count)


def _public_regulatory(unit_ids: Iterable[int]) -> QuerySet:
    return public_documents().filter(unit_id__in=list(unit_ids), kind__in=REGULATORY_KINDS)


def regulatory_counts(unit_ids: Iterable[int], start: date, end: date) -> dict[str, dict[str, int]]:
    """Public rules and normative documents of the units, kind → {issued, repealed, in_force}
    for the period [start, end] (one query); a kind with no documents counts zeros."""
    counts = {kind: dict.fromkeys(REGISTER_COUNTS, 0) for kind in REGULATORY_KINDS}
    rows = (
        _public_regulatory(unit_ids)
        .order_by()
        .values("kind")
        .annotate(
            **{c: Count("pk", filter=regulatory_count_q(c, start, end)) for c in REGISTER_COUNTS}
        )
    )
    for row in rows:
        counts[row["kind"]] = {c: row[c] for c in REGISTER_COUNTS}
    return counts


def regulatory_documents(
    unit_ids: Iterable[int], kind: str, count: str, start: date, end: date
) -> QuerySet:
    """The documents one of `regulatory_counts` counts, oldest first (`KeyError` for a kind or
    count it lacks)."""
    if kind not in REGULATORY_KINDS:
        raise KeyError(kind)
    return (
        _public_regulatory(unit_ids)
        .filter(kind=kind)
        .filter(regulatory_count_q(count, start, end))
        .select_related("unit")
        .order_by("written_on", "pk")
    )


_requester_counter: Callable[[], dict[int, int]] | None = None


def register_requester_counter(counter: Callable[[], dict[int, int]]) -> None:
    """The request module tells the register how many distinct applicants asked for each
    document (it depends on the register, not the other way round)."""
    global _requester_counter
    _requester_counter = counter


def distinct_requesters_by_document() -> dict[int, int]:
    """Art. 44 hook: how many distinct applicants asked for each document, by document id."""
    return _requester_counter() if _requester_counter is not None else {}


def documents_for_yearly_review(unit: Unit, today: date) -> QuerySet:
    """每年复核: the unit's 依申请公开 and 不予公开 documents written more than a year ago and
    not reviewed within the last year (a review keeps a document out of the queue for a year)."""
    year_ago = _one_year_before(today)
    return (
        OfficialDocument.objects.filter(
            unit=unit, disclosure__in=[Disclosure.ON_REQUEST, Disclosure.NOT_DISCLOSED]
        )
        .filter(written_on__lte=year_ago)
        .exclude(last_reviewed_on__gt=year_ago)
        .annotate(interpretation_count=Count("interpretations"))
        .order_by("written_on")
    )


def _one_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


EXPIRY_REMINDER_DAYS = 90  # 有效期届满前90日提醒清理（platform default, a setting）


def documents_expiring(user, today: date, days: int = EXPIRY_REMINDER_DAYS) -> QuerySet:
    """Rules and normative documents in force whose validity ends within ``days``: the drafting
    unit must decide in time whether to extend, revise or let them lapse (清理)."""
    return (
        scope(OfficialDocument.objects.all(), user, "document.view")
        .filter(
            kind__in=["rule", "normative"],
            validity="in_force",
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=days),
        )
        .select_related("unit")
        .order_by("valid_until")
    )


def documents_lapsed(today: date) -> QuerySet:
    """In force on paper but past their 有效期: due to be marked 已失效."""
    return OfficialDocument.objects.filter(
        kind__in=["rule", "normative"], validity="in_force", valid_until__lt=today
    )


def documents_scheduled_before(moment: datetime) -> QuerySet:
    """Documents whose approved 定时发布 goes live before ``moment``."""
    return (
        OfficialDocument.objects.filter(revisions__approved_go_live_at__lt=moment)
        .select_related("unit")
        .distinct()
    )


def documents_withheld(user) -> QuerySet:
    """Documents whose 定时发布 the check at go-live withheld, for those who edit or publish
    them (the home page reminder)."""
    editable = scope(OfficialDocument.objects.all(), user, "document.edit")
    publishable = scope(OfficialDocument.objects.all(), user, "document.publish")
    return (
        (editable | publishable)
        .filter(withheld_at__isnull=False, live=False)
        .select_related("unit")
        .order_by("-withheld_at")
    )
