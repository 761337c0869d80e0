"""A work plan of the test county's office with three tasks, built by the services."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.documents.services import document_create
from gongkai.importer.domain.model import Task as ParsedTask
from gongkai.tasks_ledger.services import work_plan_create

TASKS = [
    ParsedTask(
        number="1",
        path=["一", "1"],
        title="公开财政预决算",
        text="公开财政预决算。按时公开本级预决算。",
        lead_units=["测试县财政局"],
        responsible_units=["甲镇人民政府", "各乡镇"],
        deadline=date(2025, 6, 30),
        deadline_text="2025年6月底前",
    ),
    ParsedTask(
        number="2",
        path=["一", "2"],
        title="规范政府网站",
        text="规范政府网站。",
        lead_units=[],
        responsible_units=["县政务公开办", "乙乡人民政府"],
        deadline=date(2025, 12, 31),
        deadline_text="年底前",
    ),
    ParsedTask(
        number=None,
        path=["二"],
        title="加强培训",
        text="加强培训。",
        responsible_units=["各乡镇"],
        deadline_text="持续推进",
    ),
]


@pytest.fixture
def make_plan(unit_tree):
    def make(unit=None, *, tasks=TASKS, title="测试县2025年政务公开工作要点", **fields):
        unit = unit or unit_tree["office"]
        document = document_create(
            actor=None,
            unit=unit,
            title=f"{unit.name}关于印发{title}的通知",
            written_on=date(2025, 3, 3),
            disclosure="proactive",
            **fields,
        )
        return work_plan_create(actor=None, document=document, tasks=tasks, year=2025)

    return make


@pytest.fixture
def plan(make_plan):
    return make_plan()
