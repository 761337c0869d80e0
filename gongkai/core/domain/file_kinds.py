"""What an uploaded file is, judged by its content: the one check every upload that is kept
(applicants' identity proofs and correction material, delivery proofs, ledger evidence) goes
through. A name proves nothing: ``scan.pdf`` may be a program, so the file must start the way
its kind does, and its name must agree with what it is.

Office documents are ZIP archives (``.docx``, ``.xlsx``, OpenDocument) or OLE2 compound files
(``.doc``, ``.xls``); an archive is opened to see which document it holds.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath
from typing import BinaryIO

from .errors import DomainError

MEGABYTE = 1024 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


class FileKind(StrEnum):
    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    DOCX = "docx"
    XLSX = "xlsx"
    DOC = "doc"
    XLS = "xls"
    ODT = "odt"
    ODS = "ods"


@dataclass(frozen=True)
class KindFacts:
    label: str
    extensions: frozenset[str]
    content_type: str


FACTS: dict[FileKind, KindFacts] = {
    FileKind.PDF: KindFacts("PDF", frozenset({"pdf"}), "application/pdf"),
    FileKind.JPEG: KindFacts("JPG", frozenset({"jpg", "jpeg"}), "image/jpeg"),
    FileKind.PNG: KindFacts("PNG", frozenset({"png"}), "image/png"),
    FileKind.DOCX: KindFacts(
        "Word",
        frozenset({"docx"}),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    FileKind.XLSX: KindFacts(
        "Excel",
        frozenset({"xlsx"}),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    FileKind.DOC: KindFacts("Word", frozenset({"doc"}), "application/msword"),
    FileKind.XLS: KindFacts("Excel", frozenset({"xls"}), "application/vnd.ms-excel"),
    FileKind.ODT: KindFacts(
        "OpenDocument", frozenset({"odt"}), "application/vnd.oasis.opendocument.text"
    ),
    FileKind.ODS: KindFacts(
        "OpenDocument", frozenset({"ods"}), "application/vnd.oasis.opendocument.spreadsheet"
    ),
}

# Scans and photos: what an applicant or a delivery proof is.
SCANS = frozenset({FileKind.PDF, FileKind.JPEG, FileKind.PNG})
# Scans and photos, and the office documents units write (Word, Excel, OpenDocument).
SCANS_AND_OFFICE = SCANS | {
    FileKind.DOCX,
    FileKind.XLSX,
    FileKind.DOC,
    FileKind.XLS,
    FileKind.ODT,
    FileKind.ODS,
}

_ARCHIVED = {
    "word/document.xml": FileKind.DOCX,
    "xl/workbook.xml": FileKind.XLSX,
}
_OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": FileKind.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": FileKind.ODS,
}


class UploadRefused(DomainError):
    pass


def _archived_kind(stream: BinaryIO) -> FileKind | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            for member, kind in _ARCHIVED.items():
                if member in names:
                    return kind
            if "mimetype" in names:
                return _OPENDOCUMENT.get(archive.read("mimetype").strip())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def content_kinds(stream: BinaryIO) -> frozenset[FileKind]:
    """The kinds ``stream``'s content may be (an OLE2 file may be a .doc or an .xls); the
    stream is left at its start."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return frozenset({FileKind.PDF})
        if head.startswith(b"\xff\xd8\xff"):
            return frozenset({FileKind.JPEG})
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return frozenset({FileKind.PNG})
        if head.startswith(_OLE2):
            return frozenset({FileKind.DOC, FileKind.XLS})
        if head.startswith(_ZIP):
            kind = _archived_kind(stream)
            return frozenset({kind}) if kind else frozenset()
        return frozenset()
    finally:
        stream.seek(0)


def labels(kinds: frozenset[FileKind]) -> str:
    """``PDF、JPG或PNG``: the kinds as a person names them, in `FileKind` order."""
    names = list(dict.fromkeys(FACTS[k].label for k in FileKind if k in kinds))
    return names[0] if len(names) == 1 else "、".join(names[:-1]) + "或" + names[-1]


def check_file(
    name: str, size: int, stream: BinaryIO, *, kinds: frozenset[FileKind], max_bytes: int
) -> FileKind:
    """The kind of an uploaded file, or `UploadRefused` saying in Chinese what is wrong."""
    if not size:
        raise UploadRefused(f"文件“{name}”是空文件，请重新选择。")
    if size > max_bytes:
        raise UploadRefused(
            f"文件“{name}”超过{max_bytes // MEGABYTE}MB，请压缩或分成几个文件后重新上传。"
        )
    extension = PurePosixPath(name.lower()).suffix.removeprefix(".")
    for kind in content_kinds(stream) & kinds:
        if extension in FACTS[kind].extensions:
            return kind
    raise UploadRefused(
        f"文件“{name}”不是有效的{labels(kinds)}文件（按文件内容检查），请重新选择。"
    )
