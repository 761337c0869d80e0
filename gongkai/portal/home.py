"""The home page's 互动交流 block: modules add their public entries (我要留言, 意见征集 …) from
their ``AppConfig.ready`` with `register_home_entry`, so the home page never changes when a
module is added, and an entry whose module is not installed is never shown."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class HomeEntry:
    label: str  # translated, shown on the home page and the site map
    url_name: str  # reversed when a page is rendered
    description: str  # one line under the label, translated
    order: int


_entries: dict[str, HomeEntry] = {}


def register_home_entry(
    label: str, url_name: str, *, description: str = "", order: int = 100
) -> None:
    _entries[url_name] = HomeEntry(label, url_name, description, order)


def home_entries() -> list[tuple[str, str, str]]:
    """(label, URL, description) of the registered entries, in order."""
    entries = sorted(_entries.values(), key=lambda entry: (entry.order, entry.url_name))
    return [(str(e.label), reverse(e.url_name), str(e.description)) for e in entries]
