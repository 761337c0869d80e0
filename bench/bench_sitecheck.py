"""Benchmark: the site checker crawling a generated 20,000-page site on loopback.

Run with ``.venv/bin/python bench/bench_sitecheck.py [PAGES] [--connections 8]`` (default
20,000 pages). A subprocess serves the generated site on 127.0.0.1 (a threaded HTTP/1.1
server with keep-alive, so that the server does not share this process's interpreter lock):
a home page and a tree of pages with a fan-out of ten, each about 3 KB of Chinese text with a
dated list of its children, a link back to the home page and its parent, a column name on
every tenth page, and a dead link on every 500th page (40 ``broken_link`` findings at
20,000). Then `check_site` crawls it with the default wording dictionary, as
``gongkai sitecheck`` would, and the bench prints pages, seconds, pages per second and this
process's resident memory (sampled every 0.1 s: at the start, at each quarter of the crawl,
and the peak), with the load average, since the machine is shared. Target: ≥ 100 pages/s with 8 connections, and memory flat (the peak close to the
first quarter's figure).
"""

import argparse
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_PAGES_PER_SECOND = 100
FAN_OUT = 10
TODAY = date(2026, 5, 20)
FILLER = (
    "为深入贯彻落实政府信息公开条例，进一步做好政务公开工作，现将有关事项通知如下。"
    "各乡镇人民政府、县直各部门要高度重视，明确责任分工，按时报送工作进展情况。"
)


def page(number: int, total: int) -> bytes:
    children = range(number * FAN_OUT + 1, min(total, number * FAN_OUT + FAN_OUT + 1))
    items = "".join(
        f'<li><a href="/p/{child}.html">关于第{child}项工作的通知</a>'
        f"<span>2026-{(child % 12) + 1:02d}-{(child % 28) + 1:02d}</span></li>"
        for child in children
    )
    parent = f'<a href="/p/{(number - 1) // FAN_OUT}.html">上级</a>' if number else ""
    meta = f'<meta name="ColumnName" content="栏目{number}">' if number % 10 == 0 else ""
    dead = f'<a href="/missing/{number}.html">旧链接</a>' if number % 500 == 499 else ""
    home = "/" if number == 0 else f"/p/{number}.html"
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>第{number}页 - 测试县人民政府</title>{meta}</head><body>"
        f'<nav><a href="/">首页</a>{parent}<a href="/ly.html">我要留言</a></nav>'
        f"<h1>第{number}页</h1><ul>{items}</ul>{dead}<p>{FILLER * 12}</p>"
        f'<footer><a href="{home}">本页</a> 电话 0871-12345678</footer></body></html>'
    ).encode()


def serve(total: int) -> None:
    """The generated site, in this (sub)process; prints its port on standard output."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            return None

        def do_GET(self):
            path = self.path
            body, status = b"", 404
            if path == "/" or path == "/ly.html":
                body, status = page(0, total), 200
            elif path.startswith("/p/") and path.endswith(".html"):
                try:
                    number = int(path[3:-5])
                except ValueError:
                    number = -1
                if 0 <= number < total:
                    body, status = page(number, total), 200
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="?", type=int, default=20_000)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.test")
    import django

    django.setup()
    from gongkai.supervision.crawl import HttpFetcher, SiteSpec, check_site
    from gongkai.supervision.domain.wording import default_rules

    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(args.pages)], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(server.stdout.readline())
        samples: list[tuple[int, float]] = []
        checked = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                samples.append((checked[0], rss_mib()))
                time.sleep(0.1)

        start_rss = rss_mib()
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.perf_counter()
        cpu = time.process_time()
        report = check_site(
            SiteSpec(f"http://127.0.0.1:{port}/"),
            today=TODAY,
            wording_rules=default_rules(),
            max_pages=args.pages + args.pages // 100,
            max_depth=10,
            fetcher=HttpFetcher(connections=args.connections, loopback_only=True),
            connections=args.connections,
            progress=lambda progress: checked.__setitem__(0, progress.checked),
        )
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        done.set()
        sampler.join()
    finally:
        server.terminate()
        server.wait()

    rate = report.pages / seconds
    quarters = []
    for quarter in (1, 2, 3, 4):
        mark = report.checked * quarter / 4
        quarters.append(max((rss for count, rss in samples if count <= mark), default=start_rss))
    peak = max(rss for _, rss in samples)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"site: {args.pages} pages generated; crawled with {args.connections} connections")
    print(
        f"pages read: {report.pages}; URLs checked: {report.checked}; "
        f"findings: {dict(Counter(f'{f.kind} {f.value}' for f in report.findings))}"
    )
    print(f"time: {seconds:.1f} s wall, {cpu:.1f} s CPU of this process")
    print(f"rate: {rate:.0f} pages/s (target ≥ {TARGET_PAGES_PER_SECOND})")
    print(
        f"memory (RSS, MiB): start {start_rss:.0f}, by quarter "
        + " / ".join(f"{value:.0f}" for value in quarters)
        + f", peak {peak:.0f}"
    )
    print(f"load average: {load} (2 cores, shared)")
    if not report.finished or rate < TARGET_PAGES_PER_SECOND:
        sys.exit(1)


if __name__ == "__main__":
    main()
