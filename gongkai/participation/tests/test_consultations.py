"""Consultations through their phases, and comments anchored to the version they were made on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.models import AuditEntry
from gongkai.participation.domain.phases import Phase
from gongkai.participation.models import Comment, Consultation, DraftVersion
from gongkai.participation.selectors import (
    comment_counts,
    current_version,
    public_consultations,
)
from gongkai.participation.services.comments import CommentInput, comment_submit_online
from gongkai.participation.services.consultations import (
    consultation_close,
    consultation_create,
    consultation_extend,
    consultation_open,
    consultation_update,
    consultations_close_due,
    draft_version_publish,
    draft_version_save,
)

from .conftest import DRAFT, facts

pytestmark = pytest.mark.django_db


def _comment(consultation, anchor="a3", body="建议提高保障标准。", key="k1", version=1, today=None):
    return comment_submit_online(
        consultation=consultation,
        version_number=version,
        data=CommentInput(body=body, article_anchor=anchor),
        submission_key=key,
        today=today,
    ).comment


def test_a_draft_is_staff_only_and_opening_publishes_its_first_version(consultation, staff):
    assert not public_consultations().exists()
    version = consultation.versions.get()
    assert version.published_at is None
    assert [a.label for a in version.articles.all()] == ["第一条", "第二条", "第三条", "第四条"]
    assert version.title == "示范县城乡居民最低生活保障实施办法（征求意见稿）"

    consultation_open(actor=staff["leader"], consultation=consultation)
    consultation.refresh_from_db()
    assert consultation.phase == Phase.OPEN
    assert list(public_consultations()) == [consultation]
    version.refresh_from_db()
    assert version.published_at is not None
    assert AuditEntry.objects.filter(action="consultation.open", object_id=str(consultation.pk))


def test_only_the_roles_that_may_publish_open_a_consultation(consultation, staff):
    with pytest.raises(PermissionDeniedError):
        consultation_open(actor=staff["editor"], consultation=consultation)
    with pytest.raises(PermissionDeniedError):
        consultation_open(actor=staff["town_editor"], consultation=consultation)
    assert Consultation.objects.get(pk=consultation.pk).phase == Phase.DRAFT


def test_opening_needs_a_draft_text(unit_tree, staff):
    empty = consultation_create(actor=staff["editor"], unit=unit_tree["county"], facts=facts())
    with pytest.raises(DomainError, match="请先录入或导入征求意见稿"):
        consultation_open(actor=staff["leader"], consultation=empty)


def test_a_major_decision_needs_thirty_days_or_a_published_reason(unit_tree, staff):
    today = timezone.localdate()
    short = facts(is_major_decision=True, ends_on=today + timedelta(days=20))
    with pytest.raises(DomainError, match="不少于30日"):
        consultation_create(actor=staff["editor"], unit=unit_tree["county"], facts=short)
    assert not Consultation.objects.exists()
    with_reason = facts(
        is_major_decision=True,
        ends_on=today + timedelta(days=20),
        short_period_reason="汛期将至，须在6月前出台。",
    )
    made = consultation_create(actor=staff["editor"], unit=unit_tree["county"], facts=with_reason)
    assert made.short_period_reason == "汛期将至，须在6月前出台。"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"channels": []}, "请至少选择一种意见提交方式"),
        ({"channels": ["online", "email"]}, "请填写电子邮箱"),
        ({"channels": ["online", "hearing"]}, "请写明时间、地点和参加办法"),
        ({"contact_phone": ""}, "请填写联系人和联系电话"),
        ({"title": " "}, "请填写标题"),
    ],
)
def test_the_facts_a_citizen_needs_are_required(unit_tree, staff, changes, message):
    with pytest.raises(DomainError, match=message):
        consultation_create(actor=staff["editor"], unit=unit_tree["county"], facts=facts(**changes))


def test_a_published_consultation_is_not_edited(consultation, staff):
    consultation_open(actor=staff["leader"], consultation=consultation)
    with pytest.raises(DomainError, match="发布后不能修改"):
        consultation_update(
            actor=staff["editor"], consultation=consultation, facts=facts(title="新标题")
        )


def test_closing_comes_only_after_the_end_date_and_the_job_does_it(consultation, staff):
    consultation_open(actor=staff["leader"], consultation=consultation)
    with pytest.raises(DomainError, match="期满后才能截止"):
        consultation_close(actor=staff["editor"], consultation=consultation)
    after = consultation.ends_on + timedelta(days=1)
    assert consultations_close_due(today=consultation.ends_on) == 0
    assert consultations_close_due(today=after) == 1
    assert consultations_close_due(today=after) == 0  # idempotent
    consultation.refresh_from_db()
    assert consultation.phase == Phase.CLOSED
    with pytest.raises(DomainError, match="本次征求意见已于"):
        _comment(consultation, today=after)


def test_comments_are_taken_only_inside_the_period(consultation, staff):
    consultation_open(actor=staff["leader"], consultation=consultation)
    with pytest.raises(DomainError, match="已于"):
        _comment(consultation, today=consultation.ends_on + timedelta(days=1))
    with pytest.raises(DomainError, match="开始"):
        _comment(consultation, today=consultation.starts_on - timedelta(days=1))
    assert not Comment.objects.exists()


def test_extending_moves_the_end_and_publishes_the_reason(consultation, staff):
    consultation_open(actor=staff["leader"], consultation=consultation)
    new_end = consultation.ends_on + timedelta(days=10)
    with pytest.raises(DomainError, match="须晚于"):
        consultation_extend(
            actor=staff["leader"],
            consultation=consultation,
            ends_on=consultation.ends_on,
            reason="x",
        )
    consultation_extend(
        actor=staff["leader"], consultation=consultation, ends_on=new_end, reason="应群众要求延长。"
    )
    consultation.refresh_from_db()
    assert (consultation.ends_on, consultation.extension_note) == (new_end, "应群众要求延长。")


def test_a_comment_submission_is_idempotent_per_key(consultation, staff):
    consultation_open(actor=staff["leader"], consultation=consultation)
    first = _comment(consultation)
    again = comment_submit_online(
        consultation=consultation,
        version_number=1,
        data=CommentInput(body="另一段文字"),
        submission_key="k1",
    )
    assert again.comment == first and not again.created
    assert Comment.objects.count() == 1


# --- Versions and anchors -------------------------------------------------------------------


def test_a_published_version_never_changes_and_a_change_is_a_new_version(consultation, staff):
    consultation_open(actor=staff["leader"], consultation=consultation)
    v1 = current_version(consultation)
    old_articles = list(v1.articles.values_list("pk", "text"))
    with pytest.raises(DomainError, match="须写明修改说明"):
        draft_version_save(
            actor=staff["editor"], consultation=consultation, text=DRAFT + "\n第五条 新增。"
        )
    v2 = draft_version_save(
        actor=staff["editor"],
        consultation=consultation,
        text=DRAFT.replace("可以申请。", "可以向户籍所在地乡镇人民政府申请。"),
        change_note="明确申请受理机关。",
    )
    assert v2.number == 2 and v2.published_at is None
    assert list(v1.articles.values_list("pk", "text")) == old_articles
    # The unpublished version is written again, not a third one.
    again = draft_version_save(
        actor=staff["editor"],
        consultation=consultation,
        text=DRAFT.replace("可以申请。", "可以向乡镇人民政府申请。"),
        change_note="明确申请受理机关。",
    )
    assert again.pk == v2.pk and DraftVersion.objects.count() == 2
    with pytest.raises(DomainError, match="已经公布"):
        draft_version_publish(actor=staff["leader"], version=v1)


def test_comments_stay_on_the_version_they_were_made_on(consultation, staff):
    consultation_open(actor=staff["leader"], consultation=consultation)
    on_v1 = _comment(consultation, anchor="a3", body="第一稿第三条的意见。", key="a")
    draft_version_save(
        actor=staff["editor"],
        consultation=consultation,
        text=DRAFT.replace(
            "第三条 共同生活的家庭成员人均收入低于当地最低生活保障标准的，可以申请。",
            "第三条 新增的条文。\n第四条 共同生活的家庭成员人均收入低于当地最低生活保障标准的，可以申请。",
        ).replace("第四条 最低生活保障标准", "第五条 最低生活保障标准"),
        change_note="增加一条。",
    )
    v2 = draft_version_publish(actor=staff["leader"], version=consultation.versions.last())

    # A comment posted from the old page is refused, keeping what was typed.
    with pytest.raises(DomainError, match="征求意见稿已更新"):
        _comment(consultation, key="b", version=1)
    on_v2 = _comment(consultation, anchor="a3", body="第二稿第三条的意见。", key="c", version=2)

    on_v1.refresh_from_db()
    assert on_v1.version.number == 1
    assert on_v1.article.label == "第三条"
    assert "人均收入" in on_v1.article.text  # the text it was made on, unchanged
    assert on_v2.version == v2 and on_v2.article.text == "第三条 新增的条文。"
    v1 = consultation.versions.get(number=1)
    assert comment_counts(consultation, v1).by_article == {on_v1.article_id: 1}
    assert comment_counts(consultation, v2).by_article == {on_v2.article_id: 1}


def test_a_comment_on_an_article_of_another_version_is_refused(consultation, staff):
    consultation_open(actor=staff["leader"], consultation=consultation)
    with pytest.raises(DomainError, match="不在当前征求意见稿中"):
        _comment(consultation, anchor="a99")
