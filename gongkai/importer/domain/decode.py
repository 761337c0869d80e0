"""Bytes of a plain-text file → str, with the encoding detected rather than assumed.

Chinese government text arrives as UTF-8 (with or without BOM), GB18030/GBK/GB2312 from
older Windows tools, now and then Big5 or UTF-16. Statistical detectors guess badly on short
Chinese text, so the cheap strict decodes come first: a file that decodes as strict UTF-8 is
UTF-8 (other encodings of Chinese almost never form valid UTF-8). GB18030 decodes many byte
strings that are not GB18030, so its result must also look like Chinese text before it is
accepted. charset-normalizer is the last resort, and a lossy decode after that is reported in
the warnings (the U+FFFD it leaves is then reported by the garbled-text check).
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from .errors import NotADocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control bytes other than tab, newline, form feed, carriage return and escape do not occur in
# text files; a few percent of them means an executable, an image or an archive.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01

# Characters that make up real Chinese documents: ASCII, CJK ideographs, CJK and full-width
# punctuation, general punctuation, Latin-1 letters. A wrong legacy decode yields kana,
# box-drawing, Hangul, private-use and rare-extension characters instead.
_TEXTLIKE = re.compile(
    r"[\t\n\r\f\x20-\x7e\xa0-\xff\u2000-\u206f\u2160-\u217f\u2460-\u24ff\u25a0-\u25ff"
    r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
)
_MIN_TEXTLIKE_SHARE = 0.97
_MAX_DAMAGED_SHARE = 0.01
_FEW_DAMAGED = 8


def decode_text(data: bytes, filename: str) -> tuple[str, list[str]]:
    """The text of `data` and any warnings about how it was decoded.

    Raises `NotADocumentError` for empty or binary data.
    """
    if not data.strip():
        raise NotADocumentError(filename, "文件是空的")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), []
    if len(_CONTROL_BYTES.findall(data[:65536])) > _MAX_CONTROL_SHARE * min(len(data), 65536):
        raise NotADocumentError(filename, "内容是二进制数据，不是文字")

    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text):
            return text, []

    # A UTF-8 file with a few damaged bytes (a truncated download, a bad copy) is still UTF-8.
    lossy = data.decode("utf-8", errors="replace")
    if lossy.count("\ufffd") <= max(_FEW_DAMAGED, _MAX_DAMAGED_SHARE * len(lossy)):
        return lossy, ["文件含有少量无法解码的字节，已按 UTF-8 读取并替换，请核对文字是否正确"]

    best = charset_normalizer.from_bytes(data).best()
    if best is not None and looks_like_text(str(best)):
        return str(best), [f"文件编码无法确定，按 {best.encoding} 读取，请核对文字是否正确"]
    return (
        data.decode("gb18030", errors="replace"),
        ["文件编码无法确定，按 GB18030 读取，无法识别的字节已替换，请核对文字是否正确"],
    )


def decode_declared(data: bytes, encoding: str) -> str | None:
    """`data` decoded with a declared encoding (an HTML meta charset), or None if that fails."""
    # GB2312 and GBK pages routinely use characters only GB18030 has; it is a superset of both.
    if encoding.lower().replace("-", "").replace("_", "") in {"gb2312", "gbk", "xgbk", "cp936"}:
        encoding = "gb18030"
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def looks_like_text(text: str) -> bool:
    if not text:
        return False
    return len(_TEXTLIKE.findall(text)) >= _MIN_TEXTLIKE_SHARE * len(text)
