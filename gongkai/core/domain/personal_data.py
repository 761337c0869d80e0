"""Pre-publication scan for personal data: ID card, mobile and bank card numbers.

A site that publishes personal data fails the national website check outright (单项否决,
安全、泄密事故), so everything that reaches the public is scanned before it goes out
(`publication_gate`). The scanner also serves the request module (masking applicants' ID
numbers) and ``gongkai scan``.

**Reading the text as a reader sees it.** A number must not escape the scan because of how it
was typed. Every character is read through one table (`_Fold`), so that

- any Unicode decimal digit (full-width ``１３８``, mathematical, other scripts) is a digit;
- every Unicode space (U+00A0, U+3000, U+2000–U+200A, U+202F, U+205F …) and every dash (the
  hyphen and minus variants, ``－``, ``—`` …; ``一`` is a Chinese numeral, not a dash) separates
  digit groups, and a run of them counts as one separator;
- invisible characters (zero-width spaces and joiners, U+2060, U+FEFF, the soft hyphen, bidi
  controls, variation selectors: Unicode's default-ignorable code points) are not there at all,
  wherever they are, even inside a group;
- the rest goes through NFKC (``（＋８６）`` is ``(+86)``, ``ｘ`` is ``x``), except that
  characters NFKC turns into digits without being digits (superscripts ``¹``, circled ``①``) stay
  what they look like: footnote and list markers. Read as digits they would hide a number
  (``13800138000¹`` would become twelve digits) more often than reveal one.

Each character becomes exactly one character of a small alphabet (digits, ``X``, letter,
separator, ignorable, mask, ``+()``, anything else), so offsets in the folded text are offsets
in the original: a finding reports the original span (``text[start:end]``), invisible
characters included, and `redact` masks exactly those characters.

**Why it stays fast.** One regex over the raw text finds the few places where 11 or more digits
(the shortest finding is a mobile number) are joined by separators only; a run must start with a
digit 1–9 that follows no digit, or with the 0 of ``0086``. Dates, amounts, doc numbers and
landlines (which start with 0) never qualify, so Chinese text is skipped in C. Only around
each such place is a small window folded and read in Python: split into digit groups, each
pattern (ID number, grouped card, 3-4-4 mobile …) tried on whole groups only, so a number inside
a longer number is never reported; then the rules: province, birth date and check digit for IDs,
Luhn for cards.

Judgement calls:

- A run that touches a letter or digit is part of a longer code and is not reported.
- Country prefixes ``+86``, ``86``, ``0086``, ``(86)``, ``(+86)`` (any brackets, any spacing)
  belong to the mobile number they precede and are part of its finding.
- A ``*`` (or ``＊``, ``×``, ``●`` … which masks are written with) before or after a full number
  does not hide it: ``*110101199003077777`` and ``*138 0013 8000`` are reported. Only a short
  group (four digits or fewer) right after a mask of two or more such characters is left
  alone: that is the visible end of a masked number (``138****8000``, ``6201**********1236``),
  which must not be read as the start of another. After masking, `redact` scans its result
  again, so redacted text always scans clean.
- An 18-character string that is a valid ID number (province, real birth date, check digit) is
  reported even if it is also a valid 统一社会信用代码: a real birth date plus an 1-in-11 check
  digit is much stronger evidence than a 1-in-31 check character, and a missed ID is a leak.
  A valid credit code that is not a valid ID is never reported, not even as a Luhn-valid card;
  neither is an ID-shaped number (province and birth date) whose check digit is wrong.
- Cards must start with an issuer prefix (2221-2720, 3, 4, 5, 6, 9), because long serials that
  start with a year or a 0 or 1 are common and one in ten passes Luhn.

Pure Python: no Django imports, so the CLI and the importer can use it too.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

Kind = Literal["id_card", "mobile", "bank_card"]

KIND_LABELS: dict[str, str] = {
    "id_card": "身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
}


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    """A regex character class body for code point ranges."""
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )


def _chars(ranges: tuple[tuple[int, int], ...]) -> frozenset[str]:
    return frozenset(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))


# Unicode space separators (general category Zs).
_SPACES = (
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
)
# Dashes (general category Pd), the minus sign and the hyphen bullet.
_DASHES = (
    (0x2D, 0x2D),
    (0x58A, 0x58A),
    (0x5BE, 0x5BE),
    (0x1400, 0x1400),
    (0x1806, 0x1806),
    (0x2010, 0x2015),
    (0x2043, 0x2043),
    (0x2212, 0x2212),
    (0x2E17, 0x2E17),
    (0x2E1A, 0x2E1A),
    (0x2E3A, 0x2E3B),
    (0x2E40, 0x2E40),
    (0x2E5D, 0x2E5D),
    (0x301C, 0x301C),
    (0x3030, 0x3030),
    (0x30A0, 0x30A0),
    (0xFE31, 0xFE32),
    (0xFE58, 0xFE58),
    (0xFE63, 0xFE63),
    (0xFF0D, 0xFF0D),
    (0x10EAD, 0x10EAD),
)
# Unicode's default-ignorable code points: rendered as nothing (zero-width space, joiners, word
# joiner, BOM, soft hyphen, bidi controls, variation selectors, Hangul fillers, tags).
_IGNORABLES = (
    (0xAD, 0xAD),
    (0x34F, 0x34F),
    (0x61C, 0x61C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
SEPARATORS = _chars(_SPACES + _DASHES)
IGNORABLES = _chars(_IGNORABLES)
# Characters masks are written with (``138****8000``, ``138××××8000``, ``138●●●●8000``).
MASKS = frozenset("*＊﹡∗⁎✱✲✳✻×✕✖╳●○◯■□★☆")


class _Fold(dict[int, str]):
    """The ``str.translate`` table: every character to one character of the scan's alphabet.

    ``0``–``9`` digits, ``X`` the check character, ``a`` any other letter, ``" "`` a separator,
    ``"\\0"`` an invisible character, ``*`` a mask, ``+ ( )`` for country prefixes, ``.``
    anything else. Filled lazily: only characters that occur near long digit runs are ever
    looked up, and each only once."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in IGNORABLES:
            folded = "\0"
        elif char in SEPARATORS:
            folded = " "
        elif char.isdecimal():
            folded = str(unicodedata.decimal(char))
        elif char in MASKS:
            folded = "*"
        else:
            nfkc = unicodedata.normalize("NFKC", char)
            if nfkc in ("x", "X"):
                folded = "X"
            elif len(nfkc) == 1 and nfkc in "+()":
                folded = nfkc
            elif len(nfkc) == 1 and nfkc.isascii() and nfkc.isalpha():
                folded = "a"
            else:
                folded = "."
        self[code] = folded
        return folded


