"""Tables 三 and 四 computed from plain facts about requests and appeals.

This is the reference: each row is counted by its own definition, one request at a time, so that
it can be read against the format and used in tests to cross-check the SQL aggregation.
The period is a calendar year, or its first part for the half-year report (period_end 30 June).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.reports.domain.tables import (
    CARRIED_IN,
    CARRIED_OUT,
    NEW,
    PENDING,
    AppealKind,
    AppealResult,
    Table3,
    Table4,
    empty_table3,
    empty_table4,
    table3_with_totals,
    table4_with_totals,
)
from gongkai.requests.domain.outcomes import ApplicantType, Outcome


@dataclass(frozen=True)
class RequestFact:
    applicant_type: ApplicantType
    received_on: date
    closed_on: date | None
    outcome: Outcome | None

    def __post_init__(self) -> None:
        if (self.closed_on is None) != (self.outcome is None):
            raise ValueError("a request has an outcome exactly when it is closed")
        if self.closed_on is not None and self.closed_on < self.received_on:
            raise ValueError("a request cannot be closed before it is received")


@dataclass(frozen=True)
class AppealFact:
    kind: AppealKind
    result: AppealResult | None
    decided_on: date | None
    filed_on: date

    def __post_init__(self) -> None:
        if (self.decided_on is None) != (self.result is None):
            raise ValueError("an appeal has a result exactly when it is decided")
        if self.decided_on is not None and self.decided_on < self.filed_on:
            raise ValueError("an appeal cannot be decided before it is filed")


def report_period(year: int, period_end: date | None = None) -> tuple[date, date]:
    """First and last day (inclusive) of the period reported on."""
    start, end = date(year, 1, 1), period_end or date(year, 12, 31)
    if end.year != year:
        raise ValueError(f"period_end {end} is not in {year}")
    return start, end


def compute_table3(
    requests: Iterable[RequestFact], year: int, *, period_end: date | None = None
) -> Table3:
    start, end = report_period(year, period_end)
    table = empty_table3()
    for r in requests:
        column = r.applicant_type
        closed_before_start = r.closed_on is not None and r.closed_on < start
        closed_by_end = r.closed_on is not None and r.closed_on <= end
        if start <= r.received_on <= end:
            table[NEW][column] += 1
        if r.received_on < start and not closed_before_start:
            table[CARRIED_IN][column] += 1
        if r.outcome is not None and r.closed_on is not None and start <= r.closed_on <= end:
            table[r.outcome][column] += 1
        if r.received_on <= end and not closed_by_end:
            table[CARRIED_OUT][column] += 1
    return table3_with_totals(table)


def compute_table4(
    appeals: Iterable[AppealFact], year: int, *, period_end: date | None = None
) -> Table4:
    """Appeals open at some time in the period: filed by its end and not decided before it began.

    Table 四 has no carried-over row, so an appeal filed in one year and decided in the next is
    counted as 尚未审结 in the first year and by its result in the second; otherwise the result
    of every appeal that outlives a year end would never be reported.
    """
    start, end = report_period(year, period_end)
    table = empty_table4()
    for a in appeals:
        if a.filed_on > end or (a.decided_on is not None and a.decided_on < start):
            continue
        decided_by_end = a.result is not None and a.decided_on is not None and a.decided_on <= end
        table[a.kind][a.result if decided_by_end else PENDING] += 1
    return table4_with_totals(table)
