"""SQLite FTS5 over segmented text.

Two contentless FTS5 tables (``content=''``) with the unicode61 tokenizer: the text is already
cut into words separated by spaces, so each word is a token. (Not the trigram tokenizer: it
finds nothing for the two-character words most Chinese queries are.)

- ``search_fts(title, body, facets)``: everything;
- ``search_title(title, facets)``: titles alone, so that “all the words in the title” is
  answered from short posting lists instead of checking the columns of every match.

Their rowid is the entry's sort key, so ``ORDER BY rowid DESC`` walks the matches newest first
and stops after a page. A contentless table stores no copy of the text, but taking a row out of
it needs the tokens that went in; the entry keeps them, zlib-compressed (SQLite 3.43's
``contentless_delete`` would make that unnecessary, but Debian 12 ships 3.40).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from ..domain.query import ANY as IN_ANY_COLUMN
from ..domain.query import TITLE, Node, fts5_any_filter, to_fts5
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

_SEPARATOR = "\x1f"  # between the three columns in the stored tokens
# The title-only table answers the parts that need every word in the title.
_TABLES = {
    ANY: "search_fts",
    TITLES: "search_title",
    OTHERS: "search_fts",
    LEADING: "search_title",
    TITLES_REST: "search_title",
}


class SQLiteBackend(Backend):
    def compile(
        self,
        node: Node,
        filters: tuple[str, ...],
        lead: tuple[str, ...] = (),
        trail: tuple[str, ...] = (),
    ) -> Match:
        # FTS5's NOT binds tighter than AND: every operand is bracketed.
        any_ = to_fts5(node, filters, IN_ANY_COLUMN)
        titles = to_fts5(node, filters, TITLE)
        bare_titles = to_fts5(node, (), TITLE)
        match = {ANY: any_, TITLES: titles, OTHERS: f"({any_}) NOT ({bare_titles})"}
        if lead:
            match[LEADING] = f"({titles}) AND {fts5_any_filter(lead)}"
        if trail:
            match[TITLES_REST] = f"({titles}) AND {fts5_any_filter(trail)}"
        return match

    def _write(self, cursor, entry_id: int, key: int, row: IndexRow) -> None:
        title, body, facets = " ".join(row.title), " ".join(row.body), " ".join(row.facets)
        cursor.execute(
            "INSERT INTO search_fts (rowid, title, body, facets) VALUES (%s, %s, %s, %s)",
            [key, title, body, facets],
        )
        cursor.execute(
            "INSERT INTO search_title (rowid, title, facets) VALUES (%s, %s, %s)",
            [key, title, facets],
        )
        tokens = zlib.compress(_SEPARATOR.join([title, body, facets]).encode(), 1)
        cursor.execute(
            "UPDATE search_entry SET sort_key = %s, tokens = %s WHERE id = %s",
            [key, tokens, entry_id],
        )

    def delete(self, cursor, kind: str, object_ids: Sequence[int]) -> None:
        if not object_ids:
            return
        marks = ", ".join(["%s"] * len(object_ids))
        cursor.execute(
            f"SELECT id, sort_key, tokens FROM search_entry "
            f"WHERE kind = %s AND object_id IN ({marks})",
            [kind, *object_ids],
        )
        found = cursor.fetchall()
        for _, key, tokens in found:
            title, body, facets = zlib.decompress(tokens).decode().split(_SEPARATOR)
            cursor.execute(
                "INSERT INTO search_fts (search_fts, rowid, title, body, facets) "
                "VALUES ('delete', %s, %s, %s, %s)",
                [key, title, body, facets],
            )
            cursor.execute(
                "INSERT INTO search_title (search_title, rowid, title, facets) "
                "VALUES ('delete', %s, %s, %s)",
                [key, title, facets],
            )
        if found:
            ids = [entry_id for entry_id, _, _ in found]
            cursor.execute(
                f"DELETE FROM search_entry WHERE id IN ({', '.join(['%s'] * len(ids))})", ids
            )

    def count(self, cursor, match: Match, part: str, cap: int) -> int:
        table = _TABLES[part]
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH %s LIMIT %s)",
            [match[part], cap],
        )
        return cursor.fetchone()[0]

    def newest(
        self, cursor, match: Match, part: str, offset: int, limit: int
    ) -> list[tuple[str, int]]:
        table = _TABLES[part]
        return self._keys(
            cursor,
            f"SELECT rowid, 0 AS score FROM {table} WHERE {table} MATCH %s "
            "ORDER BY rowid DESC LIMIT %s OFFSET %s",
            [match[part], limit, offset],
        )

    def ranked(
        self, cursor, match: Match, part: str, offset: int, limit: int
    ) -> list[tuple[str, int]]:
        # bm25's weights are per column: title, body, and nothing for the filters. Every part's
        # expression names columns that search_fts has, so all are ranked there.
        if part == LEADING_FIRST:
            # The leading rowids are read once from the small title table (a list SQLite
            # builds for IN), not by a second ranking of the whole text.
            return self._keys(
                cursor,
                f"SELECT rowid, bm25(search_fts, {TITLE_WEIGHT}.0, 1.0, 0.0) AS score, "
                "rowid IN (SELECT rowid FROM search_title WHERE search_title MATCH %s) AS first "
                "FROM search_fts WHERE search_fts MATCH %s "
                "ORDER BY first DESC, score, rowid DESC LIMIT %s OFFSET %s",
                [match[LEADING], match[ANY], limit, offset],
                leading=True,
            )
        return self._keys(
            cursor,
            f"SELECT rowid, bm25(search_fts, {TITLE_WEIGHT}.0, 1.0, 0.0) AS score "
            "FROM search_fts WHERE search_fts MATCH %s "
            "ORDER BY score, rowid DESC LIMIT %s OFFSET %s",
            [match[part], limit, offset],
        )

    def _keys(
        self, cursor, ranked: str, params: list, *, leading: bool = False
    ) -> list[tuple[str, int]]:
        first = "f.first DESC, " if leading else ""
        cursor.execute(
            f"SELECT e.kind, e.object_id FROM ({ranked}) AS f "
            f"JOIN search_entry AS e ON e.sort_key = f.rowid ORDER BY {first}f.score, f.rowid DESC",
            params,
        )
        return [(kind, object_id) for kind, object_id in cursor.fetchall()]

    def vocabulary(self, cursor) -> list[tuple[str, int]]:
        cursor.execute("SELECT term, max(doc) FROM search_fts_vocab GROUP BY term")
        return cursor.fetchall()

    def optimize(self, cursor) -> None:
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        cursor.execute("INSERT INTO search_title (search_title) VALUES ('optimize')")
