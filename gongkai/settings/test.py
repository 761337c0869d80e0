"""Test settings: fast hashing, plain static files, an in-memory or throwaway database."""

import os
import tempfile

os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-test-"))

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise warns about a missing root
# Tests change data inside rolled-back transactions, which never bump the public content
# version; the page cache has its own tests, which turn it on.
GONGKAI_PORTAL_CACHE_SECONDS = 0
GONGKAI_PORTAL_MEMO = False
# Browser tests fill the public request form faster than a person; the tests of the minimum
# fill time set it themselves.
GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
# The replica as a test mirror of the primary: the router's tests turn it on with
# override_settings(GONGKAI_REPLICA_ALIAS="replica") and databases=["default", "replica"].
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
GONGKAI_REPLICA_ALIAS = None
