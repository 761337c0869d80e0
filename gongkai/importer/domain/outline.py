"""Item numbers of official text: 一、 > （一） > 1. > （1） > ①, the GB/T 9704 order of levels.

Documents skip levels (一、 then 1.) and mix 1. with 1、, so a level is known only by its
style's rank, never by its depth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import counting_name, counting_value

_RANK = {"cn": 0, "cn_paren": 1, "arabic": 2, "arabic_paren": 3, "circled": 4}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_NUMBERING = re.compile(
    r"(?P<cn>[一二三四五六七八九十]{1,3})[、.]"
    r"|[（(](?P<cn_paren>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?P<arabic>\d{1,2})(?:、|\.(?!\d))"
    r"|[（(](?P<arabic_paren>\d{1,2})[）)]|(?P<arabic_half_paren>\d{1,2})[）)]"
    rf"|(?P<circled>[{_CIRCLED}])"
)


@dataclass(frozen=True)
class Numbering:
    style: str
    value: int
    rest: str
    """The paragraph after its number."""

    @property
    def rank(self) -> int:
        return _RANK[self.style]

    @property
    def number(self) -> str:
        """The number without punctuation: 一, 1, ①."""
        if self.style in ("cn", "cn_paren"):
            return counting_name(self.value)
        if self.style == "circled":
            return _CIRCLED[self.value - 1]
        return str(self.value)

    @property
    def label(self) -> str:
        """The number as it stands in a path: 一, （一）, 1, （1）, ①."""
        if self.style in ("cn_paren", "arabic_paren"):
            return f"（{self.number}）"
        return self.number


def match_numbering(paragraph: str) -> Numbering | None:
    match = _NUMBERING.match(paragraph)
    if match is None:
        return None
    style = match.lastgroup
    text = match[style]
    if style == "arabic_half_paren":
        style = "arabic_paren"
    if style in ("cn", "cn_paren"):
        value = counting_value(text)
    elif style == "circled":
        value = _CIRCLED.index(text) + 1
    else:
        value = int(text)
    if not value:
        return None
    return Numbering(style, value, paragraph[match.end() :].lstrip(" "))


def numbering_after(previous: Numbering, rest: str) -> Numbering:
    """The number that follows `previous` in its style, for an item whose own was lost."""
    return Numbering(previous.style, previous.value + 1, rest)


def is_heading_like(paragraph: str) -> bool:
    """A numbered line without a full stop: a heading, not a cut-off sentence."""
    return "。" not in paragraph and match_numbering(paragraph) is not None
