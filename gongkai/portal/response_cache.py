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
from collections.abc import Callable, Iterable
from contextlib import nullcontext

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import OperationalError, ProgrammingError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .display import cookie_value, display_modes
from .memo import public_content_token
from .sites import remember_wagtail_site

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


# The page sets a version covers. A page depends on ALL and on either its unit's section
# ("unit:<code>": /xxgk/<code>/… and everything under it) or, for every other page (home page,
# news, site map, sitemap, interaction pages), its site ("site:<unit id>" of the site's unit;
# "site:*" on a host with no registered site, which shows every unit).
ALL = "all"
ANY_SITE = "site:*"


def unit_scope(code: str) -> str:
    return f"unit:{code}"


def site_scope(unit_id: int | None) -> str:
    return f"site:{unit_id}" if unit_id is not None else ANY_SITE


# How a written row names the units whose pages it can change. A model without a resolver and
# without a ``unit`` field changes pages of any unit (a unit's name, a page of the tree, the
# site identity): it bumps ALL. A resolver returns unit ids, or None for "any page".
UnitResolver = Callable[[object], Iterable[int] | None]
_RESOLVERS: dict[str, UnitResolver] = {}


def register_unit_resolver(model_label: str, resolver: UnitResolver) -> None:
    """Say which units' pages a row of ``model_label`` ("app.model", lower case) shows on, for
    rows that carry no ``unit`` of their own or also show on other units' pages."""
    _RESOLVERS[model_label] = resolver


def _units_of(sender, instance) -> Iterable[int] | None:
    resolver = _RESOLVERS.get(sender._meta.label_lower)
    if resolver is not None:
        return resolver(instance)
    if instance is None:
        return None
    try:
        field = sender._meta.get_field("unit")
    except FieldDoesNotExist:
        return None
    unit_id = getattr(instance, field.attname, None)
    return None if unit_id is None else [unit_id]


def units_of_parent(field: str) -> UnitResolver:
    """A resolver for rows shown on their parent's page (a document's attachment): the parent's
    unit, or every page when the parent is already gone."""

    def resolve(instance) -> list[int] | None:
        try:
            unit_id = getattr(getattr(instance, field), "unit_id", None)
        except ObjectDoesNotExist:
            return None
        return None if unit_id is None else [unit_id]

    return resolve


def public_content_versions(scopes: Iterable[str]) -> dict[str, str]:
    """The current token of each scope ("" for one never bumped): one indexed query."""
    scopes = list(dict.fromkeys(scopes))
    placeholders = ", ".join(["%s"] * len(scopes))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT scope, token FROM portal_publiccontentversion WHERE scope IN ({placeholders})",
            scopes,
        )
        found = dict(cursor.fetchall())
    return {scope: found.get(scope, "") for scope in scopes}


def public_content_version(scope: str = ALL) -> str:
    return public_content_versions([scope])[scope]


class _PendingBump:
    """The on-commit callback of one transaction, collecting what its writes changed."""

    def __init__(self) -> None:
        self.unit_ids: set[int] = set()
        self.everything = False

    def __call__(self) -> None:
        _write_new_versions(self)


