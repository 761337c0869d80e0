"""The opaque cursor of a list: the sort key of the last record sent.

Lists are ordered by a date (newest first, records without one last) and then by id, so a page
continues after ``(date, id)`` however many records are published meanwhile: keyset pagination
never repeats or skips a record the way an offset does when a new one arrives at the top.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime


class CursorError(ValueError):
    """The text is not a cursor this API wrote."""


@dataclass(frozen=True)
class Cursor:
    key: str | None  # the ISO form of the last record's date or date-time
    pk: int


def encode(cursor: Cursor) -> str:
    raw = json.dumps([cursor.key, cursor.pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(text: str) -> Cursor:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        key, pk = json.loads(raw)
        if not isinstance(pk, int) or isinstance(pk, bool) or pk < 0:
            raise CursorError(text)
        if key is not None:
            datetime.fromisoformat(key)  # a date or a date-time, or a ValueError
        return Cursor(key, pk)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as error:
        raise CursorError(text) from error
