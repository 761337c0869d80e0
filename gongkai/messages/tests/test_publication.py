"""What the public reads: an answered message's public copy, published through the publication
gate with the citizen's consent, never the contact; policy Q&A on its document's page; search
over both. And the tests that look for what must never be found."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.demo import DemoContext
from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.documents.gate import publication_exception_create
from gongkai.documents.services import document_create, document_publish
from gongkai.messages import services as s
from gongkai.messages.selectors import public_messages
from gongkai.portal import demo as portal_demo
from gongkai.search.models import SearchEntry
from gongkai.search.selectors import SearchRequest, search, similar

pytestmark = pytest.mark.django_db

MOBILE = "13912345678"


@pytest.fixture
def answered(tree, people, receive):
    message = receive(tree["finance"], "2026-03-02 09:00")
    return s.message_reply(
        actor=people["finance"], message=message, text="请到县医保局一楼窗口办理。"
    )


def publish(people, message, **changes):
    fields = {
        "title": "新生儿医保如何办理",
        "excerpt": "孩子刚出生，请问在哪里办理城乡居民医保参保？",
        "answer": "请到县医保局一楼窗口办理。",
        **changes,
    }
    return s.message_publish(actor=people["reviewer"], message=message, **fields)


def test_a_published_message_is_public_and_searchable_without_its_contact(answered, people, client):
    message = publish(people, answered)
    assert list(public_messages()) == [message]
    entry = SearchEntry.objects.get(kind="message", object_id=message.pk)
    assert entry is not None
    found = search(SearchRequest(q="新生儿 医保", kind="message"))
    assert [hit.obj.pk for hit in found.hits] == [message.pk]
    for url in ("/hdjl/ly/", f"/hdjl/ly/{message.number}/", "/search/?q=医保"):
        html = client.get(url).content.decode()
        assert f"/hdjl/ly/{message.number}/" in html or "新生儿医保如何办理" in html
        assert "王小明" not in html and MOBILE not in html


def test_personal_data_in_the_public_copy_refuses_publication_and_changes_nothing(answered, people):
    with pytest.raises(DomainError, match="公开的留言内容中有疑似个人信息：139 \\*\\*\\*\\* 5678"):
        publish(
            people, answered, excerpt=f"我的电话 {MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}，请回电。"
        )
    with pytest.raises(DomainError, match="中有留言人的姓名"):
        publish(people, answered, answer="王小明您好，请到县医保局办理。")
    answered.refresh_from_db()
    assert answered.published_at is None and not public_messages().exists()
    assert not SearchEntry.objects.filter(kind="message").exists()


def test_a_reviewers_exception_lets_a_service_number_through(tree, answered, people, make_user):
    reviewer = make_user("gate", (Role.REVIEWER, tree["county"]))
    publication_exception_create(
        actor=reviewer, unit=tree["county"], number=MOBILE, reason="服务热线"
    )
    assert publish(people, answered, answer=f"可拨打 {MOBILE} 咨询。").published_at is not None


def test_only_answered_messages_with_consent_are_published(tree, people, receive, answered):
    unanswered = receive(tree["finance"], "2026-03-02 09:00")
    with pytest.raises(DomainError, match="只有已答复的有效留言可以公开"):
        publish(people, unanswered)
    private = receive(tree["finance"], "2026-03-02 09:00", may_publish=False)
    private = s.message_reply(actor=people["finance"], message=private, text="答复")
    with pytest.raises(DomainError, match="未同意公开"):
        publish(people, private)
    with pytest.raises(PermissionDeniedError):
        s.message_publish(
            actor=people["town_a"], message=answered, title="t", excerpt="e", answer="a"
        )


def test_withdrawing_publication_takes_it_out_of_the_portal_and_search(answered, people, client):
    message = publish(people, answered)
    s.message_unpublish(actor=people["reviewer"], message=message, reason="留言人要求")
    assert not public_messages().exists()
    assert not SearchEntry.objects.filter(kind="message").exists()
    assert client.get(f"/hdjl/ly/{message.number}/").status_code == 404


def test_an_unpublished_message_is_nowhere_public(tree, answered, client):
    assert client.get(f"/hdjl/ly/{answered.number}/").status_code == 404
    assert answered.title not in client.get("/hdjl/ly/").content.decode()
    assert similar("新生儿医保如何办理", kind="message") == []


# --- Policy Q&A ------------------------------------------------------------------------------


@pytest.fixture
def policy(tree):
    portal_demo.load(DemoContext())
    document = document_create(
        actor=None,
        unit=tree["county"],
        title="测试县城乡居民医疗保险实施办法",
        written_on=date(2026, 1, 5),
        disclosure="proactive",
        kind="normative",
    )
    return document_publish(actor=None, document=document)


def test_a_question_is_published_through_the_gate_and_shown_on_its_document(
    tree, people, policy, client, make_user
):
    editor = make_user("qa_editor", (Role.EDITOR, tree["county"]))
    entry = s.question_save(
        actor=editor,
        unit=tree["county"],
        question="新生儿如何参加城乡居民医保？",
        answer=f"出生后3个月内由监护人办理，咨询电话 {MOBILE}。",
        document=policy,
    )
    page = f"/xxgk/C/documents/{policy.pk}/"
    assert "相关问答" not in client.get(page).content.decode()
    with pytest.raises(DomainError, match="解答中有疑似个人信息"):
        s.question_publish(actor=people["reviewer"], entry=entry)
    entry = s.question_save(
        actor=editor,
        unit=tree["county"],
        question=entry.question,
        answer="出生后3个月内由监护人到县医保局办理。",
        document=policy,
        existing=entry,
    )
    s.question_publish(actor=people["reviewer"], entry=entry)
    html = client.get(page).content.decode()
    assert "相关问答" in html and "新生儿如何参加城乡居民医保？" in html
    assert client.get(f"/hdjl/zcwd/{entry.pk}/").status_code == 200
    assert [hit.obj.pk for hit in similar("新生儿 参加 医保 怎么办", kind="qa")] == [entry.pk]
    with pytest.raises(DomainError, match="已公开的文件"):
        draft = document_create(
            actor=None,
            unit=tree["county"],
            title="草稿",
            written_on=date(2026, 1, 5),
            disclosure="proactive",
        )
        s.question_save(
            actor=editor, unit=tree["county"], question="问", answer="答", document=draft
        )


def test_an_answered_message_becomes_a_draft_question(tree, people, policy, answered, make_user):
    editor = make_user("qa_editor", (Role.EDITOR, tree["county"]))
    message = publish(people, answered)
    entry = s.question_from_message(
        actor=editor, message=message, document=policy, unit=tree["county"]
    )
    assert entry.published_at is None and entry.source_message == message
    assert entry.question == "新生儿医保如何办理" and entry.answer == "请到县医保局一楼窗口办理。"
