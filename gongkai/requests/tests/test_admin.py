"""The staff screens of disclosure requests: queues, scoping, registration by channel, one form
per step (each calling its service, each refusal shown with nothing changed), export, appeals."""

import io
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.documents.services import document_create
from gongkai.requests.domain.states import State
from gongkai.requests.models import Appeal, DisclosureRequest
from gongkai.requests.services import (
    Application,
    request_ask_correction,
    request_consult,
    request_deliver,
    request_issue_fee_notice,
    request_register,
    request_reply,
    request_start_handling,
    request_submit_online,
)

pytestmark = pytest.mark.django_db

TODAY = "2025-03-10 10:00 +0800"
ID_NUMBER = "11010519491231002X"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def application(**changes) -> Application:
    fields = {
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "phone": "13912345678",
        "description": "2025年城乡居民最低生活保障标准调整文件",
        "form_wanted": "electronic",
        "delivery_method": "online",
    }
    return Application(**{**fields, **changes})


@pytest.fixture
def county(unit_tree):
    return unit_tree["county"]


@pytest.fixture
def handler(make_user, county):
    return make_user("handler", (Role.REQUEST_HANDLER, county))


@pytest.fixture
def head(make_user, county):
    return make_user("head", (Role.DISCLOSURE_OFFICE_HEAD, county))


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def register(unit, actor, *, on=date(2025, 3, 3), **changes) -> DisclosureRequest:
    return request_register(
        actor=actor,
        unit=unit,
        application=application(**changes),
        channel="in_person",
        submitted_on=on,
    ).request


def bring(state: State, unit, actor) -> DisclosureRequest:
    """A request of ``unit`` in ``state``, made by the services on days before today."""
    if state is State.SUBMITTED:
        return request_submit_online(
            unit=unit, application=application(), submission_key=f"k-{unit.code}"
        ).request
    request = register(unit, actor)
    if state is State.RECEIVED:
        return request
    if state is State.CORRECTION_REQUESTED:
        return request_ask_correction(
            actor=actor,
            request=request,
            items="写明文件名称",
            until=date(2025, 3, 7),
            on=date(2025, 3, 4),
        )
    request = request_start_handling(actor=actor, request=request, on=date(2025, 3, 4))
    if state is State.IN_HANDLING:
        return request
    if state is State.CONSULTING_THIRD_PARTY:
        return request_consult(
            actor=actor, request=request, third_party=True, party="某公司", on=date(2025, 3, 5)
        )
    if state is State.AWAITING_FEE:
        request_issue_fee_notice(
            actor=actor, request=request, method="volume", pages=50, on=date(2025, 3, 5)
        )
        return DisclosureRequest.objects.get(pk=request.pk)
    request = request_reply(
        actor=actor, request=request, outcome="granted", reply_text="见附件", on=date(2025, 3, 6)
    )
    if state is State.REPLIED:
        return request
    request_deliver(actor=actor, request=request, method="post", on=date(2025, 3, 7))
    return DisclosureRequest.objects.get(pk=request.pk)


def detail(request) -> str:
    return reverse("requests_admin:detail", args=[request.pk])


def step_url(request, action: str) -> str:
    return reverse("requests_admin:step", args=[request.pk, action])


def prefixed(action: str, data: dict) -> dict:
    return {f"{action}-{name}": value for name, value in data.items()}


def assert_refused(response):
    # Wagtail's admin answers a PermissionDenied with a redirect home and the message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


# --- Lists ------------------------------------------------------------------------------------


def test_each_queue_lists_its_requests_with_counts_and_masked_ids(county, handler, as_user):
    submitted = bring(State.SUBMITTED, county, handler)
    overdue = register(county, handler, on=date(2025, 1, 2), applicant_name="李四")
    due_soon = register(county, handler, on=date(2025, 2, 10), applicant_name="王五")
    awaiting = bring(State.CORRECTION_REQUESTED, county, handler)
    paused = bring(State.CONSULTING_THIRD_PARTY, county, handler)
    replied = bring(State.REPLIED, county, handler)
    client = as_user(handler)
    url = reverse("requests_admin:index")

    expected = {
        "submitted": [submitted],
        "due_soon": [due_soon],
        "overdue": [overdue],
        "awaiting_correction": [awaiting],
        "paused": [paused],
        "open": [overdue, due_soon, awaiting, paused],
        "all": [submitted, overdue, due_soon, awaiting, paused, replied],
    }
    everyone = expected["all"]
    for queue, shown in expected.items():
        page = client.get(url, {"queue": queue}).content.decode()
        for request in everyone:
            assert (request.tracking_no in page) == (request in shown), (queue, request)
    page = client.get(url).content.decode()
    assert "待确认受理（1）" in page and "已超期（1）" in page and "全部在办（4）" in page
    assert ID_NUMBER not in page and "1101**********002X" in page
    assert "截止日：" in page  # the deadline tag shows the due date


