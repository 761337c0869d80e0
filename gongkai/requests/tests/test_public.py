"""The public side of disclosure requests: the application form, its refusals and limits, the
confirmation, the applicant's tracking page (due date, notices, letters, correction, withdrawal)
and what must never leak: another applicant's request, or applicant data in URLs and caches."""

from __future__ import annotations

import logging
import multiprocessing
import re
from datetime import date

import pytest
import time_machine
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.core import ratelimit
from gongkai.core.demo import DemoContext
from gongkai.core.domain.roles import Role
from gongkai.portal import demo as portal_demo
from gongkai.portal.response_cache import CACHE_ALIAS
from gongkai.requests.domain.states import State
from gongkai.requests.letters import letter_create
from gongkai.requests.models import DisclosureRequest, RequestAttachment
from gongkai.requests.selectors import find_by_lookup
from gongkai.requests.services import (
    request_accept,
    request_ask_correction,
    request_consult,
    request_issue_fee_notice,
)

pytestmark = pytest.mark.django_db

APPLY = "/ysqgk/C/apply/"
DONE = "/ysqgk/C/apply/done/"
TRACK = "/ysqgk/track/"
STATUS = "/ysqgk/track/status/"
ID_NUMBER = "11010519491231002X"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"0" * 64


@pytest.fixture(autouse=True)
def public_settings(settings, tmp_path):
    """Counters and uploads in this test's own directory; no minimum fill time unless a test
    asks for it (the tests post the form at once)."""
    settings.GONGKAI_RATELIMIT_DIR = str(tmp_path / "ratelimit")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    return settings


@pytest.fixture
def county(unit_tree):
    return unit_tree["county"]


@pytest.fixture
def handler(make_user, county):
    return make_user("handler", (Role.REQUEST_HANDLER, county))


def valid_data(**changes) -> dict:
    data = {
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "contact_person": "",
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "phone": "13912345678",
        "email": "zhangsan@example.cn",
        "address": "",
        "postcode": "",
        "description": "2025年城乡居民最低生活保障标准调整文件",
        "doc_number": "",
        "form_wanted": "electronic",
        "delivery_method": "online",
        "leave_blank": "",
    }
    return {**data, **changes}


def form_token(client, url: str = APPLY) -> str:
    html = client.get(url).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def submit(client, *, token: str | None = None, url: str = APPLY, **changes):
    data = valid_data(form_token=token or form_token(client, url), **changes)
    return client.post(url, data)


def lookup(client, tracking_no: str, code: str):
    return client.post(TRACK, {"tracking_no": tracking_no, "code": code})


def submitted_request(client) -> tuple[DisclosureRequest, str]:
    """Submit a valid application; the request and the code its confirmation page shows."""
    assert submit(client).status_code == 303
    html = client.get(DONE).content.decode()
    code = re.search(r'class="code">([A-Z0-9]+)<', html).group(1)
    return DisclosureRequest.objects.latest("id"), code


def is_private(response) -> bool:
    cache_control = response["Cache-Control"]
    return "private" in cache_control and "no-store" in cache_control


# --- The form -------------------------------------------------------------------------------


