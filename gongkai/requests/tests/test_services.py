"""The request services: intake by channel, each handling step, deadlines, permissions."""

from datetime import date

import pytest
import time_machine

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.requests.domain.outcomes import Outcome
from gongkai.requests.domain.states import State, TransitionError
from gongkai.requests.models import DisclosureRequest, RequestEvent
from gongkai.requests.selectors import find_by_lookup, queues, visible_requests
from gongkai.requests.services import (
    Application,
    request_abandon,
    request_accept,
    request_ask_correction,
    request_consult,
    request_deliver,
    request_end_consultation,
    request_extend,
    request_issue_fee_notice,
    request_record_correction,
    request_record_payment,
    request_register,
    request_reply,
    request_submit_online,
    request_withdraw,
)

pytestmark = pytest.mark.django_db


def application(**changes) -> Application:
    fields = {
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13912345678",
        "description": "2025年城乡居民最低生活保障标准调整文件",
        "form_wanted": "electronic",
        "delivery_method": "online",
    }
    return Application(**{**fields, **changes})


@pytest.fixture
def county(unit_tree):
    return unit_tree["county"]


@pytest.fixture
def handler(make_user, county):
    return make_user("handler", (Role.REQUEST_HANDLER, county))


@pytest.fixture
def head(make_user, county):
    return make_user("head", (Role.DISCLOSURE_OFFICE_HEAD, county))


def test_online_submission_is_idempotent_and_awaits_confirmation(county):
    with time_machine.travel("2025-03-03 10:00 +0800", tick=False):
        first = request_submit_online(unit=county, application=application(), submission_key="k1")
        again = request_submit_online(unit=county, application=application(), submission_key="k1")
    assert first.created and not again.created
    assert again.request.pk == first.request.pk and again.lookup_code == first.lookup_code
    assert DisclosureRequest.objects.count() == 1
    request = first.request
    assert request.state == State.SUBMITTED and request.received_on is None
    assert request.tracking_no == "C-2025-0001"
    assert find_by_lookup(request.tracking_no, first.lookup_code) == request
    assert find_by_lookup(request.tracking_no, "WRONGCODE1") is None


def test_acceptance_date_is_the_receipt_date_and_sets_the_due_date(county, handler):
    with time_machine.travel("2025-03-03 10:00 +0800", tick=False):
        request = request_submit_online(
            unit=county, application=application(), submission_key="k"
        ).request
    with time_machine.travel("2025-03-05 10:00 +0800", tick=False):
        request = request_accept(actor=handler, request=request)
    assert request.received_on == date(2025, 3, 5)
    assert request.due_on == date(2025, 4, 2)  # 20 working days after 5 March 2025


@pytest.mark.parametrize(
    "channel, dates, received",
    [
        ("in_person", {}, date(2025, 3, 3)),
        ("mail", {"signed_on": date(2025, 3, 4)}, date(2025, 3, 4)),
        ("letter", {"confirmed_on": date(2025, 3, 5)}, date(2025, 3, 5)),
        ("fax", {"confirmed_on": date(2025, 3, 3)}, date(2025, 3, 3)),
    ],
)
def test_staff_entry_applies_the_receipt_rule_by_channel(county, handler, channel, dates, received):
    with time_machine.travel("2025-03-10 10:00 +0800", tick=False):
        submitted = request_register(
            actor=handler,
            unit=county,
            application=application(),
            channel=channel,
            submitted_on=date(2025, 3, 3),
            **dates,
        )
    assert submitted.request.received_on == received
    assert submitted.request.state == State.RECEIVED


def test_mail_without_signing_date_is_refused_and_nothing_is_written(county, handler):
    with pytest.raises(DomainError, match="签收日期"):
        request_register(
            actor=handler,
            unit=county,
            application=application(),
            channel="mail",
            submitted_on=date(2025, 3, 3),
        )
    assert DisclosureRequest.objects.count() == 0


def test_bad_id_number_is_refused(county):
    with pytest.raises(DomainError, match="居民身份证号码不正确"):
        request_submit_online(
            unit=county, application=application(id_number="110105194912310021"), submission_key="x"
        )
    assert DisclosureRequest.objects.count() == 0


def _received(county, handler, day=date(2025, 3, 3)):
    with time_machine.travel(f"{day.isoformat()} 10:00 +0800", tick=False):
        return request_register(
            actor=handler,
            unit=county,
            application=application(),
            channel="in_person",
            submitted_on=day,
        ).request


def test_correction_restarts_the_clock(county, handler):
    request = _received(county, handler)
    with time_machine.travel("2025-03-05 10:00 +0800", tick=False):
        request = request_ask_correction(
            actor=handler, request=request, items="请说明文件的年份", until=date(2025, 3, 20)
        )
    assert request.due_on is None and request.state == State.CORRECTION_REQUESTED
    with time_machine.travel("2025-03-12 10:00 +0800", tick=False):
        request = request_record_correction(actor=handler, request=request)
    assert request.state == State.IN_HANDLING
    assert request.due_on == date(2025, 4, 10)  # 20 working days from 12 March 2025


