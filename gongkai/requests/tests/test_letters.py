"""Letters and notices: statutory content of every kind, .docx and PDF files, unit templates and
their checks, which letters a request's history allows, permissions and private downloads."""

import time
from datetime import date
from io import BytesIO

import docx
import pytest
import time_machine
from django.http import Http404
from django.urls import reverse
from docx.oxml.ns import qn

from gongkai.core.domain.errors import PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.requests import letters
from gongkai.requests.domain.outcomes import Outcome
from gongkai.requests.letters import (
    LetterError,
    letter_create,
    letter_response_for_applicant,
    letter_response_for_staff,
    letter_template_reset,
    letter_template_save,
)
from gongkai.requests.models import LetterKind, LetterTemplate, RequestLetter
from gongkai.requests.services import (
    Application,
    request_ask_correction,
    request_consult,
    request_end_consultation,
    request_extend,
    request_issue_fee_notice,
    request_record_correction,
    request_record_payment,
    request_register,
    request_reply,
)

pytestmark = pytest.mark.django_db

NOW = "2025-04-30 10:00 +0800"
APPEAL = ("60日内", "申请行政复议", "6个月内", "提起行政诉讼")


@pytest.fixture
def finance(unit_tree):
    unit = unit_tree["finance"]
    unit.disclosure_office = "县财政局办公室"
    unit.phone = "0930-1234567"
    unit.save()
    return unit


@pytest.fixture
def handler(make_user, finance):
    return make_user("handler", (Role.REQUEST_HANDLER, finance))


@pytest.fixture
def head(make_user, finance):
    return make_user("head", (Role.DISCLOSURE_OFFICE_HEAD, finance))


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def application(**changes) -> Application:
    fields = {
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13912345678",
        "address": "测试县人民路1号",
        "description": "2024年县级预算执行情况审计报告",
        "form_wanted": "electronic",
        "delivery_method": "email",
        "email": "zhangsan@example.invalid",
    }
    return Application(**{**fields, **changes})


def register(handler, finance, **changes):
    return request_register(
        actor=handler,
        unit=finance,
        application=application(**changes),
        channel="in_person",
        submitted_on=date(2025, 3, 3),
    )


@pytest.fixture
def handled(frozen, handler, head, finance):
    """A request through every step that has a letter: correction, third party, fee, extension,
    and a partial disclosure."""
    submitted = register(handler, finance)
    request = submitted.request
    request = request_ask_correction(
        actor=handler,
        request=request,
        items="请写明所需报告的年度和审计机关。",
        until=date(2025, 3, 14),
        on=date(2025, 3, 5),
    )
    request = request_record_correction(
        actor=handler, request=request, corrected_on=date(2025, 3, 10)
    )
    request = request_consult(
        actor=handler,
        request=request,
        third_party=True,
        party="某某建设工程有限公司",
        on=date(2025, 3, 11),
    )
    request = request_end_consultation(actor=handler, request=request, on=date(2025, 3, 20))
    request_issue_fee_notice(
        actor=handler,
        request=request,
        method="count",
        requests_before=12,
        requests_in_application=1,
        on=date(2025, 3, 21),
    )
    request = request_record_payment(actor=handler, request=request, on=date(2025, 3, 25))
    request = request_extend(
        actor=head, request=request, reason="需要调取多个年度的档案", on=date(2025, 3, 26)
    )
    request = request_reply(
        actor=handler,
        request=request,
        outcome=Outcome.PARTLY_GRANTED,
        reply_text="审计报告全文见附件。",
        withheld_content="附表中被审计单位工作人员的个人信息",
        withheld_reason="属于个人隐私，公开会损害第三方合法权益",
        on=date(2025, 4, 10),
    )
    request.lookup_code = submitted.lookup_code
    return request


