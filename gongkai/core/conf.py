"""The deployment's security settings, checked once at start-up (settings/base.py says where
each comes from)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .clients import parse_networks


def check_security_settings() -> None:
    """Raise `ImproperlyConfigured` with a Chinese message if a security setting is wrong."""
    try:
        parse_networks(",".join(settings.GONGKAI_TRUSTED_PROXIES))
    except ValueError as error:
        raise ImproperlyConfigured(f"设置 GONGKAI_TRUSTED_PROXIES 有误：{error}。") from error
    if settings.GONGKAI_LOGIN_FAILURE_LIMIT < 1:
        raise ImproperlyConfigured("设置 GONGKAI_LOGIN_FAILURE_LIMIT 应至少为 1。")
