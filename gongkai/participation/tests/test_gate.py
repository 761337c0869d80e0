"""The two gates: a document on whose draft the public is consulted cannot go to sign-off until
the feedback is published (平政办发〔2023〕51号（五）), and nothing is published with personal
data in it (the publication gate)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.roles import Role
from gongkai.documents.gate import publication_exception_create
from gongkai.documents.services import submission_problems
from gongkai.documents.workflow import (
    document_approve,
    document_submit,
    ensure_document_workflow,
)
from gongkai.participation.domain.phases import Phase
from gongkai.participation.models import Consultation, OpinionResponse
from gongkai.participation.services.comments import (
    CommentInput,
    answer_save,
    comment_submit_online,
    feedback_publish,
    feedback_save,
)
from gongkai.participation.services.consultations import (
    consultation_close,
    consultation_create,
    consultation_need_mark,
    consultation_need_unmark,
    consultation_open,
    draft_version_save,
)
from gongkai.participation.services.opinions import (
    OpinionFacts,
    opinion_item_assess,
    opinion_item_record,
    opinion_response_publish,
)

from .conftest import facts

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(unit_tree, make_user):
    ensure_document_workflow()
    county = unit_tree["county"]
    return {
        "reviewer": make_user("g_review", (Role.REVIEWER, county)),
        "secrecy": make_user("g_secrecy", (Role.CONFIDENTIALITY_REVIEWER, county)),
    }


def _to_feedback(consultation, staff):
    consultation_open(actor=staff["leader"], consultation=consultation)
    comment = comment_submit_online(
        consultation=consultation,
        version_number=1,
        data=CommentInput(body="建议提高标准。", article_anchor="a3"),
        submission_key="g1",
    ).comment
    consultation_close(
        actor=staff["editor"],
        consultation=consultation,
        today=consultation.ends_on + timedelta(days=1),
    )
    answer_save(
        actor=staff["editor"],
        consultation=consultation,
        comments=[comment],
        disposition="adopted",
        reason="已修改第三条。",
    )
    feedback_save(actor=staff["editor"], consultation=consultation, summary="收到意见1条。")


def test_sign_off_waits_for_the_feedback_and_the_refusal_names_the_consultation(
    consultation, staff, chain, draft_document
):
    for phase_step in ("draft", "open"):
        problems = submission_problems(draft_document)
        assert any(f"《{consultation.title}》" in p for p in problems), phase_step
        with pytest.raises(DomainError, match=consultation.title[:10]):
            document_submit(actor=staff["editor"], document=draft_document)
        if phase_step == "draft":
            consultation_open(actor=staff["leader"], consultation=consultation)
    assert "征求意见中" in submission_problems(draft_document)[0]

    # Feedback published: the document goes through 审核, 保密审查 and 签发.
    consultation_close(
        actor=staff["editor"],
        consultation=consultation,
        today=consultation.ends_on + timedelta(days=1),
    )
    feedback_save(actor=staff["editor"], consultation=consultation, summary="未收到意见。")
    feedback_publish(actor=staff["leader"], consultation=consultation)
    assert submission_problems(draft_document) == []
    document_submit(actor=staff["editor"], document=draft_document)
    for user in (chain["reviewer"], chain["secrecy"], staff["leader"]):
        document_approve(actor=user, document=draft_document)
    draft_document.refresh_from_db()
    assert draft_document.live


def test_a_consultation_linked_after_submission_still_stops_sign_off(
    unit_tree, staff, chain, draft_document
):
    document_submit(actor=staff["editor"], document=draft_document)
    document_approve(actor=chain["reviewer"], document=draft_document)
    document_approve(actor=chain["secrecy"], document=draft_document)
    late = consultation_create(
        actor=staff["editor"],
        unit=unit_tree["county"],
        facts=facts(title="补充征求意见"),
        document=draft_document,
    )
    with pytest.raises(DomainError, match=r"不能签发：.*《补充征求意见》"):
        document_approve(actor=staff["leader"], document=draft_document)
    draft_document.refresh_from_db()
    assert not draft_document.live
    assert late.phase == Phase.DRAFT


def test_a_document_marked_as_needing_a_consultation_waits_for_one(
    staff, draft_document, unit_tree
):
    need = consultation_need_mark(
        actor=staff["editor"], document=draft_document, reason="涉及群众切身利益。"
    )
    assert "已标记为需要公开征求意见" in submission_problems(draft_document)[0]
    consultation_need_unmark(actor=staff["editor"], need=need, reason="误标。")
    assert submission_problems(draft_document) == []


def test_a_signed_document_is_not_consulted_on(staff, unit_tree, chain, draft_document):
    document_submit(actor=staff["editor"], document=draft_document)
    for user in (chain["reviewer"], chain["secrecy"], staff["leader"]):
        document_approve(actor=user, document=draft_document)
    with pytest.raises(DomainError, match="已签发"):
        consultation_create(
            actor=staff["editor"], unit=unit_tree["county"], facts=facts(), document=draft_document
        )


# --- The publication gate -------------------------------------------------------------------


def test_a_draft_with_a_mobile_number_is_not_published(consultation, staff):
    draft_version_save(
        actor=staff["editor"],
        consultation=consultation,
        text="某某办法\n第一条 咨询电话13912345678。",
    )
    with pytest.raises(DomainError, match=r"不能发布：第1稿的全文中有疑似个人信息：139\*+5678"):
        consultation_open(actor=staff["leader"], consultation=consultation)
    assert Consultation.objects.get(pk=consultation.pk).phase == Phase.DRAFT


def test_an_excepted_service_line_passes(consultation, staff, unit_tree, make_user):
    draft_version_save(
        actor=staff["editor"],
        consultation=consultation,
        text="某某办法\n第一条 咨询电话13912345678。",
    )
    reviewer = make_user("g_exc", (Role.REVIEWER, unit_tree["county"]))
    publication_exception_create(
        actor=reviewer, unit=unit_tree["county"], number="13912345678", reason="公开的咨询电话"
    )
    consultation_open(actor=staff["leader"], consultation=consultation)


def test_feedback_with_personal_data_is_not_published(consultation, staff):
    _to_feedback(consultation, staff)
    feedback_save(
        actor=staff["editor"], consultation=consultation, summary="联系人身份证11010519491231002X。"
    )
    with pytest.raises(DomainError, match="意见采纳情况总体说明中有疑似个人信息"):
        feedback_publish(actor=staff["leader"], consultation=consultation)
    consultation.refresh_from_db()
    assert consultation.phase == Phase.CLOSED
    assert consultation.feedback.published_at is None


def test_an_opinion_response_with_personal_data_is_not_published(unit_tree, make_user):
    county = unit_tree["county"]
    officer = make_user("g_op", (Role.DISCLOSURE_OFFICE_HEAD, county))
    item = opinion_item_record(
        actor=officer,
        unit=county,
        facts=OpinionFacts(
            source="online", summary="网民反映问题", detected_on=timezone.localdate()
        ),
    )
    opinion_item_assess(actor=officer, item=item, value="high", assessment="需要回应")
    with pytest.raises(DomainError, match="回应内容中有疑似个人信息"):
        opinion_response_publish(
            actor=officer, item=item, title="回应", text="当事人电话13912345678。"
        )
    assert not OpinionResponse.objects.exists()
