"""The register's assessment indicators against hand-built registers (table-driven)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from gongkai.assessment.registry import Measure, get_indicator
from gongkai.documents.models import Interpretation
from gongkai.documents.services import document_create, document_publish, interpretation_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 1, 20), tick=False):
        yield


def _document(unit, title, written_on, published_on=None, disclosure="proactive", **fields):
    document = document_create(
        actor=None, unit=unit, title=title, written_on=written_on, disclosure=disclosure, **fields
    )
    if published_on is not None:
        document = document_publish(actor=None, document=document, published_on=published_on)
    return document


def _figures(key, unit_tree, *codes):
    indicator = get_indicator(key)
    ids = {unit_tree[c].pk: c for c in codes}
    return {ids[k]: v for k, v in indicator.compute(year=2025, unit_ids=list(ids)).items()}


# (title, written_on, published_on, counted, on time). 3 March + 20 working days = 31 March.
TIMELY = [
    ("按时公开", date(2025, 3, 3), date(2025, 3, 31), True, True),
    ("晚一天公开", date(2025, 3, 3), date(2025, 4, 1), True, False),
    ("逾期未公开", date(2025, 6, 2), None, True, False),
    ("期限未到未公开", date(2025, 12, 30), None, False, False),  # due 2026-01-28
    ("上年成文", date(2024, 12, 2), date(2025, 1, 3), False, False),
]


def test_timely_publication(unit_tree):
    office = unit_tree["office"]
    for title, written, published, _counted, _good in TIMELY:
        _document(office, title, written, published)
    _document(office, "依申请公开", date(2025, 3, 3), disclosure="on_request")
    figures = _figures("documents.timely_publication", unit_tree, "office", "finance")
    counted = [row for row in TIMELY if row[3]]
    assert figures == {
        "office": Measure(numerator=sum(row[4] for row in counted), denominator=len(counted))
    }  # 财政局 has no document: 不适用
    rows = list(
        get_indicator("documents.timely_publication").evidence(year=2025, unit_id=office.pk)
    )
    assert [(r.label, r.counted) for r in rows] == [(t, g) for t, _w, _p, c, g in TIMELY if c]
    assert rows[2].note == "成文2025-06-02，应于2025-06-30前公开，至今未公开"


def test_interpretation_sync(unit_tree):
    finance = unit_tree["finance"]
    # (published, interpretation published); 1 April + 3 working days = 7 April (清明 4–6 April).
    cases = [
        ("清明前公开", date(2025, 4, 1), date(2025, 4, 7)),
        ("解读迟发", date(2025, 5, 6), date(2025, 5, 20)),
    ]
    for title, published, interpreted in cases:
        document = document_create(
            actor=None,
            unit=finance,
            title=title,
            written_on=date(2025, 3, 3),
            disclosure="proactive",
            is_policy_document=True,
        )
        interpretation = interpretation_create(
            actor=None, document=document, title=f"{title}解读", form="text", body="<p>解读</p>"
        )
        document_publish(actor=None, document=document, published_on=published)
        Interpretation.objects.filter(pk=interpretation.pk).update(published_on=interpreted)
    _document(finance, "一般文件", date(2025, 3, 3), date(2025, 3, 10))  # not a policy document
    figures = _figures("documents.interpretation_sync", unit_tree, "office", "finance")
    assert figures == {"finance": Measure(numerator=1, denominator=2)}
    rows = list(
        get_indicator("documents.interpretation_sync").evidence(year=2025, unit_id=finance.pk)
    )
    assert [r.counted for r in rows] == [True, False]
