"""Chinese numerals as used in dates (二〇二二年十一月三日) and item numbers (（二十一）)."""

from __future__ import annotations

_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0,
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
DIGIT_CHARS = "".join(_DIGITS)
_NAMES = "零一二三四五六七八九"


def digits_value(text: str) -> int | None:
    """A number written digit by digit, as years are: 二〇二二 → 2022."""
    if not text or any(char not in _DIGITS for char in text):
        return None
    return int("".join(str(_DIGITS[char]) for char in text))


def counting_value(text: str) -> int | None:
    """A counting number up to 99: 三 → 3, 十 → 10, 十一 → 11, 二十 → 20, 二十一 → 21."""
    if not text:
        return None
    if "十" not in text:
        return _DIGITS.get(text) if len(text) == 1 else None
    tens_text, _, ones_text = text.partition("十")
    if "十" in ones_text:
        return None
    tens = 1 if tens_text == "" else _DIGITS.get(tens_text) if len(tens_text) == 1 else None
    ones = 0 if ones_text == "" else _DIGITS.get(ones_text) if len(ones_text) == 1 else None
    if tens is None or ones is None or tens == 0:
        return None
    return tens * 10 + ones


def counting_name(value: int) -> str:
    """The inverse of `counting_value` for 1–99: 21 → 二十一."""
    tens, ones = divmod(value, 10)
    if tens == 0:
        return _NAMES[ones]
    return ("" if tens == 1 else _NAMES[tens]) + "十" + ("" if ones == 0 else _NAMES[ones])
