"""Benchmark: two app servers against one PostgreSQL, one of them stopped and restarted during
a load run (issue 19, “more than one machine”).

Run with ``.venv/bin/python bench/bench_two_servers.py [--seconds 60] [--clients 8]
[--kill] [--data-dir DIR]``.

- **PostgreSQL**: a cluster of the benchmark's own on loopback (``bench_search_pg.Cluster``:
  Debian's server, ``initdb`` in ``DATA_DIR/pg``, ``fsync`` off), migrated, with the demo
  county. Media stay on local disk: both servers share ``GONGKAI_DATA_DIR`` (and so its secret
  key), as two app servers share an object store.
- **Two servers**: ``gongkai serve --no-worker`` (gunicorn, production settings) on two free
  loopback ports, 2 workers × 4 threads each.
- **The load**: ``--clients`` threads for ``--seconds``, each choosing a server in turn, as a
  round-robin load balancer does: 4 reads in 5 (the home page, the county's 信息公开 page and
  document list, a document page, a search), 1 in 5 a write: a citizen's disclosure request
  through the public form (GET the form, POST it). Every request carries ``X-Forwarded-For``
  with an address of its own client (``GONGKAI_TRUSTED_PROXIES=127.0.0.1``), as behind a load
  balancer; the minimum fill time of the form is 0 for the benchmark (``bench_requests.py``
  does the same).
- **The failure**: at a third of the run server A is stopped (SIGTERM: gunicorn finishes the
  requests it has, as in a rolling deploy; ``--kill``: SIGKILL of its process group, a crash),
  at two thirds it is started again. A request that finds its server down (connection refused
  or cut) is sent again to the other one, as a load balancer retries an idempotent request or
  a connection it could not open; the form's one-time key makes a re-sent POST find the
  application the first one stored instead of storing a second. The form fetched from A is
  posted to B as it is: the token is signed with the shared secret key, the CSRF check reads
  the browser's cookie.
- **Reported**: requests served per server and in all, retries, errors (an answer other than
  200/302, or no answer from either server), latency p50/p95, and the writes: every
  application acknowledged (302 to the confirmation page) is counted in the database after the
  run (none lost), and none is stored twice.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import io
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_requests import APPLY, COUNTY, _free_port, _wait_until_up
from bench_search_pg import Cluster

SERVER_ENVIRONMENT = {
    "GONGKAI_REQUEST_MIN_FILL_SECONDS": "0",
    "GONGKAI_TRUSTED_PROXIES": "127.0.0.1",
    "GONGKAI_LOG_LEVEL": "WARNING",
}
TIMEOUT = 60
NAME = "双机压测"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default="/tmp/gongkai-bench-two-servers", type=Path)
    parser.add_argument("--seconds", type=int, default=60, help="length of the load run (≤ 300)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--port", type=int, default=54393, help="PostgreSQL's port")
    parser.add_argument("--kill", action="store_true", help="SIGKILL server A instead of SIGTERM")
    arguments = parser.parse_args()
    arguments.seconds = max(10, min(arguments.seconds, 300))
    arguments.clients = max(1, min(arguments.clients, 100))
    return arguments


class Server:
    def __init__(self, name: str, error_log: Path) -> None:
        self.name, self.port, self.error_log = name, _free_port(), error_log
        self.process: subprocess.Popen | None = None
        self.up = threading.Event()

    def start(self) -> None:
        command = [sys.executable, "-m", "gongkai.cli", "serve", "--no-worker"]
        with self.error_log.open("a") as errors:
            self.process = subprocess.Popen(
                [*command, "--port", str(self.port), "--workers", "2"],
                env={**os.environ, **SERVER_ENVIRONMENT},
                stdout=subprocess.DEVNULL,
                stderr=errors,
                start_new_session=True,  # its own process group: a kill reaches every worker
            )
        _wait_until_up(self.port, self.process)
        self.up.set()

    def stop(self, *, kill: bool) -> None:
        self.up.clear()
        if kill:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            return
        self.process.send_signal(signal.SIGTERM)  # serve stops gunicorn, which drains
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@dataclass
class Tally:
    served: dict[str, int] = field(default_factory=dict)
    retries: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)  # applicant names answered with 302
    lock: threading.Lock = field(default_factory=threading.Lock)


class Balancer:
    """Round robin over the servers; a request that gets no answer is sent to the other, and
    the server that gave none is left out for ``DOWN_SECONDS`` (a passive health check, as
    nginx's ``max_fails=1 fail_timeout=2s``)."""

    DOWN_SECONDS = 2.0

    def __init__(self, servers: list[Server], tally: Tally) -> None:
        self.servers, self.tally, self.turn = servers, tally, 0
        self.down_until = {server.name: 0.0 for server in servers}

    def request(self, method: str, path: str, *, headers: dict, body: str | None = None):
        with self.tally.lock:
            self.turn += 1
            order = self.servers[self.turn % 2 :] + self.servers[: self.turn % 2]
            now = time.monotonic()
            order.sort(key=lambda server: self.down_until[server.name] > now)
        for attempt, server in enumerate(order):
            began = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=TIMEOUT)
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                content = response.read()
                connection.close()
            except OSError:
                with self.tally.lock:
                    self.down_until[server.name] = time.monotonic() + self.DOWN_SECONDS
                    if attempt == 0:
                        self.tally.retries += 1
                continue
            with self.tally.lock:
                self.tally.served[server.name] = self.tally.served.get(server.name, 0) + 1
                self.tally.latencies.append(time.perf_counter() - began)
            return response, content
        return None, b""


