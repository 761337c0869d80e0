"""What can be searched: each kind of published record registers itself here.

A module makes its records searchable by registering a ``SearchKind`` in its ``AppConfig.ready``
(see ``kinds.py`` for documents and interpretations). Search, the index and the rebuild work
from this registry only, so a new kind needs no change to the search code.

``public`` is the kind's one rule for what the public may see (its selector). Nothing outside it
is ever indexed, and results are read back through it as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Model, QuerySet

from gongkai.core.models import Unit

from .domain.facets import FacetValues, check_names


@dataclass(frozen=True)
class Filter:
    """A filter of the search form that a kind's records carry (主题分类, 有效性 …)."""

    name: str
    label: str
    choices: Callable[[], Sequence[tuple[str, str]]]


def _no_facets(obj: Any) -> FacetValues:
    return {}


def _no_dependents(obj: Any) -> Iterable[Model]:
    return ()


@dataclass(frozen=True)
class SearchKind:
    name: str  # lower-case letters: in URLs, the JSON output and the index
    label: str  # what the search form calls it
    model: type[Model]
    public: Callable[[], QuerySet]
    title: Callable[[Any], str]
    body: Callable[[Any], str]  # plain text; the snippets are cut from it
    url: Callable[[Any], str]
    units: Callable[[Any], Sequence[Unit]]  # the first is the one shown; filters match all
    date: Callable[[Any], date | None]
    # Numbers and codes indexed with the title's weight (发文字号, 索引号).
    identifiers: Callable[[Any], Sequence[str]] = lambda obj: ()
    # Text indexed like the body but not read for snippets, where it would be too slow to get
    # for every result (the text of attachments).
    more_text: Callable[[Any], str] = lambda obj: ""
    facets: Callable[[Any], FacetValues] = _no_facets
    filters: tuple[Filter, ...] = ()
    # The public records a whole query names exactly (a doc number), shown first.
    exact: Callable[[str], QuerySet] | None = None
    # Records of other kinds whose visibility follows this record's (its interpretations).
    dependents: Callable[[Any], Iterable[Model]] = _no_dependents
    # A policy text (政策文件, 政策解读): when every word of a query is in its title, it comes
    # before every other kind's records, whatever their scores (a periodic catalog entry that
    # repeats the word does not push the policy itself down). Policy texts are never grouped.
    policy: bool = False


_KINDS: dict[str, SearchKind] = {}


def register_kind(kind: SearchKind) -> None:
    if not re.fullmatch(r"[a-z]+", kind.name):
        raise ValueError(f"search kind name {kind.name!r} must be lower-case letters only")
    if kind.name in _KINDS and _KINDS[kind.name] != kind:
        raise ValueError(f"search kind {kind.name!r} is already registered")
    check_names([f.name for k in [*_KINDS.values(), kind] for f in k.filters])
    _KINDS[kind.name] = kind
    from .signals import connect  # signals → index → registry

    connect(kind.model)


def kinds() -> list[SearchKind]:
    return list(_KINDS.values())


def get_kind(name: str) -> SearchKind | None:
    return _KINDS.get(name)


def kind_for(obj: Model) -> SearchKind | None:
    for kind in _KINDS.values():
        if isinstance(obj, kind.model):
            return kind
    return None


def filters() -> list[Filter]:
    """Every kind's filters, each name once, in registration order."""
    found: dict[str, Filter] = {}
    for kind in _KINDS.values():
        for f in kind.filters:
            found.setdefault(f.name, f)
    return list(found.values())
