"""The consultation's hold on a document's sign-off (平政办发〔2023〕51号（五）: 未经公众意见建议
征集和结果反馈的……不得进入公文审签程序), registered with the register's sign-off
preconditions (`gongkai.documents.preconditions`) from ``ParticipationConfig.ready``."""

from __future__ import annotations

from gongkai.documents.models import OfficialDocument
from gongkai.documents.preconditions import register_sign_off_precondition

from .domain.phases import Phase
from .domain.rules import FEEDBACK_BEFORE_SIGN_OFF_BASIS
from .models import ConsultationNeed
from .selectors import consultations_lacking_feedback


def consultation_problems(document: OfficialDocument) -> list[str]:
    """Each consultation on the draft whose feedback is unpublished, named; and a document
    marked as needing a consultation that has none."""
    problems = []
    for consultation in consultations_lacking_feedback(document.pk):
        where = (
            "尚未发布征求意见"
            if consultation.phase == Phase.DRAFT
            else f"{Phase(consultation.phase).label}，结果反馈尚未发布"
        )
        problems.append(
            f"本公文草案的意见征集《{consultation.title}》{where}；"
            f"{FEEDBACK_BEFORE_SIGN_OFF_BASIS}。"
        )
    if (
        not problems
        and not document.consultations.exists()
        and ConsultationNeed.objects.filter(document=document).exists()
    ):
        problems.append(
            f"本公文已标记为需要公开征求意见，但尚未征求意见；{FEEDBACK_BEFORE_SIGN_OFF_BASIS}。"
        )
    return problems


def register() -> None:
    register_sign_off_precondition(consultation_problems)