def test_search_and_filters_travel_by_post_never_in_the_url(unit_tree, county, handler, as_user):
    first = register(county, handler, applicant_name="李四")
    second = register(county, handler, applicant_name="王五")
    town = register(unit_tree["town_a"], handler, applicant_name="赵六")
    client = as_user(handler)
    url = reverse("requests_admin:index")

    response = client.post(url + "?queue=all", {"q": "王五"})
    assert response.status_code == 302 and "王五" not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert second.tracking_no in page and first.tracking_no not in page

    client.post(url, {"q": first.tracking_no})
    page = client.get(url, {"queue": "all"}).content.decode()
    assert first.tracking_no in page and second.tracking_no not in page

    client.post(url, {"unit": unit_tree["town_a"].pk})
    page = client.get(url, {"queue": "all"}).content.decode()
    assert town.tracking_no in page and first.tracking_no not in page

    client.post(url, {"state": "replied"})
    assert "没有符合条件的申请" in client.get(url, {"queue": "all"}).content.decode()

    client.post(url, {"clear": "1"})
    page = client.get(url, {"queue": "all"}).content.decode()
    assert all(r.tracking_no in page for r in (first, second, town))


def test_a_township_handler_never_sees_the_countys_requests(
    unit_tree, county, handler, make_user, as_user
):
    county_request = register(
        county,
        handler,
        applicant_name="李四",
    )
    own = register(unit_tree["town_a"], handler, applicant_name="赵六")
    client = as_user(make_user("town", (Role.REQUEST_HANDLER, unit_tree["town_a"])))

    page = client.get(reverse("requests_admin:index"), {"queue": "all"}).content.decode()
    assert own.tracking_no in page and county_request.tracking_no not in page
    assert client.get(detail(county_request)).status_code == 404
    assert (
        client.get(reverse("requests_admin:receipt", args=[county_request.pk])).status_code == 404
    )
    response = client.post(
        step_url(county_request, "start_handling"), prefixed("start_handling", {"on": "2025-03-10"})
    )
    assert response.status_code == 404
    assert DisclosureRequest.objects.get(pk=county_request.pk).state == State.RECEIVED


def test_the_supervising_office_reads_but_does_not_handle(unit_tree, handler, make_user, as_user):
    request = register(unit_tree["town_a"], handler)
    client = as_user(make_user("sup", (Role.SUPERVISING_STAFF, unit_tree["county"])))
    page = client.get(detail(request)).content.decode()
    assert request.tracking_no in page and ID_NUMBER in page
    assert 'id="step-start_handling"' not in page and 'id="step-assign"' not in page
    assert_refused(
        client.post(
            step_url(request, "start_handling"), prefixed("start_handling", {"on": "2025-03-10"})
        )
    )


def test_people_without_a_request_role_see_no_menu_and_no_list(unit_tree, make_user, as_user):
    client = as_user(make_user("ed", (Role.EDITOR, unit_tree["county"])))
    assert_refused(client.get(reverse("requests_admin:index")))
    assert "依申请公开" not in client.get(reverse("wagtailadmin_home")).content.decode()


# --- Registration -----------------------------------------------------------------------------

BASE_REGISTRATION = {
    "applicant_type": "natural_person",
    "applicant_name": "张三",
    "id_type": "resident_id",
    "id_number": ID_NUMBER,
    "phone": "13912345678",
    "description": "2024年低保资金发放明细",
    "submitted_on": "2025-03-03",
}


