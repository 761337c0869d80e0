"""Every public page type of the demo at 320, 390 and 1366 px and at 200 % zoom (WCAG 1.4.10
reflow, GB/T 37668): the document never scrolls sideways, axe finds nothing serious, no heading
level is skipped, and every page has a title of its own (page - unit - site). Then what a manual
audit found beyond axe: the browser's text size, forced colours, focus rings, the search box's
placeholder, the annual report's wide tables and chart text on a phone, the catalog on a desktop.

The page types are not a hand-made list. `expected_page_types` reads them from the URL conf
(every pattern outside the admin) and from the routes of the portal's routable page, split by
the column registry (`portal.columns.COLUMNS`) and the listings a route names; the walk follows
the site's links from the home page and the sitemap. A type that no walked page has and that
NOT_WALKED gives no reason for fails the test, so a module that adds a public URL is walked
too, or says why not.

200 % zoom on a 1366 × 768 screen: the browser's zoom halves the viewport in CSS pixels and
doubles the device pixel ratio, so the page lays out exactly as in a 683 × 384 viewport at
device scale factor 2 (window.innerWidth 683, devicePixelRatio 2, the same media queries).
"""

from __future__ import annotations

import re
from html import unescape
from itertools import pairwise
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# (name, CSS viewport, device scale factor)
VIEWPORTS = [
    ("320 px", {"width": 320, "height": 640}, 1),
    ("390 px", {"width": 390, "height": 844}, 1),
    ("1366 px", {"width": 1366, "height": 768}, 1),
    ("200 % zoom on 1366 px", {"width": 683, "height": 384}, 2),
]

# Page types the walk does not open, each with the reason.
NOT_WALKED = {
    "sitemap": "XML for crawlers",
    "robots_txt": "text for crawlers",
    "healthz": "the load balancer's probe",
    "media": "stored files, each behind the one access rule",
    "wagtaildocs_serve": "stored files",
    "wagtaildocs_authenticate_with_password": "Wagtail's password form; no portal file has one",
    "wagtailcore_authenticate_with_password": "Wagtail's password form; no portal page has one",
    "wagtailcore_login": "Wagtail's login for private pages; the portal has none",
    "search:opensearch": "XML for browsers' search boxes",
    "DisclosurePlatformPage:feed": "RSS",
    "DisclosurePlatformPage:atom": "Atom (tested in gongkai/api/tests/test_feeds.py)",
    "DisclosurePlatformPage:atom_column": "Atom (tested in gongkai/api/tests/test_feeds.py)",
    "DisclosurePlatformPage:index_route": "RoutablePageMixin's own route of the path unit_index serves",
    "requests_public:done": "shown once after an application is sent (test_request_journey)",
    "requests_public:status": "opened by posting a tracking number and code (test_request_journey)",
    "requests_public:letter": "a .docx or .pdf download",
    "interaction_public:done": "shown once after a message is sent (test_message_journey)",
    "interaction_public:status": "opened by posting a number and code (test_message_journey)",
    "interaction_public:reply_file": "a download",
    "interaction_public:suggest": "a fragment the message form loads into itself",
    "participation:comment_done": "shown once after a comment is sent (test_consultation_journey)",
    "participation:questionnaire_done": "shown once after a questionnaire is sent",
    "participation:feedback_download": "a .docx or .pdf download",
    "participation:meeting_applied": "shown once after an application is sent",
    "participation:open_day_registered": "shown once after a registration is sent",
    "gazette:feed": "Atom",
    "gazette:issue_pdf": "a PDF download (its contents are checked in gazette/tests)",
    "policies_public:registered": "shown once after a registration is sent (test_policies_journey)",
    "policies_public:confirm": "opened from the confirmation mail (test_policies_journey)",
    "policies_public:mine": "an enterprise's private page, opened by its signed link (test_policies_journey)",
    "portal:favicon": "a redirect to the static icon",
    "portal:display_switch": "a redirect that sets the display mode (tests/e2e/test_home.py)",
    "zones:kiosk": "a redirect that turns a screen into a kiosk (tests/e2e/test_zones_kiosk.py)",
    "zones:kiosk_exit": "a redirect that ends the kiosk mode (tests/e2e/test_zones_kiosk.py)",
    "api_schema": "JSON (the OpenAPI schema; gongkai/api/tests)",
    "api_catalog": "JSON-LD (the DCAT catalog; gongkai/api/tests)",
    "api_dump": "bulk downloads (gongkai/api/tests)",
}
# The open data API's endpoints are JSON, tested in gongkai/api/tests.
NOT_WALKED_NAMESPACES = ("api:",)
# Never opened while walking: not pages, or the admin.
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/", "/_util/")


