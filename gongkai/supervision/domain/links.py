"""Links: what a URL is once normalised, whether it belongs to the site, and when it is broken.

A link is broken (``broken_link``) when the server answers 4xx or 5xx, when it cannot be
reached at all (the name does not resolve, the connection is refused or reset, nothing comes
back within the timeout), when its redirects go round in a circle or never end, and when it
answers 200 with a page that says it does not exist (a "soft 404", which many government CMSs
serve for deleted articles).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from gongkai.supervision.domain.findings import BROKEN_LINK, Finding

_SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:", "ftp:", "#")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"

# Errors a fetch can end with instead of an HTTP status.
TIMEOUT = "timeout"
DNS = "dns"
CONNECTION = "connection"
REDIRECT_LOOP = "redirect_loop"
TOO_MANY_REDIRECTS = "too_many_redirects"
GONE = "gone"
REFUSED = "refused"
INVALID = "invalid"

ERROR_LABELS = {
    TIMEOUT: "超时未响应",
    DNS: "域名无法解析",
    CONNECTION: "无法连接",
    REDIRECT_LOOP: "重定向循环",
    TOO_MANY_REDIRECTS: "重定向次数过多",
    GONE: "页面已不存在",
    REFUSED: "按设置不访问该地址",
    INVALID: "地址无效",
}

# A title that says "not found": 404 at its start or next to a not-found word, never a 404
# inside a document number (国务院令第404号).
_NOT_FOUND_TITLE = re.compile(
    r"^\W*404(?![0-9])|404\s*(?:not\s*found|错误|页面|error)|页面不存在|页面未找到"
    r"|找不到(?:该|您要访问的)?页面|信息已删除|not\s*found",
    re.I,
)


@dataclass(frozen=True)
class Outcome:
    """How fetching one URL ended: an HTTP status, or an error from ``ERROR_LABELS``."""

    status: int = 0
    error: str = ""

    @property
    def broken(self) -> bool:
        return bool(self.error) or self.status >= 400

    @property
    def label(self) -> str:
        return ERROR_LABELS[self.error] if self.error else f"HTTP {self.status}"


def normalise(href: str, base: str) -> str | None:
    """The absolute http(s) URL ``href`` points to from ``base``, without its fragment, with
    the scheme and host lower-cased, the default port dropped and the path and query
    percent-encoded; None for links that are not
    web pages (mailto:, tel:, javascript: …) or cannot be read."""
    href = href.strip()
    if not href or href.lower().startswith(_SKIPPED_SCHEMES):
        return None
    try:
        parts = urlsplit(urljoin(base, href))
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")  # 政府.cn → xn--mxtq1m.cn
        except UnicodeError:
            return None
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    # One spelling for each URL, percent-encoded UTF-8, so that /新闻/ and /%E6%96%B0%E9%97%BB/
    # are one URL and every fetcher can send it as it is.
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    query = quote(parts.query, safe=_QUERY_SAFE)
    return urlunsplit((scheme, netloc, path, query, ""))


def host_of(url: str) -> str:
    """The host with its port when it is not the default one (``127.0.0.1:8000``)."""
    return urlsplit(url).netloc


def in_scope(url: str, hosts: Collection[str]) -> bool:
    return host_of(url) in hosts


def looks_gone(title: str) -> bool:
    """A 200 page whose title says the page does not exist."""
    return bool(_NOT_FOUND_TITLE.search(title))


def broken_link_finding(url: str, outcome: Outcome, referrer: str) -> Finding:
    where = f"页面 {referrer} 上的链接" if referrer else "网站首页"
    return Finding(
        kind=BROKEN_LINK,
        url=url,
        detail=f"{where}无法正常访问（{outcome.label}）",
        value=str(outcome.status) if not outcome.error else outcome.error,
    )
