"""The deployment's deadline settings, validated once at start-up.

``GONGKAI_DEADLINE_DAYS`` overrides working-day counts (``{"foi-reply": 15}``; keys are rule
keys and ``<key>-extension``); ``GONGKAI_FEE_PERIOD_PAUSES_FOI_REPLY`` says whether the time
from a fee notice to payment stops the foi-reply clock. Both are in ``settings/base.py``.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .domain.errors import DeadlineError
from .domain.rules import resolve_day_counts


def day_count_overrides() -> Mapping[str, int] | None:
    # None, not {}, when nothing is overridden: compute_deadline then skips re-validating.
    return settings.GONGKAI_DEADLINE_DAYS or None


def fee_period_pauses() -> bool:
    return settings.GONGKAI_FEE_PERIOD_PAUSES_FOI_REPLY


def check_deadline_settings() -> None:
    """Raise `ImproperlyConfigured` with a Chinese message if a deadline setting is wrong."""
    overrides = settings.GONGKAI_DEADLINE_DAYS
    if not isinstance(overrides, Mapping):
        raise ImproperlyConfigured(
            f"设置 GONGKAI_DEADLINE_DAYS 应为“规则: 天数”的映射，"
            f'如 {{"foi-reply": 20}}，实际为 {overrides!r}'
        )
    try:
        resolve_day_counts(overrides)
    except DeadlineError as error:
        raise ImproperlyConfigured(f"设置 GONGKAI_DEADLINE_DAYS 有误：{error}") from error
    if not isinstance(settings.GONGKAI_FEE_PERIOD_PAUSES_FOI_REPLY, bool):
        raise ImproperlyConfigured(
            "设置 GONGKAI_FEE_PERIOD_PAUSES_FOI_REPLY 应为 True 或 False，"
            f"实际为 {settings.GONGKAI_FEE_PERIOD_PAUSES_FOI_REPLY!r}"
        )