_FOLD = _Fold()

# The zero of each block of ten decimal digits (general category Nd) in Unicode 14, Python
# 3.11's: ASCII, full-width, mathematical and the digits of other scripts.
_DIGIT_ZEROS = (
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
)  # fmt: skip
# The shortest thing reported is an 11-digit mobile number.
_MIN_DIGITS = 11


def _candidates(digit_zeros: tuple[int, ...], joiners: tuple[tuple[int, int], ...]) -> re.Pattern:
    """Where something may be: a digit 1-9 that follows no digit, with at least ten more digits
    joined only by separators and invisible characters; or the 0 of 0086 (a country prefix is
    the only thing reported that starts with 0).

    The first character is a plain class, so the regex engine skips through Chinese text
    without trying each position; a digit inside a number is rejected by looking one character
    back, and the cheap lookahead (the next ten characters are digits or joiners) rejects
    almost every other number in government text, before the rest is tried."""
    digit = _class(tuple((zero, zero + 9) for zero in digit_zeros))
    first = _class(tuple((zero + 1, zero + 9) for zero in digit_zeros))
    join = _class(joiners)
    return re.compile(
        rf"[{first}0０](?<![{digit}].)(?=[{digit}{join}]{{{_MIN_DIGITS - 1}}})"
        rf"(?:(?<![0０])|(?=[{join}]*[0０][{join}]*[8８][{join}]*[6６]))"
        rf"(?:[{join}]*+[{digit}]){{{_MIN_DIGITS - 1}}}(?:[{join}]*+[{digit}])*+"
    )


