"""Searching: one query over every registered kind, with filters, ranking, snippets and
“您是不是要找”.

Results are read back through each kind's public selector, so even an index entry that had gone
stale could never show a record that is not public.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Model, Q
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gongkai.core.models import Unit

from .backends import ANY, LEADING, LEADING_FIRST, OTHERS, TITLES, TITLES_REST, backend
from .domain import facets
from .domain.highlight import highlight, snippet
from .domain.normalize import MAX_QUERY_LENGTH, normalize_query
from .domain.query import (
    AnyOf,
    Node,
    ParsedQuery,
    Word,
    highlight_terms,
    parse_query,
    terms_of,
)
from .domain.suggest import best_correction
from .domain.synonyms import Expansion, Thesaurus, build, expand, expansions
from .index import facet_tokens
from .models import TERM_SEPARATOR, SearchEntry, SearchTerm, SynonymGroup
from .registry import SearchKind, get_kind, kinds
from .registry import filters as registered_filters

PER_PAGE = 20
# Counting stops here: past it the page says "more than 10,000".
COUNT_CAP = 10_000
# Ranking by relevance reads the whole posting list of every word of the query (bm25 needs each
# word's document frequency), so it is only done while the words' postings add up to no more
# than this (a few milliseconds). A query with a common word (政府, 工作) lists instead the
# matches with every word in the title first, then the others, each newest first: the same
# cost at a million documents as at a thousand (bench/bench_search.py). A backend may rank
# less (``Backend.rank_postings``: PostgreSQL reads each match's vector to rank it).
RANK_POSTINGS = 20_000

RELEVANCE, DATE = "relevance", "date"
# “Similar questions” look for at most this many words of a text.
SIMILAR_WORDS = 12


@dataclass(frozen=True)
class SearchRequest:
    q: str
    unit: Unit | None = None  # the unit and everything below it
    kind: str = ""
    year: int | None = None
    facets: Mapping[str, str] = field(default_factory=dict)  # a kind's filters (subject …)
    series: str = ""  # one series of periodic entries (``index.series_of``), shown ungrouped
    sort: str = RELEVANCE
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True)
class Hit:
    kind: SearchKind
    obj: Model
    title: str
    title_html: str  # escaped, words in <mark>
    snippet_html: str  # escaped, words in <mark>
    url: str
    unit: Unit | None
    date: date | None
    exact: bool  # named exactly by the query (a doc number)
    series: str = ""  # the series of periodic entries it stands for, when grouped
    series_total: int = 0  # how many entries of that series match the query


@dataclass(frozen=True)
class SearchResult:
    request: SearchRequest
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    more: bool = False  # there are more than ``total`` matches
    estimated: bool = False  # ``more`` comes from the word list, not from counting
    page: int = 1
    pages: int = 0
    titles_first: bool = False  # too common to rank: title matches first, then the rest
    message: str = ""  # why nothing was searched, for the person who typed it
    suggestion: str = ""  # “您是不是要找”
    synonyms: list[Expansion] = field(default_factory=list)  # what else the words found

    @property
    def exact_hit(self) -> Hit | None:
        """The one record the query named exactly, if it named exactly one."""
        exact = [hit for hit in self.hits if hit.exact]
        return exact[0] if len(exact) == 1 else None


def search(request: SearchRequest) -> SearchResult:
    raw = request.q.strip()
    if not raw:
        return SearchResult(request, message=_("请输入要查找的词语。"))
    if len(raw) > MAX_QUERY_LENGTH:
        return SearchResult(
            request,
            message=_("检索词太长了：最多 %(max)s 个字，请缩短后再试。")
            % {"max": MAX_QUERY_LENGTH},
        )
    normalized = normalize_query(raw)
    wanted = _filter_tokens(request)
    parsed = parse_query(normalized)
    widened = expand(parsed, thesaurus()) if parsed else None
    terms = highlight_terms(widened.node) if widened else []
    exact = _exact_hits(normalized, request, wanted, terms)
    if parsed is None:
        if exact:
            return SearchResult(request, hits=exact, total=len(exact), pages=1)
        return SearchResult(
            request, message=_("检索词中没有可以查找的文字，请输入汉字、字母或数字。")
        )

    found = find(
        widened,
        wanted,
        sort=request.sort,
        page=request.page,
        per_page=request.per_page,
        fold=not request.series,
    )
    exact_keys = {(hit.kind.name, hit.obj.pk) for hit in exact}
    hits = [
        hit for hit in _hits(found.keys, terms) if (hit.kind.name, hit.obj.pk) not in exact_keys
    ]
    hits = _grouped(hits, found.series, widened.node, wanted)
    if found.page == 1:
        hits = exact + hits
    suggestion = "" if found.total or exact else _suggest(parsed, wanted)
    return SearchResult(
        request,
        hits=hits,
        total=max(min(found.total, COUNT_CAP), len(exact)),
        more=found.total > COUNT_CAP,
        estimated=found.estimated,
        page=found.page,
        pages=found.pages,
        titles_first=found.titles_first,
        suggestion=suggestion,
        synonyms=expansions(widened),
    )


@dataclass(frozen=True)
class Found:
    keys: list[tuple[str, int]]  # (kind, object id) of the page
    total: int  # counted up to COUNT_CAP + 1
    page: int
    pages: int
    titles_first: bool
    # The series (``index.series_of``) of the page's periodic entries, each shown once.
    series: Mapping[tuple[str, int], str] = field(default_factory=dict)
    # Not counted: the word list says there are far more than COUNT_CAP (``_expected``).
    estimated: bool = False


Key = tuple[str, int]


def find(
    parsed: ParsedQuery,
    wanted: tuple[str, ...],
    *,
    sort: str,
    page: int,
    per_page: int,
    fold: bool = True,
) -> Found:
    """One page of index keys: the part of ``search`` that the index answers (and that the
    benchmark times).

    Ranked by relevance or title matches first, the policy texts with every word in the title
    lead (``SearchKind.policy``), then the rest in the same order. With ``fold``, a series of
    periodic entries is listed once, where its first entry comes (``_folded``)."""
    engine = backend()
    lead = tuple(facets.token(facets.KIND, kind.name) for kind in kinds() if kind.policy)
    trail = tuple(facets.token(facets.KIND, kind.name) for kind in kinds() if not kind.policy)
    match = engine.compile(parsed.node, wanted, lead, trail if lead else ())
    by_date = sort == DATE
    postings, entries = _postings(parsed, wanted)
    rank = not by_date and sum(postings.values()) <= min(RANK_POSTINGS, engine.rank_postings)
    titles_first = not by_date and not rank
    estimated = _expected(postings, entries) >= engine.estimate_from

    with connection.cursor() as cursor:

        def listed(offset: int, limit: int) -> list[Key]:
            if by_date:
                return engine.newest(cursor, match, ANY, offset, limit)
            if rank:
                return engine.ranked(cursor, match, LEADING_FIRST if lead else ANY, offset, limit)
            if not lead:
                parts = [TITLES, OTHERS]
            else:
                parts = [LEADING, TITLES_REST, OTHERS] if trail else [LEADING, OTHERS]
            keys = engine.newest_in_parts(cursor, match, parts, offset, limit)
            if keys is None:
                keys = _in_order(engine, cursor, match, parts, engine.newest, offset, limit)
            return keys

        if estimated:
            # Every word is common: counting would read each one's whole posting list (a
            # bitmap of most of the index) to learn what the word list already says.
            total = COUNT_CAP + 1
            engine.assume_at_least(match, ANY, total)
        else:
            total = engine.count(cursor, match, ANY, COUNT_CAP + 1)
        if fold and total > 1 and _any_series(cursor):
            found = _folded(listed, total, page, per_page, titles_first)
            return replace(found, estimated=estimated)
        pages = math.ceil(min(total, COUNT_CAP) / per_page)
        page = min(max(page, 1), max(pages, 1))
        keys = listed((page - 1) * per_page, per_page)
    return Found(
        keys, total, page, pages, titles_first=titles_first and total > 0, estimated=estimated
    )


# Up to this many matches, folding reads them all: the total and the pages count each series
# once. Past it, a page reads the matches before it (in chunks) and the total stays the
# number of matches, pages at the end may then be shorter.
FOLD_ALL = 1_000


def _folded(listed, total: int, page: int, per_page: int, titles_first: bool) -> Found:
    """A page of the matches in which each series of periodic entries appears once."""
    if total <= FOLD_ALL:
        every = listed(0, total)
        series = _series(every)
        keys = _first_of_each(every, series)
        total = len(keys)
        pages = math.ceil(total / per_page)
        page = min(max(page, 1), max(pages, 1))
        keys = keys[(page - 1) * per_page : page * per_page]
        return Found(
            keys, total, page, pages, titles_first, {k: series[k] for k in keys if k in series}
        )
    pages = math.ceil(min(total, COUNT_CAP) / per_page)
    page = min(max(page, 1), max(pages, 1))
    wanted = page * per_page
    chunk = max(2 * wanted, 100)
    keys: list[Key] = []
    series: dict[Key, str] = {}
    seen: set[str] = set()
    start = 0
    while len(keys) < wanted and start < COUNT_CAP:
        read = listed(start, chunk)
        found = _series(read)
        series.update(found)
        keys += _first_of_each(read, found, seen)
        if len(read) < chunk:
            break
        start += chunk
    keys = keys[(page - 1) * per_page : wanted]
    return Found(
        keys, total, page, pages, titles_first, {k: series[k] for k in keys if k in series}
    )


def _any_series(cursor) -> bool:
    """Whether the index holds any periodic entry (the indexed column; SQL, not the ORM, as
    it runs for every query)."""
    cursor.execute("SELECT 1 FROM search_entry WHERE series > '' LIMIT 1")
    return cursor.fetchone() is not None


def _series(keys: list[Key]) -> dict[Key, str]:
    by_kind: dict[str, list[int]] = {}
    for name, object_id in keys:
        by_kind.setdefault(name, []).append(object_id)
    found: dict[Key, str] = {}
    for name, ids in by_kind.items():
        rows = SearchEntry.objects.filter(kind=name, object_id__in=ids, series__gt="")
        found.update(((name, oid), s) for oid, s in rows.values_list("object_id", "series"))
    return found


def _first_of_each(keys: list[Key], series: Mapping[Key, str], seen: set[str] | None = None):
    """The keys without the later entries of a series already listed."""
    seen = set() if seen is None else seen
    kept = []
    for key in keys:
        if one := series.get(key):
            if one in seen:
                continue
            seen.add(one)
        kept.append(key)
    return kept


def _postings(parsed: ParsedQuery, wanted: tuple[str, ...]) -> tuple[dict[str, int], int]:
    """The entries each word and filter of the query occurs in, by the word list, and the
    entries of the index (each has one kind token), in one query. A token missing from the
    word list occurs in at most one entry (or is newer than it)."""
    tokens = set(terms_of(parsed.node)) | set(wanted)
    every_kind = {facets.token(facets.KIND, kind.name) for kind in kinds()}
    found = dict(
        SearchTerm.objects.filter(term__in=tokens | every_kind).values_list("term", "documents")
    )
    entries = sum(found.get(token, 0) for token in every_kind)
    return {token: found.get(token, 0) for token in tokens}, entries


def _expected(postings: Mapping[str, int], entries: int) -> float:
    """The matches expected of every token of a query, were they independent: a guide to
    whether counting is worth it, never shown as a number."""
    if not postings or not entries:
        return 0.0
    return entries * math.prod(min(n, entries) / entries for n in postings.values())


def _in_order(
    engine, cursor, match, parts: list[str], fetch, offset: int, limit: int
) -> list[tuple[str, int]]:
    """A page of the matches of ``parts`` one after another (they do not overlap), each part
    in ``fetch``'s order. A part before the page is only counted, up to the page's offset."""
    keys: list[tuple[str, int]] = []
    for part in parts:
        found = fetch(cursor, match, part, offset, limit - len(keys))
        keys += found
        if len(keys) == limit:
            break
        if found or not offset:
            before = offset + len(found)
        else:
            before = engine.count(cursor, match, part, offset)
        offset = max(0, offset - before)
    return keys


def _filter_tokens(request: SearchRequest) -> tuple[str, ...]:
    wanted = []
    if request.kind:
        wanted.append(facets.token(facets.KIND, request.kind))
    if request.unit is not None:
        wanted.append(facets.token(facets.UNIT, request.unit.pk))
    if request.year is not None:
        wanted.append(facets.token(facets.YEAR, request.year))
    if request.series:
        wanted.append(facets.token(facets.SERIES, request.series))
    known = {f.name for f in registered_filters()}
    wanted += [facets.token(n, v) for n, v in request.facets.items() if n in known and v]
    return tuple(wanted)


def _exact_hits(
    normalized: str, request: SearchRequest, wanted: tuple[str, ...], terms: list[str]
) -> list[Hit]:
    hits = []
    for kind in kinds():
        if kind.exact is None or (request.kind and request.kind != kind.name):
            continue
        for obj in kind.exact(normalized)[:10]:
            # The filters apply to exact matches too: the record must carry every filter token.
            if set(wanted) <= set(facet_tokens(kind, obj)):
                hits.append(_hit(kind, obj, terms, exact=True))
    return hits


def _hits(keys: list[tuple[str, int]], terms: list[str]) -> list[Hit]:
    by_kind: dict[str, list[int]] = {}
    for name, object_id in keys:
        by_kind.setdefault(name, []).append(object_id)
    loaded: dict[tuple[str, int], Any] = {}
    for name, ids in by_kind.items():
        kind = get_kind(name)
        if kind is not None:
            for obj in kind.public().filter(pk__in=ids):
                loaded[name, obj.pk] = (kind, obj)
    return [_hit(*loaded[key], terms) for key in keys if key in loaded]


def _grouped(
    hits: list[Hit], series: Mapping[Key, str], node: Node, wanted: tuple[str, ...]
) -> list[Hit]:
    """Each periodic entry that stands for its series (``find`` lists one a series) with the
    number of the series' entries the query matches, for 「共 N 条」 and the link to them."""
    keys = [series.get((hit.kind.name, hit.obj.pk), "") for hit in hits]
    if not any(keys):
        return hits
    engine = backend()
    grouped = []
    with connection.cursor() as cursor:
        for hit, key in zip(hits, keys, strict=True):
            total = 0
            if key:
                match = engine.compile(node, (*wanted, facets.token(facets.SERIES, key)))
                total = engine.count(cursor, match, ANY, COUNT_CAP)
            grouped.append(replace(hit, series=key, series_total=total) if total > 1 else hit)
    return grouped


