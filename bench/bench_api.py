"""Benchmark: the API's list of documents (a page of 20), served by the real server.

Run with ``.venv/bin/python bench/bench_api.py [--data-dir DIR] [--fresh] [--seconds 10]``.

Setup: the data of ``bench_portal.py`` (the demo county and 10,000 published documents, bulk
created; the same data directory by default, so one setup serves both) and an API key with a
limit high enough for the run, made through the service.

Measurement, on ``gongkai serve --no-worker`` (gunicorn, production settings) on a loopback port:
- **cached**: wrk for at most 15 s on ``/api/v1/documents/?unit=<county>`` with the key; every
  request is counted against the key's limit (a file lock) and checks the public content
  version, then is answered from the cache. Target ≥ 500 requests/s on 2 cores.
- **uncached**: the server with the caches off (``GONGKAI_PORTAL_CACHE_SECONDS=0``, which the
  API follows); a Python client with 4 threads walks the county's list 20 at a time through
  ``next`` and asks filtered pages (a subject class, a year, a word), 400 requests in all, and
  the 50th and 95th percentile of their times are printed. Target p95 ≤ 50 ms.
wrk and the client run on the same machine and take some of its CPU; the load average before
the runs is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_portal import COUNTY, DOCUMENTS, _free_port, _prepare, _wait_until_up

MAX_SECONDS = 15
CACHED_TARGET = 500  # requests/s
UNCACHED_P95_TARGET_MS = 50
UNCACHED_REQUESTS = 400


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default="/tmp/gongkai-bench-portal", type=Path)
    parser.add_argument("--fresh", action="store_true", help="delete the data dir first")
    parser.add_argument("--seconds", type=int, default=10, help=f"per wrk run, ≤ {MAX_SECONDS}")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: serve's own)")
    arguments = parser.parse_args()
    arguments.seconds = max(1, min(arguments.seconds, MAX_SECONDS))
    return arguments


def _key() -> str:
    from gongkai.api.services import api_key_create
    from gongkai.core.models import Unit

    admin = _platform_admin(Unit.objects.get(code=COUNTY))
    _, plain = api_key_create(actor=admin, name="压力测试", contact="", hourly_limit=1_000_000)
    return plain


def _platform_admin(county):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    user = User.objects.filter(username="bench-api").first()
    return user or User.objects.create_superuser("bench-api", "bench@example.invalid", None)


def _get(url: str, key: str) -> tuple[float, dict]:
    request = urllib.request.Request(url, headers={"X-API-Key": key})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return (time.perf_counter() - started) * 1000, json.loads(body)


def _uncached_urls(base: str, key: str) -> list[str]:
    """The county's list page by page (through next), then filtered first pages."""
    urls = []
    url: str | None = f"{base}/api/v1/documents/?unit={COUNTY}"
    while url and len(urls) < UNCACHED_REQUESTS // 2:
        urls.append(url)
        _, page = _get(url, key)
        url = page["next"] and page["next"].replace("http://127.0.0.1:8000", base)
    filters = [f"since={year}-01-01&until={year}-12-31" for year in range(2016, 2026)]
    filters += [f"q={quote(word)}" for word in ("政务公开", "重点工作", "第12", "通知 职责")]
    filters += ["kind=normative", "kind=rule", "validity=in_force"]
    while len(urls) < UNCACHED_REQUESTS:
        for query in filters:
            urls.append(f"{base}/api/v1/documents/?{query}&limit=20")
    return urls[:UNCACHED_REQUESTS]


def _serve(arguments: argparse.Namespace, *, cached: bool) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    command = [sys.executable, "-m", "gongkai.cli", "serve", "--no-worker", "--port", str(port)]
    if arguments.workers:
        command += ["--workers", str(arguments.workers)]
    environment = dict(os.environ)
    if not cached:
        environment["GONGKAI_PORTAL_CACHE_SECONDS"] = "0"
    server = subprocess.Popen(
        command,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    _wait_until_up(f"{base}/healthz", server)
    return server, base


def _stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def _verdict(ok: bool, target: str) -> str:
    return f"({'meets' if ok else 'MISSES'} the target of {target})"


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
    _prepare(arguments.data_dir)
    key = _key()
    workers = arguments.workers or (os.cpu_count() or 1) + 1
    print(
        f"{os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f} before the runs), "
        f"{DOCUMENTS:,} bulk documents in the county; gunicorn {workers} workers"
    )

    server, base = _serve(arguments, cached=True)
    try:
        url = f"{base}/api/v1/documents/?unit={COUNTY}"
        _, page = _get(url, key)
        size = len(json.dumps(page, ensure_ascii=False).encode())
        wrk_url = url
        header = ["-H", f"X-API-Key: {key}"]
        _wrk_with(wrk_url, header, 2, arguments.connections)  # warm every worker's cache
        rate = _wrk_with(wrk_url, header, arguments.seconds, arguments.connections)
        print(
            f"cached list of {len(page['items'])} documents ({size / 1024:.1f} KiB): "
            f"{rate:,.1f} requests/s with wrk {arguments.connections} connections, "
            f"{arguments.seconds} s {_verdict(rate >= CACHED_TARGET, f'{CACHED_TARGET}/s')}"
        )
    finally:
        _stop(server)

    server, base = _serve(arguments, cached=False)
    try:
        urls = _uncached_urls(base, key)
        _get(urls[0], key)
        with ThreadPoolExecutor(max_workers=4) as pool:
            times = sorted(ms for ms, _ in pool.map(lambda u: _get(u, key), urls))
        p50 = statistics.median(times)
        p95 = times[int(len(times) * 0.95) - 1]
        print(
            f"uncached pages of 20 ({len(times)} requests, 4 threads: the county's list through "
            f"next and filtered pages): p50 {p50:.1f} ms, p95 {p95:.1f} ms "
            f"{_verdict(p95 <= UNCACHED_P95_TARGET_MS, f'p95 ≤ {UNCACHED_P95_TARGET_MS} ms')}"
        )
    finally:
        _stop(server)


def _wrk_with(url: str, header: list[str], seconds: int, connections: int) -> float:
    result = subprocess.run(
        ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", *header, url],
        capture_output=True,
        text=True,
        timeout=seconds + 10,
        check=True,
    )
    if "Non-2xx" in result.stdout:
        raise SystemExit(f"wrk got error responses from {url}:\n{result.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))


if __name__ == "__main__":
    main()
