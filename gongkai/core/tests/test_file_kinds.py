"""Uploads are judged by their content: the file must be what its name says, of a kind the
caller accepts, not empty and not too large; every refusal is one Chinese sentence."""

import io
import zipfile

import pytest
from docx import Document as WordDocument
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from gongkai.core.domain.file_kinds import (
    MEGABYTE,
    SCANS,
    SCANS_AND_OFFICE,
    FileKind,
    UploadRefused,
    check_file,
    content_kinds,
    labels,
)

PDF = b"%PDF-1.4\n%test\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00"


def _docx() -> bytes:
    out = io.BytesIO()
    WordDocument().save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def check(name: str, data: bytes, kinds=SCANS_AND_OFFICE, max_bytes=MEGABYTE) -> FileKind:
    return check_file(name, len(data), io.BytesIO(data), kinds=kinds, max_bytes=max_bytes)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("扫描件.pdf", PDF, FileKind.PDF),
        ("照片.JPG", JPEG, FileKind.JPEG),
        ("照片.jpeg", JPEG, FileKind.JPEG),
        ("截图.png", PNG, FileKind.PNG),
        ("总结.docx", _docx(), FileKind.DOCX),
        ("台账.xlsx", _xlsx(), FileKind.XLSX),
        ("旧版.doc", OLE2, FileKind.DOC),
        ("旧版.xls", OLE2, FileKind.XLS),
        ("开放格式.odt", ODT, FileKind.ODT),
    ],
)
def test_a_file_that_is_what_its_name_says_is_accepted(name, data, kind):
    assert check(name, data) is kind


@pytest.mark.parametrize(
    ("name", "data", "kinds", "message"),
    [
        ("a.pdf", b"", SCANS, "文件“a.pdf”是空文件"),
        ("big.pdf", PDF + b"0" * MEGABYTE, SCANS, "文件“big.pdf”超过1MB"),
        ("tool.exe", EXE, SCANS, "不是有效的PDF、JPG或PNG文件（按文件内容检查）"),
        ("tool.pdf", EXE, SCANS, "不是有效的PDF、JPG或PNG文件"),
        ("photo.jpg", PNG, SCANS, "不是有效的PDF、JPG或PNG文件"),  # content and name disagree
        ("总结.docx", _docx(), SCANS, "不是有效的PDF、JPG或PNG文件"),  # not a kind asked for
        ("总结.pdf", _docx(), SCANS_AND_OFFICE, "不是有效的PDF、JPG、PNG、Word、Excel或"),
        ("a.docx", _zip({"x.txt": b"x"}), SCANS_AND_OFFICE, "按文件内容检查"),
        ("a.docx", b"PK\x03\x04 broken archive", SCANS_AND_OFFICE, "按文件内容检查"),
        ("a.ppt", OLE2, SCANS_AND_OFFICE, "按文件内容检查"),
        ("noextension", PDF, SCANS, "按文件内容检查"),
    ],
)
def test_a_refusal_says_what_is_wrong_in_chinese(name, data, kinds, message):
    with pytest.raises(UploadRefused, match=message):
        check(name, data, kinds)


def test_the_stream_is_left_at_its_start_for_whoever_stores_it():
    stream = io.BytesIO(_docx())
    assert content_kinds(stream) == {FileKind.DOCX}
    assert stream.tell() == 0


def test_labels_name_each_kind_once():
    assert labels(SCANS) == "PDF、JPG或PNG"
    assert labels(frozenset({FileKind.DOC, FileKind.DOCX})) == "Word"


@given(st.binary(max_size=64), st.sampled_from(["a.pdf", "a.jpg", "a.png", "a.docx", "a.doc"]))
def test_content_that_starts_like_no_kind_is_never_accepted(data, name):
    magics = (b"%PDF-", b"\xff\xd8\xff", b"\x89PNG", b"\xd0\xcf\x11\xe0", b"PK\x03\x04")
    if data.startswith(magics) or not data:
        return
    with pytest.raises(UploadRefused):
        check(name, data)


@given(st.sampled_from([("a.pdf", PDF), ("a.jpg", JPEG), ("a.png", PNG), ("a.doc", OLE2)]))
def test_an_accepted_kind_is_one_of_the_kinds_asked_for(case):
    name, data = case
    for kinds in (SCANS, SCANS_AND_OFFICE, frozenset({FileKind.PDF})):
        try:
            assert check(name, data, kinds) in kinds
        except UploadRefused:
            assert not content_kinds(io.BytesIO(data)) & kinds