def _hit(kind: SearchKind, obj: Model, terms: list[str], *, exact: bool = False) -> Hit:
    title = kind.title(obj)
    units = kind.units(obj)
    return Hit(
        kind=kind,
        obj=obj,
        title=title,
        title_html=mark_safe(highlight(title, terms)),  # escaped by highlight()
        snippet_html=mark_safe(snippet(kind.body(obj), terms)),  # escaped by snippet()
        url=kind.url(obj),
        unit=units[0] if units else None,
        date=kind.date(obj),
        exact=exact,
    )


# --- Synonyms ------------------------------------------------------------------------------

_thesaurus: tuple[tuple, Thesaurus] = ((), Thesaurus())


def thesaurus() -> Thesaurus:
    """The synonym groups as they are now. Built again only when the table changed (one
    aggregate query a search), so an edit in the back office applies to the next query in every
    server process."""
    global _thesaurus
    with connection.cursor() as cursor:
        # SQL, not the ORM, as it runs for every query (building the aggregate cost more).
        cursor.execute(
            f"SELECT count(*), max(updated_at), max(id) FROM {SynonymGroup._meta.db_table}"
        )
        version = tuple(cursor.fetchone())
    if _thesaurus[0] != version:
        groups = SynonymGroup.objects.values_list("terms", flat=True)
        _thesaurus = (version, build(terms.split(TERM_SEPARATOR) for terms in groups))
    return _thesaurus[1]