def _url_conf_types() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix: str, namespace: str | None):
        for p in patterns:
            route = prefix + str(p.pattern)
            if route.startswith("admin/"):
                continue
            if isinstance(p, URLResolver):
                ns = ":".join(n for n in (namespace, p.namespace) if n) or None
                yield from walk(p.url_patterns, route, ns)
            elif isinstance(p, URLPattern) and p.name != "wagtail_serve":
                yield f"{namespace}:{p.name}" if namespace else p.name

    return set(walk(get_resolver().url_patterns, "", None))


def _split_values(pattern) -> tuple[str, list[str]] | None:
    """A route whose pages differ by one argument (a column, a listing): that argument and its
    values, read from the column registry or from the route's own alternatives."""
    from gongkai.portal.columns import COLUMNS

    regex = pattern.pattern.regex.pattern
    if "(?P<column>" in regex:
        return "column", [c.slug for c in COLUMNS]
    if m := re.search(r"\(\?P<(\w+)>([\w-]+(?:\|[\w-]+)+)\)", regex):
        return m[1], m[2].split("|")
    return None


def expected_page_types() -> set[str]:
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page

    types = _url_conf_types()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        model = type(page).__name__
        if not isinstance(page, RoutablePageMixin):
            types.add(model)
            continue
        for pattern in page.get_subpage_urls():
            if split := _split_values(pattern):
                types |= {f"{model}:{pattern.name}:{value}" for value in split[1]}
            else:
                types.add(f"{model}:{pattern.name}")
    return types


def page_type(path: str) -> str | None:
    """The page type of a path on this site (None if nothing serves it)."""
    from django.urls import Resolver404, resolve
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page

    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name != "wagtail_serve":
        return match.view_name
    # The walk's paths are decoded; pages with Chinese slugs (要闻动态 items) have encoded URLs.
    pages = [
        (unquote(page.url), page)
        for page in Page.objects.live().filter(depth__gt=1).specific()
        if page.url
    ]
    url, page = max(((u, p) for u, p in pages if path.startswith(u)), key=lambda x: len(x[0]))
    model = type(page).__name__
    if not isinstance(page, RoutablePageMixin):
        return model if path == url else None
    try:
        sub = page.resolve_subpage(path[len(url) - 1 :])
    except Resolver404:
        return None
    pattern = next(p for p in page.get_subpage_urls() if p.name == sub.url_name)
    if split := _split_values(pattern):
        return f"{model}:{sub.url_name}:{sub.kwargs[split[0]]}"
    return f"{model}:{sub.url_name}"


def seeds() -> list[str]:
    """Pages no link of the demo leads to: a search with results, and the published ledgers
    (their links from the units' sections are the demo's to add)."""
    from django.urls import reverse

    from gongkai.participation.selectors import public_consultations, public_meetings
    from gongkai.tasks_ledger.selectors import public_plans

    found = ["/search/?q=%E4%BD%8E%E4%BF%9D"]  # 低保
    found += [reverse("ledger:plan", args=[plan.pk]) for plan in public_plans()]
    # A consultation with one version links none of its version pages; a held meeting no
    # longer links its application form, which still answers.
    found += [reverse("participation:version", args=[c.pk, 1]) for c in public_consultations()]
    found += [reverse("participation:meeting_apply", args=[m.pk]) for m in public_meetings()]
    return found


def walk_site(page, base: str) -> dict[str, dict]:
    """Every page of the site reachable from the home page, the sitemap and the seeds: path ->
    its type, title and first-level heading (None for what is not opened)."""
    queue = ["/", *seeds()]
    sitemap = page.request.get(base + "/sitemap.xml").text()
    queue += [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    seen: dict[str, dict] = {}
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        kind = page_type(urlsplit(path).path)
        seen[path] = {"type": kind, "title": None}
        if kind is None or kind in NOT_WALKED or kind.startswith(NOT_WALKED_NAMESPACES):
            continue
        response = page.request.get(base + path, max_redirects=0)
        if response.status != 200 or "text/html" not in response.headers["content-type"]:
            seen[path]["status"] = response.status
            continue
        html = response.text()
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        seen[path]["title"] = unescape(title[1]).strip() if title else ""
        for href in re.findall(r'href="([^"#]+)', html):
            link = urlsplit(urljoin(base + path, unescape(href)))
            if link.netloc != urlsplit(base).netloc or link.query:
                continue
            target = unquote(link.path)
            if not target.startswith(SKIPPED_PREFIXES) and target not in seen:
                queue.append(target)
    return seen


# The document's own sideways scroll, and the boxes that stick out of it (for the message).
OVERFLOW = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const inScroller = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && !inScroller(el))
    .map((el) => el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
      ? '.' + String(el.className).trim().replace(/\\s+/g, '.') : ''));
  return `${root.scrollWidth} px wide in ${root.clientWidth} px: ${wide.slice(0, 4).join(', ')}`;
}"""

# Heading levels in reading order (role=heading with aria-level too); none rendered is skipped.
HEADING_LEVELS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')]
  .filter((el) => el.checkVisibility())
  .map((el) => Number(el.getAttribute('aria-level') || el.tagName.slice(1)))"""


