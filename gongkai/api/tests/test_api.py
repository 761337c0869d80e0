"""The schema and the answers against it, filters and pagination, ETag/Last-Modified, the
rate limits with and without a key, CORS, and the dumps with their catalog."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate

from gongkai.api import dumps
from gongkai.api.api import openapi_schema
from gongkai.api.registry import datasets
from gongkai.api.services import api_key_create, api_key_revoke
from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _check(doc: dict, path: str, status: int, body: dict) -> None:
    response = doc["paths"][path]["get"]["responses"][str(status)]
    schema = response["content"]["application/json"]["schema"]
    OAS31Validator({**schema, "components": doc["components"]}).validate(body)


def test_schema_is_valid_openapi_3_1(client):
    doc = json.loads(client.get("/api/v1/schema/").content)
    assert doc["openapi"] == "3.1.0"
    validate(doc)
    assert doc == openapi_schema()
    names = {d.name for d in datasets()}
    assert {p.split("/")[3] for p in doc["paths"]} == names


def test_every_answer_validates_against_the_schema(records, api):
    doc = openapi_schema()
    for dataset in datasets():
        list_path = f"/api/v1/{dataset.name}/"
        page = api.json(f"{list_path}?limit=3")
        _check(doc, list_path, 200, page)
        detail_path = f"/api/v1/{dataset.name}/{{key}}/"
        for row in page["items"]:
            key = row["id"] if dataset.lookup == "pk" else row[dataset.lookup]
            _check(doc, detail_path, 200, api.json(f"{list_path}{key}/"))
        missing = api.get(f"{list_path}0/")
        assert missing.status_code == 404
        _check(doc, detail_path, 404, json.loads(missing.content))
        bad = api.get(f"{list_path}?limit=0")
        assert bad.status_code == 400
        _check(doc, list_path, 400, json.loads(bad.content))


def test_filters(records, api):
    def titles(query: str) -> set[str]:
        return {row["title"] for row in api.walk(f"/api/v1/documents/?{query}")}

    everything = titles("")
    assert "甲镇一村村务公开" in titles("unit=T-A")  # the village is in 甲镇's subtree
    assert "县政府办公室关于做好防汛工作的通知" not in titles("unit=T-A")
    assert titles("unit=C") == everything
    assert titles("kind=normative") == {"县政府关于印发示范办法的通知"}
    assert titles("q=防汛 通知") == {"县政府办公室关于做好防汛工作的通知"}
    assert titles("since=2030-01-01") == set()
    assert titles("until=2000-01-01") == set()
    assert titles("since=2025-06-16&until=2025-06-16") == everything
    normative = records["county"]
    assert normative.validity
    assert "县政府关于印发示范办法的通知" in titles(f"validity={normative.validity}")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("unit=NOPE", "没有编码为“NOPE”的单位"),
        ("since=2025-13-01", "since（日期"),
        ("since=2025-02-01&until=2025-01-01", "since 不能晚于 until"),
        ("kind=law", "kind 的值“law”无效"),
        ("limit=500", "limit（1 到 100"),
        ("cursor=xyz", "cursor 无效"),
        ("q=a b c d e f", "q 最多 5 个词"),
    ],
)
def test_bad_filters_get_a_chinese_message(records, api, query, message):
    response = api.get(f"/api/v1/documents/?{query}")
    assert response.status_code == 400
    assert message in json.loads(response.content)["detail"]


def test_a_filter_the_dataset_lacks_is_refused(records, api):
    response = api.get("/api/v1/units/?validity=in_force")
    assert response.status_code == 400
    assert "不支持按 validity 筛选" in json.loads(response.content)["detail"]


def test_pages_chain_through_next_without_repeats(records, api):
    one_by_one = api.walk("/api/v1/documents/?limit=1")
    all_at_once = api.json("/api/v1/documents/?limit=100")["items"]
    assert [r["id"] for r in one_by_one] == [r["id"] for r in all_at_once]
    dates = [r["published_on"] for r in all_at_once]
    assert dates == sorted(dates, reverse=True)
    first = api.json("/api/v1/documents/?limit=1&kind=other")
    assert "kind=other" in first["next"] and "cursor=" in first["next"]


def test_etag_and_last_modified_give_304(records, api):
    first = api.get("/api/v1/documents/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"] == "no-cache"
    again = api.get("/api/v1/documents/", **{"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert api.get("/api/v1/documents/", **{"If-Modified-Since": modified}).status_code == 304
    other = api.get("/api/v1/documents/", **{"If-None-Match": '"stale"'})
    assert other.status_code == 200


def test_a_cached_answer_is_renewed_when_public_content_changes(records, api, settings):
    settings.GONGKAI_API_CACHE_SECONDS = 60
    before = api.json("/api/v1/documents/?limit=100")
    assert api.json("/api/v1/documents/?limit=100") == before
    from gongkai.portal.response_cache import _PendingBump, _write_new_versions

    # Tests never commit, so the versions a commit would write are written here: a unit's
    # record renews only its own section and sites, and the API spans every unit.
    office = records["office"]
    pending = _PendingBump()
    pending.unit_ids.add(office.unit_id)
    office.delete()
    _write_new_versions(pending)
    after = api.json("/api/v1/documents/?limit=100")
    assert len(after["items"]) == len(before["items"]) - 1


def test_anonymous_clients_are_limited_per_address(records, api, settings):
    settings.GONGKAI_API_ANONYMOUS_PER_HOUR = 3
    for _ in range(3):
        assert api.get("/api/v1/units/").status_code == 200
    refused = api.get("/api/v1/units/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "请求过于频繁" in json.loads(refused.content)["detail"]
    other = api.client.get("/api/v1/units/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_a_key_has_its_own_limit(records, api, settings, make_user, unit_tree):
    settings.GONGKAI_API_ANONYMOUS_PER_HOUR = 1
    admin = make_user("keys", (Role.ADMINISTRATOR, unit_tree["county"]))
    key, plain = api_key_create(actor=admin, name="市数据开放平台", contact="", hourly_limit=5)
    assert plain not in key.digest and key.prefix == plain[:10]
    assert AuditEntry.objects.filter(action="api_key.create").exists()
    assert api.get("/api/v1/units/").status_code == 200
    assert api.get("/api/v1/units/").status_code == 429
    for _ in range(5):
        answer = api.get("/api/v1/units/", **{"X-API-Key": plain})
        assert answer.status_code == 200 and answer["X-RateLimit-Limit"] == "5"
    assert api.get("/api/v1/units/", **{"X-API-Key": plain}).status_code == 429
    assert api.get("/api/v1/units/", **{"X-API-Key": "gk_" + "x" * 32}).status_code == 401
    api_key_revoke(actor=admin, key_id=key.pk)
    assert api.get("/api/v1/units/", **{"X-API-Key": plain}).status_code == 401


def test_only_platform_administrators_make_keys(records, make_user, unit_tree):
    township_admin = make_user("town", (Role.ADMINISTRATOR, unit_tree["town_a"]))
    with pytest.raises(PermissionDeniedError):
        api_key_create(actor=township_admin, name="某公司", contact="", hourly_limit=100)
    admin = make_user("keys", (Role.ADMINISTRATOR, unit_tree["county"]))
    with pytest.raises(DomainError, match="请填写使用方名称"):
        api_key_create(actor=admin, name=" ", contact="", hourly_limit=100)
    with pytest.raises(DomainError, match="每小时请求上限"):
        api_key_create(actor=admin, name="某公司", contact="", hourly_limit=0)


def test_cors_allows_reading_only(records, api):
    answer = api.get("/api/v1/documents/", Origin="https://data.example.invalid")
    assert answer["Access-Control-Allow-Origin"] == "*"
    preflight = api.client.options(
        "/api/v1/documents/",
        headers={"Origin": "https://x.invalid", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert api.client.post("/api/v1/documents/").status_code == 405
    assert api.get("/api/v1/schema/")["Access-Control-Allow-Origin"] == "*"


def test_dumps_and_catalog(records, api):
    manifest = dumps.write_all()
    for dataset in datasets():
        count = dataset.public().count()
        assert manifest["datasets"][dataset.name]["records"] == count
        lines = api.client.get(f"/api/v1/dumps/{dataset.name}.jsonl")
        assert lines["Content-Type"].startswith("application/x-ndjson")
        rows = [json.loads(line) for line in b"".join(lines.streaming_content).splitlines()]
        assert len(rows) == count
        table = b"".join(api.client.get(f"/api/v1/dumps/{dataset.name}.csv").streaming_content)
        assert table.startswith("\ufeff".encode()) and table.count(b"\n") >= count + 1
    header = (dumps.directory() / "documents.csv").read_text(encoding="utf-8-sig").split("\n")[0]
    assert "unit.code" in header and "attachments" in header
    catalog = api.json("/api/v1/catalog.json")
    entry = next(d for d in catalog["dcat:dataset"] if d["dct:identifier"] == "documents")
    urls = [d.get("dcat:downloadURL") for d in entry["dcat:distribution"]]
    assert "https://gk.example.invalid/api/v1/dumps/documents.jsonl" in urls
    assert api.client.get("/api/v1/dumps/secrets.csv").status_code == 404
    assert api.client.get("/api/v1/dumps/manifest.json").status_code == 404


def test_docs_page_lists_every_endpoint(records, client):
    cache.clear()
    page = client.get("/api/v1/docs/").content.decode()
    assert "<script" not in page.split("</header>")[1]
    for dataset in datasets():
        assert f"/api/v1/{dataset.name}/" in page
