"""The site header's main navigation beyond 首页 and 政府信息公开, and the navigation inside each
of those sections. Modules add their public sections (互动交流, 决策公开 …) with
`register_nav_link`, and their pages inside a section with `register_section_link`, from their
``AppConfig.ready``: several modules share a section (留言 and 意见征集 under 互动交流) without
knowing of each other, and the portal's templates never change when a module is added."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.urls import get_script_prefix, reverse


@dataclass(frozen=True)
class NavLink:
    label: str  # translated, shown in the header
    url_name: str  # reversed when a page is rendered
    order: int


_links: dict[str, NavLink] = {}
_section_links: dict[str, dict[str, NavLink]] = {}


def register_nav_link(label: str, url_name: str, *, order: int = 100) -> None:
    _links[url_name] = NavLink(label, url_name, order)


def register_section_link(section: str, label: str, url_name: str, *, order: int = 100) -> None:
    """A page listed in the navigation of ``section``, the URLs' first segment (``hdjl`` …)."""
    _section_links.setdefault(section, {})[url_name] = NavLink(label, url_name, order)


def fixed_url(url_name: str) -> str:
    """``reverse(url_name)`` for a URL without arguments, worked out once per process (and
    script prefix): the header reverses the same names on every page."""
    return _reversed(url_name, get_script_prefix())


@functools.cache
def _reversed(url_name: str, prefix: str) -> str:
    return reverse(url_name)


def _section_of(url: str) -> str:
    return url.strip("/").split("/")[0]


def nav_links(path: str) -> list[tuple[str, str, bool]]:
    """(label, URL, whether ``path`` lies in its section: the URL's first segment) of the
    registered sections, in order."""
    links = []
    for link in sorted(_links.values(), key=lambda link: (link.order, link.url_name)):
        url = fixed_url(link.url_name)
        links.append((str(link.label), url, path.startswith(f"/{_section_of(url)}/")))
    return links


def section_links(path: str) -> list[tuple[str, str, bool]]:
    """(label, URL, whether it is the page at ``path`` or one below it) of the pages of the
    section ``path`` lies in, in order; the deepest matching link alone is current."""
    registered = _section_links.get(_section_of(path), {})
    links = [
        (str(link.label), fixed_url(link.url_name))
        for link in sorted(registered.values(), key=lambda link: (link.order, link.url_name))
    ]
    current = max((url for _, url in links if path.startswith(url)), key=len, default=None)
    return [(label, url, url == current) for label, url in links]
