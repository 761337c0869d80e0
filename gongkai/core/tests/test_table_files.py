"""Spreadsheet uploads read into rows of text, and the sentence for each file that cannot be."""

import io

import pytest
from openpyxl import Workbook

from gongkai.core.domain.table_files import TableFileError, read_table_file


def read(data: bytes, filename: str, **options):
    return read_table_file(
        data, filename, **{"max_bytes": 1024 * 1024, "max_rows": 3, "cell_text": str, **options}
    )


def workbook(*sheets: tuple[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"x" * (1024 * 1024 + 1), "a.csv", "文件超过 1 MB"),
        (b"  \r\n", "a.csv", "文件为空。"),
        (b"\xff\xfe\x00\xd8", "a.csv", "文件编码无法识别"),
        (b"data", "a.xls", "不支持旧版 Excel（.xls）文件"),
        (b"data", "a.txt", "只能导入 .xlsx 或 .csv 文件。"),
        (b"not a zip file", "a.xlsx", "无法读取 .xlsx 文件（"),
    ],
)
def test_a_file_that_cannot_be_read_gets_one_sentence(data, filename, message):
    with pytest.raises(TableFileError, match=message):
        read(data, filename)


def test_csv_in_either_encoding_with_one_row_more_than_the_limit():
    text = "单位,金额\n甲, 1\n乙,2\n丙,3\n丁,4\n"
    for data in (text.encode("utf-8-sig"), text.encode("gb18030")):
        assert read(data, "表.CSV") == [
            ("", [["单位", "金额"], ["甲", " 1"], ["乙", "2"], ["丙", "3"]])
        ]


def test_xlsx_sheets_with_the_callers_cell_text():
    data = workbook(("一", [["a", 2.5], [None, "b"]]), ("二", [["c"]]))
    text = lambda value: "" if value is None else str(value)  # noqa: E731
    assert read(data, "t.xlsx", cell_text=text) == [
        ("一", [["a", "2.5"], ["", "b"]]),
        ("二", [["c"]]),
    ]
    assert read(data, "t.xlsx", cell_text=text, first_sheet_only=True) == [
        ("一", [["a", "2.5"], ["", "b"]])
    ]
