"""Comments: privacy (the public text and name through the gate, the contact never shown),
moderation (hidden with a reason, kept and counted), offline entry, answers grouped or single,
and the feedback published all at once with its document."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.models import AuditEntry
from gongkai.participation.domain.phases import Phase
from gongkai.participation.models import Answer, Comment, CommentVisibility
from gongkai.participation.render import feedback_document, feedback_docx
from gongkai.participation.selectors import comment_counts, current_version, disposition_tally
from gongkai.participation.services.comments import (
    CommentInput,
    answer_delete,
    answer_save,
    comment_edit_public_text,
    comment_enter,
    comment_hide,
    comment_restore,
    comment_submit_online,
    feedback_publish,
    feedback_save,
)
from gongkai.participation.services.consultations import consultation_close, consultation_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(consultation, staff):
    return consultation_open(actor=staff["leader"], consultation=consultation)


def _submit(consultation, body, key, **data):
    return comment_submit_online(
        consultation=consultation,
        version_number=1,
        data=CommentInput(body=body, **data),
        submission_key=key,
    ).comment


def _close(consultation, staff):
    consultation_close(
        actor=staff["editor"],
        consultation=consultation,
        today=consultation.ends_on + timedelta(days=1),
    )


def test_personal_data_in_a_comment_is_masked_for_the_public_and_kept_for_staff(opened):
    comment = _submit(
        opened,
        "我家人均收入很低，电话 139 1234 5678，身份证11010519491231002X。",
        "p1",
        author_name="王小明",
        show_name=True,
        contact="13812345678",
        article_anchor="a3",
    )
    assert "13912345678" not in comment.public_body.replace(" ", "")
    assert "11010519491231002X" not in comment.public_body
    assert "139 1234 5678" in comment.body  # as received, for staff
    assert comment.visibility == CommentVisibility.SHOWN
    assert comment.public_author == "王小明"
    entry = AuditEntry.objects.get(action="comment.submit")
    assert entry.changes["contact_given"] is True
    assert "13812345678" not in str(entry.changes)


def test_a_name_holding_a_number_is_not_shown(opened):
    comment = _submit(opened, "意见", "p2", author_name="13912345678", show_name=True)
    assert not comment.show_name and comment.public_author == "网民"


def test_the_public_page_never_shows_a_contact_or_a_hidden_comment(opened, staff, client):
    shown = _submit(opened, "公开的意见。", "p3", contact="13812345678", article_anchor="a1")
    hidden = _submit(opened, "广告：代办低保，加微信。", "p4")
    comment_hide(actor=staff["editor"], comment=hidden, category="advertising", reason="广告")
    html = client.get(f"/hdjl/yjzj/{opened.pk}/").content.decode()
    assert "公开的意见。" in html and "13812345678" not in html
    assert "代办低保" not in html
    assert "共收到意见2条，公开显示1条" in html
    assert "因“广告或垃圾信息”未显示1条" in html
    counts = comment_counts(opened, current_version(opened))
    assert (counts.received, counts.shown, counts.by_article) == (2, 1, {shown.article_id: 1})


def test_hiding_needs_a_reason_keeps_the_comment_and_restoring_brings_it_back(opened, staff):
    comment = _submit(opened, "不文明的话。", "p5")
    with pytest.raises(DomainError, match="请填写隐藏说明"):
        comment_hide(actor=staff["editor"], comment=comment, category="abuse", reason=" ")
    with pytest.raises(PermissionDeniedError):
        comment_hide(actor=staff["town_editor"], comment=comment, category="abuse", reason="辱骂")
    comment_hide(actor=staff["editor"], comment=comment, category="abuse", reason="辱骂他人")
    comment.refresh_from_db()
    assert comment.visibility == CommentVisibility.HIDDEN and comment.hide_reason == "辱骂他人"
    comment_restore(actor=staff["editor"], comment=comment)
    comment.refresh_from_db()
    assert comment.visibility == CommentVisibility.SHOWN and comment.hide_category == ""


def test_staff_may_edit_the_public_text_but_not_put_personal_data_back(opened, staff):
    comment = _submit(opened, "我住在幸福小区3栋，建议加装电梯。", "p6")
    comment_edit_public_text(
        actor=staff["editor"], comment=comment, public_body="我住在某小区，建议加装电梯。"
    )
    with pytest.raises(DomainError, match="不能显示"):
        comment_edit_public_text(
            actor=staff["editor"], comment=comment, public_body="电话13912345678"
        )
    comment.refresh_from_db()
    assert comment.public_body == "我住在某小区，建议加装电梯。"
    assert comment.body == "我住在幸福小区3栋，建议加装电梯。"


def test_an_offline_comment_is_entered_with_its_channel_and_date(opened, staff):
    received = timezone.localdate()
    comment = comment_enter(
        actor=staff["editor"],
        consultation=opened,
        data=CommentInput(body="来信建议增加听证会。", article_anchor="a2", author_name="李某"),
        channel="mail",
        received_on=received,
    )
    assert (comment.channel, comment.received_on, comment.entered_by) == (
        "mail",
        received,
        staff["editor"],
    )
    with pytest.raises(DomainError, match="收到日期应在征求意见期内"):
        comment_enter(
            actor=staff["editor"],
            consultation=opened,
            data=CommentInput(body="迟到的信"),
            channel="mail",
            received_on=opened.ends_on + timedelta(days=1),
        )
    with pytest.raises(DomainError, match="请选择收到意见的方式"):
        comment_enter(
            actor=staff["editor"],
            consultation=opened,
            data=CommentInput(body="x"),
            channel="online",
            received_on=received,
        )


def test_answers_group_comments_and_a_reanswered_comment_moves(opened, staff):
    a, b, c = (_submit(opened, f"意见{n}", f"g{n}") for n in range(3))
    grouped = answer_save(
        actor=staff["editor"],
        consultation=opened,
        comments=[a, b],
        disposition="partly_adopted",
        summary="关于标准",
        reason="部分采纳：已调整第三条。",
    )
    single = answer_save(
        actor=staff["editor"],
        consultation=opened,
        comments=[c],
        disposition="not_adopted",
        reason="与上位法不符。",
    )
    assert set(grouped.comments.all()) == {a, b}
    answer_save(
        actor=staff["editor"],
        consultation=opened,
        comments=[c],
        disposition="adopted",
        reason="重新研究后采纳。",
        answer=grouped,
    )
    assert not Answer.objects.filter(pk=single.pk).exists()  # left with nothing, it goes
    # The grouped answer, now 采纳, covers all three.
    assert [t.count for t in disposition_tally(opened)] == [3, 0, 0, 0]
    answer_delete(actor=staff["editor"], answer=grouped)
    assert Comment.objects.filter(answer__isnull=True).count() == 3


def test_an_answer_needs_reasons(opened, staff):
    comment = _submit(opened, "意见", "r1")
    with pytest.raises(DomainError, match="请写明理由"):
        answer_save(
            actor=staff["editor"],
            consultation=opened,
            comments=[comment],
            disposition="adopted",
            reason="",
        )


def test_feedback_waits_for_every_comment_then_locks_the_answers(opened, staff, client):
    first = _submit(opened, "建议提高标准。", "f1", article_anchor="a3")
    second = _submit(opened, "建议公开名单。", "f2", article_anchor="a4")
    hidden = _submit(opened, "广告", "f3")
    comment_hide(actor=staff["editor"], comment=hidden, category="advertising", reason="广告")
    with pytest.raises(DomainError, match="只有已截止的意见征集才能发布结果反馈"):
        feedback_publish(actor=staff["leader"], consultation=opened)
    _close(opened, staff)
    feedback_save(actor=staff["editor"], consultation=opened, summary="共收到意见3条。")
    answer_save(
        actor=staff["editor"],
        consultation=opened,
        comments=[first, second],
        disposition="adopted",
        summary="关于标准和公开",
        reason="已修改。",
    )
    with pytest.raises(DomainError, match="还有 1 条意见没有处理结果"):
        feedback_publish(actor=staff["leader"], consultation=opened)
    # Answers are held back until the feedback is published.
    assert "已修改。" not in client.get(f"/hdjl/yjzj/{opened.pk}/").content.decode()
    answer_save(
        actor=staff["editor"],
        consultation=opened,
        comments=[hidden],
        disposition="out_of_scope",
        reason="与征求意见内容无关。",
    )
    with pytest.raises(PermissionDeniedError):
        feedback_publish(actor=staff["editor"], consultation=opened)
    feedback_publish(actor=staff["leader"], consultation=opened)
    opened.refresh_from_db()
    assert opened.phase == Phase.FEEDBACK_PUBLISHED
    with pytest.raises(DomainError, match="答复不能再修改"):
        answer_save(
            actor=staff["editor"],
            consultation=opened,
            comments=[first],
            disposition="not_adopted",
            reason="改主意了",
        )
    page = client.get(f"/hdjl/yjzj/{opened.pk}/").content.decode()
    assert "处理结果：采纳" in page and "已修改。" in page
    feedback = client.get(f"/hdjl/yjzj/{opened.pk}/feedback/").content.decode()
    assert "关于标准和公开" in feedback and "与征求意见内容无关。" in feedback
    assert "广告" not in feedback.split("二、意见处理情况")[1]  # hidden: counted, not quoted
    entry = AuditEntry.objects.get(action="feedback.publish")
    assert entry.changes["adopted"] == 2 and entry.changes["out_of_scope"] == 1


def test_the_feedback_document_counts_by_disposition(opened, staff):
    comments = [_submit(opened, f"意见{n}", f"d{n}", article_anchor="a1") for n in range(4)]
    _close(opened, staff)
    for comment, disposition in zip(
        comments, ["adopted", "adopted", "not_adopted", "partly_adopted"], strict=True
    ):
        answer_save(
            actor=staff["editor"],
            consultation=opened,
            comments=[comment],
            disposition=disposition,
            reason=f"理由{disposition}",
        )
    feedback_save(actor=staff["editor"], consultation=opened, summary="总体说明。\n第二段。")
    feedback_publish(actor=staff["leader"], consultation=opened)
    doc = feedback_document(opened)
    assert doc.title.startswith("《示范县城乡居民最低生活保障实施办法（征求意见稿）》")
    assert [(t.label, t.count) for t in doc.tally][:3] == [
        ("采纳", 2),
        ("部分采纳", 1),
        ("未采纳", 1),
    ]
    assert "共收到意见4条（网上留言4条）" in doc.introduction
    assert doc.summary == ["总体说明。", "第二段。"]

    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(feedback_docx(opened))).paragraphs)
    assert "一、总体情况" in text and "处理结果：未采纳。理由：理由not_adopted" in text
