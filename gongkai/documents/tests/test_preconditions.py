"""Sign-off preconditions registered by other modules: listed with the register's own problems,
refusing 呈签, and checked again at 签发 for a document submitted before they arose."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.roles import Role
from gongkai.documents import preconditions
from gongkai.documents.services import document_create, submission_problems
from gongkai.documents.workflow import document_approve, document_submit, ensure_document_workflow

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(monkeypatch):
    """A module's check that holds back documents whose title says so."""
    checks = list(preconditions._PRECONDITIONS)
    monkeypatch.setattr(preconditions, "_PRECONDITIONS", checks)

    def check(document):
        return ["尚待某模块的结果。"] if "待定" in document.title else []

    preconditions.register_sign_off_precondition(check)
    preconditions.register_sign_off_precondition(check)  # once is enough
    return check


def test_a_registered_check_refuses_submission_and_sign_off(unit_tree, make_user, held):
    ensure_document_workflow()
    county = unit_tree["county"]
    editor = make_user("e", (Role.EDITOR, county))
    document = document_create(
        actor=editor,
        unit=county,
        title="关于某事的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
    )
    assert submission_problems(document) == []
    document_submit(actor=editor, document=document)
    for role in (Role.REVIEWER, Role.CONFIDENTIALITY_REVIEWER):
        document_approve(actor=make_user(role.value, (role, county)), document=document)
    document.title = "关于某事（待定）的通知"
    document.save(update_fields=["title"])
    assert submission_problems(document) == ["尚待某模块的结果。"]
    with pytest.raises(DomainError, match="不能签发：尚待某模块的结果。"):
        document_approve(actor=make_user("l", (Role.LEADER, county)), document=document)
    document.refresh_from_db()
    assert not document.live
    assert preconditions._PRECONDITIONS.count(held) == 1
