"""Two ``gongkai serve`` processes against one PostgreSQL, one Redis and one S3 endpoint
(moto's server), everything on loopback (docs/subsystems/scaling.md).

Checks that a document published with server A's configuration is served with its attachment
by server B, and gone from B right after it is withdrawn; that the API's per-client limit is
counted once for both; and that each periodic job ran on one of them, not on both.

Runs in ``.ci/run``'s PostgreSQL pass (``DATABASE_URL=postgres://…``), in a database of its own
on that server; skips with the reason when PostgreSQL, ``redis-server`` or moto is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
    pytest.skip(
        "the multi-server test needs PostgreSQL: set DATABASE_URL=postgres://… (.ci/run does)",
        allow_module_level=True,
    )
if shutil.which("redis-server") is None:
    pytest.skip(
        "the multi-server test needs redis-server (scripts/system-deps.sh installs it)",
        allow_module_level=True,
    )
moto_server = pytest.importorskip(
    "moto.server", reason="the multi-server test needs moto[server] (pip install -e '.[dev]')"
)
boto3 = pytest.importorskip("boto3")
psycopg = pytest.importorskip("psycopg")

API_LIMIT = 6
BUCKET = "gongkai-multiserver"
TITLE = "关于多服务器部署测试的通知"
ATTACHMENT = b"%PDF-1.4\nmultiserver attachment\n"
# Jobs that run once a day: with two servers each must have been claimed exactly once.
DAILY_JOBS = ("audit.anchor", "api.dumps")

SEED = """
from datetime import date
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from gongkai.core.models import Unit
from gongkai.documents.models import DocumentAttachment
from gongkai.documents.services import document_create, document_publish
unit = Unit.objects.filter(parent=None).order_by("pk").first()
doc = document_create(actor=None, unit=unit, title=%r, written_on=date(2025, 3, 3),
                      disclosure="proactive")
stored = Document.objects.create(title="附件", file=ContentFile(%r, name="multiserver.pdf"))
DocumentAttachment.objects.create(document=doc, file=stored)
doc.save_revision(log_action=False)
document_publish(actor=None, document=doc)
print(doc.pk)
"""

WITHDRAW = """
from gongkai.documents.models import OfficialDocument
from gongkai.documents.services import document_unpublish
document_unpublish(actor=None, document=OfficialDocument.objects.get(pk=%d), reason="撤回")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, seconds: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"{url}: the server stopped (exit {process.returncode})")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds:.0f} s")


def _get(base: str, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
         "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    ).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture(scope="module")
def database_url():
    """A database of its own on the PostgreSQL server of DATABASE_URL."""
    name = f"gongkai_multiserver_{os.getpid()}"
    parts = urlsplit(DATABASE_URL)
    # DATABASE_URL's own database may not exist (the suite's is test_<name>): ask "postgres".
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield parts._replace(path=f"/{name}").geturl()
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def servers(tmp_path_factory, database_url, redis_url, s3_endpoint):
    """Servers A and B: their base URLs, environments and data directories."""
    common = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongkai.settings.production",
        "DATABASE_URL": database_url,
        # The replica is the primary itself here: the router's path is exercised all the same.
        "DATABASE_REPLICA_URL": database_url,
        "GONGKAI_MEDIA_STORAGE": f"s3://{BUCKET}?endpoint_url={s3_endpoint}&region=us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "GONGKAI_CACHE_URL": redis_url,
        "GONGKAI_API_ANONYMOUS_PER_HOUR": str(API_LIMIT),
        "SECRET_KEY": "multiserver-" + "k" * 50,
        "GONGKAI_AUDIT_KEY": "multiserver-audit-" + "a" * 40,
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    common.pop("GONGKAI_DATA_DIR", None)
    nodes = []
    for name in ("a", "b"):
        data_dir = tmp_path_factory.mktemp(f"server-{name}")
        port = _free_port()
        env = {
            **common,
            "GONGKAI_DATA_DIR": str(data_dir),
            "GONGKAI_BASE_URL": f"http://127.0.0.1:{port}",
        }
        nodes.append({"name": name, "port": port, "env": env, "data_dir": data_dir})
    cli = [sys.executable, "-m", "gongkai.cli"]
    subprocess.run([*cli, "migrate", "--noinput", "-v0"], env=nodes[0]["env"], check=True)
    subprocess.run([*cli, "demo"], env=nodes[0]["env"], check=True, stdout=subprocess.DEVNULL)
    processes = []
    try:
        for node in nodes:
            log = (node["data_dir"] / "serve.log").open("w")
            processes.append(
                subprocess.Popen(
                    [*cli, "serve", "--port", str(node["port"]), "--workers", "1"],
                    env=node["env"],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            node["base"] = f"http://127.0.0.1:{node['port']}"
        for node, process in zip(nodes, processes, strict=True):
            _wait_for(node["base"] + "/healthz", 240, process)
        yield nodes
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _shell(node, code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "shell", "-c", code],
        env=node["env"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def _documents(node) -> list[dict]:
    status, body = _get(node["base"], "/api/v1/documents/?limit=100")
    assert status == 200, body[:300]
    return json.loads(body)["items"]


def test_a_document_published_through_one_is_served_with_its_attachment_by_the_other(servers):
    a, b = servers
    before_a = _get(a["base"], "/api/v1/documents/?limit=100")
    pk = int(_shell(a, SEED % (TITLE, ATTACHMENT)).splitlines()[-1])
    # B's cached API page (shared in Redis) is renewed by A's publication.
    assert before_a[0] == 200
    found = [d for d in _documents(b) if d["title"] == TITLE]
    assert len(found) == 1
    document = found[0]
    assert _get(b["base"], _path(document["url"]))[0] == 200
    (attachment,) = document["attachments"]
    status, body = _get(b["base"], _path(attachment["url"]))
    assert (status, body) == (200, ATTACHMENT)
    # The file is in the bucket, in neither server's data directory.
    for node in servers:
        assert not list((node["data_dir"] / "media").rglob("multiserver*.pdf"))

    _shell(a, WITHDRAW % pk)
    assert not [d for d in _documents(b) if d["title"] == TITLE]
    assert _get(b["base"], _path(attachment["url"]))[0] == 404
    assert _get(b["base"], _path(document["url"]))[0] == 404


def test_the_apis_limit_is_counted_once_for_both_servers(servers):
    a, b = servers
    statuses = [_get(node["base"], "/api/v1/units/?limit=1")[0] for node in (a, b) * API_LIMIT]
    # The tests above used some of this hour's allowance: past it, both servers refuse.
    assert 200 in statuses
    assert statuses[-2:] == [429, 429]
    assert statuses.count(200) <= API_LIMIT


def test_each_periodic_job_ran_on_one_server_only(servers, database_url):
    deadline = time.monotonic() + 120
    with psycopg.connect(database_url, autocommit=True) as db:
        while time.monotonic() < deadline:
            claims = dict(db.execute("SELECT name, claims FROM core_periodicclaim").fetchall())
            if all(job in claims for job in DAILY_JOBS):
                break
            time.sleep(1)
        runners = {
            row[0] for row in db.execute("SELECT claimed_by FROM core_periodicclaim").fetchall()
        }
    assert {job: claims.get(job) for job in DAILY_JOBS} == dict.fromkeys(DAILY_JOBS, 1)
    assert runners
    # The daily audit anchor was written by one of the two servers, not by both.
    anchors = [list((node["data_dir"] / "audit-anchors").glob("*")) for node in servers]
    assert sorted(bool(found) for found in anchors) == [False, True]
