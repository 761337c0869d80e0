"""Raw document text → clean paragraphs, one string per paragraph.

The order of the steps matters: pinyin annotations go first (their tone-marked letters would
otherwise look like mojibake), garbled runs are cut before punctuation is normalised (an ASCII
"?" is the mark of a lost byte only until it becomes "？"), and broken lines are joined last,
when page numbers are gone and punctuation is uniform.
"""

from __future__ import annotations

import re
import unicodedata

from gongkai.documents.domain.doc_number import find_doc_numbers

from .dates import date_line
from .garbled import SENTINEL, cut_garbled_runs
from .outline import is_heading_like, match_numbering
from .traditional import is_traditional, to_simplified

_MAX_GARBLED_WARNINGS = 20

_LINE_BREAKS = re.compile(r"\r\n?|[\f\v\x85\u2028\u2029]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u00ad\u200b-\u200d\u2060\ufeff]")
# Tabs stay: they separate table cells (from .docx and .html) and names set side by side.
_ODD_SPACES = re.compile(r"[\xa0\u2002-\u200a\u202f\u205f]")


def _compatibility_table() -> dict[int, str]:
    # PDF text layers often use Kangxi radicals (⾏ U+2F8F) or compatibility ideographs for
    # ordinary characters (行); they look the same but would not match in search.
    table = {}
    for start, end in ((0x2E80, 0x2FDF), (0xF900, 0xFAFF)):
        for code in range(start, end + 1):
            normal = unicodedata.normalize("NFKC", chr(code))
            if len(normal) == 1 and normal != chr(code):
                table[code] = normal
    # ASCII letters and digits are written half-width in Chinese text (GB/T 15834).
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)):
        table[code] = chr(code - 0xFEE0)
    table[0xFF0E] = "."  # full-width full stop, only ever seen in item numbers ("1．")
    return table


_CHARACTERS = _compatibility_table()
_HAS_VARIANT_FORMS = re.compile("[" + "".join(map(chr, _CHARACTERS)) + "]")

_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_HAN_CHARACTER = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# One pinyin syllable: an initial, a final of one to three vowels (one of them tone-marked)
# with an optional nasal or 儿 ending, or the syllabic nasals of 嗯 and 呣.
_SYLLABLE = (
    rf"(?=[a-zü]*[{_TONE_VOWELS}])(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    rf"[aeiouüv{_TONE_VOWELS}]{{1,3}}(?:ng|n|r)?"
    r"|[ńňǹ]g?|ḿ"
)
# Web copies annotate characters with pinyin: 時(shí)間, and a page whose ruby markup was
# flattened sets the annotation off with spaces: 辦 (bàn) 發 (fā). Only an annotation right
# after a Chinese character counts, and it must be one tone-marked syllable, so that "(PPP)",
# "(见附件)" or "(café)" stay. Capitals occur at the start of names (Lán).
_PINYIN = re.compile(
    rf"(?P<character>[{_HAN_CHARACTER}])[ \u3000]?[(（] ?(?:{_SYLLABLE}) ?[)）]"
    rf"(?: (?=[{_HAN_CHARACTER}]))?",
    re.IGNORECASE,
)
# Tone marks typed as combining accents (a + U+0300) are composed first.
_COMBINING_MARKS = re.compile("[\u0300-\u036f]")
# Text without a tone mark has no annotation; one scan for that spares most files the pattern.
_TONE_MARK = re.compile(f"[{_TONE_VOWELS}ńňǹḿ]", re.IGNORECASE)

_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\ue000"
_PUNCTUATION = str.maketrans(
    {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
)
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,200})\)")
_ASCII_PUNCTUATION = re.compile(rf"(?<=[{_WIDE}])[,:;()?!]|[,:;()?!](?=[{_WIDE}])")
_HAS_WIDE = re.compile(rf"[{_WIDE}]")
_ANY_ASCII_PUNCTUATION = re.compile(r"[,:;()?!]")

# Two or more spaces after the end of a sentence start a new paragraph: web pages that lost
# their line breaks keep the 　　 indent of the next paragraph ("…利民。　　三、围绕…").
_LOST_PARAGRAPH_BREAK = re.compile(r"(?<=[。！？；：）”])[ \u3000]{2,}(?=\S)")
_SINGLE_SPACE_BY_WIDE = re.compile(rf"(?<=[{_WIDE}]) (?! )|(?<! ) (?=[{_WIDE}])")
# Several spaces between Chinese words stay as a separator: joint issuers are signed on one line.
_SPACE_RUN = re.compile(r"  +")

_PAGE_NUMBER = re.compile(
    r"[-—–－─~～·]+ ?\d{1,4} ?[-—–－─~～·]+"
    r"|\d{1,3}"
    r"|第 ?\d{1,4} ?页(?:[ ，,]*共 ?\d{1,4} ?页)?"
    r"|\d{1,4} ?/ ?\d{1,4}"
)
# Full lines of wrapped text vary by a few cells (punctuation, half-width digits).
_FULL_LINE_SHARE = 0.9
_WRAPPED_LINES_SHARE = 0.2
# Printed lines hold about 28 Chinese characters (GB/T 9704); short lines say nothing.
_MIN_WRAP_WIDTH = 40
_MIN_FULL_LINES = 4
_NARROW = re.compile(r"[\x00-\xff]")
_ENDS_SENTENCE = re.compile(r"[。！？；：）)」』】…]$")
_PROSE = re.compile(r"[，。；]")
_STARTS_BLOCK = re.compile(
    r"(?:牵头|责任|配合|协办|参与|主办|实施)(?:单位|部门)|完成时限|完成时间|时限要求"
    r"|抄送|附件|附：|（此件|公开属性|公开方式|主送"
)


