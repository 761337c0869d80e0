"""Entry points: a file or its bytes → `ParsedDocument`.

Parsing never raises on bad content: whatever can be read is returned, and what could not be
read is said in `warnings`. Only input that holds no document text at all raises
`NotADocumentError`.
"""

from __future__ import annotations

import os
from pathlib import Path

from .clean import clean_text, strip_sentinels
from .errors import NotADocumentError
from .extract import extract_text
from .header import Header, read_header
from .model import ParsedDocument
from .outline import match_numbering
from .tasks import extract_tasks

__all__ = ["NotADocumentError", "parse_bytes", "parse_file", "parse_text"]


def parse_file(path: str | os.PathLike[str]) -> ParsedDocument:
    path = Path(path)
    return parse_bytes(path.read_bytes(), path.name)


def parse_bytes(data: bytes, filename: str) -> ParsedDocument:
    """Parse the content of an uploaded file; `filename` gives the format and names the file
    in error messages."""
    text, warnings = extract_text(data, filename)
    return parse_text(text, warnings)


def parse_text(text: str, warnings: list[str] | None = None) -> ParsedDocument:
    paragraphs, clean_warnings = clean_text(text)
    warnings = [*(warnings or []), *clean_warnings]
    if not paragraphs:
        return ParsedDocument(warnings=[*warnings, "没有可识别的文字"])
    header = read_header(paragraphs)
    warnings += header.warnings
    tasks = extract_tasks(_task_regions(paragraphs, header), header.year, warnings)
    body = "\n".join(
        paragraph for index, paragraph in enumerate(paragraphs) if index not in header.chrome
    )
    return ParsedDocument(
        doc_number=header.doc_number,
        issuers=header.issuers,
        title=header.title,
        title_rule=header.title_rule,
        date=header.date,
        printed_date=header.printed_date,
        recipients=header.recipients,
        cc=header.cc,
        disclosure=header.disclosure,
        body=strip_sentinels(body),
        tasks=tasks,
        warnings=warnings,
    )


def _task_regions(paragraphs: list[str], header: Header) -> list[list[str]]:
    """The notice's own text and what follows its signature, each numbered on its own.

    A forwarded document is left out when the forwarding notice has numbered items itself:
    those are the tasks the notice sets; the forwarded text is another office's document.
    Nothing after the 印发 line is: it ends the document, and what a converter puts after it
    (a table that floated to the end of a .docx) belongs to no item.
    """
    skip = header.chrome | header.back_matter
    start = header.recipients_at + 1 if header.recipients_at is not None else 0
    end = len(paragraphs)
    if header.printed_at is not None and header.printed_at > (header.date_at or start):
        end = header.printed_at
    if header.date_at is None:
        return [_without(paragraphs, range(start, end), skip)]
    notice = _without(paragraphs, range(start, header.date_at), skip)
    if header.forwarded_at is not None and any(match_numbering(p) for p in notice):
        end = header.forwarded_at
    rest = _without(paragraphs, range(header.date_at + 1, end), skip)
    return [notice, rest]


def _without(paragraphs: list[str], indexes: range, skip: set[int]) -> list[str]:
    return [paragraphs[index] for index in indexes if index not in skip]
