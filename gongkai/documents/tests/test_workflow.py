"""The review chain (分级审核、先审后发、授权发布) at the service level: submission, the three
steps, sending back, the leader's approval as the authorisation to publish, scheduling."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import TaskState, Workflow, WorkflowContentType, WorkflowState

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.documents.models import Interpretation, OfficialDocument, UnitRoleApprovalTask
from gongkai.documents.selectors import public_documents, public_interpretations
from gongkai.documents.services import (
    _redact_html,
    document_create,
    document_override_check,
    document_redact,
    document_update,
    interpretation_create,
)
from gongkai.documents.workflow import (
    WORKFLOW_NAME,
    document_approve,
    document_reject,
    document_status,
    document_submit,
    document_withdraw,
    ensure_document_workflow,
    review_history,
)

LEAK = "<p>联系人张三，电话13800138000。</p>"


@pytest.fixture
def people(unit_tree, make_user):
    ensure_document_workflow()
    town_a = unit_tree["town_a"]
    return {
        "editor": make_user("editor", (Role.EDITOR, town_a)),
        "reviewer": make_user("reviewer", (Role.REVIEWER, town_a)),
        "secrecy": make_user("secrecy", (Role.CONFIDENTIALITY_REVIEWER, town_a)),
        # A leader of the county signs for the township too: a role covers the subtree.
        "leader": make_user("leader", (Role.LEADER, unit_tree["county"])),
        "reviewer_b": make_user("reviewer_b", (Role.REVIEWER, unit_tree["town_b"])),
    }


def draft(unit, **fields):
    values = {
        "title": "甲镇关于做好春耕生产的通知",
        "written_on": date(2025, 3, 3),
        "disclosure": "proactive",
        "body": "<p>各村：请做好春耕生产。</p>",
        **fields,
    }
    return document_create(actor=None, unit=unit, **values)


def through_review(document, people):
    """呈签 and the two steps before 签发."""
    document_submit(actor=people["editor"], document=document)
    document_approve(actor=people["reviewer"], document=document, comment="同意")
    document_approve(actor=people["secrecy"], document=document, comment="不涉密")


def step_name(document) -> str:
    document.refresh_from_db()
    return document.current_workflow_task.name


def test_the_workflow_is_set_up_once(db):
    first = ensure_document_workflow()
    again = ensure_document_workflow()
    assert first.pk == again.pk and Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert [t.name for t in first.tasks] == ["审核", "保密审查", "签发"]
    assert [t.specific.role_action for t in first.tasks] == [
        "document.review",
        "document.confidentiality_review",
        "document.sign_off",
    ]
    assert UnitRoleApprovalTask.objects.count() == 3
    assert OfficialDocument.get_default_workflow() == first
    assert WorkflowContentType.objects.get(workflow=first)


def test_full_chain_publishes_through_the_register(unit_tree, people):
    document = draft(unit_tree["town_a"])
    document_submit(actor=people["editor"], document=document)
    assert step_name(document) == "审核"
    document_approve(actor=people["reviewer"], document=document, comment="同意")
    assert step_name(document) == "保密审查"
    document_approve(actor=people["secrecy"], document=document, comment="不涉密")
    assert step_name(document) == "签发"
    assert not document.live
    document_approve(actor=people["leader"], document=document, comment="同意发布")

    document.refresh_from_db()
    assert document.live and document.published_on == timezone.localdate()
    assert list(public_documents()) == [document]
    assert document.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    assert [(d.step, d.status, d.by, d.comment) for d in review_history(document)] == [
        ("审核", "通过", "reviewer", "同意"),
        ("保密审查", "通过", "secrecy", "不涉密"),
        ("签发", "通过", "leader", "同意发布"),
    ]
    actions = list(
        AuditEntry.objects.filter(
            object_type="documents.officialdocument", object_id=str(document.pk)
        )
        .exclude(action="document.create")
        .order_by("seq")
        .values_list("action", "actor_name")
    )
    assert actions == [
        ("document.submit", "editor"),
        ("document.approve", "reviewer"),
        ("document.approve", "secrecy"),
        ("document.publish", "leader"),
        ("document.approve", "leader"),
    ]
    assert document_status(document) == "已发布"


def test_sending_back_returns_to_the_editor_with_the_comment(unit_tree, people):
    document = draft(unit_tree["town_a"])
    document_submit(actor=people["editor"], document=document)
    document_approve(actor=people["reviewer"], document=document)
    with pytest.raises(DomainError, match="须写明意见"):
        document_reject(actor=people["secrecy"], document=document, comment="  ")
    document_reject(actor=people["secrecy"], document=document, comment="第二段含内部联系方式")

    state = document.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "第二段含内部联系方式"
    assert document_status(document) == "退回修改"
    # Locked while a step is open; open again for its editor once sent back.
    assert document.get_lock() is None
    document_update(actor=people["editor"], document=document, body="<p>已删去。</p>")
    document_submit(actor=people["editor"], document=document)
    assert step_name(document) == "保密审查"
    assert AuditEntry.objects.filter(
        action="document.reject", changes__comment="第二段含内部联系方式"
    ).exists()


def test_a_step_under_review_is_locked_for_everyone(unit_tree, people):
    document = draft(unit_tree["town_a"])
    document_submit(actor=people["editor"], document=document)
    lock = document.get_lock()
    assert lock.for_user(people["editor"]) and lock.for_user(people["reviewer"])


def test_a_reviewer_of_another_township_cannot_act(unit_tree, people):
    document = draft(unit_tree["town_a"])
    document_submit(actor=people["editor"], document=document)
    task = document.current_workflow_task
    assert task.get_actions(document, people["reviewer_b"]) == []
    assert [name for name, _label, _modal in task.get_actions(document, people["reviewer"])] == [
        "reject",
        "approve",
        "approve",
    ]
    with pytest.raises(PermissionDeniedError):
        document_approve(actor=people["reviewer_b"], document=document)
    with pytest.raises(PermissionDeniedError):
        document_reject(actor=people["reviewer_b"], document=document, comment="不同意")
    # Nor may a role of a later step act early.
    with pytest.raises(PermissionDeniedError):
        document_approve(actor=people["leader"], document=document)
    assert not TaskState.objects.reviewable_by(people["reviewer_b"]).exists()
    assert TaskState.objects.reviewable_by(people["reviewer"]).count() == 1


def test_submission_is_refused_until_the_attribute_is_settled(unit_tree, people):
    document = draft(unit_tree["town_a"], disclosure="")
    with pytest.raises(DomainError, match="不能呈签：尚未确定公开属性"):
        document_submit(actor=people["editor"], document=document)
    document = document_update(actor=None, document=document, disclosure="on_request")
    with pytest.raises(DomainError, match="须写明具体理由"):
        document_submit(actor=people["editor"], document=document)
    assert not document.workflow_states.exists()
    assert not AuditEntry.objects.filter(action="document.submit").exists()


def test_a_policy_document_needs_its_interpretation_draft(unit_tree, people):
    document = draft(unit_tree["town_a"], is_policy_document=True)
    with pytest.raises(DomainError, match="政策解读稿"):
        document_submit(actor=people["editor"], document=document)
    interpretation_create(
        actor=people["editor"], document=document, title="一图读懂", body="<p>要点</p>"
    )
    document_submit(actor=people["editor"], document=document)
    assert step_name(document) == "审核"


def test_submission_needs_the_workflow_and_a_free_document(unit_tree, people):
    document = draft(unit_tree["town_a"])
    document_submit(actor=people["editor"], document=document)
    with pytest.raises(DomainError, match="已在审核中"):
        document_submit(actor=people["editor"], document=document)
    Workflow.objects.get(name=WORKFLOW_NAME).deactivate()
    with pytest.raises(DomainError, match="尚未设置“公文发布审核”流程"):
        document_submit(actor=people["editor"], document=draft(unit_tree["town_a"]))


def test_leader_approval_is_refused_while_personal_data_is_present(unit_tree, people):
    document = draft(unit_tree["town_a"], body=LEAK)
    through_review(document, people)
    with pytest.raises(DomainError, match=r"不能签发发布：正文中有疑似个人信息：138\*\*\*\*8000"):
        document_approve(actor=people["leader"], document=document)
    document.refresh_from_db()
    assert not document.live and step_name(document) == "签发"
    assert document.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not AuditEntry.objects.filter(action="document.publish").exists()

    # The confidentiality reviewer masks it during review; the leader can then sign.
    assert document_redact(actor=people["secrecy"], document=document) == 1
    document_approve(actor=people["leader"], document=document)
    document.refresh_from_db()
    assert document.live and "138****8000" in document.body and "13800138000" not in document.body


def test_leader_approval_succeeds_after_a_recorded_exception(unit_tree, people):
    document = draft(unit_tree["town_a"], body=LEAK)
    through_review(document, people)
    document_override_check(
        actor=people["reviewer"], document=document, kind="personal_data", reason="公开的举报电话"
    )
    document_approve(actor=people["leader"], document=document)
    document.refresh_from_db()
    assert document.live and "13800138000" in document.body


def test_leader_publishes_the_interpretation_with_the_document(unit_tree, people):
    document = draft(unit_tree["town_a"], is_policy_document=True)
    interpretation = interpretation_create(
        actor=people["editor"], document=document, title="政策问答", form="qa", body="<p>问答</p>"
    )
    through_review(document, people)
    document_approve(actor=people["leader"], document=document)
    interpretation.refresh_from_db()
    assert interpretation.live and list(public_interpretations()) == [interpretation]


def test_scheduled_publication(unit_tree, people):
    document = draft(unit_tree["town_a"], is_policy_document=True)
    interpretation = interpretation_create(
        actor=people["editor"], document=document, title="图解", form="text", body="<p>解读</p>"
    )
    through_review(document, people)
    with pytest.raises(DomainError, match="须晚于现在"):
        document_approve(
            actor=people["leader"],
            document=document,
            go_live_at=timezone.now() - timedelta(hours=1),
        )
    go_live_at = timezone.now() + timedelta(days=2)
    document_approve(actor=people["leader"], document=document, go_live_at=go_live_at)
    document.refresh_from_db()
    assert not document.live and document.approved_schedule
    assert document_status(document).startswith("定时发布")
    assert not public_documents().exists()

    with time_machine.travel(go_live_at + timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)
    document.refresh_from_db()
    interpretation.refresh_from_db()
    assert document.live and interpretation.live
    assert document.published_on == timezone.localdate(go_live_at)
    assert AuditEntry.objects.filter(action="document.schedule").exists()


def test_only_the_leader_sets_the_publication_time(unit_tree, people):
    document = draft(unit_tree["town_a"])
    document_submit(actor=people["editor"], document=document)
    with pytest.raises(DomainError, match="签发人"):
        document_approve(
            actor=people["reviewer"],
            document=document,
            go_live_at=timezone.now() + timedelta(days=1),
        )


def test_a_withheld_document_is_signed_but_never_published(unit_tree, people):
    document = draft(
        unit_tree["town_a"],
        disclosure="not_disclosed",
        withholding_ground="internal_affairs",
        withholding_reason="内部人事安排",
        body=LEAK,
    )
    through_review(document, people)
    document_approve(actor=people["leader"], document=document)
    document.refresh_from_db()
    assert document.live and document.published_on is None
    assert not public_documents().exists()
    assert AuditEntry.objects.filter(action="document.record_signed").exists()
    assert document_status(document) == "已签发（不公开发布）"


def test_a_decision_on_a_step_already_decided_is_refused(unit_tree, people):
    document = draft(unit_tree["town_a"])
    document_submit(actor=people["editor"], document=document)
    seen = document.current_workflow_task_state
    document_approve(actor=people["reviewer"], document=document)
    with pytest.raises(DomainError, match="已经处理过"):
        document_reject(actor=people["secrecy"], document=document, comment="退回", task_state=seen)


def test_the_editor_can_withdraw(unit_tree, people):
    document = draft(unit_tree["town_a"])
    document_submit(actor=people["editor"], document=document)
    document_withdraw(actor=people["editor"], document=document)
    assert document.current_workflow_state is None and document_status(document) == "草稿"
    with pytest.raises(DomainError, match="不在审核中"):
        document_withdraw(actor=people["editor"], document=document)
    document_submit(actor=people["editor"], document=document)
    assert step_name(document) == "审核"


def test_redaction_masks_inside_text_and_keeps_the_markup():
    html = (
        '<p class="x">身份证11010519491231002X，<b>电话</b>13800138000；'
        "跨标记的138<b>0013</b>8000不动。&lt;注&gt;</p>"
    )
    redacted, masked = _redact_html(html)
    assert masked == 2
    assert redacted == (
        '<p class="x">身份证1101**********002X，<b>电话</b>138****8000；'
        "跨标记的138<b>0013</b>8000不动。&lt;注&gt;</p>"
    )


def test_redaction_needs_something_to_mask_and_the_right_role(unit_tree, people, make_user):
    document = draft(unit_tree["town_a"], body=LEAK)
    outsider = make_user("outsider", (Role.EDITOR, unit_tree["town_b"]))
    with pytest.raises(PermissionDeniedError):
        document_redact(actor=outsider, document=document)
    document_redact(actor=people["editor"], document=document)
    with pytest.raises(DomainError, match="没有可以自动脱敏"):
        document_redact(actor=people["editor"], document=document)
    assert AuditEntry.objects.filter(action="document.redact", changes__masked=1).count() == 1
    document.refresh_from_db()
    assert "138****8000" in document.latest_revision.as_object().body


def test_interpretations_are_written_by_the_drafting_unit(unit_tree, people):
    joint = draft(unit_tree["town_a"], is_policy_document=True)
    joint = OfficialDocument.objects.get(pk=joint.pk)
    interpretation = interpretation_create(
        actor=people["editor"], document=joint, title="解读", body="<p>要点</p>"
    )
    assert interpretation.unit == unit_tree["town_a"] and not interpretation.live
    with pytest.raises(DomainError, match="起草（牵头）单位或联合发文单位"):
        interpretation_create(
            actor=None, document=joint, unit=unit_tree["town_b"], title="解读", body="<p>x</p>"
        )
    with pytest.raises(DomainError, match="须上传图解图片"):
        interpretation_create(actor=None, document=joint, title="图解", form="graphic")
    image = Image.objects.create(title="图解", file=get_test_image_file())
    with pytest.raises(DomainError, match="文字说明"):
        interpretation_create(
            actor=None, document=joint, title="图解", form="graphic", image=image, image_alt=" "
        )
    with pytest.raises(DomainError, match="视频地址"):
        interpretation_create(actor=None, document=joint, title="视频", form="video")
    assert Interpretation.objects.count() == 1
