"""Reads of the annual report: its tables computed in the database, checks, drill-down, the
supervising office's overview and what the portal shows.

Tables 三 and 四 are aggregated by the database with conditional counts grouped by applicant type
and outcome (one query each), never by looping over requests in Python; `domain.compute` holds
the one-request-at-a-time reference they are tested against. Each row's definition is one `Q`
(`table3_row_q`), used both to count and to list the records behind a cell, so a cell and its
drill-down cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongkai.calendar.selectors import deadline_for
from gongkai.core.models import Unit
from gongkai.core.permissions import scope as unit_scope
from gongkai.core.permissions import units_for
from gongkai.documents import selectors as register
from gongkai.documents.selectors import public_documents, public_interpretations
from gongkai.requests.domain.outcomes import OutcomeCategory
from gongkai.requests.models import (
    Appeal,
    DisclosureRequest,
    FeeNotice,
    FeeNoticeStatus,
)

from .domain import tables as t
from .domain.checks import (
    DOCUMENT_ROWS,
    CheckResult,
    FeesCollected,
    ReportTexts,
    check_report,
    check_texts,
)
from .domain.narrative import ReportFacts
from .domain.periods import Period, deadline_rule
from .models import AnnualReport, ReportReminder, ReportState

# Table 二's document rows and columns, and the register's names for them.
TABLE2_DOCUMENT_ROWS = {"rule": t.RULES, "normative": t.NORMATIVE_DOCUMENTS}
TABLE2_DOCUMENT_COLUMNS = {
    t.ISSUED_THIS_YEAR: register.ISSUED,
    t.REPEALED_THIS_YEAR: register.REPEALED,
    t.IN_FORCE: register.IN_FORCE,
}


@dataclass(frozen=True)
class Scope:
    """What one report covers: a unit (or its whole subtree) and a period."""

    unit: Unit
    year: int
    period: Period = Period.ANNUAL
    covers_subtree: bool = False

    @classmethod
    def of(cls, report: AnnualReport) -> Scope:
        return cls(report.unit, report.year, report.period_kind, report.covers_subtree)

    @property
    def start(self) -> date:
        return self.period.dates(self.year)[0]

    @property
    def end(self) -> date:
        return self.period.dates(self.year)[1]

    def unit_ids(self) -> list[int]:
        if not self.covers_subtree:
            return [self.unit.pk]
        # The ids themselves, not a join: the request indexes start with unit_id.
        return list(
            Unit.objects.filter(path__startswith=self.unit.path).values_list("pk", flat=True)
        )

    def subject(self) -> str:
        return f"{self.unit.name}及所属单位" if self.covers_subtree else "本机关"


@dataclass(frozen=True)
class Tables:
    table2: t.Table2
    table3: t.Table3
    table4: t.Table4
    checks: list[CheckResult]


@dataclass(frozen=True)
class ReportData(Tables):
    facts: ReportFacts


# --- Table 三 --------------------------------------------------------------------------------


def table3_row_q(row: str, start: date, end: date) -> Q:
    """The requests one row of table 三 counts (the issue's definitions), for a period."""
    closed_in_period = Q(closed_on__gte=start, closed_on__lte=end)
    if row == t.NEW:
        return Q(received_on__gte=start, received_on__lte=end)
    if row == t.CARRIED_IN:
        return Q(received_on__lt=start) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))
    if row == t.CARRIED_OUT:
        return Q(received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
    if row == t.TOTAL:
        return closed_in_period
    if row in t.OUTCOME_ROWS:
        return closed_in_period & Q(outcome=row)
    raise KeyError(row)


def table3_column_q(column: str) -> Q:
    if column == t.TOTAL:
        return Q()
    if column in t.APPLICANT_COLUMNS:
        return Q(applicant_type=column)
    raise KeyError(column)


def _requests(unit_ids: list[int]) -> QuerySet[DisclosureRequest]:
    # SUBMITTED requests have no receipt date yet: they are not received (条例第三十一条).
    return DisclosureRequest.objects.filter(unit_id__in=unit_ids, received_on__isnull=False)


def compute_table3(scope: Scope, unit_ids: list[int] | None = None) -> t.Table3:
    """Two aggregates: requests closed on or after the period's start, and open ones.

    A request closed before the period began counts in no row, and most of a unit's history is
    that; asking for the other two kinds lets the database walk the (unit, closed_on) index over
    the rows that matter instead of every request ever received.
    """
    start, end = scope.start, scope.end
    counts = {
        "new": Count("pk", filter=table3_row_q(t.NEW, start, end)),
        "carried_in": Count("pk", filter=table3_row_q(t.CARRIED_IN, start, end)),
        "carried_out": Count("pk", filter=table3_row_q(t.CARRIED_OUT, start, end)),
        "closed": Count("pk", filter=table3_row_q(t.TOTAL, start, end)),
    }
    # received_on <= end also leaves out requests not yet received (no receipt date); saying
    # so again (received_on IS NOT NULL) would steer SQLite to the (unit, received_on) index.
    received = DisclosureRequest.objects.filter(
        unit_id__in=unit_ids if unit_ids is not None else scope.unit_ids(), received_on__lte=end
    )
    closed = received.filter(closed_on__gte=start).values("applicant_type", "outcome")
    still_open = received.filter(closed_on__isnull=True).values("applicant_type")
    table = t.empty_table3()
    for query in (closed, still_open):
        for row in query.annotate(**counts).order_by():
            column = row["applicant_type"]
            table[t.NEW][column] += row["new"]
            table[t.CARRIED_IN][column] += row["carried_in"]
            table[t.CARRIED_OUT][column] += row["carried_out"]
            if row["closed"]:
                table[row["outcome"]][column] += row["closed"]
    return t.table3_with_totals(table)


def cell_requests(scope: Scope, row: str, column: str) -> QuerySet[DisclosureRequest]:
    """The requests behind one cell of table 三 (`KeyError` for a row or column it lacks)."""
    q = table3_row_q(row, scope.start, scope.end) & table3_column_q(column)
    return (
        _requests(scope.unit_ids()).filter(q).select_related("unit").order_by("received_on", "pk")
    )


# --- Table 四 --------------------------------------------------------------------------------


def _appeals(unit_ids: list[int], start: date, end: date) -> QuerySet[Appeal]:
    """Appeals open at some time in the period (see `domain.compute.compute_table4`).

    An appeal recorded without its filing date (past cases imported from a spreadsheet give only
    the decision) is taken as filed when the request was closed: it cannot predate the reply.
    """
    return (
        Appeal.objects.filter(request__unit_id__in=unit_ids)
        .annotate(filed=Coalesce("filed_on", "request__closed_on", "request__received_on"))
        .filter(filed__lte=end)
        .filter(Q(decided_on__isnull=True) | Q(decided_on__gte=start))
    )


def table4_column_q(column: str, end: date) -> Q:
    decided = Q(decided_on__lte=end)
    if column in (r.value for r in t.AppealResult):
        return Q(result=column) & decided
    if column == t.PENDING:
        return Q(decided_on__isnull=True) | Q(decided_on__gt=end)
    if column == t.TOTAL:
        return Q()
    raise KeyError(column)


def compute_table4(scope: Scope, unit_ids: list[int] | None = None) -> t.Table4:
    start, end = scope.start, scope.end
    ids = unit_ids if unit_ids is not None else scope.unit_ids()
    counts = {
        column: Count("pk", filter=table4_column_q(column, end))
        for column in t.TABLE4_RESULT_COLUMNS
    }
    table = t.empty_table4()
    for row in _appeals(ids, start, end).values("kind").annotate(**counts).order_by():
        for column in t.TABLE4_RESULT_COLUMNS:
            table[row["kind"]][column] += row[column]
    return t.table4_with_totals(table)


def cell_appeals(scope: Scope, group: str, column: str) -> QuerySet[Appeal]:
    if group not in t.TABLE4_GROUPS:
        raise KeyError(group)
    return (
        _appeals(scope.unit_ids(), scope.start, scope.end)
        .filter(kind=group)
        .filter(table4_column_q(column, scope.end))
        .select_related("request__unit")
        .order_by("filed", "pk")
    )


# --- Table 二 --------------------------------------------------------------------------------


def cell_documents(scope: Scope, row: str, column: str) -> QuerySet:
    """The documents behind one cell of table 二, by the register's own rule."""
    kinds = {row_key: kind for kind, row_key in TABLE2_DOCUMENT_ROWS.items()}
    return register.regulatory_documents(
        scope.unit_ids(), kinds[row], TABLE2_DOCUMENT_COLUMNS[column], scope.start, scope.end
    )


def entered_figures(scope: Scope, unit_ids: list[int]) -> dict[str, Any]:
    """The figures units entered for the period: the unit's own, or the sum over its subtree."""
    totals = AnnualReport.objects.filter(
        unit_id__in=unit_ids, year=scope.year, period=scope.period
    ).aggregate(
        licensing=Sum("licensing_decisions"),
        penalty=Sum("penalty_decisions"),
        coercion=Sum("coercion_decisions"),
        fees=Sum("fees_wan_yuan"),
    )
    return {key: value or 0 for key, value in totals.items()}


def compute_table2(scope: Scope, unit_ids: list[int] | None = None) -> t.Table2:
    start, end = scope.start, scope.end
    ids = unit_ids if unit_ids is not None else scope.unit_ids()
    table = t.empty_table2()
    # 规章 and 行政规范性文件 are pre-filled from the document register, by its own rule.
    for kind, counts in register.regulatory_counts(ids, start, end).items():
        for column, count in TABLE2_DOCUMENT_COLUMNS.items():
            table[TABLE2_DOCUMENT_ROWS[kind]][column] = counts[count]
    figures = entered_figures(scope, ids)
    table[t.LICENSING][t.DECISIONS] = figures["licensing"]
    table[t.PENALTY][t.DECISIONS] = figures["penalty"]
    table[t.COERCION][t.DECISIONS] = figures["coercion"]
    table[t.FEES_COLLECTED][t.AMOUNT_WAN_YUAN] = Decimal(figures["fees"])
    return table


# --- Facts for the text -----------------------------------------------------------------------


def compute_facts(
    scope: Scope, unit_ids: list[int], table2: t.Table2, table3: t.Table3, table4: t.Table4
) -> ReportFacts:
    start, end = scope.start, scope.end
    in_period = {"published_on__gte": start, "published_on__lte": end}
    # The requests table 三 counts as 办结, so that section 五's sentence states its numbers. A
    # closed request keeps the due date it had when it was replied to.
    closed_late = (
        _requests(unit_ids)
        .filter(table3_row_q(t.TOTAL, start, end))
        .filter(due_on__isnull=False, replied_on__gt=F("due_on"))
        .order_by()
        .count()
    )
    fees = (
        FeeNotice.objects.filter(
            request__unit_id__in=unit_ids,
            status=FeeNoticeStatus.PAID,
            paid_on__gte=start,
            paid_on__lte=end,
        )
        .order_by()
        .aggregate(count=Count("pk"), amount=Sum("amount"))
    )
    granted_rows = (*OutcomeCategory.GRANTED.outcomes, *OutcomeCategory.PARTLY_GRANTED.outcomes)
    return ReportFacts(
        period_name=scope.period.name(scope.year),
        subject=scope.subject(),
        documents_published=public_documents()
        .filter(unit_id__in=unit_ids, **in_period)
        .order_by()
        .count(),
        rules_issued=int(table2[t.RULES][t.ISSUED_THIS_YEAR]),
        normative_issued=int(table2[t.NORMATIVE_DOCUMENTS][t.ISSUED_THIS_YEAR]),
        interpretations_published=public_interpretations()
        .filter(unit_id__in=unit_ids, **in_period)
        .order_by()
        .count(),
        requests_new=table3[t.NEW][t.TOTAL],
        requests_carried_in=table3[t.CARRIED_IN][t.TOTAL],
        requests_closed=table3[t.TOTAL][t.TOTAL],
        requests_granted=sum(table3[o.value][t.TOTAL] for o in granted_rows),
        requests_carried_out=table3[t.CARRIED_OUT][t.TOTAL],
        closed_late=closed_late,
        fees_collected_count=fees["count"],
        fees_collected_yuan=fees["amount"] or Decimal(0),
        appeals=sum(table4[g][t.TOTAL] for g in t.TABLE4_GROUPS),
        appeals_corrected=sum(table4[g][t.AppealResult.CORRECTED] for g in t.TABLE4_GROUPS),
    )


# --- Whole reports ----------------------------------------------------------------------------


def previous_report(scope: Scope) -> AnnualReport | None:
    """Last year's annual report of the same unit covering the same units, if there is one."""
    return (
        AnnualReport.objects.filter(
            unit=scope.unit,
            year=scope.year - 1,
            period=Period.ANNUAL,
            covers_subtree=scope.covers_subtree,
        )
        .select_related("unit")
        .first()
    )


def _previous_tables(scope: Scope) -> tuple[t.Table2, t.Table3] | None:
    """Tables 二 and 三 of last year's report: as published, or live while it is a draft."""
    previous = previous_report(scope)
    if previous is None:
        return None
    if previous.is_published:
        data = data_from_snapshot(previous.snapshot)
        return data.table2, data.table3
    previous_scope = Scope.of(previous)
    return compute_table2(previous_scope), compute_table3(previous_scope)


def _live(scope: Scope, ids: list[int]) -> Tables:
    table2 = compute_table2(scope, ids)
    table3 = compute_table3(scope, ids)
    table4 = compute_table4(scope, ids)
    previous = _previous_tables(scope)
    checks = check_report(
        table3,
        table4,
        previous_carried_out=None if previous is None else previous[1][t.CARRIED_OUT],
        table2=table2,
        previous_in_force=(
            None
            if previous is None
            else {row: previous[0][row][t.IN_FORCE] for row in DOCUMENT_ROWS}
        ),
    )
    return Tables(table2, table3, table4, checks)


def live_tables(scope: Scope) -> Tables:
    """The tables and checks as the records stand now (what the JSON output needs)."""
    return _live(scope, scope.unit_ids())


def texts_of(report: AnnualReport) -> ReportTexts:
    return ReportTexts(report.overview, report.problems, report.other_matters)


def live_data(scope: Scope, texts: ReportTexts | None = None) -> ReportData:
    """The report as the records stand now, with the facts its text starts from; with the
    report's own text (`texts`), its checks include those of the text."""
    ids = scope.unit_ids()
    tables = _live(scope, ids)
    facts = compute_facts(scope, ids, tables.table2, tables.table3, tables.table4)
    checks = tables.checks
    if texts is not None:
        fees = FeesCollected(facts.fees_collected_count, facts.fees_collected_yuan)
        checks = [*checks, *check_texts(texts, fees)]
    return ReportData(tables.table2, tables.table3, tables.table4, checks, facts)


def live_facts(scope: Scope) -> ReportFacts:
    return live_data(scope).facts


def snapshot_of(data: ReportData) -> dict[str, Any]:
    """What is frozen at publication (JSON: the fee amount as text, exactly)."""
    return {
        "table2": {
            row: {column: str(value) for column, value in cells.items()}
            for row, cells in data.table2.items()
        },
        "table3": data.table3,
        "table4": data.table4,
        "checks": [
            {"rule": c.rule, "ok": c.ok, "detail": c.detail, "cells": [list(x) for x in c.cells]}
            for c in data.checks
        ],
        "facts": data.facts.to_json(),
    }


def data_from_snapshot(snapshot: dict[str, Any]) -> ReportData:
    table2: t.Table2 = {
        row: {
            column: Decimal(value) if column == t.AMOUNT_WAN_YUAN else int(value)
            for column, value in cells.items()
        }
        for row, cells in snapshot["table2"].items()
    }
    checks = [
        CheckResult(c["rule"], c["ok"], c["detail"], [tuple(x) for x in c["cells"]])
        for c in snapshot["checks"]
    ]
    facts = ReportFacts.from_json(snapshot["facts"])
    return ReportData(table2, snapshot["table3"], snapshot["table4"], checks, facts)


def report_data(report: AnnualReport) -> ReportData:
    """A published report as frozen; a draft as the records stand now."""
    if report.is_published:
        return data_from_snapshot(report.snapshot)
    return live_data(Scope.of(report), texts_of(report))


def failing_checks(data: Tables) -> list[CheckResult]:
    return [c for c in data.checks if not c.ok]


# --- Lists ------------------------------------------------------------------------------------


def visible_reports(user) -> QuerySet[AnnualReport]:
    return unit_scope(AnnualReport.objects.select_related("unit"), user, "report.view")


def public_reports(unit: Unit | None = None) -> QuerySet[AnnualReport]:
    """The one rule for what the portal shows: published reports, of active units."""
    qs = AnnualReport.objects.filter(state=ReportState.PUBLISHED, unit__is_active=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.select_related("unit").order_by("-year", "period")


def find_public_report(unit: Unit, key: str) -> AnnualReport | None:
    """The published report a portal path names: 2025 (annual) or 2025-h1 (half-year)."""
    found = re.fullmatch(r"(\d{4})(-h1)?", key)
    if found is None:
        return None
    period = Period.HALF_YEAR if found.group(2) else Period.ANNUAL
    return public_reports(unit).filter(year=int(found.group(1)), period=period).first()


def history(report: AnnualReport, years: int = 5) -> list[tuple[int, ReportData]]:
    """The unit's published annual reports of up to ``years`` years ending with this one, oldest
    first, as published (for the charts comparing the year with earlier years)."""
    earlier = public_reports(report.unit).filter(
        period=Period.ANNUAL,
        covers_subtree=report.covers_subtree,
        year__lt=report.year,
        year__gte=report.year - years + 1,
    )
    found = [(r.year, data_from_snapshot(r.snapshot)) for r in earlier]
    found.sort(key=lambda pair: pair[0])
    return [*found, (report.year, report_data(report))]


# --- Deadlines and the supervising office's overview --------------------------------------------


@dataclass(frozen=True)
class OverviewRow:
    unit: Unit
    report: AnnualReport | None
    due_on: date
    rule: str
    status: str
    status_label: str


STATUS_LABELS = {
    "published": "已按期公布",
    "published_late": "已公布（逾期）",
    "draft": "草稿，未公布",
    "missing": "尚未编制",
    "overdue": "逾期未公布",
}


def report_due(unit: Unit, year: int) -> tuple[str, date]:
    """The calendar rule and the date by which the unit must publish its report for ``year``
    (for units that write one: see `reporting_units`)."""
    rule = deadline_rule(unit.kind)
    if rule is None:
        raise ValueError(f"{unit.code} writes no annual report")
    return rule, deadline_for(rule, year).due


def reporting_units(within: QuerySet[Unit]) -> QuerySet[Unit]:
    return within.filter(is_active=True).exclude(kind="village").order_by("path")


def overview(user, year: int, today: date | None = None) -> list[OverviewRow]:
    """Which units under the user's supervision have published their annual report for ``year``."""
    today = today or timezone.localdate()
    units = list(reporting_units(units_for(user, "report.oversee")))
    reports = {
        r.unit_id: r
        for r in AnnualReport.objects.filter(
            unit__in=units, year=year, period=Period.ANNUAL
        ).select_related("unit")
    }
    rows = []
    for unit in units:
        rule, due = report_due(unit, year)
        report = reports.get(unit.pk)
        if report is not None and report.is_published:
            late = timezone.localtime(report.published_at).date() > due
            status = "published_late" if late else "published"
        elif today > due:
            status = "overdue"
        else:
            status = "draft" if report is not None else "missing"
        rows.append(OverviewRow(unit, report, due, rule, status, STATUS_LABELS[status]))
    return rows


def reminders_for(user) -> QuerySet[ReportReminder]:
    """Reminders of unpublished reports of units the user oversees or writes reports for."""
    units = units_for(user, "report.oversee") | units_for(user, "report.edit")
    published = AnnualReport.objects.filter(
        unit=OuterRef("unit"),
        year=OuterRef("year"),
        period=Period.ANNUAL,
        state=ReportState.PUBLISHED,
    )
    return (
        ReportReminder.objects.filter(unit__in=units.values("pk"))
        .exclude(Exists(published))
        .select_related("unit")
        .order_by("-year", "due_on", "unit__path")
    )
