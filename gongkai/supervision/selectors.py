"""Reads of supervision: what a user may see, the monthly statistics, the quarterly bulletin's
figures, and the per-unit results of a year that the annual assessment reads.

Visibility: a site's runs and findings are seen by those who may view the site's unit, and a
finding also by the unit assigned to rectify it; accounts by those who may view their unit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet

from gongkai.calendar.selectors import deadline_for
from gongkai.core.models import Unit
from gongkai.core.permissions import scope, units_for

from .domain.findings import NO_INTERACTION, SITE_KINDS, STALE_ACCOUNT
from .domain.rectification import RectificationState, fixed_on_time
from .models import Account, AccountFinding, CheckRun, Site, SiteFinding, WeeklyWarning

VIEW = "supervision.view"
RECTIFICATION_RULE = "supervision-rectification"
# The new-media veto items of 19号 the checks find: 内容不更新, 互动回应差.
VETO_ACCOUNT_KINDS = (STALE_ACCOUNT, NO_INTERACTION)


def visible_sites(user) -> QuerySet[Site]:
    return scope(Site.objects.select_related("unit"), user, VIEW)


def visible_runs(user) -> QuerySet[CheckRun]:
    return scope(CheckRun.objects.select_related("site__unit"), user, VIEW, unit_field="site__unit")


def visible_findings(user) -> QuerySet[SiteFinding]:
    units = units_for(user, VIEW)
    return SiteFinding.objects.filter(
        Q(site__unit__in=units) | Q(assigned_unit__in=units)
    ).select_related("site__unit", "assigned_unit")


def visible_accounts(user) -> QuerySet[Account]:
    return scope(Account.objects.select_related("unit"), user, VIEW)


def visible_account_findings(user) -> QuerySet[AccountFinding]:
    return scope(
        AccountFinding.objects.select_related("account__unit"),
        user,
        VIEW,
        unit_field="account__unit",
    )


def visible_warnings(user) -> QuerySet[WeeklyWarning]:
    return scope(WeeklyWarning.objects.select_related("unit"), user, VIEW)


def latest_run(site: Site) -> CheckRun | None:
    return site.runs.exclude(status="running").order_by("-day").first()


# --- Statistics --------------------------------------------------------------------------------


@dataclass
class SitePeriod:
    """One site over a period: findings first seen in it by kind, how many were due in it and
    how many of those were fixed on time, and the runs with a veto."""

    site: Site
    runs: int = 0
    by_kind: Counter = field(default_factory=Counter)
    due: int = 0
    fixed_on_time: int = 0
    open_now: int = 0
    vetoed_runs: int = 0
    vetoes: list[str] = field(default_factory=list)
    last_points: object = None
    last_verdict: str = ""

    @property
    def found(self) -> int:
        return sum(self.by_kind.values())


def run_verdict(run: CheckRun) -> str:
    if run.veto:
        return "不合格（单项否决）"
    if run.passed is None:
        return ""
    return "合格" if run.passed else "不合格（得分低于60分）"


def site_period(sites: QuerySet[Site], start: date, end: date) -> list[SitePeriod]:
    """Each site's figures from ``start`` to ``end`` (both included)."""
    rows = {site.pk: SitePeriod(site) for site in sites}
    findings = SiteFinding.objects.filter(site__in=rows)
    for kind, site_id in findings.filter(first_seen__range=(start, end)).values_list(
        "kind", "site_id"
    ):
        rows[site_id].by_kind[kind] += 1
    for finding in findings.filter(due_on__range=(start, end)):
        row = rows[finding.site_id]
        row.due += 1
        if fixed_on_time(
            RectificationState(finding.state),
            finding.due_on,
            finding.fixed_on,
            finding.resolved_on,
        ):
            row.fixed_on_time += 1
    for site_id in findings.exclude(state=RectificationState.CONFIRMED).values_list(
        "site_id", flat=True
    ):
        rows[site_id].open_now += 1
    runs = CheckRun.objects.filter(site__in=rows, day__range=(start, end)).exclude(status="running")
    for run in runs.order_by("day"):
        row = rows[run.site_id]
        row.runs += 1
        if run.veto:
            row.vetoed_runs += 1
            for item in run.veto:
                if item["name"] not in row.vetoes:
                    row.vetoes.append(item["name"])
        row.last_points = run.points
        row.last_verdict = run_verdict(run)
    return list(rows.values())


