"""The catalog's indicator for the annual assessment (docs/subsystems/assessment.md):
目录缺漏数 at the year's end, by the catalog's own gap check (查缺补漏).

Whether an item is overdue depends on its time rule (每月、每季度、形成后20个工作日 …), which
``domain.gaps`` decides; so the gap check runs on the items of the assessed units (two
queries) and only its result is counted here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext_lazy as _

from gongkai.assessment.measures import admin_url, year_bounds
from gongkai.assessment.registry import EvidenceRow, Indicator, Kind, Measure, register_indicator
from gongkai.core.models import Unit

from .selectors import gaps


def _compute(*, year: int, unit_ids: Sequence[int]) -> dict[int, Measure]:
    _first, year_end = year_bounds(year)
    counts = Counter(row.unit.pk for row in gaps(Unit.objects.filter(pk__in=unit_ids), year_end))
    # No gap is data too: every assessed unit has a figure.
    return {uid: Measure(numerator=counts.get(uid, 0)) for uid in unit_ids}


def _evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    _first, year_end = year_bounds(year)
    for row in gaps(Unit.objects.filter(pk=unit_id), year_end):
        yield EvidenceRow(
            label=row.item.full_name,
            date=row.gap.last_published,
            counted=True,
            note=row.gap.message,
            url=admin_url(row.item),
        )


def register() -> None:
    register_indicator(
        Indicator(
            key="catalog.gaps",
            label=_("目录缺漏数"),
            kind=Kind.COUNT,
            module="catalog",
            formula=_("年末按标准目录更新时限检查，应公开而未按时公开的目录事项数"),
            compute=_compute,
            evidence=_evidence,
            advice=_("对照标准目录的更新时限，逐项补充公开缺漏内容，并按时更新。"),
            higher_is_better=False,
        )
    )
