"""The staff screens: queues scoped to the user's units (a township never sees another's
messages), one step per form calling its service, publication with the gate's warning and
一键脱敏, the hotline screen, policy questions and the supervising office's overview."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.demo import DemoContext
from gongkai.core.domain.roles import Role
from gongkai.documents.services import document_create, document_publish
from gongkai.messages import services as s
from gongkai.messages.domain.states import State
from gongkai.messages.models import Message, PolicyQuestion
from gongkai.portal import demo as portal_demo

from .conftest import local

pytestmark = pytest.mark.django_db

INDEX = "/admin/interaction/"


def login(client, user):
    client.force_login(user)
    return client


def test_a_township_sees_its_own_messages_only(tree, people, receive, client):
    own = receive(tree["town_a"], "2026-03-02 09:00", title="甲镇的留言")
    other = receive(tree["town_b"], "2026-03-02 09:00", title="乙乡的留言")
    login(client, people["town_a"])
    html = client.get(INDEX, {"queue": "all"}).content.decode()
    assert own.number in html and other.number not in html and "乙乡的留言" not in html
    assert client.get(f"{INDEX}{other.pk}/").status_code == 404
    assert client.post(f"{INDEX}{other.pk}/steps/accept/").status_code == 404
    login(client, people["supervisor"])
    html = client.get(INDEX, {"queue": "all"}).content.decode()
    assert own.number in html and other.number in html
    login(client, people["auditor"])
    assert client.get(INDEX).status_code == 302  # no role for messages: back home with a message


def test_a_step_form_calls_its_service(tree, people, receive, client):
    message = receive(None, "2026-03-02 09:00")
    login(client, people["office"])
    page = client.get(f"{INDEX}{message.pk}/").content.decode()
    assert "王小明" in page and "13912345678" in page  # the contact is for staff
    assert f'action="/admin/interaction/{message.pk}/steps/transfer/"' in page
    response = client.post(
        f"{INDEX}{message.pk}/steps/transfer/",
        {"transfer-to_unit": tree["town_a"].pk, "transfer-reason": ""},
    )
    # The office may no longer see it once it is the township's: back to the list.
    assert response.status_code == 302 and response["Location"] == INDEX
    message.refresh_from_db()
    assert message.unit == tree["town_a"]
    login(client, people["town_a"])
    response = client.post(f"{INDEX}{message.pk}/steps/reply/", {"reply-text": ""})
    assert response.status_code == 200 and Message.objects.get(pk=message.pk).state == State.NEW
    response = client.post(
        f"{INDEX}{message.pk}/steps/reply/",
        {
            "reply-text": "请到镇便民服务中心办理。",
            "reply-attachment": SimpleUploadedFile("答复.pdf", b"%PDF-1.4\n" + b"0" * 64),
        },
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state == State.ANSWERED
    reply = message.replies.get()
    download = client.get(f"{INDEX}{message.pk}/replies/{reply.pk}/")
    assert download.status_code == 200


def test_a_step_the_state_no_longer_allows_is_refused_with_a_message(tree, people, receive, client):
    message = receive(tree["finance"], "2026-03-02 09:00")
    s.message_reply(actor=people["finance"], message=message, text="已答复")
    login(client, people["finance"])
    response = client.post(f"{INDEX}{message.pk}/steps/accept/", follow=True)
    assert "不能签收" in response.content.decode()


def test_publication_warns_masks_and_refuses_personal_data(tree, people, receive, client):
    message = receive(tree["finance"], "2026-03-02 09:00", text="我的电话13912345678，问补贴。")
    s.message_reply(actor=people["finance"], message=message, text="已答复")
    login(client, people["reviewer"])
    url = f"{INDEX}{message.pk}/"
    page = client.get(url).content.decode()
    assert "发布前检查：公开的留言内容中有疑似个人信息：139****5678" in page
    data = {
        "publish-title": "补贴问题",
        "publish-excerpt": "我的电话13912345678，问补贴。",
        "publish-answer": "已答复",
    }
    refused = client.post(f"{url}publish/", data)
    assert "不能公开" in refused.content.decode()
    assert Message.objects.get(pk=message.pk).published_at is None
    masked = client.post(f"{url}publish/", {**data, "redact": "1"}).content.decode()
    assert "139****5678" in masked or "139 **** 5678" in masked
    data["publish-excerpt"] = "请问补贴问题。"
    assert client.post(f"{url}publish/", data).status_code == 302
    assert Message.objects.get(pk=message.pk).published_at is not None


def test_the_hotline_screen_imports_and_exports(tree, people, client):
    orders = (
        "工单编号,受理时间,承办单位,诉求类型,诉求内容\nGD9,2026-03-02 09:15,C-FIN,咨询,咨询补贴\n"
    ).encode()
    login(client, people["supervisor"])
    response = client.post(
        f"{INDEX}hotline/", {"form": "import", "file": SimpleUploadedFile("o.csv", orders)}
    )
    assert "新增 1 条" in response.content.decode()
    bad = client.post(
        f"{INDEX}hotline/",
        {"form": "import", "file": SimpleUploadedFile("o.csv", orders.replace(b"C-FIN", b"XX"))},
    )
    assert "承办单位“XX”不是平台中的单位" in bad.content.decode()
    order = Message.objects.get(hotline_number="GD9")
    s.message_reply(actor=people["finance"], message=order, text="已答复")
    login(client, people["finance"])
    response = client.post(
        f"{INDEX}hotline/",
        {
            "form": "export",
            "unit": tree["finance"].pk,
            "start": "2026-03-01",
            "end": "2026-03-31",
            "fmt": "csv",
        },
    )
    assert response.status_code == 200 and "GD9" in response.content.decode("utf-8-sig")
    assert Message.objects.get(pk=order.pk).fed_back_at is not None


def test_policy_questions_are_written_and_published(tree, people, client, make_user):
    portal_demo.load(DemoContext())
    document = document_publish(
        actor=None,
        document=document_create(
            actor=None,
            unit=tree["county"],
            title="测试县惠民补贴办法",
            written_on=date(2026, 1, 5),
            disclosure="proactive",
        ),
    )
    editor = make_user("qa", (Role.EDITOR, tree["county"]))
    login(client, editor)
    response = client.post(
        f"{INDEX}questions/new/",
        {
            "unit": tree["county"].pk,
            "question": "补贴标准是多少？",
            "answer": "每亩100元。",
            "document": document.pk,
            "interpretation": "",
            "sort_order": "0",
        },
    )
    entry = PolicyQuestion.objects.get()
    assert response.status_code == 302 and entry.published_at is None
    # Editors write, reviewers publish.
    assert (
        "发布" not in client.get(f"{INDEX}questions/{entry.pk}/").content.decode().split("保存")[-1]
    )
    login(client, people["reviewer"])
    client.post(f"{INDEX}questions/{entry.pk}/", {"action": "publish"})
    entry.refresh_from_db()
    assert entry.published_at is not None
    login(client, people["town_b"])
    assert client.get(f"{INDEX}questions/{entry.pk}/").status_code == 404


def test_the_supervising_office_sees_overdue_and_three_month_messages(
    tree, people, receive, client
):
    old = receive(tree["town_b"], "2026-01-05 09:00", title="三个月前的留言")
    with time_machine.travel(local("2026-04-20 10:00"), tick=False):
        login(client, people["supervisor"])
        html = client.get(f"{INDEX}oversight/").content.decode()
        assert old.number in html and "满3个月未答复的有效留言" in html
        login(client, people["town_a"])
        assert client.get(f"{INDEX}oversight/").status_code == 302


def test_a_registered_call_gets_a_receipt_with_the_code_once(tree, people, client):
    login(client, people["finance"])
    response = client.post(
        f"{INDEX}register/",
        {
            "unit": tree["finance"].pk,
            "channel": "phone",
            "received_at": "2026-03-02T09:00",
            "kind": "simple",
            "title": "办公时间",
            "text": "请问财政局周六是否办公？",
            "contact_name": "",
            "contact_mobile": "",
        },
    )
    message = Message.objects.get()
    assert response["Location"] == f"{INDEX}{message.pk}/receipt/"
    receipt = client.get(response["Location"])
    assert "no-store" in receipt["Cache-Control"]
    assert "查询码仅在登记后显示一次" not in receipt.content.decode()
    assert "查询码仅在登记后显示一次" in client.get(response["Location"]).content.decode()
    assert message.due_on == date(2026, 3, 3)
