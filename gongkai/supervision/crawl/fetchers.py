"""The fetch layer: how the checker gets one URL, without following redirects (the crawler
follows them itself, to count them and see loops).

- `HttpFetcher`: real sites over HTTP(S), one urllib3 connection pool per host with keep-alive;
  ``loopback_only`` refuses every address but 127.0.0.0/8 and ::1 (tests and benchmarks).
- `WsgiFetcher`: the platform's own pages rendered in-process through Django's WSGI handler, so
  the platform checks itself without a server and the demo runs offline.
- `StaticFetcher`: a directory of files served as a site (the demo's two external sites).
- `RoutingFetcher`: one fetcher per host, so one run can mix them.
"""

from __future__ import annotations

import ipaddress
import mimetypes
import socket
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, unquote_to_bytes, urlsplit

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NameResolutionError,
    NewConnectionError,
    ReadTimeoutError,
)

from gongkai.supervision.domain import rules
from gongkai.supervision.domain.links import CONNECTION, DNS, INVALID, REFUSED, TIMEOUT, Outcome

USER_AGENT = "gongkai-sitecheck/1.0 (government website check)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Fetched:
    """One answer. ``body`` is read only for HTML pages (up to ``MAX_BODY_BYTES``); every other
    kind of file is checked by its status alone."""

    outcome: Outcome
    location: str = ""
    content_type: str = ""
    charset: str | None = None
    body: bytes | None = None

    @property
    def is_html(self) -> bool:
        return self.content_type in _HTML_TYPES


class Fetcher(Protocol):
    def fetch(self, url: str, *, timeout: float, body: bool = False) -> Fetched:
        """``body`` asks for the body whatever its type (robots.txt is plain text)."""
        ...

    def close(self) -> None: ...


def _content_type(header: str) -> tuple[str, str | None]:
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip('"').strip()
    return kind.strip().lower(), charset


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only: a loopback address or ``localhost``."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class HttpFetcher:
    """Real HTTP. urllib3 (already a dependency through requests) keeps ``connections``
    keep-alive connections per host and is thread-safe, which on loopback gives several hundred
    pages a second from 8 threads: no new dependency is needed for the speed goal."""

    def __init__(
        self,
        *,
        connections: int = rules.CONNECTIONS,
        loopback_only: bool = False,
        max_body: int = rules.MAX_BODY_BYTES,
    ) -> None:
        self.loopback_only = loopback_only
        self.max_body = max_body
        self._pool = urllib3.PoolManager(
            num_pools=32,
            maxsize=connections,
            block=False,
            retries=False,
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8"},
        )

    def fetch(self, url: str, *, timeout: float, body: bool = False) -> Fetched:
        host = urlsplit(url).hostname or ""
        if self.loopback_only and not is_loopback(host):
            return Fetched(Outcome(error=REFUSED))
        try:
            response = self._pool.request(
                "GET",
                url,
                redirect=False,
                preload_content=False,
                timeout=urllib3.Timeout(connect=timeout, read=timeout),
            )
        except (NameResolutionError, socket.gaierror):
            return Fetched(Outcome(error=DNS))
        except NewConnectionError:
            # Caught before the timeouts: urllib3 makes it a subclass of ConnectTimeoutError.
            return Fetched(Outcome(error=CONNECTION))
        except (ConnectTimeoutError, ReadTimeoutError, TimeoutError):
            return Fetched(Outcome(error=TIMEOUT))
        except ValueError:
            # A link urllib3 cannot send (a bad port, characters a header cannot carry).
            return Fetched(Outcome(error=INVALID))
        except HTTPError as error:
            reason = getattr(error, "reason", None)
            if isinstance(reason, NameResolutionError):
                return Fetched(Outcome(error=DNS))
            if isinstance(reason, (ConnectTimeoutError, ReadTimeoutError)):
                return Fetched(Outcome(error=TIMEOUT))
            return Fetched(Outcome(error=CONNECTION))
        content = None
        try:
            kind, charset = _content_type(response.headers.get("Content-Type", ""))
            location = response.headers.get("Location", "")
            if (body or kind in _HTML_TYPES) and response.status < 300:
                content = response.read(self.max_body)
                response.drain_conn()
            return Fetched(Outcome(status=response.status), location, kind, charset, content)
        except ReadTimeoutError:
            return Fetched(Outcome(error=TIMEOUT))
        except HTTPError:
            return Fetched(Outcome(error=CONNECTION))
        finally:
            # A body left unread would poison the kept-alive connection; close it instead.
            if content is None:
                response.close()
            response.release_conn()

    def close(self) -> None:
        self._pool.clear()


