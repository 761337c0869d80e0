"""A parsed file as the fields of a document to register, with the defaults the importer fills
in where the file is silent. No database: the command and the admin upload both start here."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import PurePath

from gongkai.documents.domain.attributes import Disclosure
from gongkai.documents.domain.doc_number import parse_doc_number

from .domain.classification import classification_mark
from .domain.dates import find_dates
from .domain.errors import NotADocumentError
from .domain.extract import extract_text
from .domain.model import Task
from .domain.parse import parse_bytes

DISCLOSURE_VALUES: dict[str, Disclosure] = {
    "主动公开": Disclosure.PROACTIVE,
    "依申请公开": Disclosure.ON_REQUEST,
    "不予公开": Disclosure.NOT_DISCLOSED,
}
TITLE_LENGTH = 300
# A web copy states when the page went up (发布日期：2020-07-26) in its first lines.
_PUBLISHED_LINE = re.compile(r"(?:发布|發布)(?:日期|时间|時間)\s*[:：]\s*(?P<value>.+)")
_HEAD_LINES = 30


@dataclass
class Candidate:
    source: str
    """The file as people know it: a path, or the name of an upload."""
    sha256: str
    title: str
    doc_number: str
    written_on: date
    printed_on: date | None
    disclosure: str
    """A `Disclosure` value, or "" when the file does not say."""
    recipients: str
    cc: str
    body: str
    """HTML, one paragraph per line of the parsed text."""
    year: int
    """The document's year, which deadlines written without one (年底前) refer to."""
    tasks: list[Task] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_candidate(data: bytes, name: str, *, modified: date, source: str) -> Candidate:
    """Raises `NotADocumentError` for a file that holds no document text, or that carries a
    密级 mark (a classified document is never registered here)."""
    parsed = parse_bytes(data, name)
    if level := classification_mark(parsed.body):
        raise NotADocumentError(name, f"标有密级（{level}），本平台连接互联网，不登记涉密公文")
    warnings = list(parsed.warnings)
    title = parsed.title
    if not title:
        title = PurePath(name).stem
        warnings.append("未识别出标题，暂以文件名作为标题，请核对")
    written_on = parsed.date
    if written_on is None:
        written_on = _web_publication_date(data, name)
        if written_on is not None:
            warnings.append(
                f"未识别出成文日期，暂以网页的发布日期 {written_on} 作为成文日期，请核对"
            )
    if written_on is None:
        written_on = modified
        warnings.append(f"未识别出成文日期，暂以文件修改日期 {written_on} 作为成文日期，请核对")
    doc_number = parsed.doc_number or ""
    numbered = parse_doc_number(doc_number) if doc_number else None
    return Candidate(
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        title=title[:TITLE_LENGTH],
        doc_number=doc_number,
        written_on=written_on,
        printed_on=parsed.printed_date,
        disclosure=DISCLOSURE_VALUES.get(parsed.disclosure or "", ""),
        # Newlines, not 顿号: names such as 各市、自治州人民政府 contain 顿号 themselves.
        recipients="\n".join(parsed.recipients),
        cc="\n".join(parsed.cc),
        body="".join(f"<p>{escape(line)}</p>" for line in parsed.body.split("\n") if line),
        year=parsed.date.year if parsed.date else numbered.year if numbered else written_on.year,
        tasks=parsed.tasks,
        warnings=warnings,
    )


def _web_publication_date(data: bytes, name: str) -> date | None:
    # Read again only for the few files without a written date; the parser keeps web-page
    # chrome to itself.
    text, _ = extract_text(data, name)
    for line in text.splitlines()[:_HEAD_LINES]:
        match = _PUBLISHED_LINE.search(line)
        if match and (dates := find_dates(match["value"])):
            return dates[0][2]
    return None