def docx_text(letter: RequestLetter) -> str:
    with letter.docx.open("rb") as handle:
        document = docx.Document(BytesIO(handle.read()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


EXPECTED = {
    LetterKind.REPLY: (
        "张三：",
        "本机关于2025年3月3日收到您提出的政府信息公开申请",
        "2024年县级预算执行情况审计报告",
        "能够作区分处理",
        "审计报告全文见附件。",
        "《中华人民共和国政府信息公开条例》第三十七条的规定，您申请获取的信息中以下内容不予公开",
        "不予公开的理由：属于个人隐私",
        "通过电子邮件方式向您提供",
        "根据《中华人民共和国政府信息公开条例》第三十七条的规定，作出上述答复。",
        "向测试县人民政府申请行政复议",  # 本级人民政府 of a county department
        *APPEAL,
        "联系电话：0930-1234567",
        "测试县财政局（盖章）",
        "2025年4月10日",
    ),
    LetterKind.CORRECTION: (
        "张三：",
        "第三十条",
        "请写明所需报告的年度和审计机关。",
        "请您于2025年3月14日前",
        "视为放弃申请",
        "2025年3月5日",
    ),
    LetterKind.EXTENSION: (
        "第三十三条第二款",
        "政府信息公开工作机构负责人同意",
        "延长20个工作日",
        "需要调取多个年度的档案。",
        "前作出答复。",
        "2025年3月26日",
    ),
    LetterKind.THIRD_PARTY: (
        "某某建设工程有限公司：",
        "第三十二条",
        "15个工作日内",
        "2024年县级预算执行情况审计报告",
        "2025年3月11日",
    ),
    LetterKind.FEE: (
        "第四十二条",
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第四条",
        "按件计收",
        "11—30件：1件 × 100元 = 100元。",
        "合计应缴纳信息处理费100.00元",
        "逾期未缴纳的，视为放弃申请",
        "不计算在答复期限内",
        *APPEAL,
        "2025年3月21日",
    ),
    LetterKind.DELIVERY_RECEIPT: (
        "送达回证",
        "受送达人签名或盖章",
        "张三",
        "zhangsan@example.invalid",
        "电子邮件",
        "政府信息公开申请答复书（C-FIN-2025-0001-答）",
    ),
}


@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_kind_renders_its_statutory_content_in_text_and_docx(handled, handler, kind):
    if kind is LetterKind.DELIVERY_RECEIPT:
        letter_create(actor=handler, request=handled, kind=LetterKind.REPLY)
    letter = letter_create(actor=handler, request=handled, kind=kind)
    assert letter.title == kind.label
    in_docx = docx_text(letter)
    for expected in EXPECTED[kind]:
        assert expected in letter.text, expected
        assert expected in in_docx, expected
    assert letter.to_applicant is (kind in letters.TO_APPLICANT)
    assert AuditEntry.objects.filter(
        action="request.letter_create", object_id=str(letter.pk)
    ).exists()


def test_third_party_letter_never_names_the_applicant(handled, handler):
    letter = letter_create(actor=handler, request=handled, kind=LetterKind.THIRD_PARTY)
    for personal in ("张三", "13912345678", "11010519491231002X", "人民路"):
        assert personal not in letter.text and personal not in docx_text(letter)


def test_docx_is_a4_with_chinese_fonts_and_a_centred_title(handled, handler):
    letter = letter_create(actor=handler, request=handled, kind=LetterKind.REPLY)
    with letter.docx.open("rb") as handle:
        document = docx.Document(BytesIO(handle.read()))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == letters.BODY_FONT
    title = document.paragraphs[1]
    assert title.text == "政府信息公开申请答复书" and title.alignment == 1  # centre
    assert document.paragraphs[2].text == "编号：C-FIN-2025-0001-答"


def test_a_second_letter_of_a_kind_gets_the_next_number(handled, handler):
    first = letter_create(actor=handler, request=handled, kind=LetterKind.REPLY)
    second = letter_create(actor=handler, request=handled, kind=LetterKind.REPLY)
    assert "编号：C-FIN-2025-0001-答\n" in first.text
    assert "编号：C-FIN-2025-0001-答2\n" in second.text


def test_pdf_is_made_when_the_server_can(handled, handler):
    if reason := letters.pdf_missing():
        pytest.skip(reason)
    start = time.perf_counter()
    letter = letter_create(actor=handler, request=handled, kind=LetterKind.CORRECTION)
    print(f"one-page letter with .docx and PDF: {time.perf_counter() - start:.2f} s")
    with letter.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert letters.pdf_unavailable_reason(letter) is None


def test_without_pdf_support_the_docx_is_made_and_the_reason_given(handled, handler, monkeypatch):
    reason = "服务器缺少生成PDF所需的组件：libharfbuzz-subset0。"
    monkeypatch.setattr(letters, "pdf_missing", lambda: reason)
    letter = letter_create(actor=handler, request=handled, kind=LetterKind.REPLY)
    assert letter.docx and not letter.pdf
    assert "答复如下" in docx_text(letter)
    assert letters.pdf_unavailable_reason(letter) == reason
    with pytest.raises(Http404):
        letter_response_for_staff(user=handler, letter_id=letter.pk, fmt="pdf")


@pytest.mark.parametrize(
    "kind, message",
    [
        (LetterKind.REPLY, "尚未答复"),
        (LetterKind.DELIVERY_RECEIPT, "尚未答复"),
        (LetterKind.CORRECTION, "未告知补正"),
        (LetterKind.EXTENSION, "未经批准延期"),
        (LetterKind.THIRD_PARTY, "未征求第三方意见"),
        (LetterKind.FEE, "没有收费通知"),
    ],
)
def test_letters_the_requests_history_does_not_allow_are_refused(
    frozen, handler, finance, kind, message
):
    request = register(handler, finance).request
    with pytest.raises(LetterError, match=message):
        letter_create(actor=handler, request=request, kind=kind)
    assert not RequestLetter.objects.exists()
    assert letters.available_kinds(request) == []


def test_all_kinds_are_available_once_every_step_happened(handled):
    assert letters.available_kinds(handled) == list(LetterKind)


def test_abandoned_request_gets_a_reply_with_its_basis(frozen, handler, finance):
    from gongkai.requests.services import request_abandon

    request = register(handler, finance).request
    request = request_ask_correction(
        actor=handler,
        request=request,
        items="请写明年度。",
        until=date(2025, 3, 14),
        on=date(2025, 3, 5),
    )
    request = request_abandon(actor=handler, request=request, on=date(2025, 3, 17))
    letter = letter_create(actor=handler, request=request, kind=LetterKind.REPLY)
    assert "逾期未补正，视为放弃申请" in letter.text
    assert "根据《中华人民共和国政府信息公开条例》第三十条的规定" in letter.text


def test_applicant_text_that_looks_like_a_placeholder_stays_text(frozen, handler, finance):
    request = register(handler, finance, description="请提供{{单位名称}}的文件").request
    request = request_ask_correction(
        actor=handler,
        request=request,
        items="请写明年度。",
        until=date(2025, 3, 14),
        on=date(2025, 3, 5),
    )
    letter = letter_create(actor=handler, request=request, kind=LetterKind.CORRECTION)
    assert "请提供{{单位名称}}的文件" in letter.text


# --- Templates -----------------------------------------------------------------------------


def test_unit_template_overrides_the_default_and_reset_restores_it(handled, handler, head):
    body = letters.DEFAULT_BODIES[LetterKind.REPLY].replace(
        "{{救济途径}}",
        "如对本答复不服，可以自收到本答复之日起60日内向测试市财政局申请行政复议，"
        "或者在6个月内向测试县人民法院提起行政诉讼。",
    )
    letter_template_save(actor=head, unit=handled.unit, kind=LetterKind.REPLY, body=body)
    letter = letter_create(actor=handler, request=handled, kind=LetterKind.REPLY)
    assert "向测试市财政局申请行政复议" in letter.text
    assert "测试县人民法院" in docx_text(letter)
    assert AuditEntry.objects.filter(action="request.letter_template_save").count() == 1

    letter_template_reset(actor=head, unit=handled.unit, kind=LetterKind.REPLY)
    assert not LetterTemplate.objects.exists()
    again = letter_create(actor=handler, request=handled, kind=LetterKind.REPLY)
    assert "向测试县人民政府申请行政复议" in again.text
    with pytest.raises(LetterError, match="已在使用平台默认模板"):
        letter_template_reset(actor=head, unit=handled.unit, kind=LetterKind.REPLY)


def test_other_units_keep_the_default(handled, head, unit_tree, make_user):
    letter_template_save(
        actor=make_user("town_head", (Role.DISCLOSURE_OFFICE_HEAD, unit_tree["town_a"])),
        unit=unit_tree["town_a"],
        kind=LetterKind.CORRECTION,
        body="{{申请人}}：\n请补正：{{补正事项}}，期限{{补正期限}}。甲镇专用措辞。",
    )
    assert (
        letters.template_body(handled.unit, LetterKind.CORRECTION)
        == (letters.DEFAULT_BODIES[LetterKind.CORRECTION])
    )


@pytest.mark.parametrize(
    "kind, body, message",
    [
        (
            LetterKind.CORRECTION,
            "{{申请人姓名}}：{{补正事项}}{{补正期限}}",
            "无法识别的占位符{{申请人姓名}}",
        ),
        (LetterKind.CORRECTION, "{{申请人}}：{{补正期限}}", "缺少占位符{{补正事项}}"),
        (LetterKind.CORRECTION, "{{补正事项}}{{补正期限}} {{收费金额}}", "不能用于补正申请告知书"),
        (LetterKind.CORRECTION, "{{补正事项}}{{补正期限}}{{单位名称", "不完整的占位符"),
        (
            LetterKind.THIRD_PARTY,
            "{{申请人}}{{申请内容}}{{征求意见期限}}",
            "不得向第三方提供申请人",
        ),
        (
            LetterKind.REPLY,
            letters.DEFAULT_BODIES[LetterKind.REPLY].replace("{{救济途径}}", ""),
            "行政复议",
        ),
        (LetterKind.FEE, "   \n ", "不能为空"),
    ],
)
def test_invalid_templates_are_refused_and_nothing_is_saved(finance, head, kind, body, message):
    with pytest.raises(LetterError, match=message.replace("{", r"\{").replace("}", r"\}")) as error:
        letter_template_save(actor=head, unit=finance, kind=kind, body=body)
    assert str(error.value).startswith("模板未保存：")
    assert not LetterTemplate.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="request.letter_template").exists()


def test_every_default_template_passes_its_own_check():
    for kind, body in letters.DEFAULT_BODIES.items():
        letters.check_template(kind, body)


def test_rendering_drops_empty_placeholder_lines_and_builds_tables():
    blocks = letters.render_body(
        "{{甲}}：\n正文{{乙}}。\n{{乙}}\n标签｜{{甲}}\n签名｜\n结尾",
        {"甲": "某某", "乙": ""},
    )
    assert blocks == [
        letters.Paragraph("某某：", indent=False),
        letters.Paragraph("正文。"),
        letters.Table((("标签", "某某"), ("签名", ""))),
        letters.Paragraph("结尾"),
    ]


# --- Permissions and downloads ---------------------------------------------------------------


def test_only_handlers_of_the_unit_create_letters_and_only_heads_edit_templates(
    handled, handler, make_user, unit_tree
):
    stranger = make_user("stranger", (Role.REQUEST_HANDLER, unit_tree["town_a"]))
    with pytest.raises(PermissionDeniedError):
        letter_create(actor=stranger, request=handled, kind=LetterKind.REPLY)
    with pytest.raises(PermissionDeniedError):
        letter_template_save(
            actor=handler,
            unit=handled.unit,
            kind=LetterKind.REPLY,
            body=letters.DEFAULT_BODIES[LetterKind.REPLY],
        )
    assert not RequestLetter.objects.exists() and not LetterTemplate.objects.exists()


def test_staff_download_is_scoped_to_visible_requests(handled, handler, make_user, unit_tree):
    letter = letter_create(actor=handler, request=handled, kind=LetterKind.REPLY)
    response = letter_response_for_staff(user=handler, letter_id=letter.pk, fmt="docx")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"PK")
    supervisor = make_user("supervisor", (Role.SUPERVISING_STAFF, unit_tree["county"]))
    assert letter_response_for_staff(user=supervisor, letter_id=letter.pk, fmt="docx")
    stranger = make_user("stranger", (Role.REQUEST_HANDLER, unit_tree["town_a"]))
    with pytest.raises(Http404):
        letter_response_for_staff(user=stranger, letter_id=letter.pk, fmt="docx")


