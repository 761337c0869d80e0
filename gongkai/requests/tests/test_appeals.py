"""Appeals (行政复议、行政诉讼): the record's rules, permission, audit, and updates."""

from datetime import date

import pytest
import time_machine

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.requests.appeals import AppealFacts, appeal_record, appeal_update, check_appeal
from gongkai.requests.models import Appeal
from gongkai.requests.services import Application, request_register

pytestmark = pytest.mark.django_db

TODAY = date(2025, 3, 10)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel("2025-03-10 10:00 +0800", tick=False):
        yield


@pytest.fixture
def handler(make_user, unit_tree):
    return make_user("handler", (Role.REQUEST_HANDLER, unit_tree["county"]))


@pytest.fixture
def request_(unit_tree, handler):
    return request_register(
        actor=handler,
        unit=unit_tree["county"],
        application=Application(
            applicant_type="natural_person",
            applicant_name="张三",
            phone="13912345678",
            description="低保资金发放明细",
        ),
        channel="in_person",
        submitted_on=date(2025, 1, 6),
    ).request


def facts(**changes) -> AppealFacts:
    return AppealFacts(**{"filed_on": date(2025, 3, 1), **changes})


@pytest.mark.parametrize(
    "kind, given, has_review, message",
    [
        ("review", facts(filed_on=None), False, "请填写提起日期"),
        ("review", facts(filed_on=date(2025, 3, 11)), False, "提起日期不能晚于今天"),
        ("review", facts(result="upheld"), False, "已审结的案件须填写审结日期"),
        ("review", facts(decided_on=date(2025, 3, 5)), False, "尚未审结的案件不应填写审结日期"),
        (
            "review",
            facts(result="corrected", decided_on=date(2025, 2, 28)),
            False,
            "审结日期不能早于提起日期",
        ),
        (
            "review",
            facts(result="other", decided_on=date(2025, 3, 11)),
            False,
            "审结日期不能晚于今天",
        ),
        ("lawsuit_after_review", facts(), False, "该申请尚无行政复议记录"),
        ("appeal", facts(), False, "请选择案件类型"),
        ("review", facts(result="won"), False, "请选择案件结果"),
    ],
)
def test_check_refuses_in_chinese(kind, given, has_review, message):
    with pytest.raises(DomainError, match=message):
        check_appeal(kind, given, today=TODAY, review_filed_on=None, has_review=has_review)


def test_check_accepts_a_decided_case_and_a_lawsuit_after_review():
    check_appeal(
        "review",
        facts(result="upheld", decided_on=date(2025, 3, 10)),
        today=TODAY,
        review_filed_on=None,
        has_review=False,
    )
    check_appeal(
        "lawsuit_after_review",
        facts(),
        today=TODAY,
        review_filed_on=date(2025, 2, 1),
        has_review=True,
    )
    with pytest.raises(DomainError, match="不能早于行政复议的提起日期"):
        check_appeal(
            "lawsuit_after_review",
            facts(filed_on=date(2025, 1, 1)),
            today=TODAY,
            review_filed_on=date(2025, 2, 1),
            has_review=True,
        )


def test_record_is_audited_and_one_case_per_kind(request_, handler):
    appeal = appeal_record(
        actor=handler, request=request_, kind="review", facts=facts(authority=" 测试县人民政府 ")
    )
    assert appeal.authority == "测试县人民政府" and appeal.result == "pending"
    assert AuditEntry.objects.filter(action="appeal.record", object_id=str(appeal.pk)).exists()
    with pytest.raises(DomainError, match="已有“行政复议”案件记录"):
        appeal_record(actor=handler, request=request_, kind="review", facts=facts())
    lawsuit = appeal_record(
        actor=handler, request=request_, kind="lawsuit_after_review", facts=facts()
    )
    assert lawsuit.kind == "lawsuit_after_review"


def test_update_records_the_result_and_keeps_the_order_of_filing(request_, handler):
    review = appeal_record(actor=handler, request=request_, kind="review", facts=facts())
    appeal_record(
        actor=handler,
        request=request_,
        kind="lawsuit_after_review",
        facts=facts(filed_on=date(2025, 3, 5)),
    )
    appeal_update(
        actor=handler,
        appeal=review,
        facts=facts(result="corrected", decided_on=date(2025, 3, 4)),
    )
    review.refresh_from_db()
    assert review.result == "corrected" and review.decided_on == date(2025, 3, 4)
    entry = AuditEntry.objects.get(action="appeal.update")
    assert entry.changes["result"] == ["pending", "corrected"]

    with pytest.raises(DomainError, match="不能晚于复议后提起行政诉讼的日期"):
        appeal_update(actor=handler, appeal=review, facts=facts(filed_on=date(2025, 3, 6)))
    review.refresh_from_db()
    assert review.filed_on == date(2025, 3, 1)


def test_only_handlers_of_the_unit_record_appeals(request_, unit_tree, make_user):
    for user in (
        make_user("town", (Role.REQUEST_HANDLER, unit_tree["town_a"])),
        make_user("sup", (Role.SUPERVISING_STAFF, unit_tree["county"])),
    ):
        with pytest.raises(PermissionDeniedError):
            appeal_record(actor=user, request=request_, kind="review", facts=facts())
    assert not Appeal.objects.exists()
