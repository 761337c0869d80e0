"""Plain text of a document's body and text attachments, for the personal-data scan."""

from __future__ import annotations

from collections.abc import Iterator
from html import unescape

from django.utils.html import strip_tags

from gongkai.importer.domain.errors import NotADocumentError
from gongkai.importer.domain.extract import extract_text

TEXT_ATTACHMENT_SUFFIXES = (".txt", ".docx", ".html", ".htm", ".pdf", ".csv")


def body_text(document) -> str:
    return unescape(strip_tags(document.body or ""))


def attachment_texts(document) -> Iterator[tuple[str, str]]:
    for attachment in document.attachments.select_related("file"):
        name = attachment.file.file.name
        if not name.lower().endswith(TEXT_ATTACHMENT_SUFFIXES):
            continue
        with attachment.file.file.open("rb") as handle:
            data = handle.read()
        try:
            text, _warnings = extract_text(data, name)
        except NotADocumentError:
            continue
        yield str(attachment), text
