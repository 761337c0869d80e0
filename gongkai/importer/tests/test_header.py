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
    assert document.title_rule == "title_line"
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
    document = parse_text("各市州人民政府：\n请认真贯彻执行。\n甘肃省人民政府办公厅\n2022年3月1日")
    assert (document.title, document.title_rule) == (None, None)
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


# A web copy of a traditional-character page whose characters carry pinyin (辦(bàn)), as the
# 甘肃 2016 seed is, but with its head kept: the doc number is read through the annotations.
PINYIN_HEAD = "甘肅省人民政府辦(bàn)公廳(tīng)文件\n{number}\n甘肅省人民政府辦(bàn)公廳(tīng)關(guān)於(yú)印發(fā)工作要點(diǎn)的通知"


@pytest.mark.parametrize(
    "number",
    [
        "甘政辦(bàn)發(fā)〔2016〕57號(hào)",
        "甘政辦（bàn）發（fā）〔2016〕57號（hào）",
        "甘政辦(bàn)發(fā)[2016]57號(hào)",
        "甘政辦(bàn)發(fā)(2016)57號(hào)",
        # Flattened ruby markup sets the annotations off with spaces.
        "甘政辦 (bàn) 發 (fā) 〔2016〕57號 (hào)",
        # Tone marks typed as combining accents, and a capitalised syllable.
        "甘政辦(ba\u0300n)發(fa\u0304)〔2016〕57號(ha\u0300o)",
        "甘政辦(Bàn)發(Fā)〔2016〕57號(Hào)",
        "甘政辦(bàn)發(fā)〔2016〕57號(hào)  簽(qiān)發(fā)人(rén):張(zhāng)三",
    ],
)
def test_a_doc_number_with_pinyin_annotations_is_recognised(number):
    document = parse_text(notice(head=PINYIN_HEAD.format(number=number)))
    assert document.doc_number == "甘政办发〔2016〕57号"
    assert document.title == "甘肃省人民政府办公厅关于印发工作要点的通知"


# The 甘肃 2016 seed as the web shows it: no 版头, no doc number, no title line; chrome, the
# recipients, the notice, the signature, the note, then the plan.
WEB_COPY = (
    "- 時(shí)間:2016-05-25\n- 點(diǎn)擊:267\n"
    "各市、自治州人民政府,省政府各部門(mén):\n"
    "{notice}\n甘肅省人民政府辦(bàn)公廳(tīng)\n2016年5月25日\n（此件公開發(fā)布）\n"
    "{plan}\n一、圍繞深化改革推進(jìn)公開。做好公開。(省審改辦牽頭落實(shí))"
)
ISSUING = "《甘肅省2016年政務(wù)公開工作要點(diǎn)》已經(jīng)省政府同意,現(xiàn)印發(fā)給你們,請(qǐng)認(rèn)真貫徹執(zhí)行。"


@pytest.mark.parametrize(
    ("notice_text", "plan", "title", "rule"),
    [
        # The plan's own title line is preferred: a notice may quote other documents too.
        (
            ISSUING,
            "甘肅省2016年政務(wù)公開工作要點(diǎn)",
            "甘肃省2016年政务公开工作要点",
            "plan_title_line",
        ),
        (
            ISSUING,
            "附件\n甘肅省2016年政務(wù)公開工作要點(diǎn)",
            "甘肃省2016年政务公开工作要点",
            "plan_title_line",
        ),
        # No title line (the plan starts with its text): the 《》 of the 印发 sentence.
        (ISSUING, "", "甘肃省2016年政务公开工作要点", "notice_quote"),
        (
            "現(xiàn)將《國務院辦公廳關於印發2016年政務公開工作要點的通知》轉(zhuǎn)發(fā)給你們。",
            "",
            "国务院办公厅关于印发2016年政务公开工作要点的通知",
            "notice_quote",
        ),
        # A 《》 outside an 印发/转发 sentence is a reference, not the title.
        ("請(qǐng)按照《條例》認(rèn)真貫徹執(zhí)行。", "", None, None),
        # A sentence after the signature is not a title line.
        (
            "請(qǐng)認(rèn)真貫徹執(zhí)行。",
            "全省政務公開工作要以人民為中心，細化任務。",
            None,
            None,
        ),
    ],
)
def test_a_web_copy_without_a_head_gets_its_title_from_the_notice(notice_text, plan, title, rule):
    document = parse_text(WEB_COPY.format(notice=notice_text, plan=plan))
    assert (document.title, document.title_rule) == (title, rule)
    assert document.date == date(2016, 5, 25)
    said = [warning for warning in document.warnings if "未找到标题" in warning]
    assert len(said) == 1
    assert ("请核对" in said[0]) is (title is not None)


# A printed notice over two pages: the note under the signature, then the page footer, then
# the 抄送 and 印发 block at the foot of the last page.
MULTI_PAGE = (
    "积石山县人民政府办公室文件\n积政办发〔2023〕12号\n"
    "积石山县人民政府办公室关于印发积石山县2023年政务公开工作要点的通知\n"
    "各乡（镇）人民政府，县直各部门：\n"
    "现将《积石山县2023年政务公开工作要点》印发给你们，请认真贯彻落实。\n"
    "— 1 —\n\f"
    "积石山县人民政府办公室\n2023年3月10日\n{marker}\n{footer}\n{plan}"
    "抄送：县委办公室，县人大常委会办公室。\n"
    "积石山县人民政府办公室                2023年3月10日印发\n"
)
PLAN = "积石山县2023年政务公开工作要点\n一、做好公开。按时公开。（牵头单位：县政府办）\n— 3 —\n"


@pytest.mark.parametrize(
    ("marker", "footer", "plan", "disclosure"),
    [
        ("（公开方式：主动公开）", "— 2 —", "", "主动公开"),
        ("（公开方式：主动公开）", "\f－2－", "", "主动公开"),
        ("（公开方式：主动公开）                — 2 —", "", "", "主动公开"),
        ("(公开方式:主动公开)", "- 2 -", "", "主动公开"),
        ("　　（公开属性：依申请公开）", "\n\n— 2 —\n", "", "依申请公开"),
        ("（公开方式：不予公开）", "第2页 共2页", "", "不予公开"),
        ("（公开方式：主动公开）", "— 2 —", PLAN, "主动公开"),
        ("— 2 —", "（公开方式：主动公开）", "", "主动公开"),
    ],
)
def test_the_disclosure_marker_after_the_signature_on_multi_page_text(
    marker, footer, plan, disclosure
):
    document = parse_text(MULTI_PAGE.format(marker=marker, footer=footer, plan=plan))
    assert document.disclosure == disclosure
    assert document.warnings == []
    assert document.cc == ["县委办公室", "县人大常委会办公室"]
    assert document.printed_date == date(2023, 3, 10)
    # The marker is back matter: neither a task nor a paragraph of one.
    assert not any("公开方式" in task.text or "公开属性" in task.text for task in document.tasks)
    assert len(document.tasks) == (1 if plan else 0)