# --- Records like a text ---------------------------------------------------------------------


def similar(text: str, *, kind: str, limit: int = 5) -> list[Hit]:
    """Public records of ``kind`` sharing the most words with ``text``, best first: what a
    citizen is shown while writing a question that may have been answered already. Unlike the
    search box (every word must occur) any word may match, and relevance ranks them. Only the
    rarest words of the text are looked up, no more than ranking can read cheaply
    (``RANK_POSTINGS``), so a long text full of common words costs what a short query does."""
    raw = text.strip()[:MAX_QUERY_LENGTH]
    parsed = parse_query(normalize_query(raw)) if raw else None
    if parsed is None:
        return []
    words = list(dict.fromkeys(word for word in parsed.words if len(word.text) > 1))
    postings = dict(
        SearchTerm.objects.filter(term__in={w.text for w in words}).values_list("term", "documents")
    )
    engine = backend()
    budget = min(RANK_POSTINGS, engine.rank_postings)
    chosen: list[Word] = []
    for word in sorted(words, key=lambda w: postings.get(w.text, 0)):
        budget -= postings.get(word.text, 0)
        if (chosen and budget < 0) or len(chosen) == SIMILAR_WORDS:
            break
        chosen.append(word)
    if not chosen:
        return []
    node = chosen[0].node if len(chosen) == 1 else AnyOf(tuple(w.node for w in chosen))
    match = engine.compile(node, (facets.token(facets.KIND, kind),))
    with connection.cursor() as cursor:
        keys = engine.ranked(cursor, match, ANY, 0, limit)
    return _hits(keys, highlight_terms(node))