def _pending() -> _PendingBump | None:
    """This transaction's collector, registering it on first use; None outside a transaction."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    for _, callback, _ in connection.run_on_commit:
        if isinstance(callback, _PendingBump):
            return callback
    pending = _PendingBump()
    transaction.on_commit(pending)
    return pending


def bump_public_content(*, units: Iterable[int] | None = None) -> None:
    """Give the pages of ``units`` (ids; None: every page) new versions once the current
    transaction commits, once per transaction however many rows it writes."""
    pending = _pending()
    now = pending is None
    pending = pending or _PendingBump()
    if units is None:
        pending.everything = True
    else:
        pending.unit_ids.update(units)
    if now:
        pending()


def _scopes_of_units(unit_ids: set[int]) -> set[str] | None:
    """The sections of the units, and the sites of every unit above or at them (a site shows
    its subtree); None when a unit is gone, as then any page may have named it."""
    from gongkai.core.models import Unit

    paths = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "path"))
    if len(paths) < len(unit_ids):
        return None
    scopes = {ANY_SITE}
    above = {int(part) for path in paths.values() for part in path.strip("/").split("/") if part}
    scopes.update(site_scope(pk) for pk in above | unit_ids)
    codes = Unit.objects.filter(pk__in=unit_ids).values_list("code", flat=True)
    scopes.update(unit_scope(code) for code in codes)
    return scopes


def _write_new_versions(pending: _PendingBump) -> None:
    from .models import PublicContentVersion

    try:
        scopes = None if pending.everything else _scopes_of_units(pending.unit_ids)
        if not scopes:
            scopes = {ALL}
        token = uuid.uuid4().hex
        PublicContentVersion.objects.filter(scope__in=scopes).update(token=token)
        # A scope seen for the first time; two writers adding it at once both leave a new token.
        PublicContentVersion.objects.bulk_create(
            [PublicContentVersion(scope=scope, token=token) for scope in scopes],
            ignore_conflicts=True,
        )
    except (OperationalError, ProgrammingError):
        # Writes made by migrations that run before the portal's own table (or its scope
        # column) exists: no page can have been cached from a database still being built.
        if _versions_table_complete():
            raise


def _versions_table_complete() -> bool:
    from .models import PublicContentVersion

    table = PublicContentVersion._meta.db_table
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return False
        columns = connection.introspection.get_table_description(cursor, table)
    return any(column.name == "scope" for column in columns)


def _on_write(sender, instance=None, created: bool = False, **kwargs) -> None:
    meta = sender._meta
    if meta.app_label in UNRELATED_APPS or meta.label_lower in UNRELATED_MODELS:
        return
    # Only for a new row: a changed one may have been visible before the change.
    if created and not getattr(instance, "shows_on_portal", True):
        return
    bump_public_content(units=_units_of(sender, instance))


def connect_invalidation() -> None:
    """Bump versions on writes of any model (called once, from the portal app's ready())."""
    post_save.connect(_on_write, dispatch_uid="portal-cache-save")
    post_delete.connect(_on_write, dispatch_uid="portal-cache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="portal-cache-m2m")


def _m2m_changed(sender, action: str, instance=None, **kwargs) -> None:
    # The through model names no unit; the row on the changed side may.
    if action.startswith("post_"):
        _on_write(type(instance) if instance is not None else sender, instance)


# The path of the 政府信息公开平台 on every site, remembered with the ALL token it was read under:
# moving the page is a write that bumps ALL, so a changed token means "read it again".
_platform_prefix: tuple[str, str] = ("-", "")


def _platform_path(all_token: str) -> str:
    global _platform_prefix
    if _platform_prefix[0] != all_token:
        from .selectors import live_platform

        platform = live_platform()
        prefix = ""
        if platform is not None:
            # Every site's root is the same home page, so the path below the root is the URL.
            below_root = platform.url_path.strip("/").split("/", 1)
            prefix = f"/{below_root[1]}/" if len(below_root) == 2 else ""
        _platform_prefix = (all_token, prefix)
    return _platform_prefix[1]


def _page_tokens(request: HttpRequest) -> tuple[str, str]:
    """The version of the page set the request's page belongs to: the ``all`` token and the
    token of its section or site. One query (two for a platform mounted deeper than one
    segment, one more after the page tree changed)."""
    from .sites import site_unit_id_for_host

    segments = request.path.split("/")
    # The usual layout /xxgk/<code>/…: read the section's token with the others.
    guess = [unit_scope(segments[2])] if len(segments) > 3 and segments[2] else []
    site = site_scope(site_unit_id_for_host(request.get_host()))
    tokens = public_content_versions([ALL, site, *guess])
    prefix = _platform_path(tokens[ALL])
    if prefix and request.path.startswith(prefix):
        code = request.path[len(prefix) :].split("/", 1)[0]
        if code:
            scope = unit_scope(code)
            section = tokens[scope] if scope in tokens else public_content_version(scope)
            return tokens[ALL], section
    return tokens[ALL], tokens[site]


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
        memo = settings.GONGKAI_PORTAL_MEMO
        if not (seconds or memo) or not _may_serve_from_cache(request):
            return self.get_response(request)
        if not seconds:
            # The page cache is off, the per-process copies of `memo` are not.
            with public_content_token(public_content_version(ALL)):
                remember_wagtail_site(request)
                return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        all_token, section_token = _page_tokens(request)
        key = _cache_key(request, f"{all_token}.{section_token}")
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Portal-Cache"] = "hit"
            return response
        with public_content_token(all_token) if memo else nullcontext():
            if memo:
                remember_wagtail_site(request)
            response = self.get_response(request)
        session = getattr(request, "session", None)
        if _may_store(response) and not (session is not None and session.modified):
            cache.set(key, (response.content, dict(response.items())), seconds)
        return response
