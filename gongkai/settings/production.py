"""Production settings: only environment variables differ from base (see base.py)."""

import os

from .base import *  # noqa: F403

if os.environ.get("GONGKAI_HTTPS", "").lower() in {"1", "true", "yes"}:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
