"""A cached answer is served before Ninja routes the request, and the client is still counted
once per request, hit or miss."""

from __future__ import annotations

import pytest

from gongkai.api import lists

pytestmark = pytest.mark.django_db


def test_cached_answers_skip_the_endpoint_and_count_once(records, api, settings, monkeypatch):
    settings.GONGKAI_API_CACHE_SECONDS = 60
    settings.GONGKAI_API_ANONYMOUS_PER_HOUR = 3
    built = []
    page = lists.page
    monkeypatch.setattr(lists, "page", lambda *args: built.append(1) or page(*args))
    first = api.get("/api/v1/documents/?limit=5")
    second = api.get("/api/v1/documents/?limit=5")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert second["Access-Control-Allow-Origin"] == "*"
    assert len(built) == 1
    assert (
        api.get("/api/v1/documents/?limit=5", **{"If-None-Match": first["ETag"]}).status_code == 304
    )
    assert api.get("/api/v1/documents/?limit=5").status_code == 429
    assert len(built) == 1