# --- “您是不是要找” -------------------------------------------------------------------------


def _suggest(parsed: ParsedQuery, wanted: tuple[str, ...]) -> str:
    """The query with each run of text the index does not know replaced by the closest known
    word, if that query finds something."""
    chunks = [_correct_chunk(chunk) for chunk in parsed.chunks]
    suggestion = " ".join(chunks)
    if suggestion == parsed.text():
        return ""
    reparsed = parse_query(suggestion)
    if reparsed is None:
        return ""
    # The word list is refreshed daily; the suggestion must find something now.
    engine = backend()
    with connection.cursor() as cursor:
        found = engine.count(cursor, engine.compile(reparsed.node, wanted), ANY, 1)
    return suggestion if found else ""


def _known(text: str) -> bool:
    return SearchTerm.objects.filter(term=text).exists()


def _correct_chunk(chunk: tuple[Word, ...]) -> str:
    """A run typed without spaces (沙尘爆) is first corrected whole, since a typo also changes
    how it is cut (沙尘 + 爆); otherwise word by word, leaving single characters alone (县 is
    not a typo of 县城)."""
    text = "".join(word.text for word in chunk)
    if all(len(word.text) > 1 and _known(word.text) for word in chunk):
        return text
    if len(text) > 1 and (whole := best_correction(text, _candidates(text))):
        return whole
    return "".join(
        word.text
        if len(word.text) < 2 or _known(word.text)
        else best_correction(word.text, _candidates(word.text)) or word.text
        for word in chunk
    )


def _candidates(word: str) -> list[tuple[str, int]]:
    near = Q(first=word[0]) | Q(last=word[-1])
    return list(
        SearchTerm.objects.filter(near, length__gte=len(word) - 1, length__lte=len(word) + 1)
        .order_by("-documents")
        .values_list("term", "documents")[:2000]
    )