class WsgiFetcher:
    """The platform's own pages through its WSGI application, in this process. The host of the
    URL must be in ``ALLOWED_HOSTS``, as for a real request.

    Each request runs in a thread of its own, with a database connection of its own that is
    closed when the thread ends. Run in the caller's thread, Django's end-of-request cleanup
    would close the caller's connection, and inside the caller's transaction that breaks it
    ("Cannot operate on a closed database"). Pages see what is committed, as visitors do.
    """

    def __init__(self, application: Callable | None = None) -> None:
        if application is None:
            from django.core.wsgi import get_wsgi_application

            application = get_wsgi_application()
        self._application = application

    def fetch(self, url: str, *, timeout: float, body: bool = False) -> Fetched:
        outcome: list[Fetched] = []

        def request() -> None:
            from django.db import connections

            try:
                outcome.append(self._request(url, body))
            finally:
                connections.close_all()

        thread = threading.Thread(target=request, name="sitecheck-wsgi")
        thread.start()
        thread.join()
        return outcome[0] if outcome else Fetched(Outcome(status=500))

    def _request(self, url: str, body: bool) -> Fetched:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        environ = {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            # WSGI carries the path as its UTF-8 bytes decoded as latin-1, as servers do.
            "PATH_INFO": unquote_to_bytes(parts.path or "/").decode("latin-1"),
            "QUERY_STRING": parts.query,
            "SERVER_NAME": parts.hostname or "localhost",
            "SERVER_PORT": str(port),
            "HTTP_HOST": parts.netloc,
            "HTTP_USER_AGENT": USER_AGENT,
            "HTTP_ACCEPT": "text/html,*/*;q=0.8",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": parts.scheme,
            "wsgi.input": BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        started: dict[str, object] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc_info=None):
            started["status"] = int(status.split()[0])
            started["headers"] = {name.lower(): value for name, value in headers}

        try:
            result = self._application(environ, start_response)
        except Exception:
            # Django turns a view's error into a 500 response; only an error while making
            # that response escapes, and for the checker it is a 500 all the same.
            return Fetched(Outcome(status=500))
        try:
            content = b"".join(result)
        finally:
            # Closing the response sends request_finished, which closes this thread's
            # database connection as a real request would.
            if hasattr(result, "close"):
                result.close()
        headers: dict[str, str] = started["headers"]  # type: ignore[assignment]
        kind, charset = _content_type(headers.get("content-type", ""))
        status: int = started["status"]  # type: ignore[assignment]
        wanted = (body or kind in _HTML_TYPES) and status < 300
        return Fetched(
            Outcome(status=status),
            headers.get("location", ""),
            kind,
            charset,
            content if wanted else None,
        )

    def close(self) -> None:
        return None


class StaticFetcher:
    """A directory served as a site: ``/a/`` is ``a/index.html``, a missing file is a 404."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()

    def fetch(self, url: str, *, timeout: float, body: bool = False) -> Fetched:
        path = unquote(urlsplit(url).path)
        if path.endswith("/"):
            path += "index.html"
        target = (self.root / path.lstrip("/")).resolve()
        if not target.is_relative_to(self.root) or not target.is_file():
            return Fetched(Outcome(status=404), content_type="text/html")
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        content = target.read_bytes() if body or kind in _HTML_TYPES else None
        return Fetched(Outcome(status=200), content_type=kind, charset="utf-8", body=content)

    def close(self) -> None:
        return None


class RoutingFetcher:
    """Each host to its fetcher; a host with no route goes to ``default`` or is refused."""

    def __init__(self, routes: Mapping[str, Fetcher], default: Fetcher | None = None) -> None:
        self.routes = dict(routes)
        self.default = default

    def fetch(self, url: str, *, timeout: float, body: bool = False) -> Fetched:
        fetcher = self.routes.get(urlsplit(url).netloc, self.default)
        if fetcher is None:
            return Fetched(Outcome(error=REFUSED))
        return fetcher.fetch(url, timeout=timeout, body=body)

    def close(self) -> None:
        for fetcher in {id(f): f for f in [*self.routes.values(), self.default] if f}.values():
            fetcher.close()