def test_form_page_is_labelled_grouped_and_never_cached(county, client):
    response = client.get(APPLY)
    html = response.content.decode()
    assert response.status_code == 200 and is_private(response)
    assert "测试县人民政府政府信息公开申请" in html
    assert "<legend>申请人信息</legend>" in html and "<legend>申请人类型" in html
    assert '<label for="id_applicant_name">申请人姓名或名称' in html
    assert 'aria-describedby="id_applicant_name_helptext"' in html
    assert 'name="form_token"' in html and 'name="csrfmiddlewaretoken"' in html
    assert '<meta name="ColumnName" content="依申请公开">' in html
    # The honeypot is out of sight, out of the tab order and hidden from screen readers.
    assert re.search(r'<div class="trap" aria-hidden="true">.*?tabindex="-1"', html, re.S)
    assert client.get("/ysqgk/NO-SUCH-UNIT/apply/").status_code == 404


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"applicant_type": ""}, "applicant_type", "请选择申请人类型。"),
        ({"applicant_name": "  "}, "applicant_name", "请填写申请人姓名或名称。"),
        ({"id_type": ""}, "id_type", "请选择身份证明类型。"),
        ({"id_number": ""}, "id_number", "请填写证件号码。"),
        ({"id_number": "110105194912310021"}, "id_number", "居民身份证号码不正确"),
        (
            {"applicant_type": "commercial", "id_type": "credit_code", "id_number": "x"},
            "id_number",
            "统一社会信用代码不正确",
        ),
        ({"applicant_type": "research"}, "contact_person", "请填写联系人姓名。"),
        ({"phone": "电话"}, "phone", "联系电话格式不正确"),
        ({"phone": "", "email": "", "address": ""}, "phone", "请至少填写一种联系方式"),
        ({"email": "zhangsan@"}, "email", "电子邮箱格式不正确，请核对。"),
        ({"postcode": "12345"}, "postcode", "邮政编码应为6位数字。"),
        ({"delivery_method": "post"}, "address", "选择邮寄方式时，请填写通信地址。"),
        ({"delivery_method": "email", "email": ""}, "email", "请填写电子邮箱。"),
        ({"description": "", "doc_number": ""}, "description", "请填写所需政府信息的名称"),
        ({"description": "字" * 2001}, "description", "不能超过2000个字"),
        ({"applicant_name": "名" * 201}, "applicant_name", "不能超过200个字"),
        ({"form_wanted": ""}, "form_wanted", "请选择所需信息的形式。"),
        ({"delivery_method": "fax"}, "delivery_method", "请选择获取信息的方式。"),
    ],
)
def test_each_field_says_what_is_wrong_next_to_it(county, client, changes, field, message):
    response = submit(client, **changes)
    html = response.content.decode()
    assert response.status_code == 200
    error = re.search(rf'<p class="field-error" id="id_{field}_error">(.*?)</p>', html, re.S)
    assert error and "错误：" in error.group(1) and message in error.group(1)
    # The summary at the top links to the field (the first button of a group).
    anchor = (
        f"#id_{field}_0"
        if field in {"applicant_type", "form_wanted", "delivery_method"}
        else f"#id_{field}"
    )
    assert re.search(rf'<div class="error-summary" role="alert".*?href="{anchor}"', html, re.S)
    assert html.count("<title>错误：") == 1
    assert DisclosureRequest.objects.count() == 0


