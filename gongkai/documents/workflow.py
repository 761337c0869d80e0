"""Review before publication (分级审核、先审后发、授权发布) of the document register.

The editor submits (呈签) a draft whose disclosure attribute is settled; it then passes three
steps, each a ``UnitRoleApprovalTask`` decided by whoever holds the step's role on the document's
unit or an ancestor: 审核 (reviewer), 保密审查 (confidentiality reviewer), 签发 (leader). Any step
may send it back (退回修改) with a comment; the editor changes it and submits again, and the
chain resumes at the step that sent it back. The leader's approval is the authorisation to
publish: a 主动公开 document is published at once or at a set time through the register's
services (so the checks before publication, the publication date, the interpretations and the
audit log are the same as everywhere else); a withheld one is recorded as signed and never
shown on the portal.

The chain is one Wagtail workflow, "公文发布审核", assigned to the OfficialDocument snippet;
``ensure_document_workflow()`` creates it (idempotent). Every decision is kept twice: in Wagtail's
task states (who, when, comment; shown in the admin's workflow history) and in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import TaskState, Workflow, WorkflowContentType, WorkflowState, WorkflowTask
from wagtail.signals import workflow_approved

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.permissions import require

from . import services
from .domain.attributes import Disclosure
from .models import OfficialDocument, ReviewStep, UnitRoleApprovalTask
from .preconditions import sign_off_problems

WORKFLOW_NAME = "公文发布审核"
STEPS = (ReviewStep.REVIEW, ReviewStep.CONFIDENTIALITY_REVIEW, ReviewStep.SIGN_OFF)


@transaction.atomic
def ensure_document_workflow() -> Workflow:
    """Create (or repair) the workflow and its three steps and assign it to the register.

    Safe to run again: existing steps are reused (found by their role) and put back in order."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    for order, step in enumerate(STEPS):
        task = UnitRoleApprovalTask.objects.filter(role_action=step).order_by("pk").first()
        if task is None:
            task = UnitRoleApprovalTask.objects.create(name=step.label, role_action=step)
        elif not task.active:
            task.active = True
            task.save(update_fields=["active"])
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(OfficialDocument),
        defaults={"workflow": workflow},
    )
    return workflow


def _locked(document: OfficialDocument) -> OfficialDocument:
    return OfficialDocument.objects.select_for_update().get(pk=document.pk)


def _open_step(document: OfficialDocument, task_state: TaskState | None) -> TaskState:
    """The step now waiting for a decision; ``task_state`` is the one the person saw."""
    current = document.current_workflow_task_state
    if current is None:
        raise DomainError("该公文目前不在审核中。")
    if task_state is not None and task_state.pk != current.pk:
        raise DomainError("该审核环节已经处理过了，请刷新页面查看最新状态。")
    return current


@transaction.atomic
def document_submit(*, actor, document: OfficialDocument) -> WorkflowState:
    """呈签: start the review chain, or resume it after 退回修改.

    Refused while ``services.submission_problems`` lists anything: the attribute is settled
    before sign-off (先确定公开属性、再运转呈签) and a policy document brings its interpretation
    draft (同步审签)."""
    document = _locked(document)
    if actor is not None:
        require(actor, "document.edit", document.unit)
    if document.live or document.approved_schedule:
        raise DomainError("该公文已签发，无需再呈签。")
    if problems := services.submission_problems(document):
        raise DomainError("不能呈签：" + "；".join(problems))
    workflow = document.get_workflow()
    if workflow is None:
        raise DomainError(f"尚未设置“{WORKFLOW_NAME}”流程，请联系平台管理员。")
    state = document.current_workflow_state
    if state is None:
        # A step records the revision it reviews; an imported draft may not have one yet.
        services.ensure_revision(document)
        state = workflow.start(document, actor)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=actor)
    else:
        raise DomainError("该公文已在审核中。")
    audit_record(
        actor=actor,
        action="document.submit",
        obj=document,
        changes={"step": state.current_task_state.task.name},
        unit=document.unit,
    )
    return state


@transaction.atomic
def document_withdraw(*, actor, document: OfficialDocument) -> None:
    """撤回: the editor takes a submitted document back; the chain starts again on the next 呈签."""
    document = _locked(document)
    if actor is not None:
        require(actor, "document.edit", document.unit)
    state = document.current_workflow_state
    if state is None:
        raise DomainError("该公文目前不在审核中。")
    state.cancel(user=actor)
    audit_record(actor=actor, action="document.withdraw", obj=document, unit=document.unit)


@transaction.atomic
def document_reject(
    *, actor, document: OfficialDocument, comment: str, task_state: TaskState | None = None
) -> TaskState:
    """退回修改: send the document back to its editor with the reason."""
    document = _locked(document)
    step = _open_step(document, task_state)
    task = step.task.specific
    if actor is not None:
        require(actor, task.role_action, document.unit)
    if not comment.strip():
        raise DomainError("退回修改须写明意见，告诉起草人要改什么。")
    step.reject(user=actor, comment=comment.strip())
    audit_record(
        actor=actor,
        action="document.reject",
        obj=document,
        changes={"step": task.name, "comment": comment.strip()},
        unit=document.unit,
    )
    return step


