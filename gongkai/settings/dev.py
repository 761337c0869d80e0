"""Developer settings: debug pages and plain static files. Never used by ``gongkai serve``."""

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["*"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Template and code edits show on the next reload.
GONGKAI_PORTAL_CACHE_SECONDS = 0
