"""Atom feeds per unit (its subtree) and per column (top-level 主题分类): valid Atom (ids,
updated, entries' links), public records only, linked from the unit's and the column's pages,
and listed in the catalog as distributions of the documents dataset."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from gongkai.documents.models import OfficialDocument
from gongkai.documents.selectors import public_documents

from .conftest import MARKER

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(api, url: str) -> ET.Element:
    response = api.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for node in (root, *root.findall(f"{ATOM}entry")):
        assert node.findtext(f"{ATOM}id"), url
        assert node.findtext(f"{ATOM}title"), url
        datetime.fromisoformat(node.findtext(f"{ATOM}updated"))
        assert node.find(f"{ATOM}link").get("href").startswith("http"), url
    assert root.find(f"{ATOM}author/{ATOM}name").text
    ids = [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))
    return root


def _titles(root: ET.Element) -> set[str]:
    return {e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")}


def test_unit_feed_follows_the_subtree(records, api, unit_tree):
    county = unit_tree["county"]
    root = _feed(api, f"/xxgk/{county.code}/atom/")
    expected = set(
        public_documents(county, subtree=True)
        .filter(unit__is_active=True)
        .values_list("title", flat=True)[:20]
    )
    assert _titles(root) == expected
    # Documents of units below the county are in it (the RSS feed has the county's own only).
    assert "甲镇一村村务公开" in _titles(root)
    hidden = OfficialDocument.objects.exclude(pk__in=public_documents().values("pk"))
    assert {f"{MARKER}草稿文件", f"{MARKER}已撤回文件"} <= set(
        hidden.values_list("title", flat=True)
    )
    for title in hidden.values_list("title", flat=True):
        assert title not in _titles(root)
    town = _feed(api, f"/xxgk/{unit_tree['town_a'].code}/atom/")
    assert "县政府关于印发示范办法的通知" not in _titles(town)


def test_column_feed_and_the_links_to_it(records, api, unit_tree):
    county = unit_tree["county"]
    OfficialDocument.objects.filter(title="县政府办公室关于做好防汛工作的通知").update(
        subject_class="0203"
    )
    root = _feed(api, f"/xxgk/{county.code}/atom/02/")
    assert _titles(root) == {"县政府办公室关于做好防汛工作的通知"}
    assert "综合政务" in root.findtext(f"{ATOM}title")
    assert api.get(f"/xxgk/{county.code}/atom/99/").status_code == 404
    section = api.get(f"/xxgk/{county.code}/").content.decode()
    assert f'type="application/atom+xml" title="{county.name}及下级单位' in section
    assert f'href="/xxgk/{county.code}/atom/"' in section
    listing = api.get(f"/xxgk/{county.code}/documents/?subject=02").content.decode()
    assert f'type="application/atom+xml" title="{county.name}：综合政务"' in listing
    assert f'href="/xxgk/{county.code}/atom/02/"' in listing


def test_catalog_lists_the_feeds(records, api, unit_tree):
    catalog = api.json("/api/v1/catalog.json")
    entry = next(d for d in catalog["dcat:dataset"] if d["dct:identifier"] == "documents")
    feeds = {
        d["dcat:accessURL"]
        for d in entry["dcat:distribution"]
        if d["dcat:mediaType"] == "application/atom+xml"
    }
    base = "https://gk.example.invalid/xxgk/"
    assert f"{base}{unit_tree['town_a'].code}/atom/" in feeds
    assert f"{base}{unit_tree['county'].code}/atom/02/" in feeds
    for url in list(feeds)[:5]:
        _feed(api, url.removeprefix("https://gk.example.invalid"))
