"""Reads of anonymous visitors on a PostgreSQL streaming replica (``DATABASE_REPLICA_URL``).

With a replica configured, its alias (``settings.GONGKAI_REPLICA_ALIAS``, "replica") takes the
reads of a request only when all of these hold, and the primary ("default") takes everything
else, and always every write:

- the request is a GET or HEAD outside the admin (the portal, the API, stored files);
- it carries neither a session nor a CSRF cookie: staff, a citizen following a request they
  just sent, anybody who has been shown a form, read their own writes from the primary;
- nothing was written yet in this request: after the first write every read goes to the
  primary (``db_for_write`` pins the request), so a request reads what it wrote;
- the replica has replayed the newest public-content version (``portal/response_cache.py``):
  each write to public content gives the "all" or the "site:*" scope a new token, and the
  replica replays in commit order, so equal tokens mean it holds every such write. Otherwise a
  withdrawn document could be rendered from a lagging replica and cached under the new version.

Management commands, the task worker and the periodic jobs set nothing and use the primary.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
READ_METHODS = frozenset({"GET", "HEAD"})
PRIMARY_PREFIXES = ("/admin/", "/healthz")

# The alias the current request reads from (None: the primary).
_reads_from: ContextVar[str | None] = ContextVar("gongkai_replica_reads", default=None)


def replica_alias() -> str | None:
    alias = getattr(settings, "GONGKAI_REPLICA_ALIAS", None)
    return alias if alias and alias in connections.settings else None


def may_read_replica(request: HttpRequest) -> bool:
    """Whether the request may read from the replica at all (before the freshness check)."""
    return (
        request.method in READ_METHODS
        and not request.path.startswith(PRIMARY_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.CSRF_COOKIE_NAME not in request.COOKIES
    )


def _version_marks(alias: str) -> dict[str, str] | None:
    from gongkai.portal.response_cache import ALL, ANY_SITE

    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(
                "SELECT scope, token FROM portal_publiccontentversion WHERE scope IN (%s, %s)",
                [ALL, ANY_SITE],
            )
            return dict(cursor.fetchall())
    except DatabaseError:
        return None


def replica_is_current(alias: str) -> bool:
    """Whether the replica has replayed every write to public content the primary holds."""
    replica = _version_marks(alias)
    return replica is not None and replica == _version_marks(PRIMARY)


class ReplicaRouter:
    """Database router: the request's read alias for reads, the primary for every write."""

    def db_for_read(self, model, **hints) -> str | None:
        return _reads_from.get()

    def db_for_write(self, model, **hints) -> str:
        # From the first write on, this request reads its own writes.
        if _reads_from.get() is not None:
            _reads_from.set(None)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        aliases = {PRIMARY, replica_alias()}
        if obj1._state.db in aliases and obj2._state.db in aliases:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name=None, **hints) -> bool | None:
        # A streaming replica is read-only: it follows the primary's schema by replication.
        return False if db != PRIMARY and db == replica_alias() else None


class ReplicaReadsMiddleware:
    """Let the request read from the replica when it may (see the module's docstring).

    Sits after the page cache, so a cached page costs the replica nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        alias = replica_alias()
        if alias is None or not may_read_replica(request) or not replica_is_current(alias):
            return self.get_response(request)
        # Threads of a gthread worker serve one request after another: reset, never leak.
        token = _reads_from.set(alias)
        try:
            return self.get_response(request)
        finally:
            _reads_from.reset(token)
