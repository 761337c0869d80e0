"""The public forms' limits. Read from Django settings when set there, else from the environment
variable of the same name, else the default; checked when the app starts.

| setting | default | meaning |
|---|---|---|
| ``GONGKAI_POLICIES_REGISTER_LIMIT`` | 5 | self-registrations per client address and hour |
| ``GONGKAI_POLICIES_LINK_LIMIT`` | 10 | requests for a new private link per address and hour |
| min fill time | ``GONGKAI_REQUEST_MIN_FILL_SECONDS`` (3) | a form posted sooner is refused |
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


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


def register_limit() -> int:
    return _value("GONGKAI_POLICIES_REGISTER_LIMIT", 5)


def link_limit() -> int:
    return _value("GONGKAI_POLICIES_LINK_LIMIT", 10)


def min_fill_seconds() -> int:
    return settings.GONGKAI_REQUEST_MIN_FILL_SECONDS


def check_policies_settings() -> None:
    register_limit()
    link_limit()
