"""Parsing never fails on any input: it returns a document or raises NotADocumentError."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.importer.domain.errors import NotADocumentError
from gongkai.importer.domain.model import ParsedDocument
from gongkai.importer.domain.parse import parse_bytes, parse_text
from gongkai.importer.seed_documents import SEED_DIR

SEED_LINES = sorted(
    {
        line
        for path in SEED_DIR.glob("*.txt")
        for line in path.read_text(encoding="utf-8").split("\n")
    }
)
NAMES = st.sampled_from(["x.txt", "x.docx", "x.pdf", "x.html", "x", "x.TXT", "x.wps"])
MAGIC = st.sampled_from(
    [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<html>", b"\xef\xbb\xbf", b"\xff\xfe"]
)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parses_or_refuses(data: bytes, filename: str) -> None:
    try:
        document = parse_bytes(data, filename)
    except NotADocumentError as error:
        assert error.filename == filename
        assert error.reason
        return
    assert isinstance(document, ParsedDocument)
    json.dumps(document.to_json(), ensure_ascii=False)


@FUZZ
@given(data=st.binary(max_size=4096), filename=NAMES)
def test_random_bytes(data, filename):
    parses_or_refuses(data, filename)


@FUZZ
@given(magic=MAGIC, data=st.binary(max_size=2048), filename=NAMES)
def test_random_bytes_behind_a_file_signature(magic, data, filename):
    parses_or_refuses(magic + data, filename)


@FUZZ
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_random_text_in_any_encoding(text, encoding):
    parses_or_refuses(text.encode(encoding, errors="replace"), "x.txt")


@FUZZ
@given(
    lines=st.lists(
        st.one_of(
            st.sampled_from(SEED_LINES), st.text(alphabet="（）〔〕一二三1.、，。：；号年月日?ù┩\n")
        ),
        max_size=60,
    )
)
def test_shuffled_seed_lines(lines):
    document = parse_text("\n".join(lines))
    json.dumps(document.to_json(), ensure_ascii=False)
    for task in document.tasks:
        assert "\ue000" not in task.text and "\ue000" not in task.title
    assert "\ue000" not in document.body
