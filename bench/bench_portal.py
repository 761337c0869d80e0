"""Benchmark: the portal's document pages, served by the real server, under wrk.

Run with ``.venv/bin/python bench/bench_portal.py [--data-dir DIR] [--fresh] [--seconds 10]``.

Setup: a throwaway data directory (default ``/tmp/gongkai-bench-portal``, reused while it holds
the documents) is migrated, gets the demo county and then 10,000 published documents of the
county government. Those are bulk-created straight into the table, **bypassing the register's
services** (which write a revision, an audit entry and run the checks for each, and would take
minutes): this is setup only, and what is measured is reading. The demo's own documents, made
through the services, are there as well.

Measurement: ``gongkai serve --no-worker`` (gunicorn and whitenoise, production settings, its
default worker count unless ``--workers``) on a free loopback port, then ``wrk`` for at most 15 s
each against a document page, a list page (page 2 of the county's 10,000 documents), the unit's
政府信息公开指南 (a portal page that does no document work: the floor set by Wagtail's routing,
the site settings and the base template) and a static file of about the size of the document
page, served by the same server (the ceiling for a response of that size). Targets on 2 cores:
document page ≥ 300 requests/s, list page ≥ 150 requests/s. wrk runs on the same machine and
takes some of its CPU; the load average before the runs is printed, as other work skews them.
Each run also prints the CPU time the server's processes spent per request (from /proc): on a
busy machine requests/s falls with the CPU left over, this much less.

Two passes: as served (anonymous pages come from the per-worker page cache, see
``gongkai/portal/response_cache.py``; the targets above apply here) and with the cache turned
off, so every request is rendered by Django: the figure a visitor meets right after a
publication (target for the document page: ≥ 300 requests/s).

Each page is measured twice. With wrk's connections kept alive, as a browser or a keep-alive
proxy would: gunicorn's threaded workers accept connections as they come, and one worker often
takes all sixteen, which then share one core whatever the other workers could do (the figure
moves from run to run with how they fell; the per-worker split is printed). And with a new
connection per request (``Connection: close``), as nginx talks to its upstream by default in the
deployment README.md describes: every request is then accepted by whichever worker is free, so
this figure shows what the pages cost; the uncached target is judged on it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

DOCUMENTS = 10_000
COUNTY = "013901000"
TARGETS = {"document page": 300, "list page": 150}
UNCACHED_TARGETS = {"document page": 300}
MAX_SECONDS = 15


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default="/tmp/gongkai-bench-portal", type=Path)
    parser.add_argument("--fresh", action="store_true", help="delete the data dir first")
    parser.add_argument("--seconds", type=int, default=10, help=f"per wrk run, ≤ {MAX_SECONDS}")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: serve's own, CPU cores + 1)"
    )
    arguments = parser.parse_args()
    arguments.seconds = max(1, min(arguments.seconds, MAX_SECONDS))
    return arguments


def _body(rng: random.Random, number: int) -> str:
    sentences = (
        "为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步做好政务公开工作，结合我县实际，现就有关事项通知如下。",
        "各单位要把政务公开作为推进法治政府建设的重要内容，明确分管领导和具体工作人员，做到有人管事、有人干事。",
        "严格执行信息发布前审查制度，做到先审后发；属于主动公开范围的政府信息，应当自形成或者变更之日起20个工作日内公开。",
        "县政府办公室将定期通报各单位政务公开工作情况，对工作不力的单位予以督促整改。",
    )
    paragraphs = [
        "".join(rng.choice(sentences) for _ in range(3)) for _ in range(rng.randint(6, 12))
    ]
    return "".join(f"<p>{p}</p>" for p in [f"（第{number}号示例文件）", *paragraphs])


def _prepare(data_dir: Path) -> int:
    """Migrate, load the demo and bulk-create the documents; return a document's id."""
    from django.core.management import call_command
    from django.utils import timezone

    from gongkai.core.models import Unit
    from gongkai.documents.domain.subject_classes import choices
    from gongkai.documents.models import OfficialDocument
    from gongkai.documents.selectors import public_documents

    call_command("migrate", verbosity=0)
    with contextlib.redirect_stdout(io.StringIO()):  # the demo prints one-time passwords
        call_command("demo")
    county = Unit.objects.get(code=COUNTY)
    existing = public_documents(county).count()
    if existing < DOCUMENTS:
        print(f"creating {DOCUMENTS - existing:,} documents in {data_dir} (bulk, once)…")
        rng = random.Random(20250101)
        subjects = [code for code, _ in choices()]
        now = timezone.now()
        batch = []
        for number in range(existing, DOCUMENTS):
            written = date(2016, 1, 1) + timedelta(days=rng.randint(0, 3500))
            kind = rng.choice(["other", "other", "other", "normative", "rule"])
            batch.append(
                OfficialDocument(
                    unit=county,
                    doc_number=f"示县政发〔{written.year}〕{number + 1}号",
                    title=f"示范县人民政府关于做好第{number + 1}项政务公开重点工作的通知",
                    written_on=written,
                    kind=kind,
                    subject_class=rng.choice(subjects),
                    summary="规范政务公开工作程序，明确各单位职责分工和完成时限。",
                    body=_body(rng, number + 1),
                    disclosure="proactive",
                    # Serials above the services' range, so later real documents never collide.
                    index_number=f"{COUNTY}/{written.year}-{50_000 + number:05d}",
                    published_on=written + timedelta(days=rng.randint(1, 20)),
                    validity="in_force" if kind != "other" else "",
                    live=True,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
        OfficialDocument.objects.bulk_create(batch, batch_size=500)
    return public_documents(county).order_by("published_on", "id")[DOCUMENTS // 2].pk


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped while starting; run it by hand to see why")
        with contextlib.suppress(OSError):
            _fetch(url)
            return
        time.sleep(0.5)
    raise SystemExit("the server did not answer within 90 s")


def _static_file_near(size: int, static_root: Path, base: str) -> tuple[str, int]:
    """The collected static file closest in size to ``size`` (uncompressed, as wrk asks)."""
    candidates = [
        p
        for p in static_root.rglob("*")
        if p.is_file() and p.suffix in {".css", ".js"} and re.search(r"\.[0-9a-f]{12}\.", p.name)
    ]
    best = min(candidates, key=lambda p: abs(p.stat().st_size - size))
    return f"{base}/static/{best.relative_to(static_root).as_posix()}", best.stat().st_size


def _server_cpu_seconds(group: int) -> dict[int, float]:
    """Process id → user and system CPU time, of every live process of the server's group."""
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # The fields after the command name, which may hold spaces: state is field 3.
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group:
                seconds[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / ticks
    return seconds


def _wrk(url: str, seconds: int, connections: int, *, close: bool = False) -> tuple[float, int]:
    """Requests per second and the number of requests served."""
    threads = min(2, connections)
    header = ["-H", "Connection: close"] if close else []
    result = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", *header, url],
        capture_output=True,
        text=True,
        timeout=seconds + 10,
        check=True,
    )
    if "Non-2xx" in result.stdout:
        raise SystemExit(f"wrk got error responses from {url}:\n{result.stdout}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    return rate, int(re.search(r"(\d+) requests in", result.stdout).group(1))


def main() -> None:
    arguments = _arguments()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed. Install it with:  sudo apt-get install -y wrk")
    if arguments.fresh and arguments.data_dir.exists():
        shutil.rmtree(arguments.data_dir)
    arguments.data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["GONGKAI_DATA_DIR"] = str(arguments.data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings.production"
    os.environ.setdefault("GONGKAI_LOG_LEVEL", "WARNING")

    import django

    django.setup()
    from django.conf import settings

    document_id = _prepare(arguments.data_dir)
    workers = arguments.workers or (os.cpu_count() or 1) + 1
    print(
        f"{os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f} before the runs), "
        f"gunicorn {workers} workers × 4 threads; "
        f"wrk {arguments.connections} connections, {arguments.seconds} s per run"
    )
    print("\nAs served (anonymous pages kept in memory until public content changes):")
    _measure(arguments, document_id, Path(settings.STATIC_ROOT), page_cache=True)
    print("\nWith the page cache off (GONGKAI_PORTAL_CACHE_SECONDS=0, every request rendered):")
    _measure(arguments, document_id, Path(settings.STATIC_ROOT), page_cache=False)


def _measure(
    arguments: argparse.Namespace, document_id: int, static_root: Path, *, page_cache: bool
) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "gongkai.cli", "serve", "--no-worker", "--port", str(port)]
    if arguments.workers:
        command += ["--workers", str(arguments.workers)]
    environment = dict(os.environ)
    if not page_cache:
        environment["GONGKAI_PORTAL_CACHE_SECONDS"] = "0"
    server = subprocess.Popen(
        command,
        env=environment,
        stdout=subprocess.DEVNULL,  # gunicorn's access log
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_until_up(f"{base}/healthz", server)
        pages = {
            "document page": f"{base}/xxgk/{COUNTY}/documents/{document_id}/",
            "list page": f"{base}/xxgk/{COUNTY}/documents/?page=2",
            # No document work at all: what Wagtail's routing, the site settings and the base
            # template cost on this machine, the floor under the two pages above.
            "guide page": f"{base}/xxgk/{COUNTY}/guide/",
        }
        sizes = {name: len(_fetch(url)) for name, url in pages.items()}
        static_url, static_size = _static_file_near(sizes["document page"], static_root, base)
        pages["static file"], sizes["static file"] = static_url, static_size
        for name, url in pages.items():
            _wrk(url, 2, arguments.connections, close=True)  # warm every worker's caches
            print(f"{name:<14} {sizes[name] / 1024:6.1f} KiB  {url}")
            for close in (False, True):
                before = _server_cpu_seconds(server.pid)
                rate, served = _wrk(url, arguments.seconds, arguments.connections, close=close)
                after = _server_cpu_seconds(server.pid)
                spent = {pid: after[pid] - before.get(pid, 0) for pid in after}
                cpu_ms = sum(spent.values()) * 1000 / max(served, 1)
                busiest = max(spent.values()) / max(sum(spent.values()), 1e-9)
                targets = TARGETS if page_cache else UNCACHED_TARGETS
                target = targets.get(name) if close or page_cache else None
                verdict = (
                    ""
                    if target is None
                    else f"  ({'meets' if rate >= target else 'MISSES'} the target of {target})"
                )
                how = "a connection per request" if close else "kept-alive connections"
                print(
                    f"  {how:<25} {rate:8.1f} requests/s  {cpu_ms:5.2f} server CPU ms/request"
                    f"  (busiest process {busiest:4.0%} of it){verdict}"
                )
    finally:
        server.send_signal(signal.SIGTERM)  # serve stops its gunicorn on SIGTERM
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