@pytest.mark.parametrize(
    "channel, dates, received",
    [
        ("in_person", {}, date(2025, 3, 3)),
        ("mail", {"signed_on": "2025-03-05"}, date(2025, 3, 5)),
        ("letter", {"confirmed_on": "2025-03-06"}, date(2025, 3, 6)),
        ("fax", {"confirmed_on": "2025-03-04"}, date(2025, 3, 4)),
    ],
)
def test_registration_by_channel_applies_article_31_and_shows_the_code_once(
    county, handler, as_user, channel, dates, received
):
    client = as_user(handler)
    page = client.get(reverse("requests_admin:register")).content.decode()
    assert "以行政机关签收之日为收到申请之日" in page  # the rule is next to the channel

    response = client.post(
        reverse("requests_admin:register"),
        {**BASE_REGISTRATION, "unit": county.pk, "channel": channel, **dates},
    )
    request = DisclosureRequest.objects.get()
    assert response["Location"] == reverse("requests_admin:receipt", args=[request.pk])
    assert request.received_on == received and request.state == State.RECEIVED

    receipt = client.get(response["Location"]).content.decode()
    code = receipt.split('class="code">')[1].split("<")[0]
    from gongkai.requests.selectors import find_by_lookup

    assert find_by_lookup(request.tracking_no, code) == request
    again = client.get(response["Location"]).content.decode()
    assert code not in again and "仅在登记后显示一次" in again


def test_registration_refused_in_chinese_and_nothing_written(county, handler, as_user):
    client = as_user(handler)
    page = client.post(
        reverse("requests_admin:register"),
        {**BASE_REGISTRATION, "unit": county.pk, "channel": "mail"},
    ).content.decode()
    assert "须填写签收日期" in page
    page = client.post(
        reverse("requests_admin:register"),
        {**BASE_REGISTRATION, "unit": county.pk, "channel": "in_person", "id_number": "123"},
    ).content.decode()
    assert "居民身份证号码不正确" in page
    page = client.post(
        reverse("requests_admin:register"),
        {
            **BASE_REGISTRATION,
            "unit": county.pk,
            "channel": "in_person",
            "identity_proof": SimpleUploadedFile("id.exe", b"MZ"),
        },
    ).content.decode()
    assert "不是有效的PDF、JPG或PNG文件" in page
    page = client.post(
        reverse("requests_admin:register"),
        {
            **BASE_REGISTRATION,
            "unit": county.pk,
            "channel": "in_person",
            # Named as a scan, but not one: checked by content, as on the public form.
            "identity_proof": SimpleUploadedFile("身份证.pdf", b"MZ\x90\x00"),
        },
    ).content.decode()
    assert "不是有效的PDF、JPG或PNG文件" in page
    assert not DisclosureRequest.objects.exists()


def test_identity_proof_is_a_private_download(unit_tree, county, handler, make_user, as_user):
    client = as_user(handler)
    client.post(
        reverse("requests_admin:register"),
        {
            **BASE_REGISTRATION,
            "unit": county.pk,
            "channel": "in_person",
            "identity_proof": SimpleUploadedFile("身份证.pdf", b"%PDF-1.4 id", "application/pdf"),
        },
    )
    request = DisclosureRequest.objects.get()
    attachment = request.attachments.get()
    url = reverse("requests_admin:attachment", args=[request.pk, attachment.pk])
    assert url in client.get(detail(request)).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 id"

    other = as_user(make_user("town", (Role.REQUEST_HANDLER, unit_tree["town_a"])))
    assert other.get(url).status_code == 404


# --- Steps ------------------------------------------------------------------------------------

