"""Keeping the index equal to what is public.

``sync_object`` is the one call other modules need: after any change that can make a record
public, private, or change its text, call it inside the same transaction. It asks the record's
kind whether the record is public *now* (the kind's selector) and indexes it or takes it out, so
a caller cannot index a draft by mistake. Deletion is handled by a ``post_delete`` signal, and
Wagtail's ``published`` / ``unpublished`` signals (scheduled publishing included) sync too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Model

from .backends import IndexRow, backend
from .domain.facets import entry_tokens, series_id
from .domain.normalize import normalize_text
from .domain.periods import title_pattern
from .domain.segment import index_tokens
from .models import RebuildState, SearchEntry, SearchTerm
from .registry import SearchKind, kind_for, kinds

# More text than this adds nothing to finding a record, and PostgreSQL refuses a tsvector over
# 1 MB. About a hundred pages.
MAX_INDEXED_CHARACTERS = 100_000

REBUILD_BATCH = 200

# Chinese words are all kept (each is a possible correction); numbers and codes only when they
# occur twice or more, which keeps phone numbers and amounts out. Nothing longer than 64.
_CHINESE = re.compile(r"[\u3400-\u9fff]+")
_LONGEST_TERM = 64


def series_of(kind: SearchKind, obj: Model) -> str:
    """The series a periodic record belongs to (its kind, unit and title pattern), or "".
    Policy texts are never grouped: each is a text of its own."""
    if kind.policy:
        return ""
    pattern = title_pattern(kind.title(obj))
    units = kind.units(obj)
    if pattern is None or not units:
        return ""
    return series_id(kind.name, units[0].pk, pattern)


def facet_tokens(kind: SearchKind, obj: Model, series: str | None = None) -> list[str]:
    return entry_tokens(
        kind=kind.name,
        unit_paths=[unit.path for unit in kind.units(obj)],
        day=kind.date(obj),
        extra=kind.facets(obj),
        series=series_of(kind, obj) if series is None else series,
    )


def index_row(kind: SearchKind, obj: Model) -> IndexRow:
    title = normalize_text(" ".join([kind.title(obj), *kind.identifiers(obj)]))
    body = normalize_text((kind.body(obj) + "\n" + kind.more_text(obj))[:MAX_INDEXED_CHARACTERS])
    series = series_of(kind, obj)
    return IndexRow(
        kind.name,
        obj.pk,
        kind.date(obj),
        index_tokens(title),
        index_tokens(body),
        facet_tokens(kind, obj, series),
        series,
    )


def _sync(kind: SearchKind, ids: Sequence[int]) -> None:
    public = list(kind.public().filter(pk__in=ids).order_by("pk"))
    rows = [index_row(kind, obj) for obj in public]
    with transaction.atomic(), connection.cursor() as cursor:
        engine = backend()
        engine.delete(cursor, kind.name, list(ids))
        engine.insert(cursor, rows)


def sync_object(obj: Model) -> None:
    """Index ``obj`` if its kind's selector says it is public, take it out otherwise; then the
    same for the records whose visibility follows it (a document's interpretations)."""
    kind = kind_for(obj)
    if kind is None:
        raise TypeError(f"{type(obj).__name__} is not a registered search kind")
    _sync(kind, [obj.pk])
    for dependent in kind.dependents(obj):
        sync_object(dependent)


def remove_object(obj: Model) -> None:
    kind = kind_for(obj)
    if kind is None:
        raise TypeError(f"{type(obj).__name__} is not a registered search kind")
    with transaction.atomic(), connection.cursor() as cursor:
        backend().delete(cursor, kind.name, [obj.pk])


def refresh_vocabulary() -> int:
    """Rebuild the word list from the index (for “您是不是要找” and for deciding whether a query
    is cheap enough to rank); returns its size."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            found = backend().vocabulary(cursor)
        SearchTerm.objects.all().delete()
        terms = [
            SearchTerm(term=t, first=t[0], last=t[-1], length=len(t), documents=n)
            for t, n in found
            if len(t) <= _LONGEST_TERM and (n >= 2 or _CHINESE.fullmatch(t))
        ]
        SearchTerm.objects.bulk_create(terms, batch_size=2000)
    return len(terms)


# --- Rebuilding ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    kind: SearchKind
    done: int
    total: int


def rebuild(*, restart: bool = False, progress: Callable[[Progress], None] | None = None) -> None:
    """Re-index every record of every kind, in batches in id order.

    The index stays usable throughout: each batch replaces its own records in one transaction,
    and records the last id done, so an interrupted rebuild resumes where it stopped
    (``restart`` starts from the beginning). A finished rebuild makes the next one start anew.
    """
    registered = kinds()
    names = [kind.name for kind in registered]
    state, _ = RebuildState.objects.get_or_create(pk=1)
    if restart or state.finished or state.kind not in names:
        state.kind, state.last_id, state.finished = (names[0] if names else ""), 0, False
        state.save()
    for kind in registered[names.index(state.kind) :] if names else []:
        if state.kind != kind.name:
            state.kind, state.last_id = kind.name, 0
            state.save()
        _rebuild_kind(kind, state, progress)
    with transaction.atomic(), connection.cursor() as cursor:
        # A kind no longer registered (its module removed) has nothing left to sync it.
        for name, object_id in SearchEntry.objects.exclude(kind__in=names).values_list(
            "kind", "object_id"
        ):
            backend().delete(cursor, name, [object_id])
    state.finished = True
    state.save()
    refresh_vocabulary()
    with connection.cursor() as cursor:
        backend().optimize(cursor)


def _rebuild_kind(
    kind: SearchKind, state: RebuildState, progress: Callable[[Progress], None] | None
) -> None:
    every = kind.model._default_manager.order_by("pk")
    total = every.count()
    done = every.filter(pk__lte=state.last_id).count()
    while True:
        ids = list(every.filter(pk__gt=state.last_id).values_list("pk", flat=True)[:REBUILD_BATCH])
        with transaction.atomic():
            # Entries of records deleted while no signal was listening are dropped here too.
            stale = SearchEntry.objects.filter(kind=kind.name, object_id__gt=state.last_id)
            if ids:
                stale = stale.filter(object_id__lte=ids[-1]).exclude(object_id__in=ids)
            with connection.cursor() as cursor:
                backend().delete(cursor, kind.name, list(stale.values_list("object_id", flat=True)))
            if not ids:
                return
            _sync(kind, ids)
            state.last_id = ids[-1]
            state.save()
        done += len(ids)
        if progress is not None:
            progress(Progress(kind, done, total))
