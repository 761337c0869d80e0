"""A unit's own assessment, for the isolation walk
(``gongkai/core/tests/test_security_isolation.py``): a scheme the unit runs over a unit below
it, with an entered score, a problem and a decided objection."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from gongkai.assessment.domain.scoring import Rule, RuleKind
from gongkai.assessment.services import (
    heading_add,
    item_add,
    objection_decide,
    objection_file,
    problem_create,
    scheme_create,
    score_enter,
)
from gongkai.core.services import unit_create


def make_records(*, unit, marker: str, actor) -> None:
    today = timezone.localdate()
    # Unit names are not secret (every unit picker lists them): the marker stays out of them.
    below = unit_create(
        actor=None, parent=unit, code=f"{unit.code}-KH", name="考核对象站所", kind="other"
    )
    scheme = scheme_create(
        actor=None, unit=unit, year=today.year - 1, title=f"{marker}年度考核", basis=marker
    )
    heading = heading_add(actor=None, scheme=scheme, title=f"{marker}项目")
    item = item_add(
        actor=None,
        heading=heading,
        label=f"{marker}培训",
        guidance=f"{marker}评分说明",
        rule=Rule(RuleKind.ENTERED, Decimal(10)),
        groups=["other"],
    )
    score_enter(actor=None, item=item, unit=below, points=Decimal(6), note=f"{marker}评分理由")
    problem_create(
        actor=None,
        scheme=scheme,
        unit=below,
        title=f"{marker}问题",
        detail=marker,
        found_on=today - timedelta(days=5),
        deadline=max(today, date(today.year, 1, 31)),
    )
    objection = objection_file(actor=None, item=item, unit=below, reason=f"{marker}异议理由")
    objection_decide(actor=None, objection=objection, upheld=False, decision=f"{marker}处理意见")
