"""The staff screens: scoped to the user's units (another township's records are a 404), and the
way through them: a consultation created, its draft imported from a .docx and published, the
comments answered together, the feedback published; a document marked as needing a
consultation; an opinion item recorded and assessed."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.core.domain.roles import Role
from gongkai.participation.domain.phases import Phase
from gongkai.participation.models import Comment, Consultation, ConsultationNeed, OpinionItem
from gongkai.participation.services.comments import CommentInput, comment_submit_online
from gongkai.participation.services.consultations import (
    consultation_close,
    consultation_create,
    consultation_open,
)

from .conftest import facts

pytestmark = pytest.mark.django_db

ADMIN = "/admin/participation/"


def _docx(paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_township_user_never_reaches_the_countys_consultation(
    consultation, staff, client, unit_tree
):
    town = consultation_create(
        actor=staff["town_editor"], unit=unit_tree["town_a"], facts=facts(title="甲镇意见征集")
    )
    client.force_login(staff["town_editor"])
    listing = client.get(ADMIN).content.decode()
    assert "甲镇意见征集" in listing and consultation.title not in listing
    for suffix in ("", "edit/", "draft/", "comments/", "feedback/", "questionnaire/"):
        assert client.get(f"{ADMIN}{consultation.pk}/{suffix}").status_code == 404
    assert client.get(f"{ADMIN}{town.pk}/").status_code == 200
    # The county's documents are not offered to the township.
    form = client.get(f"{ADMIN}add/").content.decode()
    assert "最低生活保障实施办法》的通知" not in form


def test_a_consultation_made_on_the_admin_screens(unit_tree, staff, client, draft_document):
    client.force_login(staff["editor"])
    today = timezone.localdate()
    response = client.post(
        f"{ADMIN}add/",
        {
            "form": "consultation",
            "unit": unit_tree["county"].pk,
            "document": draft_document.pk,
            "title": "关于某某办法公开征求意见的公告",
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=30)).isoformat(),
            "channels": ["online"],
            "contact_name": "法制股",
            "contact_phone": "0930-7712388",
        },
    )
    consultation = Consultation.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"{ADMIN}{consultation.pk}/draft/"
    )

    # The draft is imported from a .docx, checked on the form, then saved.
    upload = SimpleUploadedFile(
        "办法.docx",
        _docx(["某某办法（征求意见稿）", "第一条 为了规范。", "第二条 本办法自发布之日起施行。"]),
    )
    page = client.post(f"{ADMIN}{consultation.pk}/draft/", {"form": "import", "file": upload})
    text = re.search(r'<textarea name="text"[^>]*>(.*?)</textarea>', page.content.decode(), re.S)
    assert "第一条为了规范。" in text.group(1)  # spaces tidied by the importer
    client.post(
        f"{ADMIN}{consultation.pk}/draft/",
        {"form": "version", "text": text.group(1).strip(), "title": "", "change_note": ""},
    )
    assert [a.label for a in consultation.versions.get().articles.all()] == ["第一条", "第二条"]

    # An editor may not publish; the leader does.
    assert 'value="open"' not in client.get(f"{ADMIN}{consultation.pk}/").content.decode()
    client.force_login(staff["leader"])
    client.post(f"{ADMIN}{consultation.pk}/", {"form": "open"})
    consultation.refresh_from_db()
    assert consultation.phase == Phase.OPEN


def test_comments_are_answered_together_and_the_feedback_published(consultation, staff, client):
    consultation_open(actor=staff["leader"], consultation=consultation)
    made = [
        comment_submit_online(
            consultation=consultation,
            version_number=1,
            data=CommentInput(body=f"意见{n}", article_anchor="a3"),
            submission_key=f"adm{n}",
        ).comment
        for n in range(3)
    ]
    consultation_close(
        actor=None, consultation=consultation, today=consultation.ends_on + timedelta(days=1)
    )
    client.force_login(staff["editor"])
    refused = client.post(
        f"{ADMIN}{consultation.pk}/comments/",
        {"form": "answer", "answer-disposition": "adopted", "answer-reason": "已修改。"},
    )
    assert "请至少选择一条意见" in refused.content.decode()
    client.post(
        f"{ADMIN}{consultation.pk}/comments/",
        {
            "form": "answer",
            "comments": [str(c.pk) for c in made],
            "answer-disposition": "partly_adopted",
            "answer-summary": "关于标准",
            "answer-reason": "部分采纳。",
        },
    )
    assert not Comment.objects.filter(answer__isnull=True).exists()
    client.post(f"{ADMIN}{consultation.pk}/feedback/", {"form": "summary", "summary": "说明。"})
    client.force_login(staff["leader"])
    page = client.get(f"{ADMIN}{consultation.pk}/feedback/").content.decode()
    assert "部分采纳" in page and 'value="publish"' in page
    client.post(f"{ADMIN}{consultation.pk}/feedback/", {"form": "publish"})
    consultation.refresh_from_db()
    assert consultation.phase == Phase.FEEDBACK_PUBLISHED
    docx = client.get(f"{ADMIN}{consultation.pk}/feedback/docx/")
    assert docx.status_code == 200 and "no-store" in docx["Cache-Control"]


def test_a_refusal_is_shown_on_its_form_and_changes_nothing(consultation, staff, client):
    consultation_open(actor=staff["leader"], consultation=consultation)
    client.force_login(staff["leader"])
    response = client.post(
        f"{ADMIN}{consultation.pk}/",
        {
            "form": "extend",
            "extend-ends_on": consultation.ends_on.isoformat(),
            "extend-reason": "延长",
        },
    )
    assert (
        response.status_code == 200 and "新的截止日期须晚于原截止日期" in response.content.decode()
    )
    # A step the phase no longer offers is refused with a message, not a crash.
    stale = client.post(f"{ADMIN}{consultation.pk}/", {"form": "open"}, follow=True)
    assert "该操作现在不可用" in stale.content.decode()


def test_the_supervising_office_sees_documents_that_need_a_consultation_and_have_none(
    staff, client, draft_document
):
    client.force_login(staff["editor"])
    client.post(
        f"{ADMIN}needs/",
        {"form": "mark", "mark-document": draft_document.pk, "mark-reason": "涉及切身利益"},
    )
    assert ConsultationNeed.objects.filter(document=draft_document).exists()
    client.force_login(staff["supervisor"])
    page = client.get(f"{ADMIN}needs/").content.decode()
    lacking = page.split("需要征求意见但尚未征求的公文")[1].split("已标记的公文")[0]
    assert draft_document.title in lacking
    assert draft_document.title in client.get("/admin/").content.decode()  # the reminder panel


def test_an_opinion_item_is_recorded_assessed_and_flagged(unit_tree, make_user, client):
    officer = make_user("adm_officer", (Role.DISCLOSURE_OFFICE_HEAD, unit_tree["county"]))
    client.force_login(officer)
    detected = timezone.localdate() - timedelta(days=30)
    response = client.post(
        f"{ADMIN}opinions/",
        {
            "form": "record",
            "unit": unit_tree["county"].pk,
            "source": "media",
            "summary": "报道某路段积水",
            "detected_on": detected.isoformat(),
        },
    )
    item = OpinionItem.objects.get()
    assert response["Location"] == f"{ADMIN}opinions/{item.pk}/"
    client.post(
        f"{ADMIN}opinions/{item.pk}/",
        {"form": "assess", "assess-value": "high", "assess-assessment": "影响面广"},
    )
    page = client.get(f"{ADMIN}opinions/?queue=overdue").content.decode()
    assert "报道某路段积水" in page and "已超期" in page
    assert "如何计算" in client.get(f"{ADMIN}opinions/{item.pk}/").content.decode()
    stranger = make_user("adm_town", (Role.EDITOR, unit_tree["town_b"]))
    client.force_login(stranger)
    assert client.get(f"{ADMIN}opinions/{item.pk}/").status_code == 404


def test_an_opinion_item_from_a_message_links_to_it_for_who_may_see_it(
    unit_tree, make_user, client
):
    from gongkai.messages import services as messages

    officer = make_user("adm_msg_officer", (Role.DISCLOSURE_OFFICE_HEAD, unit_tree["county"]))
    message = messages.message_register(
        actor=officer,
        unit=unit_tree["county"],
        data=messages.MessageInput(
            kind="complaint",
            title="施工噪音扰民",
            text="夜间施工噪音很大。",
            contact_name="李女士",
            contact_mobile="13912345678",
            may_publish=False,
        ),
        channel="phone",
        received_at=timezone.now() - timedelta(days=1),
    ).message
    client.force_login(officer)
    client.post(
        f"{ADMIN}opinions/",
        {
            "form": "record",
            "unit": unit_tree["county"].pk,
            "source": "message",
            "message_reference": message.number.lower(),
            "summary": "多名市民反映夜间施工噪音",
            "detected_on": timezone.localdate().isoformat(),
        },
    )
    item = OpinionItem.objects.get()
    link = f'<a href="/admin/interaction/{message.pk}/">{message.number.lower()}</a>'
    assert link in client.get(f"{ADMIN}opinions/{item.pk}/").content.decode()
    # An unknown number stays plain text.
    OpinionItem.objects.filter(pk=item.pk).update(message_reference="12345-0000")
    page = client.get(f"{ADMIN}opinions/{item.pk}/").content.decode()
    assert "12345-0000" in page and f"/admin/interaction/{message.pk}/" not in page
