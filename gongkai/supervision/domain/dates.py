"""Publication dates as Chinese government pages write them.

Four forms are read: ``2026-05-01``, ``2026/05/01``, ``2026.05.01`` and ``2026年5月1日``
(full-width digits too, and one- or two-digit month and day). A date without a year
(``05-01``) is not read: list pages that leave the year out give no way to tell an old item
from a new one, so such a column counts as undated rather than as up to date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

_DATE = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})"
    r"(?:([-/.])([01]?[0-9])\2([0-3]?[0-9])|\s*年\s*([01]?[0-9])\s*月\s*([0-3]?[0-9])\s*日)"
    r"(?![0-9])"
)


def find_dates(text: str) -> list[date]:
    """Every valid calendar date written in ``text``, in order of appearance."""
    text = unicodedata.normalize("NFKC", text)
    found = []
    for match in _DATE.finditer(text):
        year = int(match.group(1))
        month = int(match.group(3) or match.group(5))
        day = int(match.group(4) or match.group(6))
        try:
            found.append(date(year, month, day))
        except ValueError:
            continue
    return found


def newest(dates: Iterable[date], *, today: date) -> date | None:
    """The newest of ``dates`` that is not after ``today``: a date in the future is an event
    announced (会议将于…召开), not the day something was published."""
    past = [day for day in dates if day <= today]
    return max(past) if past else None