@transaction.atomic
def document_approve(
    *,
    actor,
    document: OfficialDocument,
    comment: str = "",
    go_live_at: datetime | None = None,
    task_state: TaskState | None = None,
) -> TaskState:
    """Approve the open step. On the last step (签发) this is the authorisation to publish:

    - 主动公开: the checks before publication must pass (or be overridden by a reviewer), else
      the approval is refused with their messages and nothing changes; then the document is
      published now (``services.document_publish``) or at ``go_live_at``
      (``services.document_schedule``);
    - 依申请公开 / 不予公开: recorded as signed (``services.document_record_signed``).
    """
    document = _locked(document)
    step = _open_step(document, task_state)
    task = step.task.specific
    if actor is not None:
        require(actor, task.role_action, document.unit)
    comment = comment.strip()
    workflow_state = step.workflow_state
    if not workflow_state.is_at_final_task:
        if go_live_at is not None:
            raise DomainError("发布时间由签发人在签发时确定。")
        step.approve(user=actor, comment=comment)
    else:
        _check_sign_off(document, go_live_at)
        step.approve(user=actor, comment=comment, update=False)
        # Wagtail's WorkflowState.finish() would publish through its own hook and skip the
        # register's publication (checks, 发布日期, interpretations, audit); finish it here.
        workflow_state.status = WorkflowState.STATUS_APPROVED
        workflow_state.save()
        workflow_approved.send(sender=WorkflowState, instance=workflow_state, user=actor)
        if document.disclosure != Disclosure.PROACTIVE:
            services.document_record_signed(actor=actor, document=document)
        elif go_live_at is not None:
            services.document_schedule(actor=actor, document=document, go_live_at=go_live_at)
        else:
            services.document_publish(actor=actor, document=document)
    audit_record(
        actor=actor,
        action="document.approve",
        obj=document,
        changes={"step": task.name, "comment": comment, "go_live_at": go_live_at},
        unit=document.unit,
    )
    return step


def _check_sign_off(document: OfficialDocument, go_live_at: datetime | None) -> None:
    # Checked before anything is written: Wagtail sends its notifications on approval.
    # What arose after 呈签 (a consultation linked to the draft since) still stops 签发.
    if problems := sign_off_problems(document):
        raise DomainError("不能签发：" + "；".join(problems))
    if document.disclosure != Disclosure.PROACTIVE:
        if go_live_at is not None:
            raise DomainError("依申请公开、不予公开的公文不在门户发布，无需设定发布时间。")
        return
    if blockers := services.blockers_for(document):
        raise DomainError(
            "不能签发发布："
            + "；".join(b.message for b in blockers)
            + "（可在“发布前检查”中一键脱敏，或由审核人员登记例外）"
        )
    if go_live_at is not None and go_live_at <= timezone.now():
        raise DomainError("定时发布的时间须晚于现在；要立即发布请不填发布时间。")


# --- Reads for the admin screens --------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    step: str
    status: str
    by: str
    at: datetime | None
    comment: str


STATUS_LABELS = {
    TaskState.STATUS_IN_PROGRESS: "待处理",
    TaskState.STATUS_APPROVED: "通过",
    TaskState.STATUS_REJECTED: "退回修改",
    TaskState.STATUS_SKIPPED: "跳过",
    TaskState.STATUS_CANCELLED: "撤回",
}


def review_history(document: OfficialDocument) -> list[Decision]:
    """Every step of every submission, oldest first: who decided, when, with what comment."""
    states = (
        TaskState.objects.for_instance(document)
        .select_related("task", "finished_by")
        .order_by("started_at", "pk")
    )
    return [
        Decision(
            step=state.task.name,
            status=STATUS_LABELS.get(state.status, state.status),
            by=(state.finished_by.get_full_name() or state.finished_by.get_username())
            if state.finished_by
            else "",
            at=state.finished_at,
            comment=state.comment,
        )
        for state in states
    ]


def document_status(document: OfficialDocument) -> str:
    """The register state in one phrase, for lists and headers."""
    if document.live:
        return "已发布" if document.disclosure == Disclosure.PROACTIVE else "已签发（不公开发布）"
    if document.approved_schedule and document.go_live_at:
        return f"定时发布（{timezone.localtime(document.go_live_at):%Y-%m-%d %H:%M}）"
    state = document.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return "退回修改"
    if state is not None:
        return f"审核中：{state.current_task_state.task.name}"
    if document.withheld_at:
        return "定时发布未执行"
    if document.first_published_at:
        return "已撤下"
    return "草稿"
