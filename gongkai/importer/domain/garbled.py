"""Finding runs of garbled text (乱码) that cannot be turned back into the original.

Web copies of old GBK pages carry mojibake where a multi-byte character was cut in half:
``?。ù思_`` stands where ``（此件公开`` was. The bytes that were lost cannot be recovered, so
such runs are cut out of the text and reported, never silently kept.

A run starts at a *sure* sign of damage: U+FFFD, a private-use character, a box-drawing or
bopomofo character (GBK rows A8/A9, where a misaligned lead byte lands), a tone-marked Latin
letter next to a Chinese character, or an ASCII "?" that stands for a lost byte (followed by
"。", another "?", a Latin letter, "_" or ";" — a real question mark in Chinese text is "？"
and ends a sentence). The run then takes in *likely* debris next to it (ASCII letters, "_",
";", broken pinyin like ``guī)``) and up to two ordinary characters between signs, because
characters between two signs are almost always part of the same damage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTINEL = "\ue000"
"""Left where a garbled run was cut out, so later steps know text is missing there."""

_SURE = re.compile(
    r"[\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff\u2500-\u257f\u3100-\u312f\u31a0-\u31bf]"
    r"|(?<![\x21-\x7e])\?(?=[?。，、_;A-Za-z])|(?<=\?)\?"
    r"|(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"
    r"|[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f](?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)
# Every sure sign is one of these characters; a plain character class is searched quickly.
_CANDIDATE = re.compile(
    r"[\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff\u2500-\u257f\u3100-\u312f\u31a0-\u31bf?"
    r"\u00c0-\u024f]"
)
_LIKELY = re.compile(r"[A-Za-z_;\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]|(?<=[a-z\u00e0-\u01dc])\)")
_MAX_GAP = 2
_CONTEXT = 8


@dataclass(frozen=True)
class GarbledRun:
    line: int
    text: str
    context: str


def cut_garbled_runs(text: str) -> tuple[str, list[GarbledRun]]:
    """`text` with every garbled run replaced by `SENTINEL`, and the runs that were cut."""
    if not _CANDIDATE.search(text):
        return text, []
    sure = [match.start() for match in _SURE.finditer(text)]
    if not sure:
        return text, []
    spans = _group(text, sure)
    runs = []
    pieces = []
    previous_end = 0
    line = 1
    for start, end in spans:
        line += text.count("\n", previous_end, start)
        runs.append(
            GarbledRun(
                line=line,
                text=text[start:end],
                context=text[max(0, start - _CONTEXT) : end + _CONTEXT].replace("\n", " "),
            )
        )
        pieces.append(text[previous_end:start])
        pieces.append(SENTINEL)
        previous_end = end
    pieces.append(text[previous_end:])
    return "".join(pieces), runs


def _group(text: str, sure: list[int]) -> list[tuple[int, int]]:
    """Spans that each cover neighbouring sure signs plus the likely debris around them."""
    sure_set = set(sure)

    def damaged(position: int) -> bool:
        return position in sure_set or _LIKELY.match(text, position) is not None

    spans = []
    index = 0
    while index < len(sure):
        start = sure[index]
        end = start + 1
        extended = True
        while extended:
            extended = False
            # More damage within _MAX_GAP ordinary characters on the same line joins the run.
            for position in range(end, min(end + _MAX_GAP + 1, len(text))):
                if text[position] == "\n":
                    break
                if damaged(position):
                    end = position + 1
                    extended = True
                    break
        spans.append((start, end))
        while index < len(sure) and sure[index] < end:
            index += 1
    return spans