def test_no_correction_by_the_deadline_closes_as_other_handling(county, handler):
    request = _received(county, handler)
    with time_machine.travel("2025-03-05 10:00 +0800", tick=False):
        request = request_ask_correction(
            actor=handler, request=request, items="请说明文件名称", until=date(2025, 3, 20)
        )
        with pytest.raises(DomainError, match="尚未届满"):
            request_abandon(actor=handler, request=request)
    with time_machine.travel("2025-03-21 10:00 +0800", tick=False):
        request = request_abandon(actor=handler, request=request)
    assert request.state == State.ABANDONED
    assert request.outcome == Outcome.OTHER_NO_CORRECTION and request.closed_on == date(2025, 3, 21)


def test_consultation_pauses_and_resumes(county, handler):
    request = _received(county, handler)
    assert request.due_on == date(2025, 3, 31)
    with time_machine.travel("2025-03-10 10:00 +0800", tick=False):
        request = request_consult(
            actor=handler, request=request, third_party=True, party="某某建设有限公司"
        )
    assert request.due_on is None
    with time_machine.travel("2025-03-17 10:00 +0800", tick=False):
        request = request_end_consultation(actor=handler, request=request)
    # 10 → 17 March: five working days (11–14, 17) not counted.
    assert request.due_on == date(2025, 4, 8)


def test_fee_notice_pauses_and_payment_resumes(county, handler):
    request = _received(county, handler)
    with time_machine.travel("2025-03-10 10:00 +0800", tick=False):
        notice = request_issue_fee_notice(actor=handler, request=request, method="volume", pages=50)
    assert notice.amount == 200 and notice.pay_by == date(2025, 4, 8)  # 4 April is 清明
    request.refresh_from_db()
    assert request.state == State.AWAITING_FEE
    with time_machine.travel("2025-03-12 10:00 +0800", tick=False):
        request = request_record_payment(actor=handler, request=request, receipt_no="No.001")
    assert request.state == State.IN_HANDLING and request.due_on == date(2025, 4, 2)


def test_extension_needs_the_office_head_and_happens_once(county, handler, head):
    request = _received(county, handler)
    with time_machine.travel("2025-03-20 10:00 +0800", tick=False):
        with pytest.raises(PermissionDeniedError):
            request_extend(actor=handler, request=request, reason="需调取档案")
        request = request_extend(actor=head, request=request, reason="需调取档案")
        assert request.due_on == date(2025, 4, 28)  # Sunday 27 April is a make-up working day
        with pytest.raises(DomainError, match="已经延期一次"):
            request_extend(actor=head, request=request, reason="再延")


def test_reply_deliver_and_history(county, handler):
    request = _received(county, handler)
    with time_machine.travel("2025-03-20 10:00 +0800", tick=False):
        with pytest.raises(DomainError, match="第三十七条"):
            request_reply(actor=handler, request=request, outcome="partly_granted")
        request = request_reply(
            actor=handler,
            request=request,
            outcome="partly_granted",
            reply_text="提供文件正文。",
            withheld_content="附件中个人身份信息",
            withheld_reason="涉及个人隐私（条例第十五条）",
        )
        assert request.state == State.REPLIED and request.closed_on == date(2025, 3, 20)
        assert request.due_on == date(2025, 3, 31)  # kept: the reply was on time
        request_deliver(actor=handler, request=request, method="online")
    request.refresh_from_db()
    assert request.state == State.DELIVERED
    actions = list(RequestEvent.objects.filter(request=request).values_list("action", flat=True))
    assert actions == ["register", "reply", "deliver"]


def test_impossible_step_is_refused_in_chinese(county, handler):
    request = _received(county, handler)
    with pytest.raises(TransitionError, match="不能执行“登记缴费"):
        request_record_payment(actor=handler, request=request)


def test_withdrawal_by_the_applicant_counts_as_other(county, handler):
    request = _received(county, handler)
    with time_machine.travel("2025-03-05 10:00 +0800", tick=False):
        request = request_withdraw(actor=None, request=request, reason="不再需要")
    assert request.state == State.WITHDRAWN and request.outcome == Outcome.OTHER_OTHER


def test_only_the_unit_and_its_supervisors_see_applicants(county, unit_tree, handler, make_user):
    request = _received(county, handler)
    township_handler = make_user("t", (Role.REQUEST_HANDLER, unit_tree["town_a"]))
    editor = make_user("e", (Role.EDITOR, county))
    supervisor = make_user("s", (Role.SUPERVISING_STAFF, county))
    assert list(visible_requests(handler)) == [request]
    assert list(visible_requests(supervisor)) == [request]
    assert not visible_requests(township_handler).exists()
    assert not visible_requests(editor).exists()


def test_queues(county, handler):
    request = _received(county, handler)
    q = queues(visible_requests(handler), date(2025, 3, 25))
    assert list(q.due_soon) == [request]
    q = queues(visible_requests(handler), date(2025, 4, 1))
    assert list(q.overdue) == [request]
