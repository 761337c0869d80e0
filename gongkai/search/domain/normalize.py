"""The same spelling for what is indexed and what is typed: full-width letters, digits and
brackets folded to their usual forms (NFKC), traditional characters to simplified.

Pure Python: no Django imports.
"""

from __future__ import annotations

import unicodedata

# The character class is private to the importer but is the one rule for "a character that
# simplified text never uses"; it is reused here rather than copied.
from gongkai.importer.domain.traditional import _traditional_only, is_traditional, to_simplified

MAX_QUERY_LENGTH = 200


def _encodable(text: str) -> str:
    # A lone surrogate (possible from the command line) cannot reach SQLite or PostgreSQL.
    return text.encode("utf-8", "ignore").decode("utf-8")


def normalize_text(text: str) -> str:
    """A document's text as it is segmented for the index."""
    text = unicodedata.normalize("NFKC", _encodable(text))
    return to_simplified(text) if is_traditional(text) else text


def normalize_query(text: str) -> str:
    """A typed query: folded, simplified and with its spaces collapsed.

    A query is too short for ``is_traditional``'s share test, and OpenCC is not the identity on
    simplified text (乾 → 干), so it is converted when it has any character that simplified
    Chinese never uses.
    """
    text = unicodedata.normalize("NFKC", _encodable(text))
    if _traditional_only().search(text):
        text = to_simplified(text)
    return " ".join(text.split())
