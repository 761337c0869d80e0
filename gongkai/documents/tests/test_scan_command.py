"""``gongkai scan FILE [--json]``: findings, exit status 0/1/2, any readable format."""

import json
from io import StringIO

import docx
import pytest
from django.core.management import CommandError, call_command

ID = "11010519491231002X"
MOBILE = "13800138000"
TEXT = f"关于张三同志的情况说明\n联系人：张三\n身份证号：{ID}，电话 {MOBILE}。\n"


def scan(path, *args):
    """(stdout, exit status, error message) of the command."""
    out = StringIO()
    try:
        call_command("scan", str(path), *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error.returncode, str(error)
    return out.getvalue(), 0, ""


def test_json_lists_unmasked_findings_and_exits_1(tmp_path):
    path = tmp_path / "说明.txt"
    path.write_text(TEXT, encoding="utf-8")
    out, status, message = scan(path, "--json")
    start = TEXT.index(ID)
    assert json.loads(out) == {
        "findings": [
            {"kind": "id_card", "value": ID, "start": start, "end": start + 18},
            {
                "kind": "mobile",
                "value": MOBILE,
                "start": TEXT.index(MOBILE),
                "end": TEXT.index(MOBILE) + 11,
            },
        ]
    }
    assert status == 1 and "“说明.txt”中有 2 处个人信息" in message


def test_readable_list_masks_values_and_gives_line_numbers(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(TEXT.encode("gb18030"))  # legacy Windows encoding, detected
    out, status, _ = scan(path)
    assert status == 1
    assert out.splitlines() == [
        "“gbk.txt”中发现 2 处个人信息：",
        "  第 3 行  身份证号  1101**********002X",
        "  第 3 行  手机号码  138****8000",
    ]
    assert ID not in out and MOBILE not in out


def test_a_clean_file_exits_0(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("甘政办发〔2020〕83号 2020年8月19日 咨询电话：0931-8888888\n", encoding="utf-8")
    assert scan(path, "--json")[:2] == ('{\n  "findings": []\n}\n', 0)
    assert scan(path)[:2] == ("“clean.txt”中未发现个人信息。\n", 0)


def test_docx_input(tmp_path):
    path = tmp_path / "附件.docx"
    document = docx.Document()
    document.add_paragraph("补贴发放名单")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "李四"
    table.rows[0].cells[1].text = "6222 0202 0000 0000 006"
    document.save(path)
    out, status, _ = scan(path, "--json")
    findings = json.loads(out)["findings"]
    assert status == 1
    assert [(f["kind"], f["value"]) for f in findings] == [("bank_card", "6222 0202 0000 0000 006")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "“empty.txt”不是可以导入的文档：文件是空的"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "“image.png”不是可以导入的文档"),
        ("fake.docx", "不是Word".encode(), "“fake.docx”不是可以导入的文档"),
        ("missing.txt", None, "无法读取文件"),
    ],
)
def test_unreadable_input_exits_2_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    out, status, error = scan(path, "--json")
    assert status == 2 and message in error and name in error
    assert out == ""