def skipped_heading(levels: list[int]) -> str | None:
    if 1 not in levels:
        return "no h1"
    for before, after in pairwise(levels):
        if after > before + 1:
            return f"h{before} → h{after}"
    return None


def test_every_public_page_type_reflows_is_accessible_and_has_its_own_title(page, portal_url):
    # One test: loading the demo takes longer than everything it checks.
    from wagtail.models import Site

    from gongkai.core.models import Unit
    from gongkai.portal.models import SiteIdentity

    pages = walk_site(page, portal_url)

    # Every page type has a walked page, or a reason in NOT_WALKED.
    expected = expected_page_types()
    first_of_type: dict[str, str] = {}
    for path, found in pages.items():
        if found["title"] is not None:
            first_of_type.setdefault(found["type"], path)
    expected = {k for k in expected if not k.startswith(NOT_WALKED_NAMESPACES)}
    assert sorted(expected - first_of_type.keys() - NOT_WALKED.keys()) == []
    assert sorted(NOT_WALKED.keys() - expected) == [], "NOT_WALKED names no page type"

    # One title per page: page - unit - site, the unit named wherever the path names one.
    site = SiteIdentity.for_site(Site.objects.get(is_default_site=True)).site_name
    units = dict(Unit.objects.values_list("code", "name"))
    by_title: dict[str, list[str]] = {}
    for path, found in pages.items():
        if found["title"] is None:
            continue
        by_title.setdefault(found["title"], []).append(path)
        assert found["title"].endswith(f" - {site}"), (path, found["title"])
        if m := re.match(r"/(?:xxgk|ysqgk)/(\d{9})/.", path):
            assert f" - {units[m[1]]} - " in found["title"], (path, found["title"])
    assert {t: p for t, p in by_title.items() if len(p) > 1} == {}

    cdp = page.context.new_cdp_session(page)
    assert layout_problems(page, cdp, portal_url, first_of_type) == []
    assert presentation_problems(page, cdp, portal_url, first_of_type) == []


def emulate(cdp, viewport: dict, scale: int = 1) -> None:
    # Through the DevTools protocol, the only way to change the scale factor of an open page;
    # Playwright's own set_viewport_size would not take effect over it.
    cdp.send(
        "Emulation.setDeviceMetricsOverride",
        {**viewport, "deviceScaleFactor": scale, "mobile": False},
    )


def layout_problems(page, cdp, base: str, first_of_type: dict[str, str]) -> list[str]:
    """Each page at each viewport: sideways scroll; axe at the narrowest and the desktop width
    (390 px and 200 % zoom lay out between the two); heading levels once, at 1366 px."""
    problems: list[str] = []
    for name, viewport, scale in VIEWPORTS:
        emulate(cdp, viewport, scale)
        for kind, path in sorted(first_of_type.items()):
            page.goto(base + path)
            if overflow := page.evaluate(OVERFLOW):
                problems.append(f"{name} {path} ({kind}) scrolls sideways: {overflow}")
            desktop = scale == 1 and viewport["width"] == 1366
            if desktop or viewport["width"] == 320:
                problems += [f"{name} {path}: {v}" for v in axe_violations(page)]
            if desktop and (skipped := skipped_heading(page.evaluate(HEADING_LEVELS))):
                problems.append(f"{path} ({kind}) skips a heading level: {skipped}")
    return problems


def _contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two computed colours (rgb()/rgba() strings, alpha ignored)."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"[\d.]+", colour)[:3]]
        r, g, bl = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


STYLE = "([selector, property]) => getComputedStyle(document.querySelector(selector))[property]"
# The smallest chart text as drawn: its font size times the SVG's scale on screen.
SMALLEST_CHART_TEXT = """() => Math.min(...[...document.querySelectorAll('.report-chart text')]
  .map((t) => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a))"""
