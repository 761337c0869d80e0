"""The full-text backend for the database in use: SQLite FTS5 or PostgreSQL tsvector."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .base import (
    ANY,
    LEADING,
    LEADING_FIRST,
    OTHERS,
    TITLES,
    TITLES_REST,
    Backend,
    IndexRow,
    Match,
)
from .postgresql import PostgreSQLBackend
from .sqlite import SQLiteBackend

__all__ = [
    "ANY",
    "LEADING",
    "LEADING_FIRST",
    "OTHERS",
    "TITLES",
    "TITLES_REST",
    "Backend",
    "IndexRow",
    "Match",
    "backend",
]

_BACKENDS: dict[str, type[Backend]] = {
    "sqlite": SQLiteBackend,
    "postgresql": PostgreSQLBackend,
}


def backend() -> Backend:
    try:
        return _BACKENDS[connection.vendor]()
    except KeyError:
        raise ImproperlyConfigured(
            f"全文检索只支持 SQLite 和 PostgreSQL，当前数据库为 {connection.vendor}。"
        ) from None
