"""The gazette's issues in the API: registered from the gazette's own ``apps.py``, published
issues only, with their contents, and the gazette's Atom feed in the catalog."""

from __future__ import annotations

import pytest

from gongkai.api.registry import get_dataset
from gongkai.gazette.models import GazetteIssue

pytestmark = pytest.mark.django_db


def test_published_issues_with_their_contents(records, api, unit_tree):
    assert get_dataset("gazette-issues") is not None
    page = api.json("/api/v1/gazette-issues/")
    assert [item["id"] for item in page["items"]] == [records["gazette"].pk]
    issue = page["items"][0]
    assert issue["label"] == "2025年第1期" and issue["unit"]["code"] == unit_tree["county"].code
    assert [a["title"] for a in issue["articles"]] == ["县政府关于印发示范办法的通知"]
    assert issue["articles"][0]["section_label"] == "行政规范性文件"
    assert issue["url"] == f"https://gk.example.invalid/gazette/issues/{records['gazette'].pk}/"
    draft = GazetteIssue.objects.exclude(pk=records["gazette"].pk).get()
    assert api.get(f"/api/v1/gazette-issues/{draft.pk}/").status_code == 404
    county = api.json(f"/api/v1/gazette-issues/?unit={unit_tree['county'].code}")
    assert len(county["items"]) == 1
    assert api.json("/api/v1/gazette-issues/?until=2025-05-14")["items"] == []


def test_the_catalog_lists_the_gazette_feed(records, api):
    catalog = api.json("/api/v1/catalog.json")
    entry = next(d for d in catalog["dcat:dataset"] if d["dct:identifier"] == "gazette-issues")
    feeds = [d for d in entry["dcat:distribution"] if d["dcat:mediaType"] == "application/atom+xml"]
    assert [d["dcat:accessURL"] for d in feeds] == ["https://gk.example.invalid/gazette/feed/"]
