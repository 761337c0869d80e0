"""Walking the admin as a person does: from the dashboard, every link under ``/admin/`` that the
pages offer, one URL per route, reading what each page shows for English words.

Shared by the language test (``test_admin_language.py``) and usable by hand against a data
directory, so a missing translation is found where a clerk would meet it.
"""

from __future__ import annotations

import json
import re
import zoneinfo
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve

# English a clerk must not meet: Wagtail's and Django's interface words. Proper names (Wagtail,
# Excel, PDF, Word …) are not listed, nor are words that only occur in them.
ENGLISH_WORDS = frozenset(
    """
    Page Pages Image Images Document Documents Search Edit Delete Save Add New Cancel Password
    Username Shortcuts Shortcut Settings Account Help Filter Filters Sort Actions Action Choose
    Select Upload More Status Live Draft Title Previous Next Back Close Yes No None True False
    Submit Preview History Revisions Revision Workflow Keyboard Dashboard Users Groups Log Create
    Update Remove Copy Move Publish Unpublish Collection Collections Tags Owner Email Name
    results items selected created updated deleted saved Success Error Warning Toggle Section
    Application modal disabled enabled guide Sign Login Logout Reset Forgot Apply Clear
    Download Export Report Reports Snippets Locked Unlock Lock Comments Notifications Profile
    Avatar Language Time zone Sites Redirects Unknown Loading View Inspect Usage References
    Show Hide Options Required Optional Changes Changed Scheduled Expired Approve Reject Review
    Reviews Task Tasks Today Yesterday Never Total Sorting Order Ordering Refresh Minimap
    """.split()  # noqa: SIM905 (a list of words reads better as text)
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Attributes whose text a person reads (or hears from a screen reader).
_READ_ATTRIBUTES = frozenset({"placeholder", "title", "aria-label", "alt", "aria-description"})
_SKIPPED_ELEMENTS = frozenset({"script", "style", "noscript"})
# Wagtail's sidebar is drawn from a JSON description; its labels are read by people too.
_JSON_LABEL = re.compile(r'"label":\s*"((?:[^"\\]|\\.)*)"')
_JSON_URL = re.compile(r'"url":\s*"(/admin/[^"]*)"')


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self._skipping: list[str] = []
        self._hidden = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in _SKIPPED_ELEMENTS:
            self._skipping.append(tag)
            if tag == "script" and values.get("type") == "application/json":
                self._skipping[-1] = "json"
        for name in _READ_ATTRIBUTES & values.keys():
            self.texts.append(values[name] or "")
        if tag == "input" and values.get("type") in ("submit", "button", "reset"):
            self.texts.append(values.get("value") or "")
        # The text right inside a hidden element (Wagtail's empty counters) is not read.
        self._hidden = "hidden" in values
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])

    def handle_endtag(self, tag):
        self._hidden = False
        if self._skipping and tag in _SKIPPED_ELEMENTS:
            self._skipping.pop()

    def handle_data(self, data):
        if not self._skipping:
            if not self._hidden:
                self.texts.append(data)
        elif self._skipping[-1] == "json":
            self.texts += [json.loads(f'"{m}"') for m in _JSON_LABEL.findall(data)]
            self.links += _JSON_URL.findall(data)


# Time-zone names (the account page's choice) are proper names.
_TIME_ZONES = frozenset(zoneinfo.available_timezones())


def english_words(text: str) -> list[str]:
    if text in _TIME_ZONES:
        return []
    return [w for w in _WORD.findall(text) if w in ENGLISH_WORDS]


def read_page(html: str) -> tuple[list[str], list[str]]:
    """The texts a person reads on the page, and the page's links."""
    page = _Page()
    page.feed(html)
    return [" ".join(t.split()) for t in page.texts if t.strip()], page.links


# Routes that end the session or only exist to fail.
_NOT_WALKED = frozenset({"wagtailadmin_logout", "wagtailadmin_error_test"})


def _route(path: str, platform_only: bool) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name in _NOT_WALKED:
        return None
    if platform_only and not is_platform_view(match):
        return None
    return f"{match.route}|{match.url_name}"


# Wagtail's screens whose content depends on who is looking, beside the platform's own.
_ROLE_DEPENDENT_WAGTAIL_VIEWS = frozenset({"wagtailadmin_home", "wagtailadmin_account"})


def is_platform_view(match) -> bool:
    view = getattr(match.func, "view_class", match.func)
    return view.__module__.startswith("gongkai.") or match.url_name in _ROLE_DEPENDENT_WAGTAIL_VIEWS


def admin_urls_without_parameters() -> list[str]:
    """Every admin route that names no record: lists, forms, reports."""

    def walk(resolver: URLResolver, prefix: str):
        for entry in resolver.url_patterns:
            pattern = str(entry.pattern).removeprefix("^").removesuffix("$")
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + pattern)
            elif not re.search(r"[<>()\\\[\]?*+|]", pattern):
                yield prefix + pattern

    return sorted({f"/{p}" for p in walk(get_resolver(), "") if p.startswith("admin/")})


def walk_admin(
    client: Client, start: str = "/admin/", limit: int = 400, *, platform_only: bool = False
) -> Iterator[tuple]:
    """Yields ``(url, status, English lines)`` for one URL of every admin route reachable from
    ``start`` by links, and of every route that names no record. Downloads (not HTML) are
    opened but not read. ``platform_only``: only the platform's screens and the Wagtail ones
    whose content depends on the user (dashboard, account)."""
    seen_routes: set[str] = set()
    queue = [start, *admin_urls_without_parameters()]
    while queue and len(seen_routes) < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        if not parts.path.startswith("/admin/") or parts.scheme or parts.netloc:
            continue
        route = _route(parts.path, platform_only)
        if route is None or route in seen_routes:
            continue
        seen_routes.add(route)
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.append(urljoin(url, response["Location"]))
            yield url, response.status_code, []
            continue
        if "text/html" not in response.get("Content-Type", ""):
            yield url, response.status_code, []
            continue
        texts, links = read_page(response.content.decode())
        english = [t for t in texts if english_words(t)]
        queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
        english += [str(m) for m in queued if english_words(str(m))]
        yield url, response.status_code, english
        queue += [urljoin(url, link.split("#")[0]) for link in links if not link.startswith("#")]
