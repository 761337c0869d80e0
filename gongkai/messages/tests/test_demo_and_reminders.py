"""The demo's messages (every kind and state, late answers, one unanswered three months, 12345
orders), loaded twice without change; the daily reminders, written once per message, kind and
day; and the calendar's recomputation of open messages' due days when a year is loaded."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.calendar.services import calendar_year_load
from gongkai.core import demo as core_demo
from gongkai.core.demo import DemoContext
from gongkai.messages import demo
from gongkai.messages.domain.kinds import Channel, MessageKind
from gongkai.messages.domain.states import State
from gongkai.messages.models import Message, MessageReminder, ReminderKind
from gongkai.messages.reminders import reminders_for, reminders_send
from gongkai.messages.selectors import open_over_three_months

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_kind_and_state_and_loads_once(db):
    core_demo.load(DemoContext())
    demo.load(DemoContext())
    count = Message.objects.count()
    assert count >= 55
    assert set(Message.objects.values_list("state", flat=True)) == set(State)
    assert set(Message.objects.values_list("kind", flat=True)) == set(MessageKind)
    assert Message.objects.filter(channel=Channel.HOTLINE).count() == 12
    assert Message.objects.filter(fed_back_at__isnull=False).exists()
    assert any(m.on_time is False for m in Message.objects.filter(answered_at__isnull=False))
    assert len(open_over_three_months()) == 1
    assert Message.objects.filter(published_at__isnull=False).count() >= 10
    demo.load(DemoContext())
    assert Message.objects.count() == count


def test_reminders_the_day_before_when_overdue_and_at_three_months(tree, people, receive):
    due_next = receive(tree["finance"], "2026-03-02 09:00", kind="correction")  # due Thu 03-05
    old = receive(tree["town_b"], "2026-01-05 09:00")  # due 01-12; three months on 04-05
    assert reminders_send(today=date(2026, 3, 4)) == 2
    assert set(MessageReminder.objects.values_list("message__number", "kind")) == {
        (due_next.number, ReminderKind.DUE_SOON),
        (old.number, ReminderKind.OVERDUE),
    }
    assert reminders_send(today=date(2026, 3, 4)) == 0
    reminders_send(today=date(2026, 4, 7))
    assert MessageReminder.objects.filter(kind=ReminderKind.THREE_MONTHS, message=old).exists()
    assert {r.message_id for r in reminders_for(people["finance"])} == {due_next.pk}
    overseen = {(r.message_id, r.kind) for r in reminders_for(people["supervisor"])}
    assert (old.pk, ReminderKind.THREE_MONTHS) in overseen
    assert not reminders_for(people["town_a"]).exists()


def test_loading_a_year_moves_open_due_days(tree, receive, make_user):
    message = receive(tree["finance"], "2026-12-30 09:00")
    # 2027 is not announced: provisional, weekends and 1 January off: 12-31 #1, 01-04 … 01-07
    assert message.due_on == date(2027, 1, 7) and message.due_provisional
    from gongkai.calendar.domain.year_calendar import YearCalendar

    year = YearCalendar(
        2027,
        holidays=frozenset({date(2027, 1, 1), date(2027, 1, 4), date(2027, 1, 5)}),
        makeup_workdays=frozenset({date(2027, 1, 9)}),
    )
    calendar_year_load(actor=None, data=year, source="测试")
    message.refresh_from_db()
    # 12-31 #1, 01-06 #2, 01-07 #3, 01-08 #4, Sat 01-09 #5
    assert message.due_on == date(2027, 1, 9) and not message.due_provisional
