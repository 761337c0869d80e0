"""发文字号 (doc numbers): normalising, parsing, validating and finding them in running text.

GB/T 9704-2012 §7.2.5 fixes the form: issuer code, the full year in 六角括号 〔〕, the serial
number without "第" and without leading zeros, then "号" — ``甘政办发〔2020〕83号``. Real text
is less tidy: web copies and typed search queries use ``[2020]``, ``(2020)``, ``【2020】``,
``［2020］``, full-width digits, the traditional "號", "第083号", stray spaces, or no brackets
at all (``甘政办发2020 83号``). Everything here maps those to the canonical form, so the
document register, the importer and search compare doc numbers as equal strings.

Pure Python: no Django imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CANONICAL = re.compile(r"^[\u4e00-\u9fa5A-Za-z]+〔\d{4}〕[1-9]\d*号$")

_OPEN = "〔［【（﹝〖[("
_CLOSE = "〕］】）﹞〗])"
_CODE = r"[\u4e00-\u9fffA-Za-z]"
_SPACE = r"[ \t\u3000\xa0]"
_TO_ASCII = str.maketrans("０１２３４５６７８９號", "0123456789号")

# A whole string that is one doc number. Without brackets the year must be set off from the
# serial by a space, otherwise "2020183号" could be 〔2020〕183 or 〔202〕0183.
_WHOLE = re.compile(
    rf"^{_SPACE}*(?P<code>{_CODE}+?){_SPACE}*"
    rf"(?:[{re.escape(_OPEN)}]{_SPACE}*(?P<year>\d{{4}}){_SPACE}*[{re.escape(_CLOSE)}]"
    rf"|(?P<bare_year>\d{{4}}){_SPACE}+)"
    rf"{_SPACE}*第?{_SPACE}*(?P<serial>\d{{1,6}}){_SPACE}*号{_SPACE}*$"
)

# In running text brackets are required: a bare "2020 83号" is too easily part of a sentence.
_IN_TEXT = re.compile(
    rf"(?P<code>{_CODE}{{1,20}}){_SPACE}*"
    rf"[{re.escape(_OPEN)}]{_SPACE}*(?P<year>[0-9０-９]{{4}}){_SPACE}*[{re.escape(_CLOSE)}]"
    rf"{_SPACE}*第?{_SPACE}*(?P<serial>[0-9０-９]{{1,6}}){_SPACE}*[号號]"
)

# Words that often stand right before a doc number in a sentence ("根据国办发〔2020〕17号").
# The regex cannot tell where the issuer code starts inside a run of Chinese characters, so
# these are cut off the front. Single characters that begin real issuer codes (经 in 经信委,
# 中 in 中办发) are deliberately absent.
_LEADING_WORDS = sorted(
    {
        "根据",
        "依据",
        "按照",
        "依照",
        "参照",
        "遵照",
        "对照",
        "执行",
        "贯彻落实",
        "贯彻",
        "落实",
        "印发",
        "转发",
        "下发",
        "详见",
        "参见",
        "见",
        "即",
        "和",
        "及",
        "以及",
        "与",
        "或",
        "的",
        "以",
        "对",
        "将",
        "在",
        "据",
        "由",
        "为",
        "是",
        "文件",
        "通知",
        "精神",
        "要求",
        "规定",
        "办法",
        "意见",
    },
    key=len,
    reverse=True,
)


@dataclass(frozen=True)
class DocNumber:
    issuer_code: str
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.issuer_code}〔{self.year}〕{self.serial}号"


@dataclass(frozen=True)
class DocNumberMatch:
    """A doc number found in running text: where it is, as written, and what it means."""

    start: int
    end: int
    text: str
    doc_number: DocNumber


def parse_doc_number(text: str) -> DocNumber | None:
    """The parts of `text` if the whole of it is one doc number in any common spelling."""
    match = _WHOLE.match(text.translate(_TO_ASCII))
    if match is None:
        return None
    serial = int(match["serial"])
    if serial == 0:
        return None
    year = int(match["year"] or match["bare_year"])
    return DocNumber(match["code"], year, serial)


def normalize_doc_number(text: str) -> str:
    """The canonical spelling of a doc number.

    Text that is not a parseable doc number comes back tidied the same way (brackets, 號,
    full-width digits, spaces) but otherwise unchanged, so it can still be stored and compared.
    """
    parsed = parse_doc_number(text)
    if parsed is not None:
        return str(parsed)
    tidied = re.sub(_SPACE, "", text.translate(_TO_ASCII))
    for opening in _OPEN:
        tidied = tidied.replace(opening, "〔")
    for closing in _CLOSE:
        tidied = tidied.replace(closing, "〕")
    return tidied


def is_valid_doc_number(text: str) -> bool:
    """Whether `text` is already in the canonical GB/T 9704 form (no normalising is done)."""
    return CANONICAL.match(text) is not None


def find_doc_numbers(text: str) -> list[DocNumberMatch]:
    """Every doc number in running text, with bracket variants and "號" accepted."""
    # The regex may start at any Chinese character; most paragraphs have no 号 at all.
    if "号" not in text and "號" not in text:
        return []
    found = []
    for match in _IN_TEXT.finditer(text):
        code = _strip_leading_words(match["code"])
        start = match.end("code") - len(code)
        serial = int(match["serial"].translate(_TO_ASCII))
        if serial == 0:
            continue
        year = int(match["year"].translate(_TO_ASCII))
        found.append(
            DocNumberMatch(
                start=start,
                end=match.end(),
                text=text[start : match.end()],
                doc_number=DocNumber(code, year, serial),
            )
        )
    return found


def _strip_leading_words(code: str) -> str:
    stripped = True
    while stripped:
        stripped = False
        for word in _LEADING_WORDS:
            if code.startswith(word) and len(code) - len(word) >= 2:
                code = code[len(word) :]
                stripped = True
                break
    return code
