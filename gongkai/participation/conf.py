"""The public forms' limits, read from settings or the environment (``settings/base.py`` need not
name them): per client address and hour, and the least time a person takes to fill a form.

- ``GONGKAI_PARTICIPATION_SUBMIT_LIMIT`` (default 10): comments, questionnaires, applications to
  attend a meeting and open-day registrations, each counted on its own, per address and hour;
- ``GONGKAI_PARTICIPATION_MIN_FILL_SECONDS`` (default 3): a form posted sooner after it was
  handed out is refused as a bot's.

Checked once at start-up (`check_settings`): a wrong value stops every process with a Chinese
message rather than letting the forms run without limits.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SUBMIT_LIMIT = "GONGKAI_PARTICIPATION_SUBMIT_LIMIT"
MIN_FILL_SECONDS = "GONGKAI_PARTICIPATION_MIN_FILL_SECONDS"
DEFAULTS = {SUBMIT_LIMIT: 10, MIN_FILL_SECONDS: 3}


def _value(name: str) -> int:
    value = getattr(settings, name, None)
    if value is None:
        text = os.environ.get(name, "").strip()
        value = int(text) if text.isdigit() else DEFAULTS[name] if not text else -1
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ImproperlyConfigured(f"设置 {name} 应为不小于 0 的整数，实际为“{value}”。")
    return value


def submit_limit() -> int:
    return _value(SUBMIT_LIMIT)


def min_fill_seconds() -> int:
    return _value(MIN_FILL_SECONDS)


def check_settings() -> None:
    for name in DEFAULTS:
        _value(name)
