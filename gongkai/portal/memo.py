"""What nearly every public page reads and almost never changes, kept per process between
requests and re-read when the public content version ``all`` changes.

An uncached document page read the Wagtail site of its host, the home page and the
政府信息公开平台 page (routing), their view restrictions, the ``SiteIdentity`` setting and its
unit: seven of its fourteen queries, the same on every request. All of them are rows without a
unit (a Wagtail site or page, a page view restriction, a setting, a unit itself), and a
committed write of such a row replaces the ``all`` token (`response_cache`), so a copy made
under one token is exactly as fresh as the page cache's pages: every worker re-reads on the
first request after the change.

`PublicPageCacheMiddleware` reads the token at the start of each anonymous GET of a public page
(it reads it for the page cache anyway) and keeps it for the request; outside such a request
(the admin, a management command, a POST, or with ``GONGKAI_PORTAL_MEMO`` off, as in the test
settings, where rolled-back writes never change the token) `memoised` simply loads.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_token: ContextVar[str | None] = ContextVar("gongkai_portal_memo_token", default=None)
# name -> (the ``all`` token it was loaded under, value). Values are replaced whole, never
# changed in place, so the threads of a worker may read the dict while one of them writes.
_store: dict[str, tuple[str, object]] = {}


@contextmanager
def public_content_token(token: str) -> Iterator[None]:
    """Let `memoised` keep what it loads under ``token`` (the ``all`` version) for this block."""
    reset = _token.set(token)
    try:
        yield
    finally:
        _token.reset(reset)


def active() -> bool:
    return _token.get() is not None


def memoised(name: str, load: Callable[[], T]) -> T:
    """``load()``, or what it returned under the current ``all`` token."""
    token = _token.get()
    if token is None:
        return load()
    entry = _store.get(name)
    if entry is not None and entry[0] == token:
        return entry[1]  # type: ignore[return-value]
    value = load()
    _store[name] = (token, value)
    return value


def memoised_copy(name: str, load: Callable[[], T]) -> T:
    """Like `memoised`, for a model instance: each caller gets its own shallow copy, so an
    attribute a view sets on it never reaches another request."""
    return copy.copy(memoised(name, load))


def forget() -> None:
    """Drop every copy (tests that rebuild the database under an unchanged token)."""
    _store.clear()
