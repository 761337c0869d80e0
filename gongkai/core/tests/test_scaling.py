"""Running on several servers: anonymous reads on the replica (``core/replica.py``), files in
object storage (``core/storage.py``, with moto's in-process S3), limits counted in the shared
cache (``core/ratelimit.py``), and periodic jobs claimed once across servers
(``core/periodic.py``)."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import boto3
import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from moto import mock_aws

from gongkai.core import ratelimit
from gongkai.core.models import PeriodicClaim, Unit
from gongkai.core.periodic import PeriodicJob, claim
from gongkai.core.replica import ReplicaReadsMiddleware, ReplicaRouter, may_read_replica
from gongkai.portal.response_cache import bump_public_content

REPLICA = override_settings(GONGKAI_REPLICA_ALIAS="replica")
BOTH = ["default", "replica"]


def _reads_of(request) -> dict[str, int]:
    """How many queries each database served while the middleware handled ``request`` with
    a view that reads the unit tree."""

    def view(request):
        list(Unit.objects.all())
        return None

    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        ReplicaReadsMiddleware(view)(request)
    units = "core_unit"
    return {
        "default": sum(units in q["sql"] for q in primary.captured_queries),
        "replica": sum(units in q["sql"] for q in replica.captured_queries),
    }


# --- The replica -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "cookies", "may"),
    [
        ("GET", "/xxgk/", {}, True),
        ("HEAD", "/api/v1/documents/", {}, True),
        ("GET", "/media/original_images/a.png", {}, True),
        ("POST", "/ysqgk/", {}, False),
        ("GET", "/admin/", {}, False),
        ("GET", "/healthz", {}, False),
        ("GET", "/ysqgk/track/", {"sessionid": "x"}, False),
        ("GET", "/hdjl/", {"csrftoken": "x"}, False),
    ],
)
def test_only_anonymous_reads_outside_the_admin_may_go_to_the_replica(method, path, cookies, may):
    request = RequestFactory().generic(method, path)
    request.COOKIES.update(cookies)
    assert may_read_replica(request) is may


@REPLICA
@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_anonymous_visitors_reads_go_to_the_replica(unit_tree):
    assert _reads_of(RequestFactory().get("/xxgk/")) == {"default": 0, "replica": 1}


@REPLICA
@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_sessions_forms_and_writes_read_the_primary(unit_tree):
    with_session = RequestFactory().get("/ysqgk/track/")
    with_session.COOKIES["sessionid"] = "x"
    assert _reads_of(with_session) == {"default": 1, "replica": 0}
    assert _reads_of(RequestFactory().post("/ysqgk/")) == {"default": 1, "replica": 0}


@REPLICA
@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_request_reads_its_own_writes_from_the_primary(unit_tree):
    router = ReplicaRouter()
    seen = []

    def view(request):
        seen.append(router.db_for_read(Unit))
        router.db_for_write(Unit)
        seen.append(router.db_for_read(Unit))

    ReplicaReadsMiddleware(view)(RequestFactory().get("/xxgk/"))
    assert seen == ["replica", None]
    # Nothing leaks into the next request of the same thread, nor outside requests.
    assert router.db_for_read(Unit) is None


@REPLICA
@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_replica_behind_the_primarys_content_version_is_not_read(unit_tree):
    # The replica is a test mirror, so lag is simulated: it answers an older version.
    bump_public_content()
    with mock.patch(
        "gongkai.core.replica._version_marks",
        side_effect=lambda alias: {"all": "old"} if alias == "replica" else {"all": "new"},
    ):
        assert _reads_of(RequestFactory().get("/xxgk/")) == {"default": 1, "replica": 0}


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_without_a_replica_everything_reads_the_primary(unit_tree):
    assert _reads_of(RequestFactory().get("/xxgk/")) == {"default": 1, "replica": 0}


def test_writes_and_migrations_stay_on_the_primary():
    router = ReplicaRouter()
    with REPLICA:
        assert router.db_for_write(Unit) == "default"
        assert router.allow_migrate("replica", "core") is False
        assert router.allow_migrate("default", "core") is None


# --- Object storage ----------------------------------------------------------------------------

BUCKET = "gongkai-media"
S3_STORAGES = {
    **settings.STORAGES,
    "default": {
        "BACKEND": "gongkai.core.storage.MediaS3Storage",
        "OPTIONS": {"bucket_name": BUCKET, "region_name": "us-east-1"},
    },
}


@pytest.fixture
def bucket(monkeypatch):
    # moto answers in-process: nothing leaves the machine.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        with override_settings(STORAGES=S3_STORAGES):
            yield s3


def _keys(s3) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_files_in_the_bucket_follow_the_one_access_rule(unit_tree, bucket, client):
    from gongkai.core.tests.test_security_files import _evidence, _opens, _plan
    from gongkai.documents.services import document_publish
    from gongkai.tasks_ledger.services import work_plan_set_public

    town = unit_tree["town_a"]
    plan = _plan(town)
    evidence = _evidence(plan, town).evidence_file
    assert evidence.file.name in _keys(bucket)
    # Its URL is the platform's own door, never the bucket's.
    assert evidence.file.url == settings.MEDIA_URL + evidence.file.name
    assert _opens(client, evidence) == [404, 404]
    document_publish(actor=None, document=plan.document)
    work_plan_set_public(actor=None, plan=plan, is_public=True)
    assert _opens(client, evidence) == [200, 200]
    response = client.get(settings.MEDIA_URL + evidence.file.name)
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    work_plan_set_public(actor=None, plan=plan, is_public=False)
    assert _opens(client, evidence) == [404, 404]


def test_a_second_file_of_the_same_name_does_not_replace_the_first(bucket):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    first = default_storage.save("documents/a.pdf", ContentFile(b"%PDF-1.4 one"))
    second = default_storage.save("documents/a.pdf", ContentFile(b"%PDF-1.4 two"))
    assert first != second
    assert sorted(_keys(bucket)) == sorted([first, second])
    with default_storage.open(first) as handle:
        assert handle.read() == b"%PDF-1.4 one"


def test_the_api_dumps_are_served_from_the_bucket(db, bucket, client, settings, tmp_path):
    from gongkai.api import dumps

    settings.GONGKAI_API_DUMP_DIR = tmp_path / "this-server"
    written = dumps.write_all()
    assert {"api-dumps/manifest.json", "api-dumps/documents.jsonl"} <= set(_keys(bucket))
    # Another server has none of the files on its own disk, and serves them from the bucket.
    settings.GONGKAI_API_DUMP_DIR = tmp_path / "other-server"
    assert dumps.manifest() == written
    response = client.get("/api/v1/dumps/documents.csv")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode("utf-8-sig").startswith("id,")
    assert client.get("/api/v1/dumps/nothing.csv").status_code == 404


def test_import_uploads_wait_in_the_bucket_for_any_server(bucket):
    import time

    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.importer import staging

    session: dict = {}
    token, names = staging.stage(
        session, [SimpleUploadedFile("a.txt", b"one"), SimpleUploadedFile("b.txt", b"two")]
    )
    assert names == ["a.txt", "b.txt"]
    assert sorted(_keys(bucket)) == [f"import-staging/{token}/0", f"import-staging/{token}/1"]
    assert staging.staged(session, token) == [("a.txt", b"one"), ("b.txt", b"two")]
    assert staging.staged({}, token) is None, "only the uploading session's"
    assert staging.discard_stale() == 0
    staging.discard(session, token)
    assert staging.staged(session, token) is None and _keys(bucket) == []
    staging.stage(session, [SimpleUploadedFile("c.txt", b"three")])
    assert staging.discard_stale(now=time.time() + staging.MAX_AGE_SECONDS + 1) == 1
    assert _keys(bucket) == []


def test_a_backup_holds_the_buckets_files_and_restores_them_into_it(bucket, tmp_path):
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from gongkai.core.backup import _backup_media, _restore_media

    stored = {
        default_storage.save("documents/a.pdf", ContentFile(b"%PDF-1.4 a")): b"%PDF-1.4 a",
        default_storage.save("images/deep/b.png", ContentFile(b"png b")): b"png b",
    }
    bucket.put_object(Bucket=BUCKET, Key="api-dumps/documents.csv", Body=b"made again daily")
    files = dict(_backup_media(tmp_path))
    assert files == {
        f"media/{name}": {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in stored.items()
    }
    assert (tmp_path / "media" / "images/deep/b.png").read_bytes() == b"png b"
    for key in _keys(bucket):
        bucket.delete_object(Bucket=BUCKET, Key=key)
    assert sorted(_restore_media(tmp_path, {"files": files})) == sorted(files)
    assert sorted(_keys(bucket)) == sorted(stored)
    with default_storage.open("images/deep/b.png") as handle:
        assert handle.read() == b"png b"


# --- Limits in the shared cache ------------------------------------------------------------


@override_settings(GONGKAI_SHARED_CACHE=True)
def test_limits_count_in_the_shared_cache():
    cache.clear()
    assert [ratelimit.consume("form", "198.51.100.7", 2) for _ in range(3)] == [True, True, False]
    ratelimit.give_back("form", "198.51.100.7")
    assert ratelimit.consume("form", "198.51.100.7", 2) is True
    assert ratelimit.consume("form", "198.51.100.7", 2) is False
    assert ratelimit.consume("form", "203.0.113.9", 2) is True
    # Only an HMAC of the address is kept, as in the files.
    assert not any("198.51.100.7" in str(key) for key in cache._cache)


# --- Periodic jobs once across servers -------------------------------------------------------

JOB = PeriodicJob("test.job", 10, lambda: None)


def test_a_due_job_is_claimed_by_one_server_once_per_interval(db):
    assert claim(JOB, runner="a:1") is True
    assert claim(JOB, runner="b:1") is False
    assert claim(JOB, runner="a:1") is False
    later = timezone.now() + timedelta(minutes=10, seconds=1)
    with mock.patch("gongkai.core.periodic.timezone.now", return_value=later):
        assert claim(JOB, runner="b:1") is True
        assert claim(JOB, runner="a:1") is False
    row = PeriodicClaim.objects.get(name=JOB.name)
    assert (row.claims, row.claimed_by) == (2, "b:1")


def test_two_servers_that_both_saw_the_job_due_run_it_once(db):
    claim(JOB, runner="a:1")
    PeriodicClaim.objects.filter(name=JOB.name).update(next_due=timezone.now())
    # Both read "due" before either moved it: only the first conditional update changes a row.
    due = timezone.now() - timedelta(seconds=1)
    with mock.patch("django.db.models.query.QuerySet.first", return_value=due):
        results = [claim(JOB, runner=runner) for runner in ("a:1", "b:1")]
    assert sorted(results) == [False, True]


def test_claims_do_not_touch_the_portals_content_version(db):
    from gongkai.portal.response_cache import public_content_version

    before = public_content_version()
    claim(JOB, runner="a:1")
    assert public_content_version() == before
