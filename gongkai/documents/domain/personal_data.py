"""Pre-publication scan for personal data: ID card, mobile and bank card numbers.

A site that publishes personal data fails the national website check outright (单项否决,
安全、泄密事故), so every document body and text attachment is scanned before it goes out.

How it works, and why it is fast: one compiled regex finds *runs* of digits joined by single
spaces or hyphens (``138 0013 8000``, ``6222 0202 …``) that do not touch a letter or another
digit. Almost all numbers in government text (dates, amounts, doc numbers, landlines) are too
short or start with 0 and never become a run. A run is split into its groups and each pattern
(ID number, grouped card, 3-4-4 mobile…) is tried on whole groups only, so a number inside a
longer number is never reported. Only then does Python validate: province and birth date and
check digit for IDs, Luhn for cards.

Judgement calls:

- An 18-character string that is a valid ID number (province, real birth date, check digit) is
  reported even if it is also a valid 统一社会信用代码: a real birth date plus an 1-in-11 check
  digit is much stronger evidence than a 1-in-31 check character, and a missed ID is a leak.
  A valid credit code that is not a valid ID is never reported, not even as a Luhn-valid card.
- Cards must start with an issuer prefix (2221-2720, 3, 4, 5, 6, 9), because long serials that
  start with a year or a 0 or 1 are common and one in ten passes Luhn.
- Full-width digits (typed in a Chinese IME's full-width mode) count as digits.
- A number next to "*" is taken for an already masked one and left alone, so that redacted text
  scans clean.

Pure Python: no Django imports, so the CLI and the importer can use it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import Literal

Kind = Literal["id_card", "mobile", "bank_card"]

# Full-width digits and letters appear when text is typed with a Chinese IME in full-width
# mode; a leak typed that way is still a leak.
_DIGIT = "0-9\uff10-\uff19"
_CHECK_X = "Xx\uff38\uff58"
_ALNUM = _DIGIT + "A-Za-z\uff21-\uff3a\uff41-\uff5a"
_TO_ASCII = str.maketrans("０１２３４５６７８９Ｘｘx", "0123456789XXX")
# The same, and one kind of separator, so that a run splits into its groups with str.split.
_NORMALISE = str.maketrans("０１２３４５６７８９Ｘｘx-", "0123456789XXX ")

# No finding starts with 0 (mobiles start with 1 or +86, IDs with a province code, cards with
# an issuer prefix), so a run is only started at a group beginning with 1-9 or "+". Putting that
# character class first also lets the regex engine skip ahead cheaply through Chinese text.
_FIRST = "+1-9\uff11-\uff19"
# The shortest thing reported is an 11-digit mobile number.
_MIN_RUN = 11
# A run must not touch a letter or digit (it would be part of a longer code), nor a "*", nor a
# "*" across one separator: those are the visible ends of an already masked number
# (``6201**********1236``, ``138 **** 8000``), which must not be re-detected after redaction.
# A leading "+" (of +86) must be followed by a digit.
_RUN = re.compile(
    rf"[{_FIRST}](?<![{_ALNUM}*].)(?<!\*[ \-].)"
    rf"(?=[{_DIGIT} \-]{{{_MIN_RUN - 1}}})"
    rf"(?:(?<=\+)[{_DIGIT}]+|[{_DIGIT}]*)(?:[ \-][{_DIGIT}]+)*[{_CHECK_X}]?"
    rf"(?![{_ALNUM}*])(?![ \-]\*)"
)
# Lengths of the first group of anything reported: "86"/"+86" or the 3 of a 3-4-4 mobile, the 4
# of a grouped card, the 6 of a 6-8-4 ID, a mobile with or without its prefix, an ID, a card.
_HEAD_LENGTHS = frozenset({2, 3, 4, 6, 11, 13, 14, 15, 16, 17, 18, 19})

# GB/T 2260 province-level codes; a full county table is not needed to tell an ID from noise.
_PROVINCES = frozenset(
    f"{n}"
    for n in (
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
        71,
        81,
        82,
        83,
        91,
    )
)
# GB 11643-1999, ISO 7064 MOD 11-2.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# GB 32100-2015 统一社会信用代码.
_USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(_USCC_CHARSET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_AUTHORITIES = frozenset("123456789ANY")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_MOBILE_PREFIXES = ("+86", "86")

# Characters of a value that are kept as they are when masking (separators, the "+" of +86).
_LAYOUT = frozenset(" -+")
_MASK_KEEP: dict[str, tuple[int, int]] = {
    "id_card": (4, 4),
    "mobile": (3, 4),
    "bank_card": (4, 4),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data; ``text[start:end] == value``."""

    kind: Kind
    value: str
    start: int
    end: int

    @property
    def masked(self) -> str:
        return mask(self.kind, self.value)