def test_text_fields_with_errors_are_marked_for_assistive_technology(county, client):
    html = submit(client, applicant_name="").content.decode()
    field = re.search(r'<input[^>]*id="id_applicant_name"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_applicant_name_helptext id_applicant_name_error"' in field


def test_entered_values_are_kept_when_the_form_comes_back(county, client):
    html = submit(client, phone="电话").content.decode()
    assert "2025年城乡居民最低生活保障标准调整文件" in html and 'value="张三"' in html


@pytest.mark.parametrize(
    "files, message",
    [
        ([("a.pdf", b"just text, not a PDF")], "不是有效的PDF、JPG或PNG文件"),
        ([("photo.jpg", PNG)], "不是有效的PDF、JPG或PNG文件"),  # content and name disagree
        ([("tool.exe", b"MZ\x90\x00")], "不是有效的PDF、JPG或PNG文件"),
        ([("empty.pdf", b"")], "是空文件"),
        ([("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))], "超过5MB"),
        ([(f"{n}.png", PNG) for n in range(4)], "最多上传3个文件"),
    ],
)
def test_attachments_of_wrong_type_or_size_are_refused(county, client, files, message):
    uploads = [SimpleUploadedFile(name, content) for name, content in files]
    response = submit(client, attachments=uploads)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert DisclosureRequest.objects.count() == 0 and RequestAttachment.objects.count() == 0


def test_attachments_checked_by_content_are_stored_under_random_names(county, client):
    uploads = [
        SimpleUploadedFile("张三身份证.png", PNG, content_type="application/octet-stream"),
        SimpleUploadedFile("证明.PDF", PDF),
    ]
    assert submit(client, attachments=uploads).status_code == 303
    stored = {a.content_type: a for a in RequestAttachment.objects.all()}
    assert set(stored) == {"image/png", "application/pdf"}
    assert all(a.kind == "identity" for a in stored.values())
    assert "张三" not in stored["image/png"].file.name
    assert stored["image/png"].file.read() == PNG


def test_a_body_far_too_large_is_refused_before_it_is_read(county, client):
    response = client.post(APPLY, valid_data(), CONTENT_LENGTH=str(100 * 1024 * 1024))
    assert response.status_code == 413 and "提交的内容过大" in response.content.decode()
    assert DisclosureRequest.objects.count() == 0


def test_an_attachment_too_large_keeps_what_was_typed_and_stores_nothing(
    county, client, monkeypatch
):
    from gongkai.requests.public import views

    # The limits made small, so that a small upload is "too large".
    monkeypatch.setattr(views, "MAX_BODY_BYTES", 4000)
    token = form_token(client)
    big = SimpleUploadedFile("身份证.png", PNG + b"\x00" * 8000, "image/png")
    data = valid_data(form_token=token, applicant_name="李四", doc_number="某政发〔2024〕1号")
    response = client.post(APPLY, {**data, "attachments": big})
    html = response.content.decode()
    assert response.status_code == 413 and "已为您保留填写的内容" in html
    assert 'value="李四"' in html and 'value="某政发〔2024〕1号"' in html
    assert "2025年城乡居民最低生活保障标准调整文件" in html
    assert 'value="13912345678"' in html and f'value="{token}"' in html
    assert DisclosureRequest.objects.count() == 0 and RequestAttachment.objects.count() == 0
    # The same form, its files chosen again within the limits, goes through.
    monkeypatch.setattr(views, "MAX_BODY_BYTES", views.MAX_ATTACHMENT_BYTES * 3)
    assert client.post(APPLY, data).status_code == 303


def test_personal_fields_name_their_purpose_and_the_rules_are_stated_up_front(county, client):
    html = client.get(APPLY).content.decode()
    for name, purpose in (
        ("applicant_name", "name"),
        ("phone", "tel"),
        ("email", "email"),
        ("address", "street-address"),
        ("postcode", "postal-code"),
    ):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert f'autocomplete="{purpose}"' in tag, tag
    assert re.search(r'<input[^>]*type="tel"[^>]*name="phone"', html)
    # Before any error: the one-of rules, and every always-required field marked 必填.
    assert "“所需政府信息的名称或特征描述”和“文号”至少填写一项（必填）" in html
    assert "联系电话、电子邮箱、通信地址至少填写一项" in html
    for label in ("申请人类型", "申请人姓名或名称", "身份证明类型", "证件号码", "所需信息的形式"):
        assert re.search(rf"{label}<span class=\"required\">（必填）</span>", html), label


# --- Submission -----------------------------------------------------------------------------


def test_submission_confirms_with_tracking_number_and_private_code(county, client):
    with time_machine.travel("2025-03-03 10:00 +0800", tick=False):
        response = submit(client)
        assert response.status_code == 303 and response["Location"] == DONE
        done = client.get(DONE)
        printable = client.get(DONE + "?print=1").content.decode()
    html = done.content.decode()
    request = DisclosureRequest.objects.get()
    code = re.search(r'class="code">([A-Z0-9]+)<', html).group(1)
    assert request.tracking_no == "C-2025-0001" and request.tracking_no in html
    assert find_by_lookup(request.tracking_no, code) == request
    assert "请妥善保存申请编号和查询码" in html and "20个工作日" in html
    assert is_private(done) and '<meta name="robots" content="noindex">' in html
    assert request.state == State.SUBMITTED and request.channel == "online"
    assert (request.applicant_name, request.id_number, request.email) == (
        "张三",
        ID_NUMBER,
        "zhangsan@example.cn",
    )
    assert code in printable and 'class="print-view"' in printable


def test_confirmation_page_without_a_submission_goes_to_the_form(county, client):
    response = client.get(DONE)
    assert response.status_code == 303 and response["Location"] == APPLY


def test_double_submission_creates_one_request_with_one_code(county, client, django_user_model):
    token = form_token(client)
    first = submit(client, token=token)
    code = re.search(r'class="code">([A-Z0-9]+)<', client.get(DONE).content.decode()).group(1)
    again = submit(client, token=token)  # double click
    assert first.status_code == again.status_code == 303
    assert code in client.get(DONE).content.decode()
    assert DisclosureRequest.objects.count() == 1


def test_filled_honeypot_creates_nothing(county, client):
    response = submit(client, leave_blank="http://spam.example")
    assert response.status_code == 400 and "提交未成功" in response.content.decode()
    assert DisclosureRequest.objects.count() == 0


def test_too_fast_submission_creates_nothing_until_the_minimum_time(county, client, settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 3
    with time_machine.travel("2025-03-03 10:00:00 +0800", tick=False):
        token = form_token(client)
        response = submit(client, token=token)
        assert response.status_code == 400 and "提交过快" in response.content.decode()
        assert DisclosureRequest.objects.count() == 0
    with time_machine.travel("2025-03-03 10:00:04 +0800", tick=False):
        assert submit(client, token=token).status_code == 303
    assert DisclosureRequest.objects.count() == 1


@pytest.mark.parametrize("token", ["forged", "WyJrIiwgMV0:1tX:bad"])
def test_forged_form_token_creates_nothing(county, client, token):
    form_token(client)
    response = submit(client, token=token)
    assert response.status_code == 400 and "表单已过期" in response.content.decode()
    assert DisclosureRequest.objects.count() == 0


def test_form_older_than_a_day_is_refused_but_keeps_what_was_typed(county, client):
    with time_machine.travel("2025-03-03 10:00 +0800", tick=False):
        token = form_token(client)
    with time_machine.travel("2025-03-04 10:01 +0800", tick=False):
        response = submit(client, token=token)
    html = response.content.decode()
    assert response.status_code == 400 and "表单已过期" in html and 'value="张三"' in html
    assert token not in html  # a new token comes with it
    assert DisclosureRequest.objects.count() == 0


def test_submissions_per_address_are_limited(county, client, settings):
    settings.GONGKAI_REQUEST_SUBMIT_LIMIT = 2
    first_token = form_token(client)
    assert submit(client, token=first_token).status_code == 303
    assert submit(client).status_code == 303
    refused = submit(client)
    assert refused.status_code == 429 and "已达2件" in refused.content.decode()
    assert DisclosureRequest.objects.count() == 2
    # A retry of a form already received is not a new application.
    assert submit(client, token=first_token).status_code == 303
    # Another address has its own allowance.
    token = form_token(client)
    response = client.post(APPLY, valid_data(form_token=token), REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 303 and DisclosureRequest.objects.count() == 3


def test_refused_applications_do_not_use_the_allowance(county, client, settings):
    settings.GONGKAI_REQUEST_SUBMIT_LIMIT = 1
    assert submit(client, phone="", email="", address="").status_code == 200
    assert submit(client).status_code == 303


def _consume_many(directory: str, attempts: int) -> int:
    from django.conf import settings

    settings.GONGKAI_RATELIMIT_DIR = directory
    return sum(ratelimit.consume("submit", "192.0.2.1", 15) for _ in range(attempts))


def test_the_counter_holds_across_worker_processes(tmp_path):
    with multiprocessing.get_context("fork").Pool(4) as pool:
        allowed = pool.starmap(_consume_many, [(str(tmp_path), 10)] * 4)
    assert sum(allowed) == 15


# --- Tracking -------------------------------------------------------------------------------


def test_wrong_code_or_number_gets_one_generic_message(county, client):
    request, code = submitted_request(client)
    client.post(STATUS, {"action": "leave"})
    messages = set()
    for number, attempt in [(request.tracking_no, "WRONGCODE2"), ("C-2025-9999", code)]:
        response = lookup(client, number, attempt)
        assert response.status_code == 400
        html = response.content.decode()
        messages.add(re.search(r'role="alert".*?<li>(.*?)</li>', html, re.S).group(1))
        assert client.get(STATUS)["Location"] == TRACK
    assert messages == {"申请编号或查询码不正确，请核对后重新输入。"}


def test_lookup_opens_the_status_page_without_anything_in_the_url(county, client):
    request, code = submitted_request(client)
    other = Client()
    response = lookup(other, f" {request.tracking_no} ", code.lower())
    assert response.status_code == 303 and response["Location"] == STATUS
    page = other.get(STATUS)
    assert page.status_code == 200 and request.tracking_no in page.content.decode()
    assert is_private(page)


def test_lookup_gives_the_browser_a_new_session_key(county, client):
    request, code = submitted_request(client)
    planted = client.cookies["sessionid"].value
    assert lookup(client, request.tracking_no, code).status_code == 303
    assert client.cookies["sessionid"].value != planted
    assert client.get(STATUS).status_code == 200


def test_lookups_per_address_are_limited(county, client, settings):
    settings.GONGKAI_REQUEST_LOOKUP_LIMIT = 3
    for _ in range(3):
        assert lookup(client, "C-2025-0001", "AAAAAAAAAA").status_code == 400
    refused = lookup(client, "C-2025-0001", "AAAAAAAAAA")
    assert refused.status_code == 429 and "查询次数过多" in refused.content.decode()


def test_status_page_shows_receipt_date_due_date_history_and_notices(county, client, handler):
    with time_machine.travel("2025-03-03 10:00 +0800", tick=False):
        request, code = submitted_request(client)
        html = client.get(STATUS).content.decode()
    assert "待确认受理" in html and "受理机关确认受理后显示答复期限" in html
    with time_machine.travel("2025-03-05 10:00 +0800", tick=False):
        request_accept(actor=handler, request=request)
        lookup(client, request.tracking_no, code)  # the session of two days ago has expired
        html = client.get(STATUS).content.decode()
    assert "收到申请之日" in html and "2025年3月5日" in html and "双方确认之日" in html
    assert "2025年4月2日" in html and "如何计算" in html  # 20 working days, explained
    assert "受理机关已确认受理" in html  # the history's public notes
    with time_machine.travel("2025-03-10 10:00 +0800", tick=False):
        request_issue_fee_notice(
            actor=handler,
            request=request,
            method="count",
            requests_before=12,
            requests_in_application=1,
        )
        lookup(client, request.tracking_no, code)
        html = client.get(STATUS).content.decode()
    assert "待缴纳信息处理费" in html and "信息处理费100" in html
    assert "自2025年3月10日起暂停计算答复期限" in html


def test_the_tracking_session_expires_after_an_hour(county, client):
    with time_machine.travel("2025-03-03 10:00 +0800", tick=False):
        submitted_request(client)
    with time_machine.travel("2025-03-03 11:01 +0800", tick=False):
        assert client.get(STATUS)["Location"] == TRACK


def test_correction_online(county, client, handler):
    with time_machine.travel("2025-03-03 10:00 +0800", tick=False):
        request, _ = submitted_request(client)
        request_accept(actor=handler, request=request)
        request_ask_correction(
            actor=handler, request=request, items="请写明所需文件的年份。", until=date(2025, 3, 20)
        )
        html = client.get(STATUS).content.decode()
        assert "请写明所需文件的年份。" in html and "2025年3月20日前补正" in html
        refused = client.post(STATUS, {"action": "correct", "description": " "})
        assert "请填写补正后的申请内容。" in refused.content.decode()
        assert DisclosureRequest.objects.get().state == State.CORRECTION_REQUESTED
        upload = SimpleUploadedFile("年份说明.pdf", PDF)
        done = client.post(
            STATUS,
            {
                "action": "correct",
                "description": "2024年城乡低保标准调整文件",
                "attachments": upload,
            },
        )
        assert done.status_code == 303
        html = client.get(STATUS).content.decode()
    request.refresh_from_db()
    assert request.state == State.IN_HANDLING and request.corrected_on == date(2025, 3, 3)
    assert request.description == "2024年城乡低保标准调整文件"
    assert request.attachments.get().kind == "correction"
    assert "补正已提交" in html and "2025年3月31日" in html  # 20 working days from the correction


def test_withdrawal_asks_for_confirmation_first(county, client):
    request, _ = submitted_request(client)
    confirm = client.post(STATUS, {"action": "withdraw"})
    assert confirm.status_code == 200 and "确认撤回申请" in confirm.content.decode()
    request.refresh_from_db()
    assert request.state == State.SUBMITTED
    done = client.post(STATUS, {"action": "withdraw", "confirm": "yes", "reason": "已在别处获得"})
    assert done.status_code == 303
    request.refresh_from_db()
    assert request.state == State.WITHDRAWN and request.closing_note == "已在别处获得"
    html = client.get(STATUS).content.decode()
    assert "申请已撤回。" in html and "撤回申请</button>" not in html


def test_letters_to_the_applicant_only_and_only_their_own(county, client, handler):
    with time_machine.travel("2025-03-03 10:00 +0800", tick=False):
        mine, _ = submitted_request(client)
        mine = request_accept(actor=handler, request=mine)
        mine = request_ask_correction(
            actor=handler, request=mine, items="请写明年份。", until=date(2025, 3, 20)
        )
        notice = letter_create(actor=handler, request=mine, kind="correction")
    stranger = Client()
    with time_machine.travel("2025-03-03 10:30 +0800", tick=False):
        theirs, _ = submitted_request(stranger)
        theirs = request_accept(actor=handler, request=theirs)
        theirs = request_consult(actor=handler, request=theirs, third_party=True, party="某某公司")
        to_party = letter_create(actor=handler, request=theirs, kind="third_party")
        html = client.get(STATUS).content.decode()
        assert notice.title in html
        download = client.get(f"/ysqgk/track/letters/{notice.pk}/docx/")
        assert download.status_code == 200 and is_private(download)
        assert download["Content-Disposition"].startswith("attachment")
        # A letter to a third party is never the applicant's, even of their own request.
        assert client.get(f"/ysqgk/track/letters/{to_party.pk}/docx/").status_code == 404
        assert stranger.get(f"/ysqgk/track/letters/{to_party.pk}/docx/").status_code == 404
        assert stranger.get(f"/ysqgk/track/letters/{notice.pk}/docx/").status_code == 404
        assert mine.tracking_no not in stranger.get(STATUS).content.decode()
        nobody = Client()
        assert nobody.get(STATUS)["Location"] == TRACK
        assert nobody.get(f"/ysqgk/track/letters/{notice.pk}/docx/").status_code == 404


def test_leaving_ends_the_tracking_session(county, client):
    submitted_request(client)
    response = client.post(STATUS, {"action": "leave"})
    assert response.status_code == 303 and response["Location"] == TRACK
    assert client.get(STATUS)["Location"] == TRACK


# --- What must not leak ---------------------------------------------------------------------


def test_no_applicant_data_in_urls_logs_or_the_page_cache(county, client, settings, caplog):
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 300
    caches[CACHE_ALIAS].clear()
    caplog.set_level(logging.DEBUG)
    personal = ("张三", ID_NUMBER, "13912345678", "zhangsan")
    first, second = client.get(APPLY), client.get(APPLY)
    assert "X-Portal-Cache" not in second and form_token(client) not in first.content.decode()
    response = submit(client)
    pages = [client.get(DONE), client.get(STATUS), client.get(STATUS)]
    assert all(is_private(p) and "X-Portal-Cache" not in p for p in pages)
    locations = [response["Location"]] + [r.request["PATH_INFO"] for r in pages]
    assert not any(value in url for url in locations for value in personal)
    assert not any(value in caplog.text for value in personal)
    cache = caches[CACHE_ALIAS]
    stored = [cache.get(key) for key in getattr(cache, "_cache", {})]
    assert not any(value in repr(entry) for entry in stored for value in personal)
    caches[CACHE_ALIAS].clear()


def test_on_request_column_links_the_form_and_tracking(county, client):
    portal_demo.load(DemoContext())
    html = client.get("/xxgk/C/on-request/").content.decode()
    assert 'href="/ysqgk/C/apply/"' in html and 'href="/ysqgk/track/"' in html
    assert "20个工作日内答复" in html and "延长的期限最长不超过20个工作日" in html
    assert "10件以下（含）不收费" in html and "本栏目暂无公开信息" not in html
    crumbs = client.get(APPLY).content.decode()
    assert 'href="/xxgk/C/on-request/"' in crumbs


def test_printable_receipt_needs_no_javascript(county, client):
    submitted_request(client)
    html = client.get(DONE).content.decode()
    assert "<script" not in html and 'href="?print=1"' in html