# (state, action, accepted data, refused data, the refusal's message)
STEPS = [
    (State.SUBMITTED, "accept", {"on": "2025-03-10"}, {"on": "2025-03-11"}, "不能晚于今天"),
    (
        State.RECEIVED,
        "request_correction",
        {"items": "请写明文件名称", "until": "2025-03-25", "on": "2025-03-10"},
        {"items": "请写明文件名称", "until": "2025-03-09", "on": "2025-03-10"},
        "补正期限应晚于告知之日",
    ),
    (
        State.CORRECTION_REQUESTED,
        "record_correction",
        {"on": "2025-03-10", "description": "2024年第四季度低保资金发放明细"},
        {"on": "2025-03-03"},
        "不能早于告知补正之日",
    ),
    (
        State.CORRECTION_REQUESTED,
        "abandon",
        {"on": "2025-03-10"},
        {"on": "2025-03-06"},
        "尚未届满",
    ),
    (State.RECEIVED, "start_handling", {"on": "2025-03-10"}, {"on": "2025-03-12"}, "不能晚于今天"),
    (
        State.IN_HANDLING,
        "consult_third_party",
        {"party": "某公司", "on": "2025-03-10"},
        {"party": "某公司", "on": "2025-03-11"},
        "不能晚于今天",
    ),
    (
        State.IN_HANDLING,
        "consult_other_organ",
        {"party": "县财政局", "on": "2025-03-10"},
        {"party": "县财政局", "on": "2025-03-11"},
        "不能晚于今天",
    ),
    (
        State.IN_HANDLING,
        "issue_fee_notice",
        {"method": "volume", "pages": "50", "on": "2025-03-10"},
        {"method": "volume", "pages": "50", "requests_before": "3", "on": "2025-03-10"},
        "不得同时按照两种标准",
    ),
    (
        State.CONSULTING_THIRD_PARTY,
        "end_consultation",
        {"on": "2025-03-10"},
        {"on": "2025-03-04"},
        "不能早于暂停开始的日期",
    ),
    (
        State.AWAITING_FEE,
        "record_payment",
        {"on": "2025-03-10", "receipt_no": "No.123"},
        {"on": "2025-03-04"},
        "不能早于收费通知日期",
    ),
    (
        State.IN_HANDLING,
        "reply",
        {"outcome": "granted", "reply_text": "见附件。", "on": "2025-03-10"},
        {"outcome": "partly_granted", "on": "2025-03-10"},
        "部分公开须写明不予公开的内容及理由",
    ),
    (
        State.REPLIED,
        "deliver",
        {"method": "post", "on": "2025-03-10", "tracking_ref": "EMS123"},
        {"method": "post", "on": "2025-03-05"},
        "送达日期不能早于答复日期",
    ),
    (State.DELIVERED, "archive", {"on": "2025-03-10"}, {"on": "2025-03-11"}, "不能晚于今天"),
    (State.RECEIVED, "withdraw", {"on": "2025-03-10"}, {"on": "2025-03-11"}, "不能晚于今天"),
]


@pytest.mark.parametrize("state, action, good, bad, message", STEPS, ids=[s[1] for s in STEPS])
def test_each_step_form_calls_its_service_and_shows_a_refusal(
    county, handler, as_user, state, action, good, bad, message
):
    request = bring(state, county, handler)
    client = as_user(handler)
    assert f'id="step-{action}"' in client.get(detail(request)).content.decode()
    events, audits = request.events.count(), AuditEntry.objects.count()

    page = client.post(step_url(request, action), prefixed(action, bad)).content.decode()
    assert message in page
    unchanged = DisclosureRequest.objects.get(pk=request.pk)
    assert unchanged.state == state and unchanged.updated_at == request.updated_at
    assert request.events.count() == events and AuditEntry.objects.count() == audits

    response = client.post(step_url(request, action), prefixed(action, good))
    assert response.status_code == 302 and response["Location"] == detail(request)
    after = DisclosureRequest.objects.get(pk=request.pk)
    assert after.events.count() == events + 1
    assert AuditEntry.objects.filter(action=f"request.{action}", object_id=str(request.pk)).exists()


