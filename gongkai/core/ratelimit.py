"""Attempts per client address and hour, counted on the file system.

gunicorn runs several worker processes, so a counter in process memory would let each of them
allow the full limit. One small file per (scope, address, window) under the data directory,
locked with ``flock`` while it is read and rewritten, counts for all of them without a model or
a table. Windows are fixed hours: at a window's start an address may use its limit again, so a
burst of twice the limit across the boundary is possible, which is enough to stop floods.

Addresses are stored only as an HMAC of the address (personal data stays out of the files), and
directories of past windows are removed when a new window starts.

Several app servers share no file system: with ``GONGKAI_CACHE_URL`` set
(``settings.GONGKAI_SHARED_CACHE``) the counts live in the shared cache instead, under the same
keys, counted with the cache's atomic ``incr`` (Redis ``INCRBY``).
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import os
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600
COUNT_WIDTH = 12


def _root() -> Path:
    configured = getattr(settings, "GONGKAI_RATELIMIT_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "ratelimit"


def _digest(address: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def _counter_file(scope: str, address: str, now: float) -> Path:
    window = int(now) // WINDOW_SECONDS
    directory = _root() / scope / str(window)
    if not directory.is_dir():
        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.parent.iterdir():
            if old.name != directory.name and old.name.isdigit() and int(old.name) < window:
                # Another process may be finishing a count in it: that count no longer matters.
                shutil.rmtree(old, ignore_errors=True)
    return directory / _digest(address)[:32]


def _update(scope: str, address: str, change) -> bool:
    path = _counter_file(scope, address, time.time())
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "r+") as counter:
        fcntl.flock(counter, fcntl.LOCK_EX)  # released when the file is closed
        text = counter.read().strip()
        count = int(text) if text.isdigit() else 0
        new_count = change(count)
        if new_count is None:
            return False
        counter.seek(0)
        # Fixed width, so the count is overwritten in place: truncating the file first cost
        # ~10 ms per call on ext4 mounted with discard, too slow for counting API requests.
        counter.write(str(new_count).rjust(COUNT_WIDTH))
    return True


def _cache_key(scope: str, address: str) -> str:
    window = int(time.time()) // WINDOW_SECONDS
    return f"ratelimit:{scope}:{window}:{_digest(address)[:32]}"


def _shared_add(key: str, delta: int) -> int:
    # add() creates the counter only if missing, so incr() never meets a missing key unless it
    # expired in between; the counter outlives its window by the expiry alone.
    cache.add(key, 0, WINDOW_SECONDS + 60)
    try:
        return cache.incr(key, delta)
    except ValueError:
        cache.add(key, 0, WINDOW_SECONDS + 60)
        return cache.incr(key, delta)


def consume(scope: str, address: str, limit: int) -> bool:
    """Count one attempt of ``address`` in this hour; False (and nothing counted) once ``limit``
    attempts were counted."""
    if settings.GONGKAI_SHARED_CACHE:
        key = _cache_key(scope, address)
        if _shared_add(key, 1) <= limit:
            return True
        _shared_add(key, -1)
        return False
    return _update(scope, address, lambda count: count + 1 if count < limit else None)


def give_back(scope: str, address: str) -> None:
    """Uncount an attempt that turned out not to be one (the application was refused)."""
    if settings.GONGKAI_SHARED_CACHE:
        key = _cache_key(scope, address)
        if _shared_add(key, -1) < 0:
            _shared_add(key, 1)
        return
    _update(scope, address, lambda count: max(count - 1, 0))