def scan(text: str) -> list[Finding]:
    """Return the personal data in ``text``, sorted by position, never overlapping."""
    findings: list[Finding] = []
    max_year = date.today().year
    for run in _RUN.finditer(text):
        base, value = run.start(), run.group()
        if len(value) < _MIN_RUN:
            continue
        parts = value.translate(_NORMALISE).split(" ")
        # Every separator is one character, so group k starts at offsets[k] within the run
        # and ends one character before offsets[k + 1].
        offsets = [0, *accumulate(len(p) + 1 for p in parts)]
        i = 0
        while i < len(parts):
            # Cheap test first: long runs of short numbers (tables) are common in attachments.
            hit = _match_at(parts, i, max_year) if len(parts[i]) in _HEAD_LENGTHS else None
            if hit is None:
                i += 1
                continue
            kind, j = hit
            start, end = base + offsets[i], base + offsets[j] - 1
            findings.append(Finding(kind, text[start:end], start, end))
            i = j
    return findings


def _match_at(parts: list[str], i: int, max_year: int) -> tuple[Kind, int] | None:
    """The finding that starts at group ``i``, as (kind, index after its last group).

    The length of the first group decides which patterns can apply.
    """
    head = parts[i]
    n = len(head)
    if n in (15, 18) and is_id_number(head, max_year=max_year):
        return "id_card", i + 1
    if 16 <= n <= 19:
        return ("bank_card", i + 1) if _is_card(head) else None
    if n == 6:
        if [len(p) for p in parts[i + 1 : i + 3]] == [8, 4] and is_id_number(
            "".join(parts[i : i + 3]), max_year=max_year
        ):
            return "id_card", i + 3
        return None
    if n == 4:
        j = _grouped_card_end(parts, i)
        return ("bank_card", j) if j else None
    if head in _MOBILE_PREFIXES and i + 1 < len(parts):
        j = _mobile_end(parts, i + 1)
        if j:
            return "mobile", j
    j = _mobile_end(parts, i)
    return ("mobile", j) if j else None


def _grouped_card_end(parts: list[str], i: int) -> int:
    """Index after a card printed in groups of four starting at group ``i``, or 0."""
    if [len(p) for p in parts[i + 1 : i + 4]] != [4, 4, 4]:
        return 0
    digits = "".join(parts[i : i + 4])
    # 4-4-4-4-3 is how 19-digit cards are printed; take the short tail only if it belongs.
    if i + 4 < len(parts) and len(parts[i + 4]) <= 3 and _is_card(digits + parts[i + 4]):
        return i + 5
    return i + 4 if _is_card(digits) else 0


def _mobile_end(parts: list[str], i: int) -> int:
    """Index after a mobile number starting at group ``i`` (11 digits, 3-4-4, or +86/86
    directly followed by 11 digits), or 0 if there is none."""
    head = parts[i]
    if len(head) == 3:
        if [len(p) for p in parts[i + 1 : i + 3]] == [4, 4] and _MOBILE.fullmatch(
            "".join(parts[i : i + 3])
        ):
            return i + 3
        return 0
    for prefix in _MOBILE_PREFIXES:
        if len(head) == len(prefix) + 11 and head.startswith(prefix):
            head = head[len(prefix) :]
            break
    return i + 1 if _MOBILE.fullmatch(head) else 0


