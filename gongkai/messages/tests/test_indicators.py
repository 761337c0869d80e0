"""Messages' assessment indicators against hand-built registers (table-driven)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.assessment.registry import Measure, get_indicator
from gongkai.messages.models import Message

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 1, 20), tick=False):
        yield


# (received, due, three months, answered, state)
MESSAGES = [
    (date(2025, 3, 3), date(2025, 3, 10), date(2025, 6, 3), date(2025, 3, 7), "answered"),
    (date(2025, 3, 3), date(2025, 3, 10), date(2025, 6, 3), date(2025, 3, 20), "answered"),
    (date(2025, 4, 1), date(2025, 4, 9), date(2025, 7, 1), date(2025, 7, 15), "answered"),
    (date(2025, 8, 1), date(2025, 8, 8), date(2025, 11, 1), None, "handling"),
    (date(2025, 12, 30), date(2026, 1, 28), date(2026, 3, 30), None, "handling"),
    (date(2025, 5, 6), date(2025, 5, 13), date(2025, 8, 6), None, "invalid"),
]
# counted for the reply rate: the first four (answered, or due passed); on time: the first.
# unanswered three months: the third (answered late) and the fourth.


def _make(unit):
    for n, (received, due, three, answered, state) in enumerate(MESSAGES):
        Message.objects.create(
            unit=unit,
            number=f"M{n}",
            channel="web",
            kind="consultation",
            title=f"留言{n}",
            received_at=datetime(received.year, received.month, received.day, 9, tzinfo=SHANGHAI),
            received_on=received,
            due_on=due,
            three_months_on=three,
            answered_on=answered,
            state=state,
        )


def test_on_time_reply_and_three_months(unit_tree):
    town = unit_tree["town_a"]
    _make(town)
    other = unit_tree["town_b"]
    ids = [town.pk, other.pk]
    reply = get_indicator("messages.on_time_reply")
    assert reply.compute(year=2025, unit_ids=ids) == {town.pk: Measure(numerator=1, denominator=4)}
    three = get_indicator("messages.three_months_unanswered")
    assert three.compute(year=2025, unit_ids=ids) == {
        town.pk: Measure(numerator=2),
        other.pk: Measure(numerator=0),
    }
    rows = list(three.evidence(year=2025, unit_id=town.pk))
    assert [r.label for r in rows] == ["M2", "M3"]
    assert rows[0].note == "收到2025-04-01，2025-07-01满3个月，2025-07-15才答复"
