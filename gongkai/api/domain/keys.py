"""API keys: their form, their digest and the check of a limit. No Django here."""

from __future__ import annotations

import hashlib
import re
import secrets

from .limits import MAX_KEY_PER_HOUR

KEY_PREFIX = "gk_"
PREFIX_LENGTH = 10  # "gk_" and 7 characters of the key: enough to tell keys apart in a list
_KEY = re.compile(r"gk_[A-Za-z0-9_-]{32}")


def new_key() -> str:
    # 24 random bytes: a key can't be guessed, so a plain digest stores it safely.
    return KEY_PREFIX + secrets.token_urlsafe(24)


def is_well_formed(text: str) -> bool:
    return bool(_KEY.fullmatch(text))


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def prefix(key: str) -> str:
    return key[:PREFIX_LENGTH]


def limit_problem(value: int) -> str | None:
    """Why ``value`` can't be a key's hourly limit (None if it can)."""
    if value < 1:
        return "每小时请求上限须为正整数。"
    if value > MAX_KEY_PER_HOUR:
        return f"每小时请求上限不能超过 {MAX_KEY_PER_HOUR}。"
    return None