def test_a_step_the_state_no_longer_allows_is_refused_without_change(county, handler, as_user):
    request = bring(State.REPLIED, county, handler)
    client = as_user(handler)
    response = client.post(
        step_url(request, "start_handling"), prefixed("start_handling", {"on": "2025-03-10"})
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "不能执行“开始办理”" in page
    assert DisclosureRequest.objects.get(pk=request.pk).state == State.REPLIED


def test_extension_is_hidden_from_and_refused_to_a_plain_handler(county, handler, head, as_user):
    request = bring(State.IN_HANDLING, county, handler)
    client = as_user(handler)
    assert 'id="step-extend"' not in client.get(detail(request)).content.decode()
    assert_refused(
        client.post(
            step_url(request, "extend"),
            prefixed("extend", {"reason": "材料多", "on": "2025-03-10"}),
        )
    )
    assert not DisclosureRequest.objects.get(pk=request.pk).extended

    client = as_user(head)
    assert 'id="step-extend"' in client.get(detail(request)).content.decode()
    client.post(
        step_url(request, "extend"), prefixed("extend", {"reason": "材料多", "on": "2025-03-10"})
    )
    request.refresh_from_db()
    assert request.extended and request.extension_approved_by == head


def test_fee_preview_computes_without_issuing(county, handler, as_user):
    request = bring(State.IN_HANDLING, county, handler)
    client = as_user(handler)
    page = client.post(
        step_url(request, "issue_fee_notice"),
        {
            **prefixed(
                "issue_fee_notice", {"method": "volume", "pages": "120", "on": "2025-03-10"}
            ),
            "preview": "1",
        },
    ).content.decode()
    assert "信息处理费为 1100 元" in page and "31—100页：70页 × 10元 = 700元" in page
    assert not request.fee_notices.exists()
    assert DisclosureRequest.objects.get(pk=request.pk).state == State.IN_HANDLING


def test_reply_form_shows_legal_bases_and_links_only_own_documents(
    unit_tree, county, handler, as_user
):
    request = bring(State.IN_HANDLING, county, handler)
    own = document_create(
        actor=None, unit=county, title="关于调整最低生活保障标准的通知", written_on=date(2025, 1, 6)
    )
    other = document_create(
        actor=None, unit=unit_tree["town_a"], title="甲镇工作方案", written_on=date(2025, 1, 6)
    )
    client = as_user(handler)
    page = client.get(detail(request) + "?step=reply").content.decode()
    assert "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项" in page
    assert "您申请获取的信息属于依法确定为国家秘密的政府信息" in page
    assert "关于调整最低生活保障标准的通知" in page and "甲镇工作方案" not in page

    page = client.post(
        step_url(request, "reply"),
        prefixed("reply", {"outcome": "granted", "document": other.pk, "on": "2025-03-10"}),
    ).content.decode()
    assert "有效的选项" in page or "Select a valid choice" in page
    client.post(
        step_url(request, "reply"),
        prefixed("reply", {"outcome": "granted", "document": own.pk, "on": "2025-03-10"}),
    )
    request.refresh_from_db()
    assert request.document == own and request.outcome == "granted"
    page = client.get(detail(request)).content.decode()
    assert "已有 1 名申请人申请公开" in page


def test_delivery_proof_is_uploaded_and_downloaded_privately(county, handler, as_user):
    request = bring(State.REPLIED, county, handler)
    client = as_user(handler)
    client.post(
        step_url(request, "deliver"),
        {
            **prefixed("deliver", {"method": "post", "on": "2025-03-10"}),
            "deliver-proof": SimpleUploadedFile("回证.jpg", b"\xff\xd8\xffproof", "image/jpeg"),
        },
    )
    delivery = request.deliveries.get()
    url = reverse("requests_admin:delivery_proof", args=[request.pk, delivery.pk])
    assert url in client.get(detail(request)).content.decode()
    assert b"".join(client.get(url).streaming_content) == b"\xff\xd8\xffproof"


def test_assign_a_handler_of_the_unit_only(unit_tree, county, handler, make_user, as_user):
    request = bring(State.RECEIVED, county, handler)
    colleague = make_user("colleague", (Role.REQUEST_HANDLER, county))
    stranger = make_user("stranger", (Role.REQUEST_HANDLER, unit_tree["town_a"]))
    client = as_user(handler)
    url = reverse("requests_admin:assign", args=[request.pk])
    page = client.post(url, {"assign-handler": stranger.pk}).content.decode()
    assert "有效的选项" in page or "Select a valid choice" in page
    client.post(url, {"assign-handler": colleague.pk})
    request.refresh_from_db()
    assert request.handler == colleague
    assert AuditEntry.objects.filter(action="request.assign").exists()


def test_repeat_and_volume_checks_are_suggested(county, handler, as_user, settings):
    settings.GONGKAI_REQUEST_VOLUME_FLAG = 1
    earlier = bring(State.REPLIED, county, handler)
    request = register(county, handler, on=date(2025, 3, 7))
    page = as_user(handler).get(detail(request)).content.decode()
    assert "同一申请人已就相同信息获得答复，可考虑不予重复处理（第三十六条第（六）项）" in page
    assert earlier.tracking_no in page
    assert "条例第三十五条" in page


# --- Export -------------------------------------------------------------------------------------


def test_export_is_audited_and_masks_id_numbers(county, handler, head, as_user):
    request = register(county, handler)
    client = as_user(handler)
    response = client.get(reverse("requests_admin:index"), {"queue": "all", "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "申请编号" and rows[1][1] == request.tracking_no
    assert rows[1][6] == "1101**********002X" and ID_NUMBER not in str(rows)
    entry = AuditEntry.objects.get(action="request.export")
    assert entry.actor_id == handler.pk and entry.changes["rows"] == 1
    assert entry.changes["format"] == "xlsx" and entry.changes["filters"]["queue"] == "all"

    csv = client.get(reverse("requests_admin:index"), {"queue": "all", "export": "csv"})
    assert csv.content.decode("utf-8-sig").splitlines()[1].split(",")[1] == request.tracking_no
    assert AuditEntry.objects.filter(action="request.export").count() == 2

    # The office head may view but not export applicants' data.
    client = as_user(head)
    assert "导出当前列表" not in client.get(reverse("requests_admin:index")).content.decode()
    assert_refused(client.get(reverse("requests_admin:index"), {"export": "xlsx"}))
    assert AuditEntry.objects.filter(action="request.export").count() == 2


# --- Appeals ------------------------------------------------------------------------------------


def test_appeals_are_recorded_and_validated_on_the_request_page(county, handler, as_user):
    request = bring(State.DELIVERED, county, handler)
    client = as_user(handler)
    url = reverse("requests_admin:appeal_create", args=[request.pk])

    def appeal(**data):
        return client.post(url, {f"appeal-{k}": v for k, v in data.items()})

    page = appeal(kind="lawsuit_after_review", filed_on="2025-03-08", result="pending").content
    assert "该申请尚无行政复议记录" in page.decode()
    page = appeal(kind="review", filed_on="2025-03-08", result="upheld").content.decode()
    assert "已审结的案件须填写审结日期" in page
    page = appeal(
        kind="review", filed_on="2025-03-08", result="upheld", decided_on="2025-03-07"
    ).content.decode()
    assert "审结日期不能早于提起日期" in page
    assert not Appeal.objects.exists()

    assert (
        appeal(
            kind="review", authority="测试县人民政府", filed_on="2025-03-08", result="pending"
        ).status_code
        == 302
    )
    review = Appeal.objects.get()
    response = client.post(
        reverse("requests_admin:appeal_update", args=[request.pk, review.pk]),
        {
            f"appeal-{review.pk}-filed_on": "2025-03-08",
            f"appeal-{review.pk}-result": "upheld",
            f"appeal-{review.pk}-decided_on": "2025-03-10",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.result == "upheld" and review.decided_on == date(2025, 3, 10)
    assert (
        appeal(kind="lawsuit_after_review", filed_on="2025-03-10", result="pending").status_code
        == 302
    )
    page = client.get(detail(request)).content.decode()
    assert "行政诉讼（复议后起诉）" in page and "结果维持" in page


# --- Letters ------------------------------------------------------------------------------------


def test_letters_that_apply_are_generated_and_listed_with_downloads(county, handler, as_user):
    request = bring(State.REPLIED, county, handler)
    client = as_user(handler)
    page = client.get(detail(request)).content.decode()
    assert 'value="reply"' in page and 'value="correction"' not in page

    url = reverse("requests_admin:letter_create", args=[request.pk])
    page = client.post(url, {"kind": "correction"}).content.decode()
    assert "该申请未告知补正，不能生成补正申请告知书" in page
    assert not request.letters.exists()

    response = client.post(url, {"kind": "reply"})
    assert response.status_code == 302
    letter = request.letters.get()
    page = client.get(detail(request)).content.decode()
    assert reverse("requests_letter_download", args=[letter.pk, "docx"]) in page
    assert letter.pdf or "PDF不可用" in page


def test_the_steps_allowed_now_are_buttons_each_opening_only_its_own_form(
    county, handler, head, as_user
):
    request = bring(State.IN_HANDLING, county, handler)
    client = as_user(head)
    page = client.get(detail(request)).content.decode()
    # Every step allowed now is a button; no form is on the page until one is chosen.
    for action in ("reply", "extend", "issue_fee_notice"):
        assert f'href="?step={action}#step-form"' in page
    assert step_url(request, "reply") not in page and step_url(request, "extend") not in page

    page = client.get(detail(request) + "?step=extend").content.decode()
    assert step_url(request, "extend") in page and step_url(request, "reply") not in page
    assert page.count('<form method="post" action="' + step_url(request, "extend")) == 1

    # A refused post shows that form again (with its errors), and only it.
    page = client.post(step_url(request, "extend"), prefixed("extend", {"on": ""})).content.decode()
    assert step_url(request, "extend") in page and step_url(request, "reply") not in page

    # A step name the state does not allow, or made up, opens nothing.
    for chosen in ("deliver", "nonsense"):
        page = client.get(detail(request) + f"?step={chosen}").content.decode()
        assert 'id="step-form"' not in page