class Citizen:
    def __init__(self, number: int, balancer: Balancer, tally: Tally, reads: list[str]) -> None:
        self.number, self.balancer, self.tally, self.reads = number, balancer, tally, reads
        self.rng = random.Random(number)
        self.cookies: dict[str, str] = {}
        self.writes = 0

    def _headers(self) -> dict[str, str]:
        # Each application comes from a citizen of its own (the form's rate limit is per
        # address): the address the load balancer reports for it.
        address = f"127.{100 + self.number}.{self.writes // 250}.{self.writes % 250 + 1}"
        headers = {"X-Forwarded-For": address}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _keep_cookies(self, response) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def _error(self, what: str, response) -> None:
        status = response.status if response is not None else "no answer from either server"
        with self.tally.lock:
            self.tally.errors.append(f"{what}: {status}")

    def read(self) -> None:
        path = self.rng.choice(self.reads)
        response, _ = self.balancer.request("GET", path, headers=self._headers())
        if response is None or response.status != 200:
            self._error(f"GET {path}", response)

    def write(self) -> None:
        response, html = self.balancer.request("GET", APPLY, headers=self._headers())
        if response is None or response.status != 200:
            self._error("GET the form", response)
            return
        self._keep_cookies(response)
        hidden = dict(
            re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', html.decode())
        )
        self.writes += 1
        name = f"{NAME}{self.number:03d}-{self.writes:04d}"
        fields = {
            **hidden,
            "applicant_type": "natural_person",
            "applicant_name": name,
            "id_type": "passport",
            "id_number": f"E{self.number:03d}{self.writes:05d}",
            "phone": f"139{self.number:03d}{self.writes:05d}",
            "description": f"2025年第{self.writes}号城乡居民最低生活保障资金发放情况",
            "form_wanted": "electronic",
            "delivery_method": "online",
        }
        headers = {**self._headers(), "Content-Type": "application/x-www-form-urlencoded"}
        response, _ = self.balancer.request(
            "POST", APPLY, headers=headers, body=urllib.parse.urlencode(fields)
        )
        if response is None or response.status not in (302, 303):
            self._error("POST the form", response)
            return
        with self.tally.lock:
            self.tally.acknowledged.append(name)

    def run(self, done: threading.Event) -> None:
        while not done.is_set():
            if self.rng.random() < 0.2:
                self.write()
            else:
                self.read()


def _prepare() -> list[str]:
    """Migrate, load the demo; the paths the readers ask for."""
    from django.core.management import call_command

    from gongkai.documents.selectors import public_documents
    from gongkai.search.registry import get_kind

    call_command("migrate", verbosity=0)
    with contextlib.redirect_stdout(io.StringIO()):  # the demo prints one-time passwords
        call_command("demo")
    # The URL the search links to: the portal's document page.
    url = get_kind("document").url
    documents = [url(d) for d in public_documents().order_by("pk")[:20]]
    return [
        "/",
        f"/xxgk/{COUNTY}/",
        *documents,
        "/search/?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80",  # 政务公开
        "/search/?q=%E4%BD%8E%E4%BF%9D",  # 低保
    ]


