"""Writing files that must never be seen half-written: keys, anchors, backup manifests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_file(path: Path, data: str | bytes, *, replace: bool) -> bool:
    """Write ``data`` under a temporary name and put it in place in one step, with mode 0600:
    another process reads the old file or the new one, never a part. Without ``replace`` an
    existing file is left alone (the first of several processes creating it at once wins).
    Returns whether this call put the file in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file with mode 0600.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data.encode() if isinstance(data, str) else data)
            out.flush()
            os.fsync(out.fileno())
        if replace:
            os.replace(temporary, path)
            return True
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        return True
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
