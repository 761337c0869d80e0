"""The catalog's assessment indicator: gaps at the year's end, by the catalog's gap check."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from gongkai.assessment.registry import Measure, get_indicator
from gongkai.catalog import services

pytestmark = pytest.mark.django_db


def test_gaps_at_year_end(unit_tree, adopted):
    # Adopted 3 March 2025 by the county. 政策文件 (20 working days after forming) is filed on
    # time; 预算执行 (quarterly) misses its last due quarter; 部门预算 (yearly) is not yet due.
    with time_machine.travel("2025-04-10 10:00 +08:00"):
        services.catalog_entry_create(
            actor=None,
            item=adopted["政策文件"],
            kind="text",
            title="预算管理办法",
            text="…",
            published_on=date(2025, 3, 28),
            formed_on=date(2025, 3, 3),
        )
    with time_machine.travel("2026-01-20 10:00 +08:00"):
        indicator = get_indicator("catalog.gaps")
        county, finance = unit_tree["county"], unit_tree["finance"]
        figures = indicator.compute(year=2025, unit_ids=[county.pk, finance.pk])
        rows = list(indicator.evidence(year=2025, unit_id=county.pk))
    assert figures == {county.pk: Measure(numerator=len(rows)), finance.pk: Measure(numerator=0)}
    assert [r.label for r in rows] == ["部门预决算/预算执行"]
    assert rows[0].note == "尚未公开任何内容：该事项每季度公开，2025年第三季度应有公开内容。"
