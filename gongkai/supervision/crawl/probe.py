"""One availability probe of a site's home page (站点无法访问 is decided from a day of them by
`gongkai.supervision.domain.probes.day_unreachable`; the supervision module stores them)."""

from __future__ import annotations

import time

from gongkai.supervision.crawl.fetchers import Fetcher, HttpFetcher
from gongkai.supervision.domain import rules
from gongkai.supervision.domain.links import normalise


def probe(
    url: str, *, fetcher: Fetcher | None = None, timeout: float = rules.PROBE_SLOW_SECONDS
) -> float | None:
    """The seconds ``url`` took to answer with its page, following redirects, or None when it
    did not open: an error, a 4xx/5xx answer, or nothing within ``timeout``."""
    own = fetcher is None
    fetcher = fetcher or HttpFetcher(connections=1)
    started = time.monotonic()
    try:
        for _ in range(rules.MAX_REDIRECTS + 1):
            fetched = fetcher.fetch(url, timeout=timeout)
            target = normalise(fetched.location, url) if fetched.location else None
            if not (300 <= fetched.outcome.status < 400 and target):
                break
            url = target
        else:
            return None
    finally:
        if own:
            fetcher.close()
    seconds = time.monotonic() - started
    if fetched.outcome.broken or seconds >= timeout:
        return None
    return seconds