_JOINERS = _SPACES + _DASHES + _IGNORABLES
# Character classes with ranges beyond the Basic Multilingual Plane (mathematical digits, tag
# characters) make every step of the engine several times slower, so text without such
# characters (nearly all) gets classes without them.
_CANDIDATE = _candidates(
    tuple(zero for zero in _DIGIT_ZEROS if zero < 0x10000),
    tuple(r for r in _JOINERS if r[1] < 0x10000),
)
_CANDIDATE_WIDE = _candidates(_DIGIT_ZEROS, _JOINERS)
# CPython stores a string in four bytes per character exactly when it holds a character beyond
# U+FFFF (PEP 393), so its size tells in constant time what a regex would read the whole text
# for (a search for such characters took a third as long as the scan itself).
_WIDE_OVERHEAD = sys.getsizeof("\U00010000") - 4


def beyond_bmp(text: str) -> bool:
    """Whether ``text`` holds a character beyond U+FFFF (emoji, CJK extension B …)."""
    return sys.getsizeof(text) == _WIDE_OVERHEAD + 4 * len(text)


# How far a window reaches beyond a candidate: back for a country prefix ("( + 86 ) "), and
# forward for the check character; one more character on each side decides whether the number
# touches a letter or a longer number.
_LEFT = 12
_RIGHT = 8

# In folded text: a country prefix (+86, 0086, (86), (+86), (0086)) and the run of digit groups
# after it; a run starts with 1-9 and may end with the check character.
_RUN = re.compile(
    r"(?:(?P<prefix>\+[ \0]*8\0*6|0\0*0\0*8\0*6"
    r"|\([ \0]*\+?[ \0]*(?:0\0*0\0*)?8\0*6[ \0]*\))[ \0]*)?"
    r"(?P<run>[1-9](?:\0*[0-9])*(?:\0*(?: \0*)+[0-9](?:\0*[0-9])*)*(?:\0*X)?)"
)
_GROUP = re.compile(r"[0-9](?:\0*[0-9])*(?:\0*X)?")
_ALNUM = frozenset("0123456789Xa")
_MASK_TAIL = 4  # the longest visible end of a masked number

# Lengths of the first group of anything reported: "86" or the 3 of a 3-4-4 mobile, the 4 of a
# grouped card, the 6 of a 6-8-4 ID, a mobile with or without its 86, an ID, a card.
_HEAD_LENGTHS = frozenset({2, 3, 4, 6, 11, 13, 15, 16, 17, 18, 19})

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
_COUNTRY_CODE = "86"