def test_applicant_fetches_only_letters_addressed_to_them_on_their_own_request(
    handled, handler, finance
):
    reply = letter_create(actor=handler, request=handled, kind=LetterKind.REPLY)
    to_party = letter_create(actor=handler, request=handled, kind=LetterKind.THIRD_PARTY)
    from gongkai.requests.selectors import find_by_lookup

    own = find_by_lookup(handled.tracking_no, handled.lookup_code)
    response = letter_response_for_applicant(request=own, letter_id=reply.pk, fmt="docx")
    assert response.status_code == 200
    with pytest.raises(Http404):
        letter_response_for_applicant(request=own, letter_id=to_party.pk, fmt="docx")
    other = register(handler, finance, applicant_name="李四").request
    with pytest.raises(Http404):
        letter_response_for_applicant(request=other, letter_id=reply.pk, fmt="docx")


def test_letter_files_have_unguessable_names_outside_any_url(handled, handler):
    letter = letter_create(actor=handler, request=handled, kind=LetterKind.REPLY)
    name = letter.docx.name.rsplit("/", 1)[-1]
    assert letter.docx.name.startswith("requests/2025/04/")
    assert len(name) == len("0" * 32 + ".docx") and handled.tracking_no not in name


# --- Admin screens ---------------------------------------------------------------------------


