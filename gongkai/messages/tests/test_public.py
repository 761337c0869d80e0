"""The public side: leaving a message (its protections, the similar-questions step), the
confirmation, the citizen's page (answer, attachment, rating), 留言选登, 政策问答 and the
statistics page; and what must never leak."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.core import ratelimit
from gongkai.messages import services as s
from gongkai.messages.domain.states import State
from gongkai.messages.models import Message

from .conftest import local

pytestmark = pytest.mark.django_db

NEW, DONE = "/hdjl/ly/new/", "/hdjl/ly/new/done/"
TRACK, STATUS = "/hdjl/ly/track/", "/hdjl/ly/track/status/"


def form_token(client) -> str:
    html = client.get(NEW).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def valid_data(**changes) -> dict:
    return {
        "kind": "consultation",
        "unit": "C-FIN",
        "title": "惠民补贴什么时候发放",
        "text": "今年的耕地地力保护补贴什么时候发放到卡？",
        "page_url": "",
        "contact_name": "李四",
        "contact_mobile": "139 1234 5678",
        "may_publish": "yes",
        "leave_blank": "",
        **changes,
    }


def post(client, *, token: str | None = None, **changes):
    return client.post(NEW, valid_data(form_token=token or form_token(client), **changes))


def submitted(client) -> tuple[Message, str]:
    assert post(client).status_code == 303
    html = client.get(DONE).content.decode()
    return Message.objects.latest("id"), re.search(r'class="code">([A-Z0-9]+)<', html).group(1)


def is_private(response) -> bool:
    return "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_form_is_labelled_titled_and_never_cached(tree, client):
    response = client.get(NEW)
    html = response.content.decode()
    assert is_private(response)
    assert "<title>我要留言 - 测试县人民政府 - " in html
    assert 'name="form_token"' in html and 'name="leave_blank"' in html
    assert "不确定（由政府办公室分办）" in html
    assert "甲镇一村" not in html  # village committees are addressed through their township
    assert "咨询5个工作日" in html and "简单常见问题1个工作日" in html
    assert "<script>" not in html and "suggest.js" in html


def test_a_message_is_received_and_the_citizen_gets_a_number_and_code(tree, client):
    message, code = submitted(client)
    assert len(code) == 10
    assert message.unit == tree["finance"] and message.contact_mobile == "13912345678"
    assert message.may_publish and message.state == State.NEW
    done = client.get(DONE)
    assert is_private(done) and message.number in done.content.decode()
    # The tracking session is open: the citizen's own page.
    assert client.get(STATUS).status_code == 200


def test_unsure_goes_to_the_office(tree, client):
    assert post(client, unit="unsure").status_code == 303
    assert Message.objects.get().unit == tree["office"]


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"title": ""}, "请填写留言标题"),
        ({"contact_mobile": "12345"}, "手机号码应为11位数字"),
        ({"kind": ""}, "请选择留言类别"),
        ({"unit": "V-A"}, "请选择办理单位"),
        ({"may_publish": ""}, "请选择是否同意公开"),
    ],
)
def test_each_field_says_what_is_wrong(tree, client, changes, error):
    response = post(client, **changes)
    assert response.status_code == 200 and error in response.content.decode()
    assert "错误：" in response.content.decode() and not Message.objects.exists()


def test_double_submission_finds_the_first_message(tree, client):
    token = form_token(client)
    assert post(client, token=token).status_code == 303
    assert post(client, token=token).status_code == 303
    assert Message.objects.count() == 1


def test_a_form_replayed_from_another_browser_gets_nothing_of_the_citizens(tree, client):
    token = form_token(client)
    assert post(client, token=token).status_code == 303
    message = Message.objects.get()
    other = Client()
    form_token(other)
    replay = post(other, token=token)
    html = replay.content.decode()
    assert replay.status_code == 400 and "不是在本浏览器中打开的" in html
    assert message.number not in html
    assert other.get(STATUS)["Location"] == TRACK
    assert Message.objects.count() == 1


def test_bots_are_refused(tree, client, settings):
    assert post(client, leave_blank="http://spam").status_code == 400
    settings.GONGKAI_MESSAGE_MIN_FILL_SECONDS = 60
    response = post(client)
    assert response.status_code == 400 and "提交过快" in response.content.decode()
    assert not Message.objects.exists()


def test_new_messages_per_address_are_limited(tree, client, settings):
    settings.GONGKAI_MESSAGE_SUBMIT_LIMIT = 2
    assert post(client).status_code == 303
    assert post(client).status_code == 303
    response = post(client)
    assert response.status_code == 429 and "已达2条" in response.content.decode()
    assert Message.objects.count() == 2
    assert ratelimit.consume("message-submit", "127.0.0.1", 2) is False


def test_similar_answers_are_shown_before_sending_without_javascript(tree, people, receive, client):
    earlier = receive(
        tree["finance"],
        "2026-03-02 09:00",
        title="耕地地力保护补贴发放时间",
        text="补贴什么时候发放",
    )
    earlier = s.message_reply(actor=people["finance"], message=earlier, text="每年6月底前发放。")
    s.message_publish(
        actor=people["reviewer"],
        message=earlier,
        title="耕地地力保护补贴发放时间",
        excerpt="请问耕地地力保护补贴什么时候发放？",
        answer="每年6月底前发放到一卡通。",
    )
    token = form_token(client)
    step = post(client, token=token)
    html = step.content.decode()
    assert step.status_code == 200 and "以下答复可能对您有帮助" in html
    assert f"/hdjl/ly/{earlier.number}/" in html and "仍要提交留言" in html
    assert Message.objects.count() == 1
    data = valid_data(form_token=token, confirmed="yes")
    assert client.post(NEW, data).status_code == 303
    assert Message.objects.count() == 2
    # The script shows them while the citizen types; then the form is sent at once.
    fragment = client.get("/hdjl/ly/suggest/", {"q": "耕地地力保护补贴"}).content.decode()
    assert f"/hdjl/ly/{earlier.number}/" in fragment
    assert post(client, suggestions_seen="on").status_code == 303


def test_the_citizens_page_shows_the_answer_and_takes_the_rating(tree, people, client, settings):
    message, code = submitted(client)
    client.post(STATUS, {"action": "leave"})
    assert client.get(STATUS)["Location"] == TRACK
    wrong = client.post(TRACK, {"number": message.number, "code": "WRONGCODE2"})
    assert wrong.status_code == 400 and "留言编号或查询码不正确" in wrong.content.decode()
    upload = SimpleUploadedFile(
        "答复.pdf", b"%PDF-1.4\n" + b"0" * 64, content_type="application/pdf"
    )
    s.message_reply(
        actor=people["finance"], message=message, text="6月底前发放。", attachment=upload
    )
    assert (
        client.post(TRACK, {"number": message.number.lower(), "code": code.lower()}).status_code
        == 303
    )
    page = client.get(STATUS)
    html = page.content.decode()
    assert is_private(page) and "6月底前发放。" in html and "评价办理结果" in html
    reply = message.replies.get()
    download = client.get(f"/hdjl/ly/track/files/{reply.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert Client().get(f"/hdjl/ly/track/files/{reply.pk}/").status_code == 404
    response = client.post(
        STATUS,
        {"action": "rate", "satisfaction": "dissatisfied", "resolved": "no", "comment": "还没收到"},
    )
    assert response.status_code == 303
    message.refresh_from_db()
    assert message.state == State.HANDLING and message.satisfaction == "dissatisfied"
    assert "重新办理" in client.get(STATUS).content.decode()


def test_the_list_filters_and_the_statistics_page(tree, people, receive, client):
    message = receive(tree["finance"], "2026-03-02 09:00")
    with time_machine.travel(local("2026-03-04 10:00"), tick=False):
        message = s.message_reply(actor=people["finance"], message=message, text="已答复")
    s.message_publish(
        actor=people["reviewer"],
        message=message,
        title="公开标题",
        excerpt="公开内容",
        answer="公开答复",
    )
    assert (
        "公开标题"
        in client.get(
            "/hdjl/ly/", {"unit": "C-FIN", "kind": "consultation", "year": "2026"}
        ).content.decode()
    )
    assert "公开标题" not in client.get("/hdjl/ly/", {"kind": "complaint"}).content.decode()
    assert client.get("/hdjl/ly/", {"unit": "nope", "year": "x"}).status_code == 200
    html = client.get("/hdjl/tj/", {"unit": "C", "year": "2026"}).content.decode()
    assert "<title>留言办理统计（2026年） - 测试县人民政府 - " in html
    assert "平均答复用时" in html and "2.0个工作日" in html
    assert client.get("/hdjl/tj/", {"unit": "x", "year": "abc"}).status_code == 200
    assert client.get("/hdjl/zcwd/").status_code == 200
    assert client.get("/hdjl/zcwd/", {"document": "999999"}).status_code == 404
