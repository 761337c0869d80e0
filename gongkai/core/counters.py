"""Counters kept in a database row and counted up inside a service's transaction: index-number
and tracking-number serials, the audit chain's sequence.

One ``UPDATE … SET n = n + 1 … RETURNING`` reads and writes the row at once, and on PostgreSQL
holds the row's lock until the transaction ends, so two writers never get the same value
(SQLite serialises writers anyway). It is written as SQL because it runs in nearly every write
of the platform, several times during a bulk import, and the ORM's way (``get_or_create`` under
``select_for_update``, then ``update``) spent several times longer building its two queries
than the database spent running them.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, models, transaction


def count_up(
    model: type[models.Model], field: str, *, returning: tuple[str, ...] = (), **key: Any
) -> tuple[Any, ...]:
    """Add one to ``field`` of the row that ``key`` (field names, plain values) selects, creating
    the row with its defaults first if there is none. Returns the new value, followed by the
    values of the ``returning`` fields as they stand in the row."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("count_up must be called inside transaction.atomic()")
    row = _increment(model, field, returning, key)
    if row is None:
        # The first value of a new counter. Two writers that both get here both call
        # get_or_create: one inserts, the other's insert fails on the unique key and reads.
        model._default_manager.get_or_create(**key)
        row = _increment(model, field, returning, key)
    return row


def _increment(
    model: type[models.Model], field: str, returning: tuple[str, ...], key: dict[str, Any]
) -> tuple[Any, ...] | None:
    quote = connection.ops.quote_name
    meta = model._meta
    column = quote(meta.get_field(field).column)
    returned = ", ".join(quote(meta.get_field(name).column) for name in (field, *returning))
    where = " AND ".join(f"{quote(meta.get_field(name).column)} = %s" for name in key)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} SET {column} = {column} + 1 "
            f"WHERE {where} RETURNING {returned}",
            list(key.values()),
        )
        return cursor.fetchone()
