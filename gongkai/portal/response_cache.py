"""Whole-page cache for anonymous visitors, dropped by every write to public content.

A portal page costs 10–15 ms of Django work (Wagtail's routing and site lookup, a dozen queries,
the templates); the same page from memory costs well under one. Visitors without a session see
the same page, so it is kept per worker process, keyed by URL, language, display modes (长者模式, high contrast), today's date and a
**content version**: one row whose random token changes after every committed write to a model
that can show on the portal. Each request reads the token (one indexed query), so a document
that is unpublished disappears for everybody on the next request, in every worker.

Saves, deletes and many-to-many changes of any model bump the version (on commit) unless the
model's app is in `UNRELATED_APPS` or the model in `UNRELATED_MODELS`; that errs towards freshness
when a new module adds models. A new row whose model says it does not show (a ``shows_on_portal``
property that is false: a draft, an unpublished work plan) does not bump it either, so a bulk
import of drafts leaves the cache alone. A transaction bumps it once, however many rows it writes.
Queryset ``update()`` and ``bulk_create`` send no signals: code that uses them on public content
calls `bump_public_content()` itself. ``GONGKAI_PORTAL_CACHE_SECONDS`` bounds the life of an
entry anyway (0 turns the cache off, as the test settings do).

Never cached: requests that carry a session cookie (staff, or a citizen following a request),
anything but GET/HEAD, the admin, responses that set cookies (pages with a CSRF-protected form),
that are not 200, that stream (downloads) or that ask not to be cached.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import OperationalError, ProgrammingError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .display import cookie_value, display_modes

CACHE_ALIAS = "portal"
MAX_BODY_BYTES = 512 * 1024
# The API keeps its own cache, behind its per-client rate limit (gongkai/api/http.py).
UNCACHED_PREFIXES = ("/admin/", "/healthz", "/api/")

# Apps none of whose models ever show on the portal: disclosure requests are personal data,
# axes counts failed staff logins.
UNRELATED_APPS = frozenset({"requests", "sessions", "axes", "django_tasks_database"})

# Models whose writes never change what a visitor sees: bookkeeping written on every login,
# edit or background job. Everything else bumps the version.
UNRELATED_MODELS = frozenset(
    {
        "auth.user",
        "core.auditentry",
        "core.auditchainhead",
        "documents.indexserial",
        "importer.importrecord",
        "portal.publiccontentversion",
        "wagtailcore.revision",
        "wagtailcore.modellogentry",
        "wagtailcore.pagelogentry",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.referenceindex",
        "wagtailcore.pagesubscription",
        "wagtailusers.userprofile",
        "wagtailadmin.editingsession",
    }
)


def public_content_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM portal_publiccontentversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else ""


def bump_public_content() -> None:
    """Give public content a new version once the current transaction commits (once per
    transaction, however many rows it writes)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        callback is _write_new_version for _, callback, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(_write_new_version)


def _write_new_version() -> None:
    from .models import PublicContentVersion

    try:
        PublicContentVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})
    except (OperationalError, ProgrammingError):
        # Writes made by migrations that run before the portal's own table exists: no page
        # can have been cached from a database that is still being built.
        if PublicContentVersion._meta.db_table in connection.introspection.table_names():
            raise


def _on_write(sender, instance=None, created: bool = False, **kwargs) -> None:
    meta = sender._meta
    if meta.app_label in UNRELATED_APPS or meta.label_lower in UNRELATED_MODELS:
        return
    # Only for a new row: a changed one may have been visible before the change.
    if created and not getattr(instance, "shows_on_portal", True):
        return
    bump_public_content()


def connect_invalidation() -> None:
    """Bump the version on writes of any model (called once, from the portal app's ready())."""
    post_save.connect(_on_write, dispatch_uid="portal-cache-save")
    post_delete.connect(_on_write, dispatch_uid="portal-cache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="portal-cache-m2m")


def _m2m_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        _on_write(sender)


def _cache_key(request: HttpRequest, version: str) -> str:
    return "|".join(
        (
            version,
            cookie_value(display_modes(request)),
            timezone.localdate().isoformat(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.get_host(),
            request.get_full_path(),
        )
    )


def _may_serve_from_cache(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


def _may_store(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and len(response.content) <= MAX_BODY_BYTES
    )


class PublicPageCacheMiddleware:
    """Serve anonymous portal pages from memory while the public content is unchanged.

    Sits after the locale middleware (the language is part of the key) and before CSRF,
    authentication and messages, which a cached page does not need.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.GONGKAI_PORTAL_CACHE_SECONDS
        if not seconds or not _may_serve_from_cache(request):
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        key = _cache_key(request, public_content_version())
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Portal-Cache"] = "hit"
            return response
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if _may_store(response) and not (session is not None and session.modified):
            cache.set(key, (response.content, dict(response.items())), seconds)
        return response
