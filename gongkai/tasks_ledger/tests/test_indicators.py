"""The ledger's assessment indicator against a hand-built work plan (table-driven)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.assessment.registry import Measure, get_indicator
from gongkai.documents.services import document_create
from gongkai.tasks_ledger.models import Task, WorkPlan

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")

# (deadline, closed at): counted when closed, or open past its deadline; within 2025 only.
TASKS = [
    (date(2025, 6, 30), datetime(2025, 6, 30, 22, tzinfo=SHANGHAI), True),
    (date(2025, 6, 30), datetime(2025, 7, 2, 9, tzinfo=SHANGHAI), False),
    (date(2025, 9, 30), None, False),
    (date(2024, 12, 31), datetime(2024, 12, 1, 9, tzinfo=SHANGHAI), None),  # another year
]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 1, 20), tick=False):
        yield


def test_tasks_on_time(unit_tree):
    document = document_create(
        actor=None,
        unit=unit_tree["county"],
        title="关于印发2025年政务公开工作要点的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
    )
    plan = WorkPlan.objects.create(
        unit=unit_tree["county"], document=document, title="2025年政务公开工作要点", year=2025
    )
    office, finance = unit_tree["office"], unit_tree["finance"]
    for n, (deadline, closed_at, _good) in enumerate(TASKS):
        task = Task.objects.create(
            plan=plan,
            position=n,
            title=f"任务{n}",
            text="内容",
            deadline=deadline,
            closed_at=closed_at,
        )
        task.lead_units.add(office)
        task.responsible_units.add(finance)  # only the lead unit answers for it
    indicator = get_indicator("ledger.tasks_on_time")
    assert indicator.compute(year=2025, unit_ids=[office.pk, finance.pk]) == {
        office.pk: Measure(numerator=1, denominator=3)
    }
    rows = list(indicator.evidence(year=2025, unit_id=office.pk))
    assert [r.counted for r in rows] == [True, False, False]
