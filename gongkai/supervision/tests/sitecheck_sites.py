"""Small websites served by the test itself on 127.0.0.1 (port 0), for the crawler's tests."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: str | bytes = ""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def html(body: str, *, title: str = "测试页面", head: str = "") -> str:
    return (
        f"<!doctype html><html><head><title>{title}</title>{head}</head><body>{body}</body></html>"
    )


def redirect(location: str, status: int = 302) -> Page:
    return Page(status=status, headers={"Location": location})


class FakeSite:
    """``with FakeSite({"/": html(...), "/a": Page(status=500)}) as site: site.url("/a")``.
    Unknown paths answer 404; ``requests`` lists every path asked for, in order."""

    def __init__(self, pages: dict[str, Page | str]) -> None:
        self.pages = {
            path: page if isinstance(page, Page) else Page(page) for path, page in pages.items()
        }
        self.requests: list[str] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format, *args):
                return None

            def do_GET(self):
                with site._lock:
                    site.requests.append(self.path)
                page = site.pages.get(self.path) or Page(
                    html("没有这个页面", title="404 页面不存在"), status=404
                )
                if page.delay:
                    time.sleep(page.delay)
                body = page.body.encode("utf-8") if isinstance(page.body, str) else page.body
                try:
                    self.send_response(page.status)
                    self.send_header("Content-Type", page.content_type)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in page.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def count(self, path: str) -> int:
        with self._lock:
            return self.requests.count(path)

    def __enter__(self) -> FakeSite:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