@dataclass
class UnitPeriod:
    unit: Unit
    sites: int = 0
    found: int = 0
    due: int = 0
    fixed_on_time: int = 0
    vetoed_sites: int = 0
    accounts: int = 0
    account_findings: Counter = field(default_factory=Counter)


def unit_period(
    site_rows: list[SitePeriod], accounts: QuerySet[Account], start: date, end: date
) -> list[UnitPeriod]:
    """The sites' figures summed per unit, with the units' new-media findings."""
    units: dict[int, UnitPeriod] = {}
    for row in site_rows:
        unit = units.setdefault(row.site.unit_id, UnitPeriod(row.site.unit))
        unit.sites += 1
        unit.found += row.found
        unit.due += row.due
        unit.fixed_on_time += row.fixed_on_time
        unit.vetoed_sites += bool(row.vetoed_runs)
    for account in accounts:
        units.setdefault(account.unit_id, UnitPeriod(account.unit)).accounts += 1
    for kind, unit_id in AccountFinding.objects.filter(
        account__in=accounts, first_seen__range=(start, end)
    ).values_list("kind", "account__unit_id"):
        units[unit_id].account_findings[kind] += 1
    return sorted(units.values(), key=lambda u: u.unit.path)


def kinds_in(rows: list[SitePeriod]) -> list[str]:
    """The finding kinds that occur, in the checker's order (the columns of a table)."""
    present = set().union(*(row.by_kind for row in rows)) if rows else set()
    return [kind for kind in SITE_KINDS if kind in present]


# --- For the annual assessment (issue 20) -------------------------------------------------------


@dataclass(frozen=True)
class UnitYearResult:
    """A unit's supervision figures for a year: ``vetoed`` sites (or accounts) with a veto in
    the year, ``findings`` first seen in the year, ``due`` findings whose rectification deadline
    fell in the year and ``fixed_on_time`` of those."""

    unit_id: int
    unit_name: str
    checked: int
    vetoed: int
    findings: int
    due: int
    fixed_on_time: int


def site_results(year: int) -> list[UnitYearResult]:
    """Per unit owning a site: its sites' figures for ``year``."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = site_period(Site.objects.select_related("unit"), start, end)
    per: dict[int, list[SitePeriod]] = {}
    for row in rows:
        per.setdefault(row.site.unit_id, []).append(row)
    return [
        UnitYearResult(
            unit_id=unit_id,
            unit_name=group[0].site.unit.name,
            checked=len(group),
            vetoed=sum(bool(r.vetoed_runs) for r in group),
            findings=sum(r.found for r in group),
            due=sum(r.due for r in group),
            fixed_on_time=sum(r.fixed_on_time for r in group),
        )
        for unit_id, group in sorted(per.items())
    ]


def account_results(year: int) -> list[UnitYearResult]:
    """Per unit owning a new-media account: accounts registered (``checked``), accounts with a
    new-media veto finding in ``year`` (``vetoed``: stale or without interaction), findings first
    seen in the year, those whose rectification deadline (the same working-day rule as for
    sites) fell in the year (``due``), and those of them gone by it (``fixed_on_time``)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    per: dict[int, UnitYearResult] = {}
    accounts = Account.objects.select_related("unit").order_by("unit_id")
    counts = Counter(a.unit_id for a in accounts)
    names = {a.unit_id: a.unit.name for a in accounts}
    found: dict[int, list[AccountFinding]] = {unit_id: [] for unit_id in counts}
    for finding in AccountFinding.objects.filter(
        first_seen__range=(date(year - 1, 12, 1), end)
    ).select_related("account"):
        found[finding.account.unit_id].append(finding)
    for unit_id in sorted(counts):
        rows = found[unit_id]
        in_year = [f for f in rows if f.first_seen >= start]
        vetoed = {f.account_id for f in in_year if f.kind in VETO_ACCOUNT_KINDS}
        due = [(f, account_due(f.first_seen)) for f in rows]
        due = [(f, d) for f, d in due if start <= d <= end]
        per[unit_id] = UnitYearResult(
            unit_id=unit_id,
            unit_name=names[unit_id],
            checked=counts[unit_id],
            vetoed=len(vetoed),
            findings=len(in_year),
            due=len(due),
            fixed_on_time=sum(f.resolved_on is not None and f.resolved_on <= d for f, d in due),
        )
    return list(per.values())


def account_due(first_seen: date) -> date:
    """A new-media finding's rectification deadline: the same working-day rule as for sites."""
    return deadline_for(RECTIFICATION_RULE, first_seen).due
