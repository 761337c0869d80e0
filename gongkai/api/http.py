"""What every API answer goes through: the client's limit, the answer cache, ETag and
Last-Modified with 304s, and CORS for reading.

Clients are counted per hour with ``gongkai.core.ratelimit`` (the public forms' counter): an
anonymous one by its address (``client_address``, behind the trusted proxies), one that sends
``X-API-Key`` by its key, with the key's own limit. Answers are kept in the default cache per URL
and public content version, so a cached page costs the count, one token query and a cache read;
a write to public content changes the version and every cached answer with it.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from gongkai.core import ratelimit
from gongkai.core.clients import client_address
from gongkai.core.domain.errors import DomainError
from gongkai.portal.response_cache import ALL, ANY_SITE, public_content_versions

from . import services
from .domain.limits import ANONYMOUS_PER_HOUR

KEY_HEADER = "X-API-Key"
# What a browser on another site may send and read (CORS): reading only.
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": f"{KEY_HEADER}, If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, X-RateLimit-Limit",
    "Access-Control-Max-Age": "86400",
}


class Answer:
    """A 200 answer's body and its time of last change, as built by an endpoint."""

    def __init__(self, data: Any, modified: datetime | None = None) -> None:
        self.data = data
        self.modified = modified


def error(status: int, message: str, **headers: str) -> HttpResponse:
    body = json.dumps({"detail": message}, ensure_ascii=False)
    response = HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    for name, value in headers.items():
        response[name] = value
    return response


def _cache_seconds() -> int:
    # The portal's page cache setting by default: one knob turns both off (the test settings).
    return int(
        getattr(settings, "GONGKAI_API_CACHE_SECONDS", settings.GONGKAI_PORTAL_CACHE_SECONDS)
    )


def _anonymous_limit() -> int:
    return int(getattr(settings, "GONGKAI_API_ANONYMOUS_PER_HOUR", ANONYMOUS_PER_HOUR))


def _admit(request: HttpRequest) -> HttpResponse | int:
    """The client's hourly limit once this request is counted, or the refusal."""
    sent = request.headers.get(KEY_HEADER, "").strip()
    if sent:
        key = services.active_key(sent)
        if key is None:
            return error(401, "接口密钥无效或已停用。")
        scope, who, limit = "api-key", str(key[0]), key[1]
    else:
        scope, who, limit = "api", client_address(request), _anonymous_limit()
    if not ratelimit.consume(scope, who, limit):
        wait = ratelimit.WINDOW_SECONDS - int(time.time()) % ratelimit.WINDOW_SECONDS
        return error(
            429,
            f"请求过于频繁：每小时最多 {limit} 次，请 {wait} 秒后再试"
            + ("" if sent else "，或向平台管理员申请接口密钥")
            + "。",
            **{"Retry-After": str(wait), "X-RateLimit-Limit": str(limit)},
        )
    return limit


def _encode(answer: Answer) -> tuple[bytes, str, str]:
    body = json.dumps(answer.data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    etag = quote_etag(hashlib.blake2b(body, digest_size=16).hexdigest())
    modified = http_date(answer.modified.timestamp()) if answer.modified else ""
    return body, etag, modified


def _not_modified(request: HttpRequest, etag: str, modified: str) -> bool:
    sent_tags = request.headers.get("If-None-Match")
    if sent_tags is not None:
        return sent_tags.strip() == "*" or etag in [t.strip() for t in sent_tags.split(",")]
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    last = parse_http_date_safe(modified) if modified else None
    return since is not None and last is not None and last <= since


def _cache_key(request: HttpRequest) -> str:
    # ANY_SITE changes with every unit's public records, ALL with everything else: the API
    # spans every unit, so it is renewed by both.
    versions = public_content_versions([ALL, ANY_SITE])
    return f"api|{versions[ALL]}.{versions[ANY_SITE]}|{request.get_full_path()}"


def cached_or_none(request: HttpRequest) -> HttpResponse | None:
    """The answer to a GET straight from the cache, before Ninja parses and routes it (that
    costs more than the rest of a cached answer), or None to let the endpoint build it. The
    client is counted here once; ``serve`` then does not count it again."""
    if request.method != "GET" or not _cache_seconds():
        return None
    admitted = _admit(request)
    if isinstance(admitted, HttpResponse):
        return admitted
    request.api_admitted = admitted  # type: ignore[attr-defined]
    request.api_cache_key = _cache_key(request)  # type: ignore[attr-defined]
    stored = cache.get(request.api_cache_key)  # type: ignore[attr-defined]
    return None if stored is None else _respond(request, stored, admitted)


def serve(request: HttpRequest, build: Callable[[], Answer | None]) -> HttpResponse:
    """Count the client, then answer from the cache or from ``build`` (None: not found)."""
    admitted = getattr(request, "api_admitted", None) or _admit(request)
    if isinstance(admitted, HttpResponse):
        return admitted
    seconds = _cache_seconds()
    cache_key = getattr(request, "api_cache_key", None) or _cache_key(request)
    stored = cache.get(cache_key) if seconds else None
    if stored is None:
        try:
            answer = build()
        except DomainError as problem:
            return error(400, str(problem))
        if answer is None:
            return error(404, "没有这条公开记录。")
        stored = _encode(answer)
        if seconds:
            cache.set(cache_key, stored, seconds)
    return _respond(request, stored, admitted)


def _respond(request: HttpRequest, stored: tuple[bytes, str, str], limit: int) -> HttpResponse:
    body, etag, modified = stored
    if _not_modified(request, etag, modified):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    if modified:
        response["Last-Modified"] = modified
    # Any cache may keep it, but must ask again (a 304 is cheap): a withdrawn record is gone
    # on the next request.
    response["Cache-Control"] = "no-cache"
    response["X-RateLimit-Limit"] = str(limit)
    return response


def with_cors(
    view: Callable[..., HttpResponse], *, cached_first: bool = False
) -> Callable[..., HttpResponse]:
    """CORS for reading: any site's scripts may GET; a preflight is answered here. With
    ``cached_first``, a GET the cache can answer never reaches ``view``."""

    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = "GET, HEAD, OPTIONS"
        elif cached_first and (cached := cached_or_none(request)) is not None:
            response = cached
        else:
            response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD", "OPTIONS"):
            for name, value in CORS_HEADERS.items():
                response[name] = value
        return response

    wrapped.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapped
