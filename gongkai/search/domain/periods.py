"""Periodic titles: the same title published month after month or quarter after quarter
(示范县2025年3月城乡低保资金发放情况, 示范县2025年4月城乡低保资金发放情况 …), differing only in
the period it covers. Search shows such a series as one result, 「共 N 条」.

``title_pattern`` is the title with every period (year, month, quarter, half-year, date, range,
issue number) replaced by ``…``: two titles of one series have the same pattern. A title without
a period, or with little else, has none.

Pure Python: no Django imports.
"""

from __future__ import annotations

import re
import unicodedata

PLACEHOLDER = "…"
# Fewer letters than this outside the periods is no series (“2025年3月”, “第3期”).
MIN_STEM = 4

_YEAR = r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])"
_TO = r"\s*[-—–~～至到]\s*"
_QUARTER = r"(?:第?\s*[一二三四1-4]\s*季度|[qQ][1-4])"
_NUMBER = r"(?:\d+|[一二三四五六七八九十百零〇]+)"

_PERIODS = re.compile(
    "|".join(
        [
            # Numeric dates first, so that 2025-03-15 is not read as a year and a month.
            rf"{_YEAR}\s*[-./]\s*\d{{1,2}}\s*[-./]\s*\d{{1,2}}",
            rf"{_YEAR}{_TO}{_YEAR}\s*年度?",
            rf"{_YEAR}\s*[-./]\s*\d{{1,2}}(?!\d)",
            rf"{_YEAR}\s*年度?",
            _QUARTER,
            r"[上下]半年",
            rf"{_MONTH}\s*月?{_TO}{_MONTH}\s*月份?",
            rf"{_MONTH}\s*月份?(?:\s*{_DAY}\s*[日号])?",
            rf"第\s*{_NUMBER}\s*[期周]",
        ]
    )
)
# Periods next to each other, or separated only by spaces and light punctuation, are one.
_JOINED = re.compile(rf"{re.escape(PLACEHOLDER)}(?:[\s、,，\-—.·]*{re.escape(PLACEHOLDER)})+")
_LETTERS = re.compile(r"[^\W_]")


def title_pattern(title: str) -> str | None:
    """The title with its periods replaced by ``…``, or None when it has no period (or little
    besides): the key under which periodic entries are grouped."""
    text = " ".join(unicodedata.normalize("NFKC", title).split())
    pattern, found = _PERIODS.subn(PLACEHOLDER, text)
    if not found:
        return None
    pattern = _JOINED.sub(PLACEHOLDER, pattern)
    stem = pattern.replace(PLACEHOLDER, "")
    if len(_LETTERS.findall(stem)) < MIN_STEM:
        return None
    return pattern
