"""The clocks of messages come from the deadline engine only: the due day is the kind's N-th
working day after the day of receipt (Asia/Shanghai), 调休 make-up days counting, around 春节
and 国庆 2026; on time means answered on or before it; the three-month day is calendar months."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import time_machine

from gongkai.calendar.selectors import deadline_for
from gongkai.messages.domain.kinds import MessageKind
from gongkai.messages.services import message_classify, message_reply

from .conftest import local

pytestmark = pytest.mark.django_db

# (kind, received at (Asia/Shanghai), due day): each counted by hand on the 2026 notice.
CLOCKS = [
    # 春节 2026: 02-15..02-23 off; Sat 02-14 and Sat 02-28 are working days.
    # 02-13 #1, Sat 02-14 #2, 02-24 #3, 02-25 #4, 02-26 #5
    ("consultation", "2026-02-12 16:00", date(2026, 2, 26)),
    # Sat 02-14 #1, 02-24 #2, 02-25 #3
    ("correction", "2026-02-13 09:30", date(2026, 2, 25)),
    # Received on the make-up Saturday itself: it does not count; 02-24 #1
    ("simple", "2026-02-14 10:00", date(2026, 2, 24)),
    # Received during the break: 02-24 #1 … 02-27 #4, Sat 02-28 #5
    ("suggestion", "2026-02-18 08:00", date(2026, 2, 28)),
    # Sat 02-28 #1, 03-02 #2 … 03-05 #5
    ("complaint", "2026-02-27 17:59", date(2026, 3, 5)),
    # 国庆 2026: 10-01..10-07 off; Sun 09-20 and Sat 10-10 are working days.
    # Sun 09-20 #1, 09-21 #2 … 09-24 #5
    ("complaint", "2026-09-19 11:00", date(2026, 9, 24)),
    # 中秋 09-25..09-27 off: 09-28 #1, 09-29 #2, 09-30 #3
    ("correction", "2026-09-24 15:00", date(2026, 9, 30)),
    # 10-08 #1
    ("simple", "2026-09-30 23:30", date(2026, 10, 8)),
    # 10-08 #1, 10-09 #2, Sat 10-10 #3, 10-12 #4, 10-13 #5
    ("suggestion", "2026-09-30 09:00", date(2026, 10, 13)),
    # Sat 10-10 #1, 10-12 #2, 10-13 #3
    ("correction", "2026-10-09 16:45", date(2026, 10, 13)),
]


@pytest.mark.parametrize(("kind", "when", "due"), CLOCKS)
def test_due_day_is_the_engines_count_from_the_day_of_receipt(tree, receive, kind, when, due):
    message = receive(tree["finance"], when, kind=kind)
    received_on = local(when).date()
    assert message.received_on == received_on
    assert message.due_on == due
    assert message.due_on == deadline_for(MessageKind(kind).rule_key, received_on).due
    assert not message.due_provisional


def test_the_day_of_receipt_is_shanghais_not_utcs(tree):
    from gongkai.messages.services import message_submit_online

    from .conftest import message_input

    # 16:30 UTC on 30 September is 00:30 on 1 October in Shanghai, a holiday: 10-08 #1 … 10-13 #5
    with time_machine.travel(datetime.fromisoformat("2026-09-30T16:30:00+00:00"), tick=False):
        message = message_submit_online(
            unit=tree["finance"], data=message_input(), submission_key="utc-edge"
        ).message
    assert message.received_on == date(2026, 10, 1)
    assert message.due_on == date(2026, 10, 13)


@pytest.mark.parametrize(
    ("answered", "on_time"),
    [("2026-02-26 17:30", True), ("2026-02-26 23:59", True), ("2026-02-27 08:00", False)],
)
def test_on_time_means_answered_on_or_before_the_due_day(tree, people, receive, answered, on_time):
    message = receive(tree["finance"], "2026-02-12 16:00")
    with time_machine.travel(local(answered), tick=False):
        message = message_reply(actor=people["finance"], message=message, text="请到县医保局办理。")
    assert message.on_time is on_time
    # 02-13, Sat 02-14, 02-24, 02-25, 02-26 (5), and 02-27 (6): the working days it took.
    assert message.answer_workdays == (5 if on_time else 6)


def test_classifying_as_simple_counts_again_from_the_day_of_receipt(tree, people, receive):
    message = receive(tree["finance"], "2026-02-12 16:00")
    message = message_classify(actor=people["finance"], message=message, kind="simple")
    assert message.due_on == date(2026, 2, 13)


THREE_MONTHS = [
    ("2026-01-31 09:00", date(2026, 4, 30)),
    ("2026-03-15 09:00", date(2026, 6, 15)),
    ("2025-11-30 09:00", date(2026, 2, 28)),
    ("2026-07-01 09:00", date(2026, 10, 1)),  # a holiday: calendar months are not moved
]


@pytest.mark.parametrize(("when", "day"), THREE_MONTHS)
def test_the_three_month_day_is_calendar_months_after_receipt(tree, receive, when, day):
    assert receive(tree["finance"], when).three_months_on == day
    assert day - local(when).date() >= timedelta(days=89)