def is_id_number(value: str, *, max_year: int | None = None) -> bool:
    """True for a valid mainland resident ID number (18-digit, or the old 15-digit form).

    Checks the province code, that the birth date is a real date between 1900 and
    ``max_year`` (default: this year) and, for the 18-digit form, the check digit.
    """
    if max_year is None:
        max_year = date.today().year
    value = value.translate(_TO_ASCII)
    if len(value) == 18:
        body, check = value[:17], value[17]
        if not body.isdigit() or not body.isascii():
            return False
        birth = body[6:14]
    elif len(value) == 15:
        if not value.isdigit() or not value.isascii():
            return False
        body, check = value, ""
        birth = "19" + value[6:12]
    else:
        return False
    if value[:2] not in _PROVINCES or not _is_date(birth, max_year):
        return False
    if check:
        total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
        return _ID_CHECK[total % 11] == check
    return True


def _is_date(yyyymmdd: str, max_year: int) -> bool:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:])
    if not 1900 <= year <= max_year:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def is_credit_code(value: str) -> bool:
    """True for a valid 统一社会信用代码 (GB 32100-2015), judged by its own check character."""
    if len(value) != 18 or value[0] not in _USCC_AUTHORITIES or not value[2:8].isdigit():
        return False
    try:
        digits = [_USCC_VALUE[c] for c in value]
    except KeyError:
        return False
    total = sum(d * w for d, w in zip(digits[:17], _USCC_WEIGHTS, strict=True))
    return digits[17] == (31 - total % 31) % 31


def _is_card(digits: str) -> bool:
    if not 16 <= len(digits) <= 19 or not digits.isdigit():
        return False
    # Card numbers begin with an issuer prefix: UnionPay 62, Visa 4, Mastercard 51-55 and
    # 2221-2720, JCB 35, domestic 9x. Government text is full of long serials that begin
    # with a year ("2020…"), a 0 or a 1, and a tenth of those would pass Luhn by chance.
    first = digits[0]
    if first in "0178" or (first == "2" and not 2221 <= int(digits[:4]) <= 2720):
        return False
    # An all-digit 18-character credit code passes Luhn one time in ten; it is no card.
    if len(digits) == 18 and is_credit_code(digits):
        return False
    return luhn_valid(digits)


def luhn_valid(digits: str) -> bool:
    """Luhn (ISO/IEC 7812-1) check over a string of ASCII digits."""
    total = 0
    for k, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if k % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def mask(kind: Kind, value: str) -> str:
    """Mask a value for display: ID and card keep the first 4 and last 4, a mobile number
    keeps the first 3 and last 4 (``138****8000``). Separators and a +86 prefix are kept."""
    try:
        head, tail = _MASK_KEEP[kind]
    except KeyError:
        raise ValueError(f"未知的个人信息类型：{kind!r}") from None
    positions = [k for k, ch in enumerate(value) if ch not in _LAYOUT]
    if kind == "mobile":
        # The country code is not personal; count from the 11 digits of the number itself.
        positions = positions[-11:]
    hidden = positions[head : len(positions) - tail]
    chars = list(value)
    for k in hidden:
        chars[k] = "*"
    return "".join(chars)


def redact(text: str, findings: list[Finding] | None = None) -> str:
    """Replace every finding with its mask; the rest of the text is unchanged.

    Masks have the same length as what they replace, so offsets stay valid in the result.
    """
    if findings is None:
        findings = scan(text)
    pieces: list[str] = []
    pos = len(text)
    # From the end, so each finding's offsets still refer to untouched text.
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        if f.start < 0 or f.end > pos or text[f.start : f.end] != f.value:
            raise ValueError(f"个人信息位置与文本不符（{f.start}–{f.end}），请重新检查后再脱敏")
        pieces.append(text[f.end : pos])
        pieces.append(f.masked)
        pos = f.start
    pieces.append(text[:pos])
    return "".join(reversed(pieces))


def findings_to_json(findings: list[Finding]) -> dict[str, list[dict[str, str | int]]]:
    """The JSON document of ``gongkai scan --json``: unmasked values, for the operator."""
    return {
        "findings": [
            {"kind": f.kind, "value": f.value, "start": f.start, "end": f.end} for f in findings
        ]
    }
