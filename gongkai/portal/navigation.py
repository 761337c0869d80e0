"""The site header's main navigation beyond 首页 and 政府信息公开: modules add their public
sections (互动交流 …) from their ``AppConfig.ready`` with `register_nav_link`, so the portal's
templates never change when a module is added."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavLink:
    label: str  # translated, shown in the header
    url_name: str  # reversed when a page is rendered
    order: int


_links: dict[str, NavLink] = {}


def register_nav_link(label: str, url_name: str, *, order: int = 100) -> None:
    _links[url_name] = NavLink(label, url_name, order)


def nav_links(path: str) -> list[tuple[str, str, bool]]:
    """(label, URL, whether ``path`` lies in its section: the URL's first segment) of the
    registered sections, in order."""
    links = []
    for link in sorted(_links.values(), key=lambda link: (link.order, link.url_name)):
        url = reverse(link.url_name)
        section = "/" + url.strip("/").split("/")[0] + "/"
        links.append((str(link.label), url, path.startswith(section)))
    return links