def clean_text(raw: str) -> tuple[list[str], list[str]]:
    """The paragraphs of `raw` after cleaning, and warnings about what could not be kept."""
    warnings = []
    text = _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", raw))
    text = _ODD_SPACES.sub(" ", text)
    if _HAS_VARIANT_FORMS.search(text):
        text = text.translate(_CHARACTERS)

    if _COMBINING_MARKS.search(text):
        text = unicodedata.normalize("NFC", text)
    if _TONE_MARK.search(text):
        text, annotations = _PINYIN.subn(r"\g<character>", text)
        if annotations:
            warnings.append(f"已删除 {annotations} 处拼音注音")
    text, runs = cut_garbled_runs(text)
    for run in runs[:_MAX_GARBLED_WARNINGS]:
        warnings.append(
            f"第{run.line}行有无法识别的乱码“{run.text}”，已删除（上下文：{run.context}）"
        )
    if len(runs) > _MAX_GARBLED_WARNINGS:
        warnings.append(f"另有 {len(runs) - _MAX_GARBLED_WARNINGS} 处乱码已删除")
    if is_traditional(text):
        text = to_simplified(text)
        warnings.append("原文是繁体字，已转换为简体字，请核对人名、地名等专有名词")

    text = _normalise_punctuation(text)
    text = _LOST_PARAGRAPH_BREAK.sub("\n", text)
    lines = [_tidy_spaces(line) for line in text.split("\n")]
    lines = [line for line in lines if line and not _PAGE_NUMBER.fullmatch(line)]
    return [_normalise_doc_numbers(paragraph) for paragraph in _join_broken_lines(lines)], warnings


def strip_sentinels(text: str) -> str:
    return text.replace(SENTINEL, "")


def _normalise_punctuation(text: str) -> str:
    if not _ANY_ASCII_PUNCTUATION.search(text):
        return text

    def pair(match: re.Match[str]) -> str:
        whole = match.group(0)
        start, end = match.span()
        around = text[max(0, start - 1) : end + 1]
        return f"（{match[1]}）" if _HAS_WIDE.search(around) else whole

    text = _PAREN_PAIR.sub(pair, text)
    return _ASCII_PUNCTUATION.sub(lambda match: match.group(0).translate(_PUNCTUATION), text)


def _tidy_spaces(line: str) -> str:
    line = line.strip(" \u3000\t")
    if " " not in line and "\u3000" not in line:
        return line
    line = line.replace("\u3000", " ")
    line = _SINGLE_SPACE_BY_WIDE.sub("", line)
    return _SPACE_RUN.sub("  ", line)


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Paragraphs, with lines that a page break or a hard wrap cut mid-sentence put back."""
    full_width = _wrap_width(lines)
    paragraphs: list[str] = []
    previous_line = ""
    for line in lines:
        wrapped = full_width is not None and _width(previous_line) >= full_width
        if paragraphs and _continues(paragraphs[-1], line, wrapped):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
        previous_line = line
    return paragraphs


def _wrap_width(lines: list[str]) -> int | None:
    """The width from which a line counts as full, if the text is hard-wrapped.

    PDF text layers (and some .txt exports) break every printed line; full lines are then
    about as wide as the widest line, while in unwrapped text the widest lines are rare.
    """
    widths = [width for width in map(_width, lines) if width >= _MIN_WRAP_WIDTH]
    if not widths:
        return None
    full = int(max(widths) * _FULL_LINE_SHARE)
    full_lines = sum(width >= full for width in widths)
    if full_lines < _MIN_FULL_LINES or full_lines < _WRAPPED_LINES_SHARE * len(widths):
        return None
    return full


def _width(line: str) -> int:
    """Printed width in half-width cells: a Chinese character takes two."""
    return 2 * len(line) - len(_NARROW.findall(line))


def _continues(previous: str, line: str, wrapped: bool) -> bool:
    if _ENDS_SENTENCE.search(previous) or _STARTS_BLOCK.match(line):
        return False
    if match_numbering(line) is not None or date_line(line) is not None:
        return False
    if wrapped or previous.endswith(("，", "、")):
        return True
    # Without a comma or full stop the line is a title, heading or signature, which ends
    # without punctuation; a sentence cut by a page break has them before the cut.
    return _PROSE.search(previous) is not None and not is_heading_like(previous)


def _normalise_doc_numbers(paragraph: str) -> str:
    found = find_doc_numbers(paragraph)
    for match in reversed(found):
        canonical = str(match.doc_number)
        if match.text != canonical:
            paragraph = paragraph[: match.start] + canonical + paragraph[match.end :]
    return paragraph
