"""The one interface both full-text backends implement, and the entry bookkeeping they share.

A backend works on a DB-API cursor with rows of tokens, never on models, so the benchmark can
fill and query the index exactly as the application does without creating any records.

Queries come in parts (``Match``): every match (``ANY``), the matches with all the words in
the title (``TITLES``), and the others (``OTHERS``); and when some kinds lead (policy texts,
``SearchKind.policy``), the title matches of those kinds (``LEADING``), the other title matches
(``TITLES_REST``); and for ranking, every match with the leading ones first
(``LEADING_FIRST``). Listing a part newest first walks the
index in date order and stops after a page, whatever the number of matches; ranking by
relevance reads every match and, on SQLite, the whole posting list of every word, so the search
only ranks queries whose words are rare enough (``selectors``).
"""

from __future__ import annotations

import abc
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..domain.query import Node

ANY, TITLES, OTHERS = "any", "titles", "others"
LEADING, TITLES_REST = "leading", "titlesrest"
# Ranking only: every match, the leading ones first (one query instead of two parts).
LEADING_FIRST = "leadingfirst"

# The day number of the record's date sits above the entry id (which stays below 2**40).
_ID_BITS = 40

# A word in the title counts this many times a word in the body.
TITLE_WEIGHT = 10


@dataclass(frozen=True)
class IndexRow:
    """One record as the index stores it: tokens of the title (with its identifiers), of the
    body, and the filter tokens."""

    kind: str
    object_id: int
    day: date | None
    title: Sequence[str]
    body: Sequence[str]
    facets: Sequence[str]
    series: str = ""  # a periodic entry's series (``index.series_of``)


def sort_key(day: date | None, entry_id: int) -> int:
    return ((day.toordinal() if day else 0) << _ID_BITS) | entry_id


Match = dict[str, str]  # the backend's query texts (SQLite: by part; PostgreSQL: words, filters)


class Backend(abc.ABC):
    # Rank by relevance only while the query's words and filters have at most this many
    # postings together (``selectors.RANK_POSTINGS`` caps it for every backend).
    rank_postings = 20_000
    # Do not count a query whose words the word list expects together in at least this many
    # entries (``selectors._expected``): it has more than the count cap, and counting would
    # read every word's whole posting list. Infinite: counting to the cap is cheap enough.
    estimate_from: float = math.inf

    @abc.abstractmethod
    def compile(
        self,
        node: Node,
        filters: tuple[str, ...],
        lead: tuple[str, ...] = (),
        trail: tuple[str, ...] = (),
    ) -> Match:
        """The query's parts; ``lead`` (the policy kinds' filter tokens) adds ``LEADING`` and
        ``LEADING_FIRST``, ``trail`` (the other kinds') ``TITLES_REST``. Each is a positive
        filter: FTS5's NOT reads every match of its left side, a rare token is cheap."""

    def insert(self, cursor, rows: Iterable[IndexRow]) -> None:
        for row in rows:
            cursor.execute(
                "INSERT INTO search_entry (kind, object_id, series) VALUES (%s, %s, %s) "
                "RETURNING id",
                [row.kind, row.object_id, row.series],
            )
            entry_id = cursor.fetchone()[0]
            self._write(cursor, entry_id, sort_key(row.day, entry_id), row)

    @abc.abstractmethod
    def _write(self, cursor, entry_id: int, key: int, row: IndexRow) -> None:
        """Store the tokens of a new entry and set its sort key."""

    @abc.abstractmethod
    def delete(self, cursor, kind: str, object_ids: Sequence[int]) -> None: ...

    @abc.abstractmethod
    def count(self, cursor, match: Match, part: str, cap: int) -> int:
        """How many entries match the part, counting no further than ``cap``."""

    def assume_at_least(self, match: Match, part: str, found: int) -> None:
        """Take it that the part has at least ``found`` matches, as if counted: a backend that
        chooses its plan by the number of matches then needs no count."""
        return None

    @abc.abstractmethod
    def newest(
        self, cursor, match: Match, part: str, offset: int, limit: int
    ) -> list[tuple[str, int]]:
        """(kind, object id) of one page of the part's matches, newest first."""

    def newest_in_parts(
        self, cursor, match: Match, parts: Sequence[str], offset: int, limit: int
    ) -> list[tuple[str, int]] | None:
        """One page of the matches of ``parts`` (title parts, then ``OTHERS``) one after
        another, newest first within each, in one query; None when the backend reads them
        part by part (``selectors._in_order``)."""
        return None

    @abc.abstractmethod
    def ranked(
        self, cursor, match: Match, part: str, offset: int, limit: int
    ) -> list[tuple[str, int]]:
        """(kind, object id) of one page of the part's matches by relevance, title words
        counting ``TITLE_WEIGHT`` times body words."""

    @abc.abstractmethod
    def vocabulary(self, cursor) -> list[tuple[str, int]]:
        """Every token with the number of entries it occurs in."""

    @abc.abstractmethod
    def optimize(self, cursor) -> None:
        """Compact the index after a rebuild."""
