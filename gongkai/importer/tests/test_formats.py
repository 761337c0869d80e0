"""Every input format gives the same document: encodings, .docx, .html and PDF."""

import io
from datetime import date
from pathlib import Path

import docx
import pytest
from PIL import Image
from pypdf import PdfWriter

from gongkai.importer.domain.errors import NotADocumentError
from gongkai.importer.domain.parse import parse_bytes
from gongkai.importer.seed_documents import SEED_DIR

FIXTURES = Path(__file__).parent / "fixtures"
SEED_003 = (SEED_DIR / "003_4ae80daa2dba9a29.txt").read_text(encoding="utf-8")
SEED_000 = (SEED_DIR / "000_1590f85b70e2054b.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encoding", "line_end"),
    [
        ("utf-8", "\n"),
        ("utf-8-sig", "\n"),
        ("utf-8", "\r\n"),
        ("utf-8-sig", "\r\n"),
        ("gb18030", "\n"),
        ("gb18030", "\r\n"),
        ("gbk", "\r\n"),
        ("utf-16", "\r\n"),
    ],
)
@pytest.mark.parametrize("text", [SEED_000, SEED_003], ids=["000", "003"])
def test_encodings_and_line_ends_give_the_same_document(text, encoding, line_end):
    expected = parse_bytes(text.encode("utf-8"), "seed.txt").to_json()
    data = text.replace("\n", line_end).encode(encoding)
    assert parse_bytes(data, "seed.txt").to_json() == expected


def test_short_gbk_text_is_not_mistaken_for_another_encoding():
    document = parse_bytes("各市州人民政府：\n现印发给你们。".encode("gbk"), "short.txt")
    assert document.recipients == ["各市州人民政府"]


def test_big5_text_is_decoded_and_simplified():
    text = "甘肅省人民政府辦公廳關於印發政務公開工作要點的通知\n各市州人民政府：\n現印發給你們。"
    document = parse_bytes(text.encode("big5"), "big5.txt")
    assert document.title == "甘肃省人民政府办公厅关于印发政务公开工作要点的通知"


def test_docx_paragraphs_and_tables():
    document = docx.Document()
    for line in SEED_003.split("\n"):
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=3)
    for row, cells in zip(
        table.rows, [("序号", "任务", "牵头单位"), ("1", "推进公开", "市政务公开办")], strict=True
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)

    parsed = parse_bytes(buffer.getvalue(), "通知.docx")
    from_text = parse_bytes(SEED_003.encode("utf-8"), "通知.txt")
    assert parsed.tasks == from_text.tasks
    assert parsed.to_json()["title"] == from_text.to_json()["title"]
    assert parsed.body.endswith("序号\t任务\t牵头单位\n1\t推进公开\t市政务公开办")


def test_html_blocks_breaks_entities_and_hidden_elements():
    page = """<!DOCTYPE html>
<html><head><meta charset="gb2312"><title>网页标题_甘肃省人民政府</title>
<style>p { color: red } /* 样式里的中文 */</style>
<script>var note = "脚本里的中文";</script></head>
<body><div class="content">
<p>甘肃省人民政府办公厅关于印发&nbsp;工作要点的通知</p>
<p>甘政办发&#x3014;2022&#x3015;5号</p>
<p>各市州人民政府，<br>省政府各部门：</p>
<p>现将&ldquo;工作要点&rdquo;印发给你们，请认真贯彻执行。</p>
<p>甘肃省人民政府办公厅<br/>2022年3月1日</p>
<p>（此件公开发布）</p>
<p>一、重点任务</p>
<p>（一）推进公开。做好
   公开。（责任单位：省政府办公厅）</p>
<noscript>请启用脚本</noscript>
</div></body></html>"""
    parsed = parse_bytes(page.encode("gb18030"), "page.html")
    assert parsed.title == "甘肃省人民政府办公厅关于印发工作要点的通知"
    assert parsed.doc_number == "甘政办发〔2022〕5号"
    assert parsed.recipients == ["各市州人民政府", "省政府各部门"]
    assert parsed.date == date(2022, 3, 1)
    assert parsed.disclosure == "主动公开"
    assert "“工作要点”" in parsed.body
    for hidden in ("网页标题", "样式里的中文", "脚本里的中文", "请启用脚本"):
        assert hidden not in parsed.body
    (task,) = parsed.tasks
    assert (task.title, task.text) == ("推进公开", "推进公开。做好公开。")


def test_html_is_recognised_by_its_content_too():
    page = "<html><body><p>各市州人民政府：</p><p>现印发给你们。</p></body></html>"
    assert parse_bytes(page.encode(), "download").recipients == ["各市州人民政府"]


def test_pdf_text_layer_with_page_numbers_and_a_paragraph_across_pages():
    parsed = parse_bytes((FIXTURES / "notice.pdf").read_bytes(), "notice.pdf")
    assert parsed.doc_number == "平政办发〔2023〕51号"
    assert parsed.title == "平凉市人民政府办公室关于印发平凉市2023年政务公开工作要点的通知"
    assert parsed.issuers == ["平凉市人民政府办公室"]
    assert (parsed.date, parsed.printed_date) == (date(2023, 5, 22), date(2023, 5, 22))
    assert parsed.recipients == ["各县（市、区）人民政府", "市直各部门"]
    assert parsed.disclosure == "主动公开"
    assert "—" not in parsed.body
    first, second = parsed.tasks
    assert "发展规划、行政许可及其他对外管理服务" in first.text
    assert (first.number, first.path, first.lead_units, first.deadline) == (
        "一",
        ["一", "（一）"],
        ["市政府政务公开办"],
        date(2023, 12, 31),
    )
    assert (second.title, second.deadline_text) == ("提高政策解读质量", "持续推进")


def pdf_of_an_image() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(buffer, "PDF")
    return buffer.getvalue()


def pdf_of_a_blank_page() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "reason"),
    [
        (pdf_of_an_image(), "扫描件.pdf", "没有文字层"),
        (pdf_of_a_blank_page(), "blank.pdf", "没有文字层"),
        (b"%PDF-1.7\n1 0 obj garbage", "broken.pdf", "PDF 文件已损坏"),
        (b"not a pdf at all", "x.pdf", "内容不是 PDF"),
        (b"PK\x03\x04 not really a zip", "x.docx", "Word 文档已损坏"),
        (b"plain words", "x.docx", "内容不是 Word 文档"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old.doc", "旧版 Word"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "photo.png", "图片"),
        (b"", "empty.txt", "文件是空的"),
        (b" \r\n\t ", "blank.txt", "文件是空的"),
        (bytes(range(256)) * 4, "data.bin", "二进制"),
    ],
)
def test_files_that_are_not_documents(data, filename, reason):
    with pytest.raises(NotADocumentError) as raised:
        parse_bytes(data, filename)
    assert raised.value.filename == filename
    assert reason in raised.value.reason
    assert str(raised.value) == f"“{filename}”不是可以导入的文档：{raised.value.reason}"


def test_a_docx_zip_without_a_document_part():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "你好")
    with pytest.raises(NotADocumentError, match=r"不是 \.docx 文件"):
        parse_bytes(buffer.getvalue(), "x.docx")


def test_undecodable_bytes_are_read_with_a_warning():
    data = "各市州人民政府：\n现印发给你们。".encode() + b"\xff\xfe\xfd" + "请认真执行。".encode()
    parsed = parse_bytes(data, "mixed.txt")
    assert parsed.recipients == ["各市州人民政府"]
    assert any("无法解码的字节" in warning for warning in parsed.warnings)
    assert "\ufffd" not in parsed.body
