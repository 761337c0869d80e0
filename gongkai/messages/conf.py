"""The public message form's limits. Read from Django settings when they are set there, else from
the environment variable of the same name, else the default; checked when the app starts.

| setting | default | meaning |
|---|---|---|
| ``GONGKAI_MESSAGE_SUBMIT_LIMIT`` | 5 | new messages per client address and hour |
| ``GONGKAI_MESSAGE_LOOKUP_LIMIT`` | 20 | tracking lookups per client address and hour |
| ``GONGKAI_MESSAGE_SUGGEST_LIMIT`` | 600 | “similar questions” look-ups per address and hour |
| ``GONGKAI_MESSAGE_MIN_FILL_SECONDS`` | ``GONGKAI_REQUEST_MIN_FILL_SECONDS`` (3) | a form posted sooner is refused |
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULTS = {
    "GONGKAI_MESSAGE_SUBMIT_LIMIT": 5,
    "GONGKAI_MESSAGE_LOOKUP_LIMIT": 20,
    "GONGKAI_MESSAGE_SUGGEST_LIMIT": 600,
}


def _value(name: str, default: int) -> int:
    if hasattr(settings, name):
        value = getattr(settings, name)
    else:
        text = os.environ.get(name, "").strip()
        try:
            value = int(text) if text else default
        except ValueError:
            value = text
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ImproperlyConfigured(f"设置 {name} 应为不小于 0 的整数，实际为 {value!r}。")
    return value


def submit_limit() -> int:
    return _value("GONGKAI_MESSAGE_SUBMIT_LIMIT", DEFAULTS["GONGKAI_MESSAGE_SUBMIT_LIMIT"])


def lookup_limit() -> int:
    return _value("GONGKAI_MESSAGE_LOOKUP_LIMIT", DEFAULTS["GONGKAI_MESSAGE_LOOKUP_LIMIT"])


def suggest_limit() -> int:
    return _value("GONGKAI_MESSAGE_SUGGEST_LIMIT", DEFAULTS["GONGKAI_MESSAGE_SUGGEST_LIMIT"])


def min_fill_seconds() -> int:
    # The same bot check as the disclosure-request form unless set on its own.
    return _value("GONGKAI_MESSAGE_MIN_FILL_SECONDS", settings.GONGKAI_REQUEST_MIN_FILL_SECONDS)


def check_message_settings() -> None:
    """Raise `ImproperlyConfigured` (Chinese) at start-up rather than on a citizen's POST."""
    submit_limit()
    lookup_limit()
    suggest_limit()
    min_fill_seconds()