def main() -> None:
    arguments = _arguments()
    arguments.data_dir.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(arguments.data_dir / "pg", arguments.port)
    cluster.start()
    servers: list[Server] = []
    try:
        os.environ["DATABASE_URL"] = cluster.url.replace("/bench_search", "/gongkai")
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(cluster.bin / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(arguments.port),
                "-U",
                "postgres",
                "gongkai",
            ],
            stderr=subprocess.DEVNULL,
            check=False,
        )
        os.environ["GONGKAI_DATA_DIR"] = str(arguments.data_dir)
        os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings.production"
        os.environ.update(SERVER_ENVIRONMENT)
        import django

        django.setup()
        from gongkai.requests.models import DisclosureRequest

        reads = _prepare()
        missing = [p for p in reads if not p]
        if missing:
            raise SystemExit("a document has no public URL")
        error_log = arguments.data_dir / "server-errors.log"
        error_log.write_text("")
        servers = [Server("A", error_log), Server("B", error_log)]
        for server in servers:
            server.start()
        tally = Tally()
        balancer = Balancer(servers, tally)
        stored_before = DisclosureRequest.objects.filter(applicant_name__startswith=NAME).count()
        if stored_before:
            DisclosureRequest.objects.filter(applicant_name__startswith=NAME).delete()
        citizens = [Citizen(n, balancer, tally, reads) for n in range(arguments.clients)]
        # Three phases of a third of --seconds each: both up; A down; A back (after it has
        # started, which takes its own time under load).
        began, done, phase = time.monotonic(), threading.Event(), arguments.seconds / 3
        threads = [threading.Thread(target=c.run, args=(done,)) for c in citizens]
        load_before = os.getloadavg()[0]
        for thread in threads:
            thread.start()
        time.sleep(phase)
        served_before_stop = dict(tally.served)
        servers[0].stop(kill=arguments.kill)
        stopped_at = time.monotonic() - began
        time.sleep(phase)
        restart_began = time.monotonic()
        servers[0].start()
        restarted_at, restart_took = time.monotonic() - began, time.monotonic() - restart_began
        time.sleep(phase)
        done.set()
        for thread in threads:
            thread.join()
        load_after = os.getloadavg()[0]
        elapsed = time.monotonic() - began
        for server in servers:
            server.stop(kill=False)
        stored = list(
            DisclosureRequest.objects.filter(applicant_name__startswith=NAME).values_list(
                "applicant_name", flat=True
            )
        )
    finally:
        for server in servers:
            if server.process is not None and server.process.poll() is None:
                server.stop(kill=False)
        cluster.stop()

    total = sum(tally.served.values())
    lost = sorted(set(tally.acknowledged) - set(stored))
    duplicates = len(stored) - len(set(stored))
    print(
        f"Two servers (2 gunicorn workers × 4 threads each) and PostgreSQL on {os.cpu_count()} "
        f"CPUs; {arguments.clients} clients for {elapsed:.0f} s; load average "
        f"{load_before:.1f} before, {load_after:.1f} after"
    )
    print(
        f"  server A {'killed (SIGKILL)' if arguments.kill else 'stopped (SIGTERM)'} at "
        f"{stopped_at:.0f} s (it had served {served_before_stop.get('A', 0):,}), started again "
        f"at {restarted_at:.0f} s (ready after {restart_took:.1f} s)"
    )
    print(
        f"  requests served: {total:,} ({total / elapsed:.1f}/s): A {tally.served.get('A', 0):,}, "
        f"B {tally.served.get('B', 0):,}; p50 {statistics.median(tally.latencies) * 1000:.0f} "
        f"ms, p95 {sorted(tally.latencies)[int(0.95 * len(tally.latencies))] * 1000:.0f} ms"
    )
    print(
        f"  retried on the other server (connection refused or cut): {tally.retries:,}; "
        f"errors: {len(tally.errors)}"
        + (f" ({', '.join(sorted(set(tally.errors))[:5])})" if tally.errors else "")
    )
    print(
        f"  writes: {len(tally.acknowledged):,} applications acknowledged, {len(stored):,} "
        f"stored; lost {len(lost)}, stored twice {duplicates}"
    )
    ok = not tally.errors and not lost and not duplicates
    print("OK: no errors, no lost writes" if ok else "FAILED")
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
