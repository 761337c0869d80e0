"""Filters as index tokens.

Each entry carries, in a column of its own, one token per filter value it has: its kind, every
unit on the path from the root to its unit (so a filter on a county finds its townships' and
villages' documents too), its year and the kind's own filters (主题分类, 有效性 …). A filter is
then one more term of the match, answered by the same index as the words, and a rare filter
makes the whole query cheap instead of scanning the matches of a common word.

A token is the filter's name (lower-case letters; no name is the beginning of another) and
the value's letters and digits: ``unit12``, ``kinddocument``, ``year2020``, ``subject0301``,
``validityinforce``, ``series3f9a…`` (a series of periodic entries, ``series_id``).

Pure Python: no Django imports.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

KIND, UNIT, YEAR, SERIES = "kind", "unit", "year", "series"
BUILT_IN = (KIND, UNIT, YEAR, SERIES)

_NAME = re.compile(r"^[a-z]+$")
_NOT_TOKEN = re.compile(r"[\W_]+")

FacetValues = Mapping[str, str | Sequence[str]]


def check_names(names: Iterable[str]) -> None:
    """Refuse filter names that could make two different filters share a token."""
    names = sorted(set(names) | set(BUILT_IN))
    for name in names:
        if not _NAME.match(name):
            raise ValueError(f"filter name {name!r} must be lower-case letters only")
    for a, b in itertools.pairwise(names):
        if b.startswith(a):
            raise ValueError(f"filter name {a!r} is the beginning of {b!r}")


def token(name: str, value: object) -> str:
    return name + _NOT_TOKEN.sub("", str(value).lower())


def series_id(kind: str, unit_id: object, pattern: str) -> str:
    """The id of a series of periodic entries: one kind, one unit, one title pattern
    (``domain.periods``). Short, letters and digits, stable across processes and releases."""
    return hashlib.blake2b(f"{kind}|{unit_id}|{pattern}".encode(), digest_size=8).hexdigest()


def entry_tokens(
    *,
    kind: str,
    unit_paths: Sequence[str],
    day: date | None,
    extra: FacetValues,
    series: str = "",
) -> list[str]:
    """The filter tokens of one entry; ``unit_paths`` are ``Unit.path`` values (``/1/4/9/``);
    ``series`` the ``series_id`` of a periodic entry."""
    tokens = [token(KIND, kind)]
    if series:
        tokens.append(token(SERIES, series))
    unit_ids = dict.fromkeys(i for path in unit_paths for i in path.strip("/").split("/") if i)
    tokens += [token(UNIT, i) for i in unit_ids]
    if day is not None:
        tokens.append(token(YEAR, day.year))
    for name, values in extra.items():
        for value in [values] if isinstance(values, str) else values:
            if value:
                tokens.append(token(name, value))
    return tokens
