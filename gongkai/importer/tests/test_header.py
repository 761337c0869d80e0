from datetime import date

import pytest

from gongkai.importer.domain.parse import parse_text

BODY = "现将《工作要点》印发给你们，请认真贯彻执行。"


def notice(*, head: str = "", signature: str = "", after: str = "", tail: str = "") -> str:
    head = (
        head
        or "甘肃省人民政府办公厅文件\n甘政办发〔2022〕5号\n甘肃省人民政府办公厅关于印发工作要点的通知"
    )
    signature = signature or "甘肃省人民政府办公厅\n2022年3月1日"
    return f"{head}\n各市州人民政府，省政府各部门：\n{BODY}\n{signature}\n{after}\n工作要点\n{tail}"


def test_a_complete_notice():
    document = parse_text(
        notice(
            after="（此件公开发布）",
            tail="抄送：省委办公厅，\n省人大常委会办公厅。\n甘肃省人民政府办公厅  2022年3月2日印发",
        )
    )
    assert document.doc_number == "甘政办发〔2022〕5号"
    assert document.issuers == ["甘肃省人民政府办公厅"]
    assert document.title == "甘肃省人民政府办公厅关于印发工作要点的通知"
    assert document.date == date(2022, 3, 1)
    assert document.printed_date == date(2022, 3, 2)
    assert document.recipients == ["各市州人民政府", "省政府各部门"]
    assert document.cc == ["省委办公厅", "省人大常委会办公厅"]
    assert document.disclosure == "主动公开"
    assert document.warnings == []


@pytest.mark.parametrize(
    ("signature", "issuers", "written"),
    [
        (
            "中共甘肃省委办公厅\n甘肃省人民政府办公厅\n2022年3月1日",
            ["中共甘肃省委办公厅", "甘肃省人民政府办公厅"],
            date(2022, 3, 1),
        ),
        (
            "甘肃省财政厅　　甘肃省教育厅\n2022年3月1日",
            ["甘肃省财政厅", "甘肃省教育厅"],
            date(2022, 3, 1),
        ),
        ("2022年3月1日\n甘肃省人民政府办公厅", ["甘肃省人民政府办公厅"], date(2022, 3, 1)),
        ("甘肃省人民政府办公厅  2022年3月1日", ["甘肃省人民政府办公厅"], date(2022, 3, 1)),
        ("甘肃省人民政府办公厅\n二〇二二年十一月三日", ["甘肃省人民政府办公厅"], date(2022, 11, 3)),
        (
            "甘肃省人民政府办公厅\n二〇二二年十月二十一日",
            ["甘肃省人民政府办公厅"],
            date(2022, 10, 21),
        ),
    ],
)
def test_signatures(signature, issuers, written):
    document = parse_text(notice(signature=signature))
    assert (document.issuers, document.date) == (issuers, written)


def test_issuers_come_from_the_letterhead_when_the_signature_has_none():
    document = parse_text(notice(signature="2022年3月1日"))
    assert document.issuers == ["甘肃省人民政府办公厅"]
    assert document.date == date(2022, 3, 1)


def test_web_page_times_are_not_the_written_date():
    head = (
        "- 时间:2022-04-30\n- 点击:267\n发布日期：2022年5月6日\n"
        "甘肃省人民政府办公厅关于印发工作要点的通知"
    )
    document = parse_text(notice(head=head))
    assert document.date == date(2022, 3, 1)
    assert "点击" not in document.body and "2022-04-30" not in document.body


def test_the_written_date_falls_back_to_the_pages_metadata():
    text = (
        "成文日期：2022年03月01日\n发文字号：甘政办发[2022]5号\n"
        "甘肃省人民政府办公厅关于印发工作要点的通知\n各市州人民政府：\n"
        f"{BODY}\n"
    )
    document = parse_text(text)
    assert document.date == date(2022, 3, 1)
    assert document.doc_number == "甘政办发〔2022〕5号"


@pytest.mark.parametrize(
    "head",
    [
        "甘政办发[2022]5号\n甘肃省人民政府办公厅关于印发工作要点的通知",
        "甘政办发（2022）第5號\n甘肃省人民政府办公厅关于印发工作要点的通知",
        "甘政办发〔2022〕5号　　签发人：张三\n甘肃省人民政府办公厅关于印发工作要点的通知",
    ],
)
def test_doc_number_spellings_in_the_head(head):
    assert parse_text(notice(head=head)).doc_number == "甘政办发〔2022〕5号"


def test_a_doc_number_quoted_in_the_body_is_not_the_documents():
    head = "甘肃省人民政府办公厅关于印发工作要点的通知"
    document = parse_text(
        notice(head=head, tail="为落实《通知》（国办发〔2020〕17号）要求，制定本要点。")
    )
    assert document.doc_number is None


@pytest.mark.parametrize(
    "head",
    [
        "甘肃省人民政府办公厅关于印发\n工作要点的通知",
        "甘肃省人民政府办公厅\n关于印发工作要点的通知",
        "甘肃省人民政府办公厅关于印发 工作要点 的通知",
    ],
)
def test_a_title_split_over_lines_is_joined(head):
    assert parse_text(notice(head=head)).title == "甘肃省人民政府办公厅关于印发工作要点的通知"


@pytest.mark.parametrize(
    ("where", "note", "disclosure"),
    [
        ("after", "（此件公开发布）", "主动公开"),
        ("after", "（此件主动公开）", "主动公开"),
        ("after", "(此件公开发布)", "主动公开"),
        ("after", "（此件删减后公开）", "主动公开"),
        ("after", "（此件依申请公开）", "依申请公开"),
        ("after", "（此件不予公开）", "不予公开"),
        ("after", "（此件不公开）", "不予公开"),
        ("tail", "公开属性：主动公开", "主动公开"),
        ("tail", "公开方式：依申请公开", "依申请公开"),
        ("tail", "公开属性：不予公开", "不予公开"),
        ("tail", "（此件公开发布）", "主动公开"),
        ("after", "", None),
    ],
)
def test_disclosure_attribute(where, note, disclosure):
    document = parse_text(notice(**{where: note}))
    assert document.disclosure == disclosure
    assert any("未找到公开属性" in warning for warning in document.warnings) is (disclosure is None)


def test_conflicting_disclosure_attributes_are_reported():
    document = parse_text(notice(after="（此件公开发布）", tail="公开属性：依申请公开"))
    assert document.disclosure == "主动公开"
    assert any("公开属性前后不一致" in warning for warning in document.warnings)


def test_a_document_without_a_title_says_so():
    document = parse_text(f"各市州人民政府：\n{BODY}\n甘肃省人民政府办公厅\n2022年3月1日")
    assert document.title is None
    assert document.issuers == ["甘肃省人民政府办公厅"]
    assert any("未找到标题" in warning for warning in document.warnings)


def test_text_without_any_document_elements_gives_an_empty_document_with_warnings():
    document = parse_text("Hello world.")
    assert (document.doc_number, document.title, document.date, document.tasks) == (
        None,
        None,
        None,
        [],
    )
    assert document.body == "Hello world."
    assert document.warnings


def test_blank_text_gives_an_empty_document():
    document = parse_text("\n \u3000\n")
    assert document.body == ""
    assert document.warnings == ["没有可识别的文字"]