_MASK_KEEP: dict[str, tuple[int, int]] = {
    "id_card": (4, 4),
    "mobile": (3, 4),
    "bank_card": (4, 4),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data; ``text[start:end] == value``, exactly as written."""

    kind: Kind
    value: str
    start: int
    end: int

    @property
    def masked(self) -> str:
        return mask(self.kind, self.value)

    @property
    def number(self) -> str:
        """The number itself, however it was written: ASCII digits (and ``X``), without
        separators, invisible characters or, for a mobile, the country code."""
        digits = "".join(c for c in self.value.translate(_FOLD) if c in "0123456789X")
        return digits[-11:] if self.kind == "mobile" else digits


def fold(text: str) -> str:
    """``text`` as the scan reads it, one character for each character (see `_Fold`)."""
    return text.translate(_FOLD)


def scan(text: str) -> list[Finding]:
    """Return the personal data in ``text``, sorted by position, never overlapping."""
    findings: list[Finding] = []
    max_year = date.today().year
    end_of_last = 0
    length = len(text)
    candidates = _CANDIDATE_WIDE if beyond_bmp(text) else _CANDIDATE
    for candidate in candidates.finditer(text):
        core_start, core_end = candidate.span()
        value = candidate.group()
        if value.isascii() and value.isdigit() and value[0] != "0":
            # The common case, one group of plain digits between plain characters, is decided
            # here without reading a window.
            before = _FOLD[ord(text[core_start - 1])] if core_start else "."
            after = _FOLD[ord(text[core_end])] if core_end < length else "."
            if before in ".aX" and after in ".a":
                if before == "." and after == "." and len(value) in _HEAD_LENGTHS:
                    hit = _match_at([value], 0, max_year)
                    if hit is not None:
                        findings.append(Finding(hit[0], value, core_start, core_end))
                        end_of_last = core_end
                continue
        # One character more on the left: a run cut off there must not look like a start.
        lo = max(0, core_start - _LEFT - 1)
        window = text[lo : core_end + _RIGHT].translate(_FOLD)
        for kind, start, end in _read(window, 1 if lo else 0, max_year):
            # Only what lies on this candidate: a window may reach into its neighbours.
            if lo + end <= core_start or lo + start >= core_end or lo + start < end_of_last:
                continue
            findings.append(Finding(kind, text[lo + start : lo + end], lo + start, lo + end))
            end_of_last = lo + end
    return findings


def _before(folded: str, pos: int) -> str:
    """The visible character before ``pos`` ("" at the start)."""
    pos -= 1
    while pos >= 0 and folded[pos] == "\0":
        pos -= 1
    return folded[pos] if pos >= 0 else ""


def _after(folded: str, pos: int) -> str:
    while pos < len(folded) and folded[pos] == "\0":
        pos += 1
    return folded[pos] if pos < len(folded) else ""


def _follows_mask(folded: str, pos: int) -> bool:
    """Whether a mask (two or more mask characters, separators between them allowed) ends
    right before ``pos``, separators aside: ``****8000``, ``**** 8000``, ``***3 445``. A single
    ``*`` is a footnote mark or a prefix, not a mask."""
    masks = 0
    pos -= 1
    while pos >= 0 and folded[pos] in " \0*":
        masks += folded[pos] == "*"
        if masks == 2:
            return True
        pos -= 1
    return False


def _read(folded: str, pos: int, max_year: int):
    """(kind, start, end) of each finding in folded text, from ``pos`` on."""
    for match in _RUN.finditer(folded, pos):
        run_start, run_end = match.span("run")
        groups = [(g.start(), g.end()) for g in _GROUP.finditer(folded, run_start, run_end)]
        parts = [folded[s:e].replace("\0", "") for s, e in groups]
        if sum(len(p) for p in parts) < _MIN_DIGITS:
            continue
        if _after(folded, run_end) in _ALNUM:
            # The last group runs into a letter: it belongs to a longer code.
            groups.pop()
            parts.pop()
            if not parts:
                continue
        first = 0
        if _before(folded, run_start) in _ALNUM or (
            len(parts[0]) <= _MASK_TAIL and _follows_mask(folded, run_start)
        ):
            first = 1
        prefix_start = match.start("prefix")
        if prefix_start >= 0 and _before(folded, prefix_start) not in _ALNUM:
            j = _mobile_end(parts, 0) if parts else 0
            if j:
                yield "mobile", prefix_start, groups[j - 1][1]
                first = j
        i = first
        while i < len(parts):
            # Cheap test first: long runs of short numbers (tables) are common in attachments.
            hit = _match_at(parts, i, max_year) if len(parts[i]) in _HEAD_LENGTHS else None
            if hit is None:
                i += 1
                continue
            kind, j = hit
            yield kind, groups[i][0], groups[j - 1][1]
            i = j


def _match_at(parts: list[str], i: int, max_year: int) -> tuple[Kind, int] | None:
    """The finding that starts at group ``i``, as (kind, index after its last group).

    The length of the first group decides which patterns can apply.
    """
    head = parts[i]
    n = len(head)
    if n in (15, 18) and is_id_number(head, max_year=max_year):
        return "id_card", i + 1
    if 16 <= n <= 19:
        return ("bank_card", i + 1) if _is_card(head, max_year) else None
    if n == 6:
        if [len(p) for p in parts[i + 1 : i + 3]] == [8, 4] and is_id_number(
            "".join(parts[i : i + 3]), max_year=max_year
        ):
            return "id_card", i + 3
        return None
    if n == 4:
        j = _grouped_card_end(parts, i, max_year)
        return ("bank_card", j) if j else None
    if head == _COUNTRY_CODE and i + 1 < len(parts):
        j = _mobile_end(parts, i + 1)
        if j:
            return "mobile", j
    j = _mobile_end(parts, i)
    return ("mobile", j) if j else None


def _grouped_card_end(parts: list[str], i: int, max_year: int) -> int:
    """Index after a card printed in groups of four starting at group ``i``, or 0."""
    if [len(p) for p in parts[i + 1 : i + 4]] != [4, 4, 4]:
        return 0
    digits = "".join(parts[i : i + 4])
    # 4-4-4-4-3 is how 19-digit cards are printed; take the short tail only if it belongs.
    if i + 4 < len(parts) and len(parts[i + 4]) <= 3 and _is_card(digits + parts[i + 4], max_year):
        return i + 5
    return i + 4 if _is_card(digits, max_year) else 0


def _mobile_end(parts: list[str], i: int) -> int:
    """Index after a mobile number starting at group ``i`` (11 digits, 3-4-4, or 86 directly
    followed by 11 digits), or 0 if there is none."""
    head = parts[i]
    if len(head) == 3:
        if [len(p) for p in parts[i + 1 : i + 3]] == [4, 4] and _MOBILE.fullmatch(
            "".join(parts[i : i + 3])
        ):
            return i + 3
        return 0
    if len(head) == len(_COUNTRY_CODE) + 11 and head.startswith(_COUNTRY_CODE):
        head = head[len(_COUNTRY_CODE) :]
    return i + 1 if _MOBILE.fullmatch(head) else 0


def is_id_number(value: str, *, max_year: int | None = None) -> bool:
    """True for a valid mainland resident ID number (18-digit, or the old 15-digit form).

    Checks the province code, that the birth date is a real date between 1900 and
    ``max_year`` (default: this year) and, for the 18-digit form, the check digit. Digits and
    the check character may be full-width.
    """
    if max_year is None:
        max_year = date.today().year
    value = value.translate(_FOLD)
    if len(value) == 18:
        body, check = value[:17], value[17]
        if not body.isdigit():
            return False
    elif len(value) == 15:
        if not value.isdigit():
            return False
        body, check = value, ""
    else:
        return False
    if not _is_id_shaped(value, max_year):
        return False
    if check:
        total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
        return _ID_CHECK[total % 11] == check
    return True


def _is_id_shaped(digits: str, max_year: int) -> bool:
    """A known province code and a real birth date where an ID number has them."""
    birth = digits[6:14] if len(digits) == 18 else "19" + digits[6:12]
    return digits[:2] in _PROVINCES and birth.isdigit() and _is_date(birth, max_year)


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


def _is_card(digits: str, max_year: int) -> bool:
    if not 16 <= len(digits) <= 19 or not digits.isdigit():
        return False
    # Card numbers begin with an issuer prefix: UnionPay 62, Visa 4, Mastercard 51-55 and
    # 2221-2720, JCB 35, domestic 9x. Government text is full of long serials that begin
    # with a year ("2020…"), a 0 or a 1, and a tenth of those would pass Luhn by chance.
    first = digits[0]
    if first in "0178" or (first == "2" and not 2221 <= int(digits[:4]) <= 2720):
        return False
    if len(digits) == 18 and (is_credit_code(digits) or _is_id_shaped(digits, max_year)):
        # An all-digit credit code, or an ID number with a wrong check digit (a typo, or a
        # made-up example), passes Luhn one time in ten; neither is a card.
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
    keeps the first 3 and last 4 (``138****8000``). Only digits are replaced: separators,
    invisible characters and a country prefix stay where they are, so the mask has the length
    of the value."""
    try:
        head, tail = _MASK_KEEP[kind]
    except KeyError:
        raise ValueError(f"未知的个人信息类型：{kind!r}") from None
    folded = value.translate(_FOLD)
    positions = [k for k, ch in enumerate(folded) if ch in "0123456789X"]
    if kind == "mobile":
        # The country code is not personal; count from the 11 digits of the number itself.
        positions = positions[-11:]
    hidden = positions[head : len(positions) - tail]
    chars = list(value)
    for k in hidden:
        chars[k] = "*"
    return "".join(chars)


def redact(text: str, findings: list[Finding] | None = None) -> str:
    """Replace findings with their masks; the rest of the text is unchanged.

    Masks have the same length as what they replace, so offsets stay valid in the result.
    With ``findings`` given, exactly those are masked. Without, everything `scan` finds is,
    and the result is scanned again until nothing is left: a mask's visible end followed by
    other digits can, rarely, read as a new number."""
    if findings is not None:
        return _mask_all(text, findings)
    while found := scan(text):
        text = _mask_all(text, found)
    return text


def _mask_all(text: str, findings: list[Finding]) -> str:
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
