"""Traditional → simplified Chinese, only for texts that are actually traditional.

OpenCC's t2s is cheap, but it is not the identity on simplified text: it rewrites characters
that simplified Chinese also uses (乾隆 → 干隆, 於 → 于, 後 → 后). So it runs only when the
text contains enough characters that simplified Chinese never uses.
"""

from __future__ import annotations

import functools
import re

import opencc

# A text is converted when at least this many traditional-only characters occur, and they are
# at least this share of its Chinese characters (one odd character in a name is not enough).
_MIN_TRADITIONAL = 3
_MIN_TRADITIONAL_SHARE = 0.01
_HAN = re.compile(r"[\u4e00-\u9fff]")


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@functools.cache
def _traditional_only() -> re.Pattern[str]:
    """A character class of the characters t2s changes that GB 2312 does not contain.

    GB 2312 is the simplified character set, so a character outside it that t2s maps to
    something else is a traditional form no simplified text uses. Built from OpenCC's own
    tables at first use (~30 ms) so it can never disagree with the converter.
    """
    chars = [chr(code) for code in range(0x4E00, 0xA000)]
    converted = _converter().convert("\n".join(chars)).split("\n")
    traditional = []
    for char, simplified in zip(chars, converted, strict=True):
        if char == simplified:
            continue
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            traditional.append(char)
    return re.compile("[" + "".join(traditional) + "]")


def is_traditional(text: str) -> bool:
    found = len(_traditional_only().findall(text))
    if found < _MIN_TRADITIONAL:
        return False
    return found >= _MIN_TRADITIONAL_SHARE * len(_HAN.findall(text))


def to_simplified(text: str) -> str:
    return _converter().convert(text)
