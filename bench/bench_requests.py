"""Benchmark: 200 concurrent submissions of the public application form, against the real server.

Run with ``.venv/bin/python bench/bench_requests.py [--data-dir DIR] [--fresh] [--clients 200]``.

Setup: a throwaway data directory (default ``/tmp/gongkai-bench-requests``, reused between runs)
is migrated and gets the demo (its county ``013901000`` receives the applications). The server
is ``gongkai serve --no-worker`` (gunicorn gthread workers, production settings, its default
worker count unless ``--workers``) on a free loopback port, with two limits set from the
environment for it only: the per-address limit of new applications is raised and the minimum
time between loading and posting the form dropped, since every client here is 127.0.0.1 and
posts at once. Everything else (CSRF, the form token, validation, the file-based rate-limit counter, the
services with their row locks, audit entries and sessions) runs as in production.

**Burst.** Each of the ``--clients`` clients first fetches the form (its own CSRF cookie, its
own submission key and timestamp), untimed; then all of them post their application at the same
moment (a barrier, one thread and one connection each), without attachments. Printed: requests
per second over the whole burst (first send to last answer), latency p50/p95/max of the POSTs
(queueing included), the load average before and after, and the checks: every POST answered
303 to the confirmation page, no 5xx, as many new rows as clients, and distinct tracking numbers
as the applicants' confirmation pages show them, each a stored request. Errors the server logged
("database is locked" and others) are counted from its error log in the data directory.

**Kill test.** Then every client fetches a new form and posts it twice at the same moment (a
double click), and while those posts are being answered the server is killed with SIGKILL (the
whole process group: ``serve`` and its gunicorn workers) and started again. A client whose post
got no answer sends the same form again, as a browser's retry would, until it is answered.
Printed: how many posts were cut off by the kill, applications stored, duplicates (applicants
with more than one stored request: must be 0) and acknowledged-but-lost (applicants shown a
confirmation whose tracking number is not stored: must be 0).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import io
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

COUNTY = "013901000"
APPLY = f"/ysqgk/{COUNTY}/apply/"
DONE = f"/ysqgk/{COUNTY}/apply/done/"
# Only for the server of this benchmark: all clients share one address and post at once.
SERVER_ENVIRONMENT = {
    "GONGKAI_REQUEST_SUBMIT_LIMIT": "1000000",
    "GONGKAI_REQUEST_MIN_FILL_SECONDS": "0",
}
TIMEOUT = 180
RETRY_SECONDS = 120  # how long a client of the kill test keeps re-sending its form


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default="/tmp/gongkai-bench-requests", type=Path)
    parser.add_argument("--fresh", action="store_true", help="delete the data dir first")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument(
        "--kill-after",
        type=float,
        default=0.3,
        help="kill test: kill the server when this share of the posts was answered (default 0.3)",
    )
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: serve's own, CPU cores + 1)"
    )
    return parser.parse_args()


def _prepare() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with contextlib.redirect_stdout(io.StringIO()):  # the demo prints one-time passwords
        call_command("demo")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped while starting; see its error log")
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        time.sleep(0.5)
    raise SystemExit("the server did not answer within 90 s")


@dataclass
class Client:
    """One applicant: a connection of its own, its cookies and the form it was given."""

    port: int
    number: int
    cookies: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    status: int = 0
    location: str = ""
    seconds: float = 0.0
    started: float = 0.0
    error: str = ""
    tracking_no: str = ""

    def _connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)

    def _cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def _keep_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def fetch_form(self) -> None:
        connection = self._connection()
        connection.request("GET", APPLY)
        response = connection.getresponse()
        html = response.read().decode()
        connection.close()
        if response.status != 200:
            raise SystemExit(f"the form answered {response.status}")
        self._keep_cookies(response)
        hidden = dict(re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', html))
        self.fields = {
            **hidden,
            "applicant_type": "natural_person",
            "applicant_name": f"压测申请人{self.number:03d}",
            "id_type": "passport",
            "id_number": f"E{self.number:08d}",
            "phone": f"139{self.number:08d}",
            "description": f"2025年第{self.number}号城乡居民最低生活保障资金发放情况",
            "form_wanted": "electronic",
            "delivery_method": "online",
        }

    def submit(self, barrier: threading.Barrier) -> None:
        body = urllib.parse.urlencode(self.fields)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": self._cookie_header(),
        }
        connection = self._connection()
        connection.connect()  # connected before the start, so the burst is only the POSTs
        barrier.wait()
        self.started = time.perf_counter()
        try:
            connection.request("POST", APPLY, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            self.status, self.location = response.status, response.getheader("Location", "")
            self._keep_cookies(response)
        except OSError as error:
            self.error = f"{type(error).__name__}: {error}"
        self.seconds = time.perf_counter() - self.started
        connection.close()

    def read_confirmation(self) -> None:
        connection = self._connection()
        connection.request("GET", DONE, headers={"Cookie": self._cookie_header()})
        response = connection.getresponse()
        html = response.read().decode()
        connection.close()
        found = re.search(r"<dt>申请编号</dt><dd>([^<]+)</dd>", html)
        self.tracking_no = found.group(1) if found else ""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _run_threads(target, clients: list[Client], *args) -> None:
    threads = [threading.Thread(target=target, args=(c, *args)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _start_server(port: int, workers: int | None, error_log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gongkai.cli", "serve", "--no-worker", "--port", str(port)]
    if workers:
        command += ["--workers", str(workers)]
    with error_log.open("a") as errors:
        server = subprocess.Popen(
            command,
            env={**os.environ, **SERVER_ENVIRONMENT},
            stdout=subprocess.DEVNULL,  # gunicorn's access log
            stderr=errors,
            start_new_session=True,  # its own process group, so a kill reaches every worker
        )
    _wait_until_up(port, server)
    return server


def _stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)  # serve stops its gunicorn on SIGTERM
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def main() -> None:
    arguments = _arguments()
    if arguments.fresh and arguments.data_dir.exists():
        shutil.rmtree(arguments.data_dir)
    arguments.data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["GONGKAI_DATA_DIR"] = str(arguments.data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings.production"
    os.environ.setdefault("GONGKAI_LOG_LEVEL", "WARNING")

    import django

    django.setup()
    from gongkai.requests.models import DisclosureRequest

    _prepare()
    error_log = arguments.data_dir / "server-errors.log"
    error_log.write_text("")
    port = _free_port()
    workers = arguments.workers or (os.cpu_count() or 1) + 1
    server = _start_server(port, arguments.workers, error_log)
    try:
        clients = [Client(port, n) for n in range(arguments.clients)]
        for client in clients:
            client.fetch_form()
        before = DisclosureRequest.objects.count()
        load_before = os.getloadavg()
        print(
            f"{os.cpu_count()} CPUs (load average {load_before[0]:.1f} before the burst), "
            f"gunicorn {workers} workers × 4 threads; {arguments.clients} clients posting at once"
        )
        barrier = threading.Barrier(len(clients))
        _run_threads(Client.submit, clients, barrier)
        load_after = os.getloadavg()
        _run_threads(Client.read_confirmation, clients)
    finally:
        _stop_server(server)
    burst_ok = _report(clients, before, load_after, error_log)
    kill_ok = _kill_test(arguments, port, error_log)
    if not (burst_ok and kill_ok):
        raise SystemExit(1)


class KillTestClient(Client):
    """An applicant who double-clicks, and whose browser re-sends the form while it gets no
    answer (the server was killed under it)."""

    cut_off: int = 0  # of its two posts, how many got no answer at first
    resent: int = 0  # posts sent again while the server was down or restarting

    def post_twice(self, barrier: threading.Barrier, answered: threading.Semaphore) -> None:
        twin = KillTestClient(self.port, self.number, dict(self.cookies), dict(self.fields))
        threads = [
            threading.Thread(target=c.post_until_answered, args=(barrier, answered))
            for c in (self, twin)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.cut_off += twin.cut_off
        self.resent += twin.resent
        # The browser keeps the cookies of whichever answer it read last.
        if twin.status == 303:
            self.cookies.update(twin.cookies)
            self.status, self.location = twin.status, twin.location

    def post_until_answered(self, barrier: threading.Barrier, answered: threading.Semaphore):
        first = True
        deadline = time.monotonic() + RETRY_SECONDS
        while time.monotonic() < deadline:
            self.error, self.status = "", 0
            if first:
                self.submit(barrier)
                first = False
            else:
                self._post_again()
            if self.status:
                answered.release()
                return
            if self.resent == 0:
                self.cut_off += 1
            self.resent += 1
            time.sleep(0.5)  # the server is down: try again, as a browser's retry would

    def _post_again(self) -> None:
        body = urllib.parse.urlencode(self.fields)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": self._cookie_header(),
        }
        try:
            connection = self._connection()
            connection.request("POST", APPLY, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            self.status, self.location = response.status, response.getheader("Location", "")
            self._keep_cookies(response)
            connection.close()
        except OSError as error:
            self.error = f"{type(error).__name__}: {error}"


def _kill_test(arguments: argparse.Namespace, port: int, error_log: Path) -> bool:
    from gongkai.requests.models import DisclosureRequest

    server = _start_server(port, arguments.workers, error_log)
    clients = [KillTestClient(port, 1000 + n) for n in range(arguments.clients)]
    try:
        for client in clients:
            client.fetch_form()
        before = DisclosureRequest.objects.count()
        # Earlier runs in the same data dir had applicants of the same names.
        last_before = DisclosureRequest.objects.order_by("-pk").values_list("pk", flat=True)[0]
        barrier = threading.Barrier(2 * len(clients))
        answered = threading.Semaphore(0)
        posting = threading.Thread(
            target=_run_threads, args=(KillTestClient.post_twice, clients, barrier, answered)
        )
        posting.start()
        for _ in range(max(1, int(arguments.kill_after * 2 * len(clients)))):
            answered.acquire()
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        print(
            f"kill test: server killed (SIGKILL) after {arguments.kill_after:.0%} of the posts were answered"
        )
        server = _start_server(port, arguments.workers, error_log)
        posting.join()
        _run_threads(Client.read_confirmation, clients)
    finally:
        _stop_server(server)
    names = [f"压测申请人{c.number:03d}" for c in clients]
    per_applicant = dict.fromkeys(names, 0)
    this_run = DisclosureRequest.objects.filter(pk__gt=last_before, applicant_name__in=names)
    for name in this_run.values_list("applicant_name", flat=True):
        per_applicant[name] += 1
    stored = DisclosureRequest.objects.count() - before
    duplicates = sum(count - 1 for count in per_applicant.values() if count > 1)
    acknowledged = [c for c in clients if c.status == 303 and c.tracking_no]
    stored_numbers = set(
        DisclosureRequest.objects.filter(
            tracking_no__in=[c.tracking_no for c in acknowledged]
        ).values_list("tracking_no", flat=True)
    )
    lost = sum(1 for c in acknowledged if c.tracking_no not in stored_numbers)
    unanswered = sum(1 for c in clients if c.status != 303)
    print(
        f"kill test: {2 * len(clients)} posts ({len(clients)} applicants × 2), "
        f"{sum(c.cut_off for c in clients)} cut off by the kill ({sum(c.resent for c in clients)} "
        f"re-sends until the server was back); {stored} stored, "
        f"{duplicates} duplicates, {lost} acknowledged-but-lost, {unanswered} never acknowledged"
    )
    checks = {
        "every applicant was shown a confirmation": unanswered == 0,
        f"{len(clients)} new requests stored": stored == len(clients),
        "no duplicates": duplicates == 0,
        "no acknowledged-but-lost applications": lost == 0,
    }
    for label, ok in checks.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {label}")
    return all(checks.values())


def _report(clients: list[Client], before: int, load_after: tuple, error_log: Path) -> bool:
    from gongkai.requests.models import DisclosureRequest

    first = min(c.started for c in clients)
    last = max(c.started + c.seconds for c in clients)
    latencies = [c.seconds * 1000 for c in clients]
    print(
        f"{len(clients) / (last - first):.1f} requests/s over {last - first:.2f} s; latency "
        f"p50 {statistics.median(latencies):.0f} ms, p95 {_percentile(latencies, 0.95):.0f} ms, "
        f"max {max(latencies):.0f} ms (load average {load_after[0]:.1f} after the burst)"
    )
    statuses: dict[str, int] = {}
    for client in clients:
        key = client.error or str(client.status)
        statuses[key] = statuses.get(key, 0) + 1
    stored = DisclosureRequest.objects.count() - before
    numbers = {c.tracking_no for c in clients if c.tracking_no}
    server_errors = error_log.read_text(errors="replace")
    locked = server_errors.count("database is locked")
    tracebacks = server_errors.count("Traceback (most recent call last)")
    checks = {
        "every POST answered 303 to the confirmation page": all(
            c.status == 303 and c.location == DONE for c in clients
        ),
        "no 5xx": not any(c.status >= 500 for c in clients),
        f"{len(clients)} new requests stored": stored == len(clients),
        "one distinct, stored tracking number per applicant": len(numbers) == len(clients)
        and DisclosureRequest.objects.filter(tracking_no__in=numbers).count() == len(clients),
        "no errors in the server's log": not (locked or tracebacks),
    }
    print(f"answers: {statuses}; {stored} new requests stored")
    if locked or tracebacks:
        print(f"server log {error_log}: {locked} × 'database is locked', {tracebacks} tracebacks")
    for label, ok in checks.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {label}")
    return all(checks.values())


if __name__ == "__main__":
    main()
