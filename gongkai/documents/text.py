"""Plain text of what the public reads of a document: for search and for the publication gate."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import PurePath

from django.utils.html import strip_tags

from gongkai.core.domain.personal_data import redact
from gongkai.core.domain.publication_gate import PublicText
from gongkai.importer.domain.errors import NotADocumentError
from gongkai.importer.domain.extract import extract_text

TEXT_ATTACHMENT_SUFFIXES = (".txt", ".docx", ".html", ".htm", ".pdf", ".csv")
# Attribute values of rich text that reach readers: image descriptions, tooltips, link targets
# (a ``tel:`` link is a phone number in the page's source).
PUBLIC_ATTRIBUTES = frozenset({"alt", "title", "href", "aria-label"})


def body_text(document) -> str:
    return rich_text(document.body)


def rich_text(html: str | None) -> str:
    return unescape(strip_tags(html or ""))


class _AttributeReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.values += [value for name, value in attrs if name in PUBLIC_ATTRIBUTES and value]


def rich_text_attributes(html: str | None) -> str:
    """The public attribute values of rich text, one a line."""
    reader = _AttributeReader()
    reader.feed(html or "")
    reader.close()
    return "\n".join(reader.values)


def _attachment_text(attachment) -> str | None:
    name = attachment.file.file.name
    if not name.lower().endswith(TEXT_ATTACHMENT_SUFFIXES):
        return None
    with attachment.file.file.open("rb") as handle:
        data = handle.read()
    try:
        text, _warnings = extract_text(data, name)
    except NotADocumentError:
        return None
    return text


def attachment_texts(document) -> Iterator[tuple[str, str]]:
    for attachment in document.attachments.select_related("file"):
        text = _attachment_text(attachment)
        if text is not None:
            yield str(attachment), text


def _rich_texts(label: str, html: str | None) -> list[PublicText]:
    return [
        PublicText(label, rich_text(html)),
        PublicText(f"{label}中的链接和图片说明", rich_text_attributes(html)),
    ]


def interpretation_texts(interpretation) -> list[PublicText]:
    # Labels never carry a field's raw text: they are shown in messages and the audit log.
    name = f"政策解读“{redact(interpretation.title)}”"
    return [
        PublicText(f"{name}的标题", interpretation.title),
        *_rich_texts(f"{name}的解读内容", interpretation.body),
        PublicText(f"{name}的图解文字说明", interpretation.image_alt),
    ]


def public_texts(document, interpretations: Iterable | None = None) -> list[PublicText]:
    """Every text of the document the public may read (the portal page and its ``<meta>``
    tags, the feed, search, downloads), and of the interpretations published with it (all of
    the document's by default). Works on a document as stored and on one rebuilt from a
    revision (what a scheduled publication will make live)."""
    texts = [
        PublicText("标题", document.title),
        PublicText("发文字号", document.doc_number),
        PublicText("主送机关", document.recipients),
        PublicText("抄送机关", document.cc),
        PublicText("内容概述", document.summary),
        *_rich_texts("正文", document.body),
    ]
    for position, attachment in enumerate(document.attachments.select_related("file"), start=1):
        name = f"附件{position}“{redact(str(attachment))}”"
        texts.append(PublicText(f"{name}的名称", str(attachment)))
        # The file's name is in its download address.
        texts.append(PublicText(f"{name}的文件名", PurePath(attachment.file.file.name).name))
        if (text := _attachment_text(attachment)) is not None:
            texts.append(PublicText(f"{name}的内容", text))
    if interpretations is None:
        interpretations = document.interpretations.all() if document.pk else []
    for interpretation in interpretations:
        texts += interpretation_texts(interpretation)
    return texts
