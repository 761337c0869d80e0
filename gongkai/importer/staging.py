"""Uploaded files kept between the upload and the confirmation of the admin import.

The parsed fields are shown for confirmation before anything is registered, so the files must
outlive the first request. They wait in the data directory under a random token that only the
uploading user's session knows; confirming (or the daily clean-up) removes them.
"""

from __future__ import annotations

import secrets
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

# An upload left unconfirmed this long is removed by the daily clean-up.
MAX_AGE_SECONDS = 24 * 60 * 60
_SESSION_KEY = "importer_staging"


def _root() -> Path:
    return Path(settings.DATA_DIR) / "import-staging"


def stage(session, files: Iterable[UploadedFile]) -> tuple[str, list[str]]:
    """Keep the files; returns the token and their names, in upload order."""
    token = secrets.token_urlsafe(16)
    folder = _root() / token
    folder.mkdir(parents=True)
    names = []
    for number, upload in enumerate(files):
        with (folder / str(number)).open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        names.append(upload.name)
    session[_SESSION_KEY] = {**session.get(_SESSION_KEY, {}), token: names}
    return token, names


def staged(session, token: str) -> list[tuple[str, bytes]] | None:
    """The (name, content) of each file staged under `token` by this session, or None."""
    names = session.get(_SESSION_KEY, {}).get(token)
    folder = _root() / token
    if names is None or not folder.is_dir():
        return None
    return [(name, (folder / str(number)).read_bytes()) for number, name in enumerate(names)]


def discard(session, token: str) -> None:
    session[_SESSION_KEY] = {
        key: value for key, value in session.get(_SESSION_KEY, {}).items() if key != token
    }
    shutil.rmtree(_root() / token, ignore_errors=True)


def discard_stale(now: float | None = None) -> int:
    """Remove uploads older than `MAX_AGE_SECONDS`; how many were removed."""
    now = now or time.time()
    removed = 0
    root = _root()
    if not root.is_dir():
        return 0
    for folder in root.iterdir():
        if now - folder.stat().st_mtime > MAX_AGE_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
