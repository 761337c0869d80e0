"""The unit-tree CSV rules: every bad file is refused whole, with row numbers."""

import pytest

from gongkai.core.domain.unit_tree import (
    UnitRow,
    UnitTreeError,
    check_unit_rows,
    decode_csv,
    order_parents_first,
    parse_unit_csv,
)

HEADER = "code,name,short_name,kind,parent_code\n"


def rows_of(body: str) -> list[UnitRow]:
    return parse_unit_csv(HEADER + body)


def test_parses_rows_with_spreadsheet_row_numbers():
    rows = rows_of("C,某县人民政府,某县,government,\nD,某县财政局,,department,C\n")
    assert [(r.row, r.code, r.parent_code) for r in rows] == [(2, "C", ""), (3, "D", "C")]


def test_blank_lines_are_skipped_and_cells_trimmed():
    rows = rows_of("\n C , 某县人民政府 ,, government ,\n")
    assert rows == [UnitRow(3, "C", "某县人民政府", "", "government", "")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "文件为空"),
        ("code,name,kind\nC,某县,government\n", "第 1 行（表头）缺少列：short_name, parent_code"),
        (HEADER + "C,某县人民政府,government\n", "第 2 行：列数不足"),
    ],
)
def test_malformed_files_are_refused(text, message):
    with pytest.raises(UnitTreeError, match=message):
        parse_unit_csv(text)


@pytest.mark.parametrize(
    ("body", "existing", "message"),
    [
        ("C,甲,,government,\nC,乙,,department,\n", {}, "第 3 行：单位代码“C”与第 2 行重复"),
        (",甲,,government,\n", {}, "第 2 行：单位代码（code）不能为空"),
        ("C C,甲,,government,\n", {}, "第 2 行：单位代码“C C”格式不正确"),
        ("C,,,government,\n", {}, "第 2 行：单位全称（name）不能为空"),
        ("C,甲,,county,\n", {}, "第 2 行：类型（kind）“county”无效"),
        ("C,甲,,government,X\n", {}, "第 2 行：上级单位代码“X”不存在"),
        ("C,甲,,government,C\n", {}, "第 2 行：单位不能是自己的上级单位"),
        ("A,甲,,government,B\nB,乙,,department,A\n", {}, "上级关系形成循环：A → B → A"),
        # A cycle through a unit already in the database is found too.
        ("A,甲,,government,B\n", {"B": "A"}, "第 2 行：上级关系形成循环：A → B → A"),
    ],
)
def test_bad_rows_are_refused_with_row_numbers(body, existing, message):
    with pytest.raises(UnitTreeError, match=message):
        check_unit_rows(rows_of(body), existing)


def test_parent_may_come_later_in_the_file_or_already_exist():
    rows = rows_of("V,村,,village,T\nT,镇,,township,C\n")
    check_unit_rows(rows, {"C": None})
    assert [r.code for r in order_parents_first(rows)] == ["T", "V"]


def test_every_problem_is_listed_at_once():
    with pytest.raises(UnitTreeError) as caught:
        check_unit_rows(rows_of(",甲,,x,\nD,,,government,\n"), {})
    assert len(caught.value.problems) == 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_from_spreadsheets(encoding):
    text = HEADER + "C,某县人民政府,,government,\n"
    assert decode_csv(text.encode(encoding)) == text
