"""The collected static files of a data directory, kept in step with the installed release.

Production serves static files from ``STATIC_ROOT`` through a manifest of hashed names; a page
that names a file the manifest lacks fails with a server error. After an upgrade that adds a
stylesheet, an old data directory's manifest lacks it, so the commands that render pages first
(``gongkai serve``, ``gongkai demo``, whose site check renders the portal) collect again when a
source file is missing from the manifest or newer than it.
"""

from __future__ import annotations

import json
import os

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.management import call_command
from whitenoise.storage import CompressedManifestStaticFilesStorage

# collectstatic's own default ignore patterns.
IGNORED = ["CVS", ".*", "*~"]


def static_outdated() -> bool:
    """Whether collecting is needed: never where static files are served from the apps
    (development, tests), else when the manifest is missing, lacks a file or is older."""
    staticfiles_storage._setup()
    if not isinstance(staticfiles_storage._wrapped, ManifestFilesMixin):
        return False
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if not manifest.exists():
        return True
    collected = set(json.loads(manifest.read_text(encoding="utf-8")).get("paths", {}))
    built = manifest.stat().st_mtime
    for finder in get_finders():
        for path, storage in finder.list(IGNORED):
            name = path.replace(os.sep, "/")
            if getattr(storage, "prefix", None):
                name = f"{storage.prefix}/{name}"
            if name not in collected or os.path.getmtime(storage.path(path)) > built:
                return True
    return False


def collect_static() -> None:
    call_command("collectstatic", interactive=False, verbosity=0)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's storage, each file's URL worked out once per process.

    The manifest is read when the storage starts, so a name's URL stays the same until the
    process restarts; every page asks for the same dozen (each lookup cost about as much as a
    database query's building)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name: str, force: bool = False) -> str:
        key = (name, force)
        if key not in self._urls:
            self._urls[key] = super().url(name, force)
        return self._urls[key]
