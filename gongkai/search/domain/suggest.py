"""“您是不是要找”: the closest word of the index's vocabulary to a word that found nothing.

A word is close when one character is replaced, added, dropped or two neighbours swapped
(保章 → 保障, 最底生活 → 最低生活). One edit to a word of two or more characters leaves its
first or its last character in place, so the candidates are the vocabulary words that share
the first or the last character and differ in length by at most one: two indexed look-ups.

Pure Python: no Django imports.
"""

from __future__ import annotations

from collections.abc import Iterable


def within_one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with at most one character replaced, added, dropped, or two
    neighbouring characters swapped."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i = diffs[0]
        return len(diffs) == 2 and diffs[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def best_correction(word: str, vocabulary: Iterable[tuple[str, int]]) -> str | None:
    """The most frequent vocabulary word one edit away from ``word``; same length first."""
    best: tuple[int, int, str] | None = None
    for term, frequency in vocabulary:
        if term == word or not within_one_edit(word, term):
            continue
        key = (len(term) == len(word), frequency, term)
        if best is None or key > best:
            best = key
    return best[2] if best else None
