"""PostgreSQL: ``tsvector`` columns of ``search_entry``, each with a GIN index.

The segmented text goes through the ``'simple'`` configuration (lower-case, no stemming, no
stop words), which keeps each space-separated word as one lexeme. Two vectors:

- ``tsv``: title words weighted A, body words B (the weights serve ``ts_rank``), and the
  filter tokens;
- ``title_tsv``: the title words and the filter tokens, so that “every word in the title” is
  answered by an index (as SQLite has its title-only table).

A filter token is stored as written with ``@`` in front (``@unit12``, put in as an array, not
through the parser): no word can be such a lexeme, so the filters need no weight of their own.
Queries have no weight-restricted operand: the GIN index holds no weights, and a weighted
operand makes PostgreSQL re-read (de-TOAST) the stored vector of every candidate row, kilobytes
each, to check it; a query without one is answered by the index alone. For the same reason the
words and filters are one condition on one vector: the planner, judging common words
unselective, would otherwise take the filter's index alone and test every row's vector.

Listing newest first: GIN returns matches in no useful order. With few matches they are read
from the index and sorted; with many (``DENSE``) the entries are walked newest first along the
``sort_key`` index, testing each, which stops after a page. The planner cannot tell the two
cases apart (its estimates for two words together are guesses; a wrong guess walked the whole
table, seconds), so the backend counts and chooses. Title matches first, with few matches: the
title parts and the others in one query that sorts every match by its part, not a query a part
(``newest_in_parts``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.query import Node, to_tsquery
from .base import (
    ANY,
    LEADING,
    LEADING_FIRST,
    OTHERS,
    TITLE_WEIGHT,
    TITLES,
    TITLES_REST,
    Backend,
    IndexRow,
    Match,
)

WORDS, FILTERS, LEAD, TRAIL = "words", "filters", "lead", "trail"
_TITLE_PARTS = (TITLES, LEADING, TITLES_REST)

# Past this many matches, a page of the newest is found faster by walking the entries in date
# order (each match is 1/DENSE of the table or denser: at 1,000,000 entries, 2,000 tested for
# a page of 20) than by reading every match from the index and sorting them.
DENSE = 10_000

_WORDS = "to_tsquery('simple', %s)"
# ts_rank's weights are {D, C, B, A}: the title alone, and the body alone.
_RANK = (
    f"ts_rank('{{0, 0, 0, 1}}', tsv, {_WORDS}) * {TITLE_WEIGHT} "
    f"+ ts_rank('{{0, 0, 1, 0}}', tsv, {_WORDS})"
)

# Of a match, that its words are not all in its title (the others).
_NOT_IN_TITLE = f"NOT title_tsv @@ {_WORDS}"

# The planner's switches, by the plan wanted.
_BITMAP = {"enable_seqscan": "off", "enable_indexscan": "off"}
_WALK = {"enable_seqscan": "off", "enable_bitmapscan": "off"}


def _where(match: Match, part: str) -> tuple[str, list[str]]:
    query = f"({_WORDS} && %s::tsquery)" if match[FILTERS] else _WORDS
    params = [match[WORDS], match[FILTERS]] if match[FILTERS] else [match[WORDS]]
    if part in (LEADING, TITLES_REST):
        kinds = match[LEAD] if part == LEADING else match[TRAIL]
        return f"title_tsv @@ ({query} && %s::tsquery)", [*params, kinds]
    return {
        ANY: (f"tsv @@ {query}", params),
        TITLES: (f"title_tsv @@ {query}", params),
        OTHERS: (f"tsv @@ {query} AND {_NOT_IN_TITLE}", [*params, match[WORDS]]),
    }[part]


def _filter_lexemes(filters: Sequence[str]) -> list[str]:
    return ["@" + token for token in filters]


def _filters_tsquery(filters: Sequence[str], joiner: str = " & ") -> str:
    """``tsquery`` input (read as written, not parsed) for the filter lexemes: all of them, or
    with ``joiner=" | "`` any."""
    return joiner.join(
        "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"
        for lexeme in _filter_lexemes(filters)
    )


def _planned(cursor, settings: dict[str, str], sql: str, params: list) -> list[tuple]:
    """Run one query with the planner's switches set for it alone.

    The three statements go in one round trip (Django's psycopg cursor binds parameters on the
    client, so a string may hold several): on a busy machine each round trip waits for the
    scheduler, and a search makes a few of these. PostgreSQL runs such a string as one
    transaction when none is open, so the switches, set for the transaction only, end with it
    (no BEGIN and COMMIT of our own: two more round trips); inside a transaction that goes on,
    the last statement restores them for whatever it does next, and an error rolls them back.
    """
    names = list(settings)
    cursor.execute(
        "SELECT set_config(name, value, true) FROM unnest(%s::text[], %s::text[]) "
        f"AS s(name, value); {sql}; "
        "SELECT set_config(name, reset_val, true) FROM pg_settings WHERE name = ANY(%s)",
        [names, list(settings.values()), *params, names],
    )
    cursor.nextset()
    return cursor.fetchall()


class PostgreSQLBackend(Backend):
    # ts_rank reads every match's vector (de-TOASTing it): about 10 µs a match, where SQLite's
    # bm25 costs mostly the posting lists it reads.
    rank_postings = 4_000
    # Counting two common words at a million entries reads their posting lists whole into a
    # bitmap: 50–250 ms (bench/bench_search_pg.py); expected together in twice the count cap
    # or more, the count would only confirm the cap.
    estimate_from = 20_000

    def __init__(self) -> None:
        # Counts already made in this search: (query, part) → (cap, count).
        self._counted: dict[tuple[str, ...], tuple[int, int]] = {}

    def compile(
        self,
        node: Node,
        filters: tuple[str, ...],
        lead: tuple[str, ...] = (),
        trail: tuple[str, ...] = (),
    ) -> Match:
        return {
            WORDS: to_tsquery(node),
            FILTERS: _filters_tsquery(filters),
            LEAD: _filters_tsquery(lead, " | "),
            TRAIL: _filters_tsquery(trail, " | "),
        }

    def _write(self, cursor, entry_id: int, key: int, row: IndexRow) -> None:
        cursor.execute(
            "WITH v AS (SELECT to_tsvector('simple', %s) AS title, "
            "array_to_tsvector(%s::text[]) AS facets) "
            "UPDATE search_entry SET sort_key = %s, "
            "tsv = setweight(v.title, 'A') "
            "|| setweight(to_tsvector('simple', %s), 'B') || v.facets, "
            "title_tsv = v.title || v.facets FROM v WHERE id = %s",
            [
                " ".join(row.title),
                _filter_lexemes(row.facets),
                key,
                " ".join(row.body),
                entry_id,
            ],
        )

    def delete(self, cursor, kind: str, object_ids: Sequence[int]) -> None:
        if object_ids:
            cursor.execute(
                "DELETE FROM search_entry WHERE kind = %s AND object_id = ANY(%s)",
                [kind, list(object_ids)],
            )

    def assume_at_least(self, match: Match, part: str, found: int) -> None:
        self._counted[self._key(match, part)] = (found, found)

    @staticmethod
    def _key(match: Match, part: str) -> tuple[str, ...]:
        return (match[WORDS], match[FILTERS], match[LEAD], match[TRAIL], part)

    def count(self, cursor, match: Match, part: str, cap: int) -> int:
        key = self._key(match, part)
        if key in self._counted:
            counted_cap, found = self._counted[key]
            if found < counted_cap or cap <= counted_cap:
                return min(found, cap)
        # Counting reads no column: the matches are best taken from the GIN indexes as a
        # bitmap (no row is read). Judging a common word to be in most rows, the planner would
        # rather scan the table and test each row's vector, 20 times slower.
        condition, params = _where(match, part)
        found = _planned(
            cursor,
            _BITMAP,
            f"SELECT count(*) FROM (SELECT 1 FROM search_entry WHERE {condition} LIMIT %s) AS m",
            [*params, cap],
        )[0][0]
        self._counted[key] = (cap, found)
        return found

    def newest(
        self, cursor, match: Match, part: str, offset: int, limit: int
    ) -> list[tuple[str, int]]:
        # The others are nearly all the matches when there are many; a part of the titles is
        # counted itself (the leading kinds may be a small share of the title matches).
        dense = self.count(cursor, match, part if part in _TITLE_PARTS else ANY, DENSE) >= DENSE
        condition, params = _where(match, part)
        rows = _planned(
            cursor,
            _WALK if dense else _BITMAP,
            f"SELECT kind, object_id FROM search_entry WHERE {condition} "
            "ORDER BY sort_key DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [(kind, object_id) for kind, object_id in rows]

    def newest_in_parts(
        self, cursor, match: Match, parts: Sequence[str], offset: int, limit: int
    ) -> list[tuple[str, int]] | None:
        # Below DENSE matches, each part's query read every match of the part anyway (the
        # others' to test each title); one query reads them once and sorts them by part. Past
        # it, each part is walked in date order on its own (counting the title matches
        # together, to read the title parts in one query, cost more than it saved).
        if self.count(cursor, match, ANY, DENSE) >= DENSE:
            return None
        return self._by_part(cursor, match, parts, offset, limit)

    def _by_part(
        self, cursor, match: Match, parts: Sequence[str], offset: int, limit: int
    ) -> list[tuple[str, int]]:
        """A page of the matches in the order of the first of ``parts`` each is in, newest
        first within a part; a match in none of them (a title match of a kind no longer
        registered) is left out, as it is part by part."""
        condition, params = _where(match, ANY)
        cases, case_params = [], []
        for number, part in enumerate(parts):
            if part == OTHERS:
                cases.append(f"WHEN {_NOT_IN_TITLE} THEN {number}")
                case_params.append(match[WORDS])
            else:
                part_condition, part_params = _where(match, part)
                cases.append(f"WHEN {part_condition} THEN {number}")
                case_params += part_params
        rows = _planned(
            cursor,
            _BITMAP,
            "SELECT kind, object_id FROM (SELECT kind, object_id, sort_key, "
            f"CASE {' '.join(cases)} END AS part FROM search_entry WHERE {condition}) AS m "
            "WHERE part IS NOT NULL ORDER BY part, sort_key DESC LIMIT %s OFFSET %s",
            [*case_params, *params, limit, offset],
        )
        return [(kind, object_id) for kind, object_id in rows]

    def ranked(
        self, cursor, match: Match, part: str, offset: int, limit: int
    ) -> list[tuple[str, int]]:
        if part == LEADING_FIRST:
            condition, params = _where(match, ANY)
            leading, leading_params = _where(match, LEADING)
            order, order_params = f"({leading}) DESC, ", leading_params
        else:
            condition, params = _where(match, part)
            order, order_params = "", []
        rows = _planned(
            cursor,
            _BITMAP,
            f"SELECT kind, object_id FROM search_entry WHERE {condition} "
            f"ORDER BY {order}{_RANK} DESC, sort_key DESC LIMIT %s OFFSET %s",
            [*params, *order_params, match[WORDS], match[WORDS], limit, offset],
        )
        return [(kind, object_id) for kind, object_id in rows]

    def vocabulary(self, cursor) -> list[tuple[str, int]]:
        # Filter tokens without their @, as SQLite lists them: they decide whether to rank.
        cursor.execute(
            "SELECT CASE WHEN word LIKE '@%%' THEN substr(word, 2) ELSE word END AS token, "
            "max(ndoc) FROM ts_stat('SELECT tsv FROM search_entry') GROUP BY token"
        )
        return cursor.fetchall()

    def optimize(self, cursor) -> None:
        # Autovacuum keeps the GIN index compact; VACUUM cannot run inside a transaction.
        return None
