"""The state file of a run, so that a stopped run resumes where it was.

JSON, replaced atomically (written to a temporary file, then renamed), so a run killed while
writing leaves the previous state whole.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

VERSION = 1


def load_state(path: Path, *, home_url: str, today: str) -> dict[str, Any] | None:
    """The saved state of an unfinished run of the same site and check day, or None."""
    try:
        state = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(state, dict)
        or state.get("version") != VERSION
        or state.get("home_url") != home_url
        or state.get("today") != today
        or state.get("finished")
    ):
        return None
    return state


def save_state(path: Path, state: dict[str, Any]) -> None:
    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(
        json.dumps({"version": VERSION, **state}, ensure_ascii=False), encoding="utf-8"
    )
    os.replace(temporary, path)
