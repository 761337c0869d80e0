"""PostgreSQL: a ``tsvector`` column of ``search_entry`` with a GIN index.

The segmented text goes through the ``'simple'`` configuration (lower-case, no stemming, no
stop words), which keeps each space-separated word as one lexeme: title words weighted A, body
words B, filter tokens D. Queries are built as ``to_tsquery`` input with every operand quoted
and weight-restricted (``'政务':AB``), so filter tokens and words never mix.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.query import ANY as IN_ANY_COLUMN
from ..domain.query import TITLE, Node, to_tsquery
from .base import ANY, OTHERS, TITLE_WEIGHT, TITLES, Backend, IndexRow, Match

# ts_rank's weights are {D, C, B, A}: the title alone, and the body alone.
_RANK = (
    f"(ts_rank('{{0, 0, 0, 1}}', tsv, q.q) * {TITLE_WEIGHT} + ts_rank('{{0, 0, 1, 0}}', tsv, q.q))"
)


class PostgreSQLBackend(Backend):
    def compile(self, node: Node, filters: tuple[str, ...]) -> Match:
        any_ = to_tsquery(node, filters, IN_ANY_COLUMN)
        return {
            ANY: any_,
            TITLES: to_tsquery(node, filters, TITLE),
            OTHERS: f"({any_}) & !({to_tsquery(node, (), TITLE)})",
        }

    def _write(self, cursor, entry_id: int, key: int, row: IndexRow) -> None:
        cursor.execute(
            "UPDATE search_entry SET sort_key = %s, tsv = "
            "setweight(to_tsvector('simple', %s), 'A') || "
            "setweight(to_tsvector('simple', %s), 'B') || "
            "setweight(to_tsvector('simple', %s), 'D') WHERE id = %s",
            [key, " ".join(row.title), " ".join(row.body), " ".join(row.facets), entry_id],
        )

    def delete(self, cursor, kind: str, object_ids: Sequence[int]) -> None:
        if object_ids:
            cursor.execute(
                "DELETE FROM search_entry WHERE kind = %s AND object_id = ANY(%s)",
                [kind, list(object_ids)],
            )

    def count(self, cursor, match: Match, part: str, cap: int) -> int:
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_entry "
            "WHERE tsv @@ to_tsquery('simple', %s) LIMIT %s) AS m",
            [match[part], cap],
        )
        return cursor.fetchone()[0]

    def newest(
        self, cursor, match: Match, part: str, offset: int, limit: int
    ) -> list[tuple[str, int]]:
        cursor.execute(
            "SELECT kind, object_id FROM search_entry WHERE tsv @@ to_tsquery('simple', %s) "
            "ORDER BY sort_key DESC LIMIT %s OFFSET %s",
            [match[part], limit, offset],
        )
        return [(kind, object_id) for kind, object_id in cursor.fetchall()]

    def ranked(self, cursor, match: Match, offset: int, limit: int) -> list[tuple[str, int]]:
        cursor.execute(
            "WITH q AS (SELECT to_tsquery('simple', %s) AS q) "
            "SELECT kind, object_id FROM search_entry, q WHERE tsv @@ q.q "
            f"ORDER BY {_RANK} DESC, sort_key DESC LIMIT %s OFFSET %s",
            [match[ANY], limit, offset],
        )
        return [(kind, object_id) for kind, object_id in cursor.fetchall()]

    def vocabulary(self, cursor) -> list[tuple[str, int]]:
        cursor.execute("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM search_entry')")
        return cursor.fetchall()

    def optimize(self, cursor) -> None:
        # Autovacuum keeps the GIN index compact; VACUUM cannot run inside a transaction.
        return None
