"""Highlighted titles and snippets: the text around the query's words, HTML-escaped, with the
words in ``<mark>``.

The index holds tokens, not the text, so the snippet is cut from the object's own text. Words
are found in a copy folded one character for one character (full-width to half-width, upper to
lower case), so positions in the copy are positions in the original.

Pure Python: no Django imports; the result is safe HTML.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from html import escape

SNIPPET_LENGTH = 120
_ELLIPSIS = "…"


# Full-width ASCII (Ａ１，) and the ideographic space: what queries are folded from most.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).lower()
    return folded if len(folded) == 1 else char


def _fold(text: str) -> str:
    folded = text.translate(_WIDTH).lower()
    if len(folded) == len(text):
        return folded
    # A rare character whose lower case is longer (İ): fold one character at a time.
    return "".join(_fold_char(c) for c in text)


def _pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    wanted = {t for t in terms if t}
    # A single character is marked only when the query has nothing longer: the 号 and 甘 of
    # 甘政办发〔2020〕83号 would light up every other line.
    if any(len(t) > 1 for t in wanted):
        wanted = {t for t in wanted if len(t) > 1}
    if not wanted:
        return None
    # Longest first, so that 最低生活保障 is marked whole rather than as 最低.
    alternatives = sorted(wanted, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in alternatives))


def _spans(text: str, pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    if pattern is None:
        return []
    spans: list[tuple[int, int]] = []
    for start, end in (m.span() for m in pattern.finditer(_fold(text))):
        if spans and spans[-1][1] == start:  # 生活 + 保障 is marked as one
            start = spans.pop()[0]
        spans.append((start, end))
    return spans


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, at = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[at:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        at = e
    out.append(escape(text[at:end]))
    return "".join(out)


def highlight(text: str, terms: Sequence[str]) -> str:
    """The whole of ``text`` (a title) with the terms marked."""
    return _render(text, _spans(text, _pattern(terms)), 0, len(text))


def snippet(text: str, terms: Sequence[str], length: int = SNIPPET_LENGTH) -> str:
    """About ``length`` characters of ``text`` around the most query words, terms marked."""
    text = " ".join(text.split())
    spans = _spans(text, _pattern(terms))
    start = _best_window(text, spans, length)
    end = min(len(text), start + length)
    html = _render(text, spans, start, end)
    return (_ELLIPSIS if start > 0 else "") + html + (_ELLIPSIS if end < len(text) else "")


def _best_window(text: str, spans: list[tuple[int, int]], length: int) -> int:
    """Where the window with the most distinct marked words starts (a little before the first
    of them, so the sentence can be read)."""
    if not spans:
        return 0
    lead = length // 4
    # The first few hundred matches are plenty to choose from, and bound the work on a long text.
    spans = spans[:300]
    starts = [a for a, _ in spans]
    everything = len({text[a:b].lower() for a, b in spans})
    best_start, best_score = 0, -1
    for s, _ in spans:
        start = max(0, min(s - lead, len(text) - length))
        words = set()
        for a, b in spans[bisect_left(starts, start) :]:
            if b > start + length:
                break
            words.add(text[a:b].lower())
        if len(words) > best_score:
            best_start, best_score = start, len(words)
            if best_score == everything:
                break
    return best_start
