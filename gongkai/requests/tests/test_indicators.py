"""Requests' assessment indicators against hand-built registers (table-driven)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.assessment.registry import Measure, get_indicator
from gongkai.requests.models import Appeal, DisclosureRequest

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 1, 20), tick=False):
        yield


def _request(unit, n, received, due, replied=None, state="replied"):
    return DisclosureRequest.objects.create(
        unit=unit,
        tracking_no=f"T{unit.code}-{n}",
        submitted_at=datetime(received.year, received.month, received.day, 9, tzinfo=SHANGHAI),
        received_on=received,
        due_on=due,
        replied_on=replied,
        state=state,
    )


# (received, due, replied, state, counted, on time)
REPLIES = [
    (date(2025, 3, 3), date(2025, 3, 31), date(2025, 3, 31), "replied", True, True),
    (date(2025, 3, 3), date(2025, 3, 31), date(2025, 4, 2), "replied", True, False),
    (date(2025, 6, 2), date(2025, 6, 30), None, "in_handling", True, False),  # overdue, open
    (date(2025, 12, 29), date(2026, 1, 27), None, "in_handling", False, False),  # not yet due
    (date(2025, 5, 5), date(2025, 6, 3), None, "withdrawn", False, False),
    (date(2024, 12, 2), date(2024, 12, 30), date(2024, 12, 20), "replied", False, False),
]


def test_on_time_reply(unit_tree):
    office = unit_tree["office"]
    for n, (received, due, replied, state, _c, _g) in enumerate(REPLIES):
        _request(office, n, received, due, replied, state)
    counted = [row for row in REPLIES if row[4]]
    indicator = get_indicator("requests.on_time_reply")
    ids = [office.pk, unit_tree["finance"].pk]
    assert indicator.compute(year=2025, unit_ids=ids) == {
        office.pk: Measure(numerator=sum(r[5] for r in counted), denominator=len(counted))
    }
    rows = list(indicator.evidence(year=2025, unit_id=office.pk))
    assert [r.counted for r in rows] == [r[5] for r in counted]
    assert rows[2].note == "收到2025-06-02，期限2025-06-30，至今未答复"


# (result, decided_on): 2 decided in 2025, one corrected; one pending; one decided in 2024.
APPEALS = [
    ("corrected", date(2025, 7, 1)),
    ("upheld", date(2025, 8, 1)),
    ("pending", None),
    ("corrected", date(2024, 11, 1)),
]


def test_appeals_corrected(unit_tree):
    office = unit_tree["office"]
    for n, (result, decided) in enumerate(APPEALS):
        request = _request(office, n, date(2024, 9, 2), date(2024, 9, 30), date(2024, 9, 20))
        Appeal.objects.create(
            request=request,
            kind="review",
            filed_on=date(2024, 10, 8),
            result=result,
            decided_on=decided,
        )
    indicator = get_indicator("requests.appeals_corrected")
    finance = unit_tree["finance"]
    assert indicator.compute(year=2025, unit_ids=[office.pk, finance.pk]) == {
        office.pk: Measure(numerator=1, denominator=2),
        finance.pk: Measure(numerator=0, denominator=0),  # no case: nothing corrected (data)
    }
    rows = list(indicator.evidence(year=2025, unit_id=office.pk))
    assert [r.counted for r in rows] == [True, False]
