"""What a report covers and when it is due: the year or its first half, and 条例第四十九条.

The annual report covers 1 January to 31 December; the half-year report (半年报), which many
provinces ask of their units, covers 1 January to 30 June and is computed the same way.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from gongkai.reports.domain.compute import report_period

HALF_YEAR_END = (6, 30)


class Period(StrEnum):
    ANNUAL = "annual"  # 年度报告
    HALF_YEAR = "half_year"  # 半年报

    @property
    def label(self) -> str:
        return "年度报告" if self is Period.ANNUAL else "半年报"

    def end(self, year: int) -> date:
        """The last day reported on (the `period_end` of `compute`)."""
        return date(year, 12, 31) if self is Period.ANNUAL else date(year, *HALF_YEAR_END)

    def dates(self, year: int) -> tuple[date, date]:
        return report_period(year, self.end(year))

    def name(self, year: int) -> str:
        """How the period is written in a sentence: 2025年 / 2025年上半年."""
        return f"{year}年" if self is Period.ANNUAL else f"{year}年上半年"

    def title(self, unit_name: str, year: int) -> str:
        if self is Period.ANNUAL:
            return f"{unit_name}{year}年政府信息公开工作年度报告"
        return f"{unit_name}{year}年上半年政府信息公开工作情况报告"

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(p.value, p.label) for p in cls]


# 条例第四十九条: departments (and, by the same token, township governments, which also report to
# the county's supervising office) publish by 31 January, the 本级政府 report by 31 March.
# Village committees are not administrative organs and write no report.
DEPARTMENT_RULE = "annual-report-department"
GOVERNMENT_RULE = "annual-report-government"
NO_REPORT_KINDS = frozenset({"village"})


def deadline_rule(unit_kind: str) -> str | None:
    """The calendar's rule for the annual report of a unit of this kind, or None for none."""
    if unit_kind in NO_REPORT_KINDS:
        return None
    return GOVERNMENT_RULE if unit_kind == "government" else DEPARTMENT_RULE


def default_covers_subtree(unit_kind: str) -> bool:
    """A government's report is the 本级政府 report: it sums the units below it."""
    return unit_kind == "government"
