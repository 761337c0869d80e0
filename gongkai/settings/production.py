"""Production settings: only environment variables differ from base (see base.py).

``GONGKAI_HTTPS=1`` is for a site served over HTTPS (directly or behind a proxy that terminates
TLS and sets ``X-Forwarded-Proto``): cookies only over HTTPS, HTTP redirected to HTTPS, and HSTS
for a year, for subdomains too and eligible for the browsers' preload list
(``GONGKAI_HSTS_PRELOAD=0`` leaves the preload flag out). With these, ``gongkai check --deploy``
is clean. Without it the platform speaks plain HTTP (the embedded default on loopback) and the
check rightly warns about each of them.
"""

import os

from .base import *  # noqa: F403


def _flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes"}


if _flag("GONGKAI_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # The load balancer's health probe speaks HTTP on the inside.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _flag("GONGKAI_HSTS_PRELOAD", True)
