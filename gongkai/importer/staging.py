"""Uploaded files kept between the upload and the confirmation of the admin import.

The parsed fields are shown for confirmation before anything is registered, so the files must
outlive the first request. They wait in the data directory under a random token that only the
uploading user's session knows; confirming (or the daily clean-up) removes them. With media in
object storage (``GONGKAI_MEDIA_STORAGE``) they wait in the bucket under ``import-staging/``
instead, as the confirmation may reach another app server than the upload.
"""

from __future__ import annotations

import secrets
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from gongkai.core.storage import shared_storage

# An upload left unconfirmed this long is removed by the daily clean-up.
MAX_AGE_SECONDS = 24 * 60 * 60
_SESSION_KEY = "importer_staging"
SHARED_PREFIX = "import-staging/"


def _root() -> Path:
    return Path(settings.DATA_DIR) / "import-staging"


def stage(session, files: Iterable[UploadedFile]) -> tuple[str, list[str]]:
    """Keep the files; returns the token and their names, in upload order."""
    token = secrets.token_urlsafe(16)
    shared = shared_storage()
    folder = _root() / token
    if shared is None:
        folder.mkdir(parents=True)
    names = []
    for number, upload in enumerate(files):
        if shared is not None:
            shared.save(f"{SHARED_PREFIX}{token}/{number}", upload)
        else:
            with (folder / str(number)).open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
        names.append(upload.name)
    session[_SESSION_KEY] = {**session.get(_SESSION_KEY, {}), token: names}
    return token, names


def staged(session, token: str) -> list[tuple[str, bytes]] | None:
    """The (name, content) of each file staged under `token` by this session, or None."""
    names = session.get(_SESSION_KEY, {}).get(token)
    if names is None:
        return None
    shared = shared_storage()
    if shared is not None:
        try:
            return [
                (name, _read(shared, f"{SHARED_PREFIX}{token}/{number}"))
                for number, name in enumerate(names)
            ]
        except FileNotFoundError:
            return None
    folder = _root() / token
    if not folder.is_dir():
        return None
    return [(name, (folder / str(number)).read_bytes()) for number, name in enumerate(names)]


def _read(storage, name: str) -> bytes:
    with storage.open(name, "rb") as handle:
        return handle.read()


def discard(session, token: str) -> None:
    session[_SESSION_KEY] = {
        key: value for key, value in session.get(_SESSION_KEY, {}).items() if key != token
    }
    shared = shared_storage()
    if shared is not None:
        _, names = shared.listdir(SHARED_PREFIX + token)
        for name in names:
            shared.delete(f"{SHARED_PREFIX}{token}/{name}")
        return
    shutil.rmtree(_root() / token, ignore_errors=True)


def discard_stale(now: float | None = None) -> int:
    """Remove uploads older than `MAX_AGE_SECONDS`; how many were removed."""
    now = now or time.time()
    removed = 0
    shared = shared_storage()
    if shared is not None:
        tokens, _ = shared.listdir(SHARED_PREFIX)
        for token in tokens:
            _, names = shared.listdir(f"{SHARED_PREFIX}{token}")
            paths = [f"{SHARED_PREFIX}{token}/{name}" for name in names]
            if paths and now - shared.get_modified_time(paths[0]).timestamp() > MAX_AGE_SECONDS:
                for path in paths:
                    shared.delete(path)
                removed += 1
        return removed
    root = _root()
    if not root.is_dir():
        return 0
    for folder in root.iterdir():
        if now - folder.stat().st_mtime > MAX_AGE_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
