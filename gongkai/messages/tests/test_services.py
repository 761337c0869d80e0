"""The steps of a message through the services: routing and transfer (the clock keeps running,
every move recorded), answering, reopening, rating, invalid messages, and who may do what."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.models import AuditEntry
from gongkai.messages import services as s
from gongkai.messages.domain.states import State, TransitionError
from gongkai.messages.models import Message, MessageTransfer, TransferKind
from gongkai.messages.selectors import awaiting_other_unit, queues, visible_messages

from .conftest import local

pytestmark = pytest.mark.django_db


def test_a_message_sent_to_unsure_goes_to_the_office_that_routes_it(tree, receive):
    message = receive(None, "2026-03-02 09:00")
    assert message.unit == tree["office"] and not message.unit_chosen
    assert message.state == State.NEW
    assert message.number.startswith("LY2026") and len(message.number) == 12
    assert AuditEntry.objects.filter(action="message.submit", object_id=str(message.pk)).exists()


def test_without_a_supervising_office_the_top_unit_routes(unit_tree, receive):
    assert receive(None, "2026-03-02 09:00").unit == unit_tree["county"]


def test_routing_transfer_and_return_keep_the_clock_and_record_every_move(tree, people, receive):
    message = receive(None, "2026-03-02 09:00")
    due, three_months = message.due_on, message.three_months_on
    with time_machine.travel(local("2026-03-03 10:00"), tick=False):
        # Routing a message sent to 不确定 needs no reason.
        message = s.message_transfer(
            actor=people["office"], message=message, to_unit=tree["town_a"], reason=""
        )
    assert message.unit == tree["town_a"] and message.state == State.NEW
    with pytest.raises(DomainError, match="写明转办理由"):
        s.message_transfer(
            actor=people["town_a"], message=message, to_unit=tree["finance"], reason=""
        )
    with time_machine.travel(local("2026-03-04 10:00"), tick=False):
        message = s.message_return(actor=people["town_a"], message=message, reason="属县财政局职责")
    assert message.unit == tree["office"]
    message = s.message_transfer(
        actor=people["office"], message=message, to_unit=tree["finance"], reason="资金发放问题"
    )
    message = s.message_accept(actor=people["finance"], message=message)
    assert message.state == State.HANDLING
    assert (message.due_on, message.three_months_on) == (due, three_months)
    kinds = list(message.transfers.values_list("kind", "from_unit__code", "to_unit__code"))
    assert kinds == [
        (TransferKind.ROUTE, "C-OFF", "T-A"),
        (TransferKind.RETURN, "T-A", "C-OFF"),
        (TransferKind.TRANSFER, "C-OFF", "C-FIN"),
    ]
    assert message.events.filter(action="transfer").count() == 2


def test_only_a_transferred_message_can_be_returned(tree, people, receive):
    message = receive(tree["town_a"], "2026-03-02 09:00")
    with pytest.raises(DomainError, match="只有转来的留言才能退回"):
        s.message_return(actor=people["town_a"], message=message, reason="不属于本单位")


def test_another_units_staff_may_not_act_on_a_message(tree, people, receive):
    message = receive(tree["town_a"], "2026-03-02 09:00")
    for step in (
        lambda: s.message_accept(actor=people["town_b"], message=message),
        lambda: s.message_reply(actor=people["town_b"], message=message, text="答复"),
        lambda: s.message_transfer(
            actor=people["town_b"], message=message, to_unit=tree["town_b"], reason="x"
        ),
    ):
        with pytest.raises(PermissionDeniedError):
            step()
    assert Message.objects.get(pk=message.pk).state == State.NEW
    assert message not in visible_messages(people["town_b"])
    assert message in visible_messages(people["town_a"])
    assert message in visible_messages(people["supervisor"])
    assert not visible_messages(people["auditor"]).exists()


def test_the_supervising_office_may_route_any_message_below_it(tree, people, receive):
    message = receive(tree["town_a"], "2026-03-02 09:00")
    s.message_transfer(
        actor=people["supervisor"], message=message, to_unit=tree["town_b"], reason="属乙乡"
    )
    assert Message.objects.get(pk=message.pk).unit == tree["town_b"]


def test_the_sender_sees_what_awaits_another_unit_until_it_is_signed_for(tree, people, receive):
    message = receive(tree["town_a"], "2026-03-02 09:00")
    message = s.message_transfer(
        actor=people["town_a"], message=message, to_unit=tree["finance"], reason="属财政局"
    )
    assert [t.message_id for t in awaiting_other_unit(people["town_a"])] == [message.pk]
    s.message_accept(actor=people["finance"], message=message)
    assert not awaiting_other_unit(people["town_a"]).exists()


def test_answering_records_the_first_answer_and_reopening_keeps_it(tree, people, receive):
    message = receive(tree["finance"], "2026-03-02 09:00")
    upload = SimpleUploadedFile(
        "说明.pdf", b"%PDF-1.4\n" + b"0" * 64, content_type="application/pdf"
    )
    with time_machine.travel(local("2026-03-05 10:00"), tick=False):
        message = s.message_reply(
            actor=people["finance"], message=message, text="已核实并处理。", attachment=upload
        )
    assert message.state == State.ANSWERED and message.answered_on == date(2026, 3, 5)
    assert message.on_time and message.answer_workdays == 3
    with time_machine.travel(local("2026-03-10 10:00"), tick=False):
        message = s.message_rate(message=message, satisfaction="dissatisfied", resolved=False)
    message.refresh_from_db()
    assert message.state == State.HANDLING and message.answered_on == date(2026, 3, 5)
    # A new answer is owed 5 working days after the reopening: 03-11 … 03-17.
    assert message.reopen_due_on == date(2026, 3, 17)
    with time_machine.travel(local("2026-03-12 10:00"), tick=False):
        message = s.message_reply(actor=people["finance"], message=message, text="已再次处理。")
    assert message.answered_on == date(2026, 3, 5) and message.replies.count() == 2
    with time_machine.travel(local("2026-03-13 10:00"), tick=False):
        message = s.message_rate(message=message, satisfaction="satisfied", resolved=True)
    assert message.state == State.ANSWERED and message.resolved
    with pytest.raises(DomainError, match="已评价过"):
        s.message_rate(message=message, satisfaction="satisfied", resolved=True)


def test_an_answer_cannot_predate_the_message_or_lie_in_the_future(tree, people, receive):
    message = receive(tree["finance"], "2026-03-02 09:00")
    with pytest.raises(DomainError, match="不能早于收到留言"):
        s.message_reply(
            actor=people["finance"],
            message=message,
            text="答复",
            answered_at=local("2026-03-01 09:00"),
        )
    assert Message.objects.get(pk=message.pk).state == State.NEW


def test_a_refused_attachment_writes_nothing(tree, people, receive):
    message = receive(tree["finance"], "2026-03-02 09:00")
    fake = SimpleUploadedFile("答复.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError):
        s.message_reply(actor=people["finance"], message=message, text="答复", attachment=fake)
    message.refresh_from_db()
    assert message.state == State.NEW and not message.replies.exists()


def test_invalid_messages_are_closed_with_a_reason_kept_and_can_be_restored(tree, people, receive):
    message = receive(tree["finance"], "2026-03-02 09:00")
    with pytest.raises(DomainError, match="重复"):
        s.message_close_invalid(actor=people["finance"], message=message, reason="duplicate")
    message = s.message_close_invalid(
        actor=people["finance"], message=message, reason="duplicate", note="同 LY2026000001"
    )
    assert message.state == State.INVALID and Message.objects.filter(pk=message.pk).exists()
    with pytest.raises(TransitionError):
        s.message_reply(actor=people["finance"], message=message, text="答复")
    message = s.message_restore(actor=people["finance"], message=message, note="误判")
    assert message.state == State.HANDLING and message.invalid_reason == ""


def test_the_form_is_idempotent_per_key(tree):
    from .conftest import message_input

    first = s.message_submit_online(unit=tree["finance"], data=message_input(), submission_key="k")
    again = s.message_submit_online(unit=tree["finance"], data=message_input(), submission_key="k")
    assert first.created and not again.created
    assert again.message.pk == first.message.pk and again.lookup_code == first.lookup_code
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"title": "  "}, "填写留言标题"),
        ({"text": ""}, "填写留言内容"),
        ({"kind": "simple"}, "选择留言类别"),
        ({"title": "问" * 101}, "不能超过100个字"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(tree, changes, error):
    from .conftest import message_input

    with pytest.raises(DomainError, match=error):
        s.message_submit_online(
            unit=tree["finance"], data=message_input(**changes), submission_key="k"
        )
    assert not Message.objects.exists() and not MessageTransfer.objects.exists()


def test_queues(tree, people, receive):
    due_tomorrow = receive(tree["finance"], "2026-03-02 09:00", kind="correction")  # due 03-05
    overdue = receive(tree["finance"], "2026-02-24 09:00")  # due 03-03
    answered = receive(tree["finance"], "2026-02-24 10:00")
    s.message_reply(actor=people["finance"], message=answered, text="已答复")
    routing = receive(None, "2026-03-02 09:00")
    lists = queues(Message.objects.all(), date(2026, 3, 4))
    assert list(lists.due_soon) == [due_tomorrow]
    assert list(lists.overdue) == [overdue]
    assert list(lists.needs_routing) == [routing]
    assert list(lists.answered) == [answered]
