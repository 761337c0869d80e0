"""The public pages: the consultation with its articles and comments a page at a time, the
comment form with the building blocks of every public form (one-time key bound to the browser,
honeypot, minimum fill time, per-address limit), the questionnaire and its results, the
feedback downloads, meetings, open days and a published opinion response."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.participation.models import (
    AttendanceApplication,
    Comment,
    OpenDayRegistration,
    SurveyResponse,
)
from gongkai.participation.services.comments import (
    CommentInput,
    answer_save,
    comment_submit_online,
    feedback_publish,
    feedback_save,
)
from gongkai.participation.services.consultations import consultation_close, consultation_open
from gongkai.participation.services.events import (
    Applicant,
    EventFacts,
    agenda_item_add,
    attendance_apply,
    attendance_decide,
    meeting_announce,
    meeting_publish_record,
    meeting_record_held,
    meeting_save,
    open_day_announce,
    open_day_register,
    open_day_save,
)
from gongkai.participation.services.questionnaires import question_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def public_settings(settings, tmp_path):
    settings.GONGKAI_RATELIMIT_DIR = str(tmp_path / "ratelimit")
    settings.GONGKAI_PARTICIPATION_MIN_FILL_SECONDS = 0
    return settings


@pytest.fixture
def opened(consultation, staff):
    return consultation_open(actor=staff["leader"], consultation=consultation)


def token(client, url: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', client.get(url).content.decode()).group(
        1
    )


def comment_url(consultation) -> str:
    return f"/hdjl/yjzj/{consultation.pk}/comment/"


def post_comment(client, consultation, **changes):
    url = comment_url(consultation)
    data = {"form_token": token(client, url), "article": "a3", "body": "建议提高标准。"} | changes
    return client.post(url, data)


def test_the_consultation_page_shows_the_draft_by_article_and_says_how_to_comment(opened, client):
    response = client.get(f"/hdjl/yjzj/{opened.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Set-Cookie" not in response  # cacheable: no form, no cookie
    assert '<h3 class="draft-heading">第一章 总则</h3>' in html
    assert 'id="a3"' in html and "对第三条提出意见" in html
    assert f'href="/hdjl/yjzj/{opened.pk}/comment/?article=a3"' in html
    assert "<title>" + opened.title + " - 测试县人民政府 - " in html
    assert '<meta name="ArticleTitle" content="' + opened.title in html


def test_a_draft_consultation_is_not_public(consultation, client):
    assert client.get(f"/hdjl/yjzj/{consultation.pk}/").status_code == 404
    assert client.get(comment_url(consultation)).status_code == 404


def test_a_citizen_comments_on_an_article(opened, client):
    response = post_comment(
        client, opened, contact="13812345678", body="电话13912345678，建议提高。"
    )
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert (comment.article.label, comment.contact) == ("第三条", "13812345678")
    done = client.get(response["Location"]).content.decode()
    assert "已在公开显示时隐去" in done
    page = client.get(f"/hdjl/yjzj/{opened.pk}/?article=a3").content.decode()
    assert "以下是对第三条的意见。" in page and "13912345678" not in page


def test_the_comment_form_is_labelled_and_never_cached(opened, client):
    response = client.get(comment_url(opened) + "?article=a2")
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "您正在对第二条提出意见" in html
    assert '<label for="id_body">意见内容' in html
    assert re.search(r'<div class="trap" aria-hidden="true">.*?tabindex="-1"', html, re.S)


def test_an_empty_comment_is_refused_next_to_its_field(opened, client):
    html = post_comment(client, opened, body=" ").content.decode()
    assert '<p class="field-error" id="id_body_error">错误：请填写意见内容。</p>' in html
    assert "<title>错误：" in html
    assert not Comment.objects.exists()


def test_a_double_click_makes_one_comment(opened, client):
    url = comment_url(opened)
    key = token(client, url)
    for _ in range(2):
        assert client.post(url, {"form_token": key, "body": "一条意见"}).status_code == 303
    assert Comment.objects.count() == 1


def test_a_form_replayed_from_another_browser_finds_nothing(opened, client):
    url = comment_url(opened)
    key = token(client, url)
    client.post(url, {"form_token": key, "body": "我的意见"})
    stranger = Client()
    stranger.get(url)
    response = stranger.post(url, {"form_token": key, "body": "我的意见"})
    assert response.status_code == 400
    assert "不是在本浏览器中打开的" in response.content.decode()
    assert Comment.objects.count() == 1


def test_bots_are_refused_by_the_honeypot_and_the_fill_time(opened, client, settings):
    assert post_comment(client, opened, leave_blank="http://spam").status_code == 400
    settings.GONGKAI_PARTICIPATION_MIN_FILL_SECONDS = 60
    response = post_comment(client, opened)
    assert response.status_code == 400 and "提交过快" in response.content.decode()
    assert "建议提高标准。" in response.content.decode()  # kept
    assert not Comment.objects.exists()


def test_comments_per_address_are_limited(opened, client, settings):
    settings.GONGKAI_PARTICIPATION_SUBMIT_LIMIT = 2
    for n in range(2):
        assert post_comment(client, opened, body=f"意见{n}").status_code == 303
    response = post_comment(client, opened, body="第三条")
    assert response.status_code == 429 and "一小时内" in response.content.decode()
    assert Comment.objects.count() == 2


def test_after_the_end_date_there_is_no_form(opened, client):
    consultation_close(actor=None, consultation=opened, today=opened.ends_on + timedelta(days=1))
    html = client.get(comment_url(opened)).content.decode()
    assert "不再接受意见" in html and 'name="body"' not in html


def test_comments_are_shown_a_page_at_a_time(opened, client):
    for n in range(45):
        comment_submit_online(
            consultation=opened,
            version_number=1,
            data=CommentInput(body=f"第{n}条意见内容", article_anchor="a1"),
            submission_key=f"page-{n}",
        )
    first = client.get(f"/hdjl/yjzj/{opened.pk}/").content.decode()
    assert "第0条意见内容" in first and "第20条意见内容" not in first
    assert "共收到意见45条，公开显示45条" in first
    assert "查看对第一条的45条意见" in first
    third = client.get(f"/hdjl/yjzj/{opened.pk}/?page=3").content.decode()
    assert "第44条意见内容" in third and 'aria-current="page">3<' in third
    assert client.get(f"/hdjl/yjzj/{opened.pk}/?page=x").status_code == 200


def test_the_list_filters_by_unit_and_state(opened, client, unit_tree):
    html = client.get("/hdjl/yjzj/?state=open").content.decode()
    assert opened.title in html
    html = client.get(f"/hdjl/yjzj/?unit={unit_tree['town_a'].code}").content.decode()
    assert opened.title in html  # an unknown unit code is no filter
    assert opened.title not in client.get("/hdjl/yjzj/?state=ended").content.decode()


# --- Questionnaire --------------------------------------------------------------------------


def test_a_questionnaire_is_answered_and_its_results_shown_after_the_end(
    consultation, staff, client
):
    single = question_create(
        actor=staff["editor"],
        consultation=consultation,
        kind="single",
        text="标准是否合适？",
        required=True,
        choices=["合适", "偏低"],
    )
    question_create(actor=staff["editor"], consultation=consultation, kind="text", text="其他建议")
    consultation.channels = [*consultation.channels, "questionnaire"]
    consultation.save(update_fields=["channels"])
    consultation_open(actor=staff["leader"], consultation=consultation)
    url = f"/hdjl/yjzj/{consultation.pk}/questionnaire/"
    low = single.choices.get(label="偏低").pk
    refused = client.post(url, {"form_token": token(client, url)})
    assert "本题必须回答。" in refused.content.decode()
    response = client.post(
        url, {"form_token": token(client, url), f"q{single.pk}": str(low), "q99": "x"}
    )
    assert response.status_code == 303 and SurveyResponse.objects.count() == 1
    assert "问卷调查结果" not in client.get(url).content.decode()
    consultation_close(
        actor=None, consultation=consultation, today=consultation.ends_on + timedelta(days=1)
    )
    html = client.get(url).content.decode()
    assert "问卷调查结果" in html and "偏低" in html and "100.0%" in html
    assert 'role="img"' in html and "偏低1人，占100%" in html


# --- Feedback downloads ---------------------------------------------------------------------


def test_the_feedback_is_downloaded_once_published(opened, staff, client):
    comment = comment_submit_online(
        consultation=opened,
        version_number=1,
        data=CommentInput(body="意见", article_anchor="a1"),
        submission_key="fb",
    ).comment
    url = f"/hdjl/yjzj/{opened.pk}/feedback.docx"
    assert client.get(url).status_code == 404
    consultation_close(actor=None, consultation=opened, today=opened.ends_on + timedelta(days=1))
    answer_save(
        actor=staff["editor"],
        consultation=opened,
        comments=[comment],
        disposition="adopted",
        reason="采纳",
    )
    feedback_save(actor=staff["editor"], consultation=opened, summary="说明")
    feedback_publish(actor=staff["leader"], consultation=opened)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert "attachment" in response["Content-Disposition"]


# --- Meetings, open days and responses ------------------------------------------------------


def _meeting(unit, now):
    meeting = meeting_save(
        actor=None,
        unit=unit,
        facts=EventFacts(
            title="县政府常务会议",
            starts_at=now + timedelta(days=3),
            place="三楼会议室",
            closes_at=now + timedelta(days=2),
            places=1,
        ),
    )
    agenda_item_add(actor=None, meeting=meeting, title="研究低保办法")
    return meeting_announce(actor=None, meeting=meeting)


def test_a_citizen_applies_to_attend_and_the_list_published_after_shows_no_phone(unit_tree, client):
    now = timezone.now()
    meeting = _meeting(unit_tree["county"], now)
    url = f"/jcgk/hy/{meeting.pk}/apply/"
    response = client.post(
        url,
        {
            "form_token": token(client, url),
            "category": "resident",
            "name": "赵建国",
            "organisation": "东街社区",
            "phone": "13912345678",
        },
    )
    assert response.status_code == 303
    assert "赵建国，您的列席申请已提交" in client.get(response["Location"]).content.decode()
    application = AttendanceApplication.objects.get()
    attendance_decide(actor=None, application=application, approve=True)
    meeting_save(
        actor=None,
        unit=meeting.unit,
        facts=EventFacts(
            title=meeting.title,
            starts_at=now - timedelta(hours=1),
            place=meeting.place,
            closes_at=now - timedelta(hours=2),
            places=1,
        ),
        meeting=meeting,
    )
    meeting_record_held(actor=None, meeting=meeting, attended_ids={application.pk})
    page = client.get(f"/jcgk/hy/{meeting.pk}/").content.decode()
    assert "赵建国" not in page  # not before the record is published
    meeting_publish_record(actor=None, meeting=meeting)
    page = client.get(f"/jcgk/hy/{meeting.pk}/").content.decode()
    assert "赵建国" in page and "群众代表" in page and "13912345678" not in page


def test_closes_at_their_time(unit_tree, client):
    meeting = _meeting(unit_tree["county"], timezone.now())
    attendance_apply(
        meeting=meeting, applicant=Applicant("media", "李明", "0930-1"), submission_key="x"
    )
    meeting.closes_at = timezone.now() - timedelta(minutes=1)
    meeting.save(update_fields=["closes_at"])
    html = client.get(f"/jcgk/hy/{meeting.pk}/apply/").content.decode()
    assert "列席报名已经截止" in html and 'name="name"' not in html


def test_an_open_day_takes_registrations_up_to_its_places(unit_tree, client):
    now = timezone.now()
    open_day = open_day_save(
        actor=None,
        unit=unit_tree["county"],
        facts=EventFacts(
            title="政府开放日",
            starts_at=now + timedelta(days=5),
            place="政务大厅",
            closes_at=now + timedelta(days=4),
            places=3,
        ),
    )
    open_day_announce(actor=None, open_day=open_day)
    open_day_register(open_day=open_day, name="甲", phone="1", party_size=2, submission_key="a")
    url = f"/jcgk/kfr/{open_day.pk}/register/"
    response = client.post(
        url, {"form_token": token(client, url), "name": "乙", "phone": "2", "party_size": "2"}
    )
    assert response.status_code == 409 and "名额不足：剩余1个名额" in response.content.decode()
    response = client.post(
        url, {"form_token": token(client, url), "name": "乙", "phone": "2", "party_size": "1"}
    )
    assert response.status_code == 303
    assert OpenDayRegistration.objects.count() == 2
    assert "名额已满" in client.get(f"/jcgk/kfr/{open_day.pk}/").content.decode()