def test_template_editor_previews_validates_and_saves(finance, head, client):
    client.force_login(head)
    index = client.get(reverse("requests_letter_templates"))
    assert index.status_code == 200 and "补正申请告知书" in index.content.decode()
    url = reverse("requests_letter_template_edit", args=[finance.pk, "reply"])
    page = client.get(url).content.decode()
    assert "向测试县人民政府申请行政复议" in page and "张三（示例）" in page

    bad = client.post(url, {"body": "{{申请人}}：{{未知}}", "action": "save"})
    assert bad.status_code == 200 and "无法识别的占位符{{未知}}" in bad.content.decode()
    assert not LetterTemplate.objects.exists()

    body = letters.DEFAULT_BODIES[LetterKind.REPLY] + "\n本单位附加说明。"
    preview = client.post(
        url, {"body": body, "outcome": "refused.state_secret", "action": "preview"}
    )
    assert "本单位附加说明。" in preview.content.decode() and "国家秘密" in preview.content.decode()
    assert not LetterTemplate.objects.exists()

    saved = client.post(url, {"body": body, "action": "save"})
    assert saved.status_code == 302
    assert LetterTemplate.objects.get(unit=finance, kind="reply").body == body
    client.post(url, {"action": "reset"})
    assert not LetterTemplate.objects.exists()


def test_template_editor_of_another_unit_is_not_found(finance, unit_tree, make_user, client):
    client.force_login(make_user("town_head", (Role.DISCLOSURE_OFFICE_HEAD, unit_tree["town_a"])))
    url = reverse("requests_letter_template_edit", args=[finance.pk, "reply"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "x", "action": "save"}).status_code == 404


def test_staff_download_url(handled, handler, make_user, unit_tree, client):
    letter = letter_create(actor=handler, request=handled, kind=LetterKind.REPLY)
    url = reverse("requests_letter_download", args=[letter.pk, "docx"])
    client.force_login(handler)
    assert client.get(url).status_code == 200
    client.force_login(make_user("stranger", (Role.REQUEST_HANDLER, unit_tree["town_a"])))
    assert client.get(url).status_code == 404
