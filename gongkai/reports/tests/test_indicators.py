"""The annual reports' assessment indicator against hand-built reports (table-driven)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.assessment.registry import Measure, get_indicator
from gongkai.reports.models import AnnualReport

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")

# (unit, report year, state, published at): assessed year 2025 reads the 2024 reports, due
# 31 January 2025 for departments and townships, 31 March 2025 for the county government.
REPORTS = [
    ("office", 2024, "published", datetime(2025, 1, 31, 23, 30, tzinfo=SHANGHAI)),  # on time
    ("finance", 2024, "published", datetime(2025, 2, 3, 9, tzinfo=SHANGHAI)),  # late
    ("town_a", 2024, "draft", None),  # never published
    ("town_b", 2025, "published", datetime(2026, 1, 10, 9, tzinfo=SHANGHAI)),  # another year
    ("county", 2024, "published", datetime(2025, 3, 28, 9, tzinfo=SHANGHAI)),  # government rule
]
EXPECTED = {"office": 1, "finance": 0, "town_a": 0, "town_b": 0, "county": 1}


def test_annual_report_on_time(unit_tree):
    for code, year, state, published_at in REPORTS:
        AnnualReport.objects.create(
            unit=unit_tree[code],
            year=year,
            state=state,
            published_at=published_at,
            snapshot={} if published_at else None,
        )
    indicator = get_indicator("reports.annual_report_on_time")
    ids = {unit_tree[code].pk: code for code in [*EXPECTED, "village_a"]}
    figures = indicator.compute(year=2025, unit_ids=list(ids))
    # Villages write no report: no figure (不适用).
    assert {ids[pk]: m.numerator for pk, m in figures.items()} == EXPECTED
    assert figures[unit_tree["town_a"].pk] == Measure(numerator=0, evidence=0)
    rows = list(indicator.evidence(year=2025, unit_id=unit_tree["finance"].pk))
    assert [(r.counted, r.note) for r in rows] == [(False, "期限2025-01-31，2025-02-03公布")]
