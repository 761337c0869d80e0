"""The text of an uploaded file: plain text, .docx, .html or a PDF with a text layer.

The format is taken from the file's first bytes where they are unambiguous (PDF, ZIP, the
old OLE container of .doc/.wps, images) and from its name otherwise, because uploads are
often misnamed. Anything that cannot hold document text is a `NotADocumentError`; the
third-party readers raise a wide variety of exceptions on damaged files, so each reader is
wrapped and its failure reported as such.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser

from .decode import decode_declared, decode_text
from .errors import NotADocumentError

# A .docx is a ZIP; refuse archives that would inflate to more than this (a "zip bomb").
_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A PDF whose pages yield fewer visible characters than this has no usable text layer.
_MIN_PDF_TEXT = 10

# Other image formats hold NUL bytes and are refused as binary by the text decoder.
_IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b", re.I | re.S
)
_HTML_WHITESPACE = re.compile(r"[ \t\r\n\f]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def extract_text(data: bytes, filename: str) -> tuple[str, list[str]]:
    """The raw text of a file, and warnings about reading it."""
    name = filename.lower()
    head = data[:1024].lstrip(b"\xef\xbb\xbf")
    if b"%PDF-" in head:
        return _pdf_text(data, filename), []
    if data.startswith(b"PK\x03\x04"):
        return _docx_text(data, filename), []
    if data.startswith(_OLE_SIGNATURE):
        raise NotADocumentError(
            filename, "这是旧版 Word（.doc）或 WPS 文件，请另存为 .docx 或 PDF 后再导入"
        )
    if data.startswith(_IMAGE_SIGNATURES) and not name.endswith((".txt", ".html", ".htm")):
        raise NotADocumentError(filename, "这是图片，不含可读取的文字")
    if name.endswith(".pdf"):
        raise NotADocumentError(filename, "文件名是 .pdf，但内容不是 PDF")
    if name.endswith(".docx"):
        raise NotADocumentError(filename, "文件名是 .docx，但内容不是 Word 文档")
    if name.endswith((".html", ".htm", ".shtml", ".xhtml")) or _HTML_START.match(head):
        return _html_text(data, filename)
    return decode_text(data, filename)


def _pdf_text(data: bytes, filename: str) -> str:
    import pypdf  # Imported here: only PDF uploads pay for loading it.

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise NotADocumentError(filename, "PDF 已加密，无法读取文字")
        pages = [page.extract_text() or "" for page in reader.pages]
    except NotADocumentError:
        raise
    except Exception as error:  # pypdf raises many exception types on damaged files.
        raise NotADocumentError(filename, "PDF 文件已损坏，无法读取") from error
    text = "\n\f".join(pages)
    if len(re.sub(r"\s", "", text)) < _MIN_PDF_TEXT:
        raise NotADocumentError(
            filename, "PDF 没有文字层（可能是扫描件或图片），请先做文字识别（OCR）"
        )
    return text


def _docx_text(data: bytes, filename: str) -> str:
    import docx  # Imported here: only .docx uploads pay for loading python-docx.

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise NotADocumentError(filename, "压缩包里没有 Word 文档内容（不是 .docx 文件）")
            if sum(info.file_size for info in archive.infolist()) > _MAX_UNPACKED_BYTES:
                raise NotADocumentError(filename, "文件解压后过大，疑似恶意构造")
        document = docx.Document(io.BytesIO(data))
        lines = []
        for block in document.iter_inner_content():
            if isinstance(block, docx.table.Table):
                lines.extend(_table_rows(block))
            else:
                lines.append(block.text)
    except NotADocumentError:
        raise
    except Exception as error:  # python-docx and lxml raise many types on damaged files.
        raise NotADocumentError(filename, "Word 文档已损坏，无法读取") from error
    text = "\n".join(lines)
    if not text.strip():
        raise NotADocumentError(filename, "Word 文档里没有文字")
    return text


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans.
            if not cells or cell.text != cells[-1]:
                cells.append(cell.text)
        rows.append("\t".join(cells))
    return rows


def _html_text(data: bytes, filename: str) -> tuple[str, list[str]]:
    declared = _META_CHARSET.search(data[:4096])
    markup = decode_declared(data, declared[1].decode("ascii")) if declared else None
    warnings: list[str] = []
    if markup is None:
        markup, warnings = decode_text(data, filename)
    parser = _TextParser()
    try:
        parser.feed(markup)
        parser.close()
    except Exception as error:  # html.parser is lenient, but it is not worth a crash.
        raise NotADocumentError(filename, "网页无法解析") from error
    return parser.text(), warnings


class _TextParser(HTMLParser):
    """Visible text of a page, with block elements and <br> as line breaks."""

    _BLOCKS = frozenset(
        {
            "address",
            "article",
            "aside",
            "blockquote",
            "br",
            "dd",
            "div",
            "dl",
            "dt",
            "figcaption",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "table",
            "tbody",
            "thead",
            "tfoot",
            "tr",
            "ul",
        }
    )
    _HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body":
            # Pages that never close <head> must not lose their whole body.
            self._hidden_depth = 0
        elif tag in self._HIDDEN:
            self._hidden_depth += 1
        elif tag in self._BLOCKS:
            self._parts.append("\n")
        elif tag in ("td", "th"):
            self._parts.append("\t")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in self._BLOCKS:
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in self._BLOCKS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            # Whitespace in markup collapses to one space, as a browser shows it; cleaning
            # later drops the space where it stands between Chinese characters.
            self._parts.append(_HTML_WHITESPACE.sub(" ", data))

    def text(self) -> str:
        return "".join(self._parts)