# How much wider the header search box's placeholder is than the box (≤ 0: it fits). Typed in
# as a value, it is laid out like the placeholder, beside the space the clear button takes.
PLACEHOLDER_EXCESS = """() => {
  const box = document.querySelector('.search-box input');
  box.value = box.placeholder;
  return box.scrollWidth - box.clientWidth;
}"""
FOCUS_RING = """() => { const s = getComputedStyle(document.activeElement);
  return [document.activeElement.matches(':focus-visible'), s.outlineStyle,
          parseFloat(s.outlineWidth), s.outlineColor]; }"""


def presentation_problems(page, cdp, base: str, first_of_type: dict[str, str]) -> list[str]:
    """What a manual audit found beyond axe, on the walked pages of the types concerned."""
    problems: list[str] = []
    style = lambda selector, prop: page.evaluate(STYLE, [selector, prop])  # noqa: E731
    search = base + first_of_type["search:results"]
    emulate(cdp, {"width": 1366, "height": 800})

    # The browser's text size reaches the body text (a fixed 16 px did not follow it).
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 24}})
    page.goto(search)
    if (size := style("body", "fontSize")) != "24px":
        problems.append(f"body text stays {size} when the browser's text size is 24 px")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 16}})

    # The header's search box shows its whole placeholder, on a phone and on a desktop.
    for width in (320, 1366):
        emulate(cdp, {"width": width, "height": 800})
        page.goto(search)
        if (excess := page.evaluate(PLACEHOLDER_EXCESS)) > 0:
            problems.append(f"{width} px: the search placeholder is cut off by {excess} px")

    # A strong focus ring on inputs, selects and buttons too, visible on the red header.
    emulate(cdp, {"width": 1366, "height": 800})
    header = style(".site-header", "backgroundColor")
    for selector in (
        ".search-box input",
        ".search-box button",
        ".filters select",
        ".filters button",
    ):
        page.locator(selector).first.focus()
        visible, line, width, colour = page.evaluate(FOCUS_RING)
        if not (visible and line == "solid" and width >= 3):
            problems.append(f"{selector} has a weak focus ring: {line} {width} px")
        if selector.startswith(".search-box") and _contrast(colour, header) < 3:
            problems.append(f"{selector}: the focus ring hardly shows on the header ({colour})")

    # Forced colours: the search box and the buttons keep their edges, and the current item of
    # the main and the column navigation is marked by more than a colour.
    page.emulate_media(forced_colors="active")
    page.goto(search)
    for selector in (".search-box input", ".search-query input", ".filter-actions button"):
        if (
            style(selector, "borderTopStyle") == "none"
            or style(selector, "borderTopWidth") == "0px"
        ):
            problems.append(f"forced colours: {selector} has no edge")
    page.goto(base + first_of_type["interaction_public:messages"])
    widths = page.evaluate(
        "[...document.querySelectorAll('.main-nav a')]"
        ".map((a) => [a.hasAttribute('aria-current'), getComputedStyle(a).borderBottomWidth])"
    )
    if sorted({w for current, w in widths if current}) == sorted({w for c, w in widths if not c}):
        problems.append(f"forced colours: the current main navigation item looks alike: {widths}")
    page.goto(base + first_of_type["DisclosurePlatformPage:column:guide"])
    if style('.column-nav a[aria-current="page"]', "borderLeftWidth") == "0px":
        problems.append("forced colours: the current column looks like the others")
    page.emulate_media(forced_colors="none")

    # The annual report on a phone: its wide tables scroll inside their box, which says so, and
    # its charts' text is drawn at 12 px or more.
    emulate(cdp, {"width": 320, "height": 800})
    page.goto(base + first_of_type["DisclosurePlatformPage:annual_report"])
    scrolling = page.locator(".table-scroll").evaluate_all(
        "(boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth).map((b) =>"
        " [b.tabIndex, getComputedStyle(b, '::before').content])"
    )
    if not scrolling or any(tab != 0 or "左右滑动" not in cue for tab, cue in scrolling):
        problems.append(f"the report's wide tables give no cue or no keyboard access: {scrolling}")
    if (smallest := page.evaluate(SMALLEST_CHART_TEXT)) < 12:
        problems.append(f"the report's chart text shrinks to {smallest:.1f} px on a phone")

    # The catalog's table fits its column on a desktop.
    emulate(cdp, {"width": 1366, "height": 800})
    page.goto(base + first_of_type["DisclosurePlatformPage:catalog"])
    overflow = page.locator(".catalog-table").evaluate_all(
        "(tables) => tables.map((t) => t.scrollWidth - t.parentElement.clientWidth)"
    )
    if max(overflow) > 0:
        problems.append(
            f"1366 px: the catalog table is wider than its column by {max(overflow)} px"
        )
    return problems
