import pytest

from gongkai.documents.domain.doc_number import (
    DocNumber,
    find_doc_numbers,
    is_valid_doc_number,
    normalize_doc_number,
    parse_doc_number,
)

CANONICAL = "甘政办发〔2020〕83号"


@pytest.mark.parametrize(
    "written",
    [
        "甘政办发〔2020〕83号",
        "甘政办发[2020]83号",
        "甘政办发(2020)83号",
        "甘政办发（2020）83号",
        "甘政办发【2020】83号",
        "甘政办发［2020］83号",
        "甘政办发﹝2020﹞83号",
        "甘政办发〔2020〕83號",
        "甘政办发〔２０２０〕８３号",
        "甘政办发〔2020〕第83号",
        "甘政办发〔2020〕083号",
        "甘政办发〔2020〕第083號",
        " 甘政办发 〔 2020 〕 83 号 ",
        "甘政办发\u3000〔2020〕83号",
        "甘政办发2020 83号",
        "甘政办发 2020 83号",
        "甘政办发[2020)83号",
    ],
)
def test_spellings_normalise_to_the_canonical_form(written):
    assert normalize_doc_number(written) == CANONICAL
    assert parse_doc_number(written) == DocNumber("甘政办发", 2020, 83)


@pytest.mark.parametrize(
    ("written", "parsed"),
    [
        ("国发〔2018〕43号", DocNumber("国发", 2018, 43)),
        ("国办公开办函〔2021〕30号", DocNumber("国办公开办函", 2021, 30)),
        ("国办发明电〔2024〕12号", DocNumber("国办发明电", 2024, 12)),
        ("积县政办发〔2021〕45号", DocNumber("积县政办发", 2021, 45)),
        ("京Z发〔2020〕1号", DocNumber("京Z发", 2020, 1)),
        ("粤府办〔2020〕14号", DocNumber("粤府办", 2020, 14)),
    ],
)
def test_parse_splits_issuer_code_year_and_serial(written, parsed):
    assert parse_doc_number(written) == parsed
    assert str(parsed) == written


@pytest.mark.parametrize(
    "text",
    [
        "",
        "甘政办发",
        "〔2020〕83号",
        "甘政办发〔2020〕0号",
        "甘政办发〔2020〕第0号",
        "甘政办发〔20〕83号",
        "甘政办发〔2020〕83",
        "甘政办发202083号",  # year and serial run together: ambiguous
        "关于印发甘肃省政务公开工作实施方案的通知",
        "甘政办发〔2020〕83号文件",
    ],
)
def test_parse_rejects_what_is_not_one_doc_number(text):
    assert parse_doc_number(text) is None


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("甘政办发[2020]0号", "甘政办发〔2020〕0号"),
        ("通知（２０２０）", "通知〔2020〕"),
        ("无文号", "无文号"),
    ],
)
def test_normalise_tidies_text_it_cannot_parse(text, normalised):
    assert normalize_doc_number(text) == normalised


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("甘政办发〔2020〕83号", True),
        ("国发〔2018〕43号", True),
        ("京Z发〔2020〕1号", True),
        ("甘政办发[2020]83号", False),
        ("甘政办发(2020)83号", False),
        ("甘政办发〔2020〕083号", False),
        ("甘政办发〔2020〕第83号", False),
        ("甘政办发〔2020〕0号", False),
        ("甘政办发〔2020〕83號", False),
        ("甘政办发〔20〕83号", False),
        ("〔2020〕83号", False),
        ("甘政办发 〔2020〕83号", False),
    ],
)
def test_is_valid_accepts_only_the_canonical_form(text, valid):
    assert is_valid_doc_number(text) is valid


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("（国办发〔2020〕17号）", ["国办发〔2020〕17号"]),
        ("根据甘政办发[2020]83号文件要求", ["甘政办发〔2020〕83号"]),
        ("按照临州办发（2020）第048號规定", ["临州办发〔2020〕48号"]),
        (
            "和贯彻落实国发〔2018〕43号、国办发〔2019〕54号精神",
            ["国发〔2018〕43号", "国办发〔2019〕54号"],
        ),
        ("确保在2020年底前完成，共83号楼", []),
        ("甘政办发〔2020〕0号", []),
        ("没有文号的句子。", []),
    ],
)
def test_find_locates_doc_numbers_in_running_text(text, found):
    matches = find_doc_numbers(text)
    assert [str(match.doc_number) for match in matches] == found
    for match in matches:
        assert text[match.start : match.end] == match.text


def test_find_reports_the_written_span():
    (match,) = find_doc_numbers("根据甘政办发[2020]83号文件")
    assert (match.start, match.end, match.text) == (2, 15, "甘政办发[2020]83号")
