"""Participation's assessment indicator against hand-built consultations (table-driven)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.assessment.registry import Measure, get_indicator
from gongkai.participation.models import Consultation, Feedback

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")

# (opened, ends_on, feedback published on): counted when opened and closing in 2025.
CONSULTATIONS = [
    (True, date(2025, 4, 30), date(2025, 5, 20)),
    (True, date(2025, 6, 30), None),
    (True, date(2025, 9, 30), date(2025, 12, 1)),
    (False, date(2025, 10, 30), None),  # a draft never opened
    (True, date(2024, 12, 30), date(2025, 1, 10)),  # closed the year before
]


def test_feedback_rate(unit_tree):
    finance = unit_tree["finance"]
    for n, (opened, ends_on, fed_back) in enumerate(CONSULTATIONS):
        consultation = Consultation.objects.create(
            unit=finance,
            title=f"征求意见{n}",
            starts_on=date(ends_on.year, ends_on.month, 1),
            ends_on=ends_on,
            opened_at=datetime(ends_on.year, ends_on.month, 1, 9, tzinfo=SHANGHAI)
            if opened
            else None,
        )
        if fed_back:
            Feedback.objects.create(
                consultation=consultation,
                summary="采纳情况",
                published_at=datetime(
                    fed_back.year, fed_back.month, fed_back.day, 9, tzinfo=SHANGHAI
                ),
            )
    indicator = get_indicator("participation.feedback_rate")
    ids = [finance.pk, unit_tree["office"].pk]
    assert indicator.compute(year=2025, unit_ids=ids) == {
        finance.pk: Measure(numerator=2, denominator=3)
    }
    rows = list(indicator.evidence(year=2025, unit_id=finance.pk))
    assert [r.counted for r in rows] == [True, False, True]
    assert rows[1].note == "2025-06-30截止，尚未公布意见采纳情况"
