"""The site's own service pages linked from every footer: 网站地图 (generated from the page
tree, the unit tree, the columns and the registered sections and entries), 联系我们 (from the
`SiteIdentity` setting) and 无障碍 (the display modes and how to use the site)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Site

from gongkai.core.models import Unit

from .columns import COLUMNS
from .home import home_entries
from .models import DisclosurePlatformPage, HomePage
from .navigation import nav_links


def _home(request: HttpRequest) -> HomePage | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    return HomePage.objects.live().filter(pk=site.root_page_id).first()


def _service_links() -> list[tuple[str, str]]:
    return [
        (_("联系我们"), reverse("portal:contact")),
        (_("无障碍服务"), reverse("portal:accessibility")),
        (_("网站地图"), reverse("portal:site_map")),
    ]


@require_safe
def site_map(request: HttpRequest) -> HttpResponse:
    """Every section and column a visitor can reach, as one page of links (for people; the
    sitemap.xml for crawlers lists the documents as well)."""
    home = _home(request)
    platform = DisclosurePlatformPage.objects.live().first()
    units = []
    if platform is not None:
        units = [
            (unit, platform.unit_url(unit), [(c, platform.unit_url(unit, c.slug)) for c in COLUMNS])
            for unit in Unit.objects.filter(is_active=True).order_by("path")
        ]
    context = {
        "home": home,
        "news_indexes": list(home.news_indexes()) if home else [],
        "topics": list(home.topics.all()) if home else [],
        "platform": platform,
        "units": units,
        "sections": nav_links(request.path),
        "interaction_entries": home_entries(),
        "track_url": reverse("requests_public:track"),
        "service_links": _service_links(),
        "column_name": _("网站地图"),
        "column_type": "网站地图",
        "trail": [(_("网站地图"), None)],
    }
    return render(request, "portal/site_map.html", context)


@require_safe
def contact(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/contact.html",
        {"column_name": _("联系我们"), "column_type": "联系我们", "trail": [(_("联系我们"), None)]},
    )


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/accessibility.html",
        {
            "column_name": _("无障碍服务"),
            "column_type": "无障碍服务",
            "trail": [(_("无障碍服务"), None)],
        },
    )


@require_safe
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    # Browsers ask for /favicon.ico whatever a page's <link rel="icon"> says.
    return HttpResponsePermanentRedirect(static("portal/favicon.ico"))
