"""Writes to annual reports: create (pre-filled from the data), edit the text and the table 二
figures, import figures, publish (refused while a check fails; freezes the tables), withdraw for
correction, and the deadline reminders. Each checks permission, runs in one transaction and
records one audit entry per report it changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.personal_data import redact, scan
from gongkai.core.domain.publication_gate import GateResult, PublicText, number_key
from gongkai.core.models import Unit
from gongkai.core.permissions import can, require
from gongkai.documents import gate
from gongkai.search.index import sync_object

from .domain.figures import FIRST_YEAR, FigureRow, Figures, FiguresError, check_figures
from .domain.grid import cell_of_check
from .domain.narrative import prefilled_texts
from .domain.periods import NO_REPORT_KINDS, Period, default_covers_subtree
from .models import AnnualReport, ReminderKind, ReportReminder, ReportState
from .selectors import (
    Scope,
    failing_checks,
    live_data,
    live_facts,
    report_due,
    reporting_units,
    snapshot_of,
    texts_of,
)

SECTIONS = ("overview", "problems", "other_matters")
REMINDER_DAYS = 30  # 期限前30日提醒（platform default）


def _require(actor, action: str, unit: Unit) -> None:
    # actor=None is the system: the command line, the demo, the periodic job.
    if actor is not None:
        require(actor, action, unit)


class ReportNotPublishable(DomainError):
    """The report's checks fail; ``cells`` are the grid keys to correct."""

    def __init__(self, message: str, cells: set[tuple[str, str, str]]):
        super().__init__(message)
        self.cells = cells


def _check_can_report(unit: Unit, year: int, period: Period) -> None:
    if unit.kind in NO_REPORT_KINDS:
        raise DomainError(f"{unit.name}是村（居）民委员会，不编制政府信息公开工作年度报告。")
    today = timezone.localdate()
    if not FIRST_YEAR <= year <= today.year:
        raise DomainError(f"报告年度应在{FIRST_YEAR}年至{today.year}年之间。")
    if period is Period.HALF_YEAR and year == today.year and today.month == 1:
        raise DomainError(f"{year}年上半年尚未开始统计。")


def _draft(report: AnnualReport) -> None:
    if report.is_published:
        raise DomainError("报告已公布，不能修改；如需更正，请先撤回公布。")


def report_texts(report: AnnualReport) -> list[PublicText]:
    """The sections the unit writes, as the publication gate reads them (the tables are counts
    and the title is the unit's name)."""
    return [
        PublicText(str(AnnualReport._meta.get_field(name).verbose_name), getattr(report, name))
        for name in SECTIONS
    ]


def report_gate(report: AnnualReport) -> GateResult:
    """What the publication gate finds in the report's text: shown on the draft, blocking at
    publication."""
    return gate.check(unit=report.unit, texts=report_texts(report))


def _prefill(report: AnnualReport, sections: tuple[str, ...] = SECTIONS) -> None:
    texts = prefilled_texts(live_facts(Scope.of(report)))
    for name in sections:
        setattr(report, name, texts[name])


def report_create(
    *,
    actor,
    unit: Unit,
    year: int,
    period: Period | str = Period.ANNUAL,
    covers_subtree: bool | None = None,
) -> AnnualReport:
    """A draft whose sections 一, 五, 六 start from the facts in the records."""
    _require(actor, "report.edit", unit)
    period = Period(period)
    _check_can_report(unit, year, period)
    if covers_subtree is None:
        covers_subtree = default_covers_subtree(unit.kind)
    try:
        with transaction.atomic():
            report = AnnualReport(
                unit=unit, year=year, period=period, covers_subtree=covers_subtree
            )
            _prefill(report)
            report.save()
            audit_record(
                actor=actor,
                action="report.create",
                obj=report,
                unit=unit,
                changes={"year": year, "period": period.value, "covers_subtree": covers_subtree},
            )
    except IntegrityError as error:
        raise DomainError(f"{period.title(unit.name, year)}已存在。") from error
    return report


@transaction.atomic
def report_update_text(
    *, actor, report: AnnualReport, overview: str, problems: str, other_matters: str
) -> AnnualReport:
    _require(actor, "report.edit", report.unit)
    report = AnnualReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
    _draft(report)
    new = {"overview": overview, "problems": problems, "other_matters": other_matters}
    changed = {
        name: [len(getattr(report, name)), len(text.strip())]
        for name, text in new.items()
        if getattr(report, name) != text.strip()
    }
    if not changed:
        return report
    for name, text in new.items():
        setattr(report, name, text.strip())
    report.save()
    audit_record(
        actor=actor,
        action="report.edit_text",
        obj=report,
        unit=report.unit,
        changes={"length": changed},
    )
    return report


def _figure_changes(report: AnnualReport, figures: Figures) -> dict[str, list[str]]:
    old = report.figures
    return {
        name: [str(getattr(old, name)), str(getattr(figures, name))]
        for name in ("licensing", "penalty", "coercion", "fees_wan_yuan")
        if getattr(old, name) != getattr(figures, name)
    }


def _apply_figures(report: AnnualReport, figures: Figures) -> None:
    report.licensing_decisions = figures.licensing
    report.penalty_decisions = figures.penalty
    report.coercion_decisions = figures.coercion
    report.fees_wan_yuan = figures.fees_wan_yuan


@transaction.atomic
def report_set_figures(*, actor, report: AnnualReport, figures: Figures) -> AnnualReport:
    """The table 二 figures no register holds: decisions in the period and fees in 万元."""
    _require(actor, "report.edit", report.unit)
    if problems := check_figures(figures):
        raise DomainError("；".join(problems) + "。")
    report = AnnualReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
    _draft(report)
    changes = _figure_changes(report, figures)
    if not changes:
        return report
    _apply_figures(report, figures)
    report.save()
    audit_record(
        actor=actor, action="report.set_figures", obj=report, unit=report.unit, changes=changes
    )
    return report


@transaction.atomic
def report_refill(*, actor, report: AnnualReport, sections: tuple[str, ...]) -> AnnualReport:
    """Replace the chosen sections with sentences built from the records as they stand now."""
    _require(actor, "report.edit", report.unit)
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown or not sections:
        raise DomainError("请选择要按最新数据重新生成的部分。")
    report = AnnualReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
    _draft(report)
    _prefill(report, sections)
    report.save()
    audit_record(
        actor=actor,
        action="report.refill",
        obj=report,
        unit=report.unit,
        changes={"sections": list(sections)},
    )
    return report


@transaction.atomic
def report_publish(*, actor, report: AnnualReport) -> AnnualReport:
    """Publish: refused while any check of the tables or the text fails (the failing cells and
    sections are named); the tables, checks and facts are frozen in the snapshot, so later
    changes to records never alter it."""
    _require(actor, "report.publish", report.unit)
    report = AnnualReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
    if report.is_published:
        raise DomainError("报告已公布。")
    if report.period_end >= timezone.localdate():
        raise DomainError(
            f"报告期至{report.period_end:%Y年%m月%d日}结束，结束后才能公布{report.period_kind.label}。"
        )
    gate.refuse_unless_clean(unit=report.unit, texts=report_texts(report), action="公布")
    data = live_data(Scope.of(report), texts_of(report))
    failing = failing_checks(data)
    if failing:
        cells = {
            cell_of_check(check.rule, row, column)
            for check in failing
            for row, column in check.cells
        }
        listed = "；".join(check.detail for check in failing)
        raise ReportNotPublishable(f"报告未通过校验，不能公布：{listed}。", cells)
    report.snapshot = snapshot_of(data)
    report.state = ReportState.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = actor if getattr(actor, "pk", None) else None
    report.save()
    audit_record(
        actor=actor,
        action="report.publish",
        obj=report,
        unit=report.unit,
        changes={"state": [ReportState.DRAFT, ReportState.PUBLISHED]},
    )
    sync_object(report)
    return report


@transaction.atomic
def report_redact(*, actor, report: AnnualReport) -> int:
    """一键脱敏 of a draft: mask the personal data in sections 一, 五 and 六 (not the numbers a
    reviewer has recorded as fit to publish) and return how many were masked."""
    _require(actor, "report.edit", report.unit)
    report = AnnualReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
    _draft(report)
    excepted = report_gate(report).excepted_keys
    masked: dict[str, int] = {}
    for name, piece in zip(SECTIONS, report_texts(report), strict=True):
        findings = [f for f in scan(piece.text) if number_key(f) not in excepted]
        if findings:
            setattr(report, name, redact(piece.text, findings))
            masked[piece.label] = len(findings)
    if not masked:
        raise DomainError("报告正文中没有可以自动脱敏的个人信息。")
    report.save()
    audit_record(
        actor=actor,
        action="report.redact",
        obj=report,
        unit=report.unit,
        changes={"masked": sum(masked.values()), "sections": masked},
    )
    return sum(masked.values())


@transaction.atomic
def report_withdraw(*, actor, report: AnnualReport, reason: str) -> AnnualReport:
    """Take a published report back to draft to correct it; the reason is kept in the audit log."""
    _require(actor, "report.publish", report.unit)
    if not reason.strip():
        raise DomainError("请填写撤回公布的理由。")
    report = AnnualReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
    if not report.is_published:
        raise DomainError("报告尚未公布。")
    published_at = report.published_at
    report.state = ReportState.DRAFT
    report.snapshot = None
    report.published_at = None
    report.published_by = None
    report.save()
    audit_record(
        actor=actor,
        action="report.withdraw",
        obj=report,
        unit=report.unit,
        changes={
            "state": [ReportState.PUBLISHED, ReportState.DRAFT],
            "published_at": published_at,
            "reason": reason.strip(),
        },
    )
    sync_object(report)
    return report


# --- Import of table 二 figures -----------------------------------------------------------------


@dataclass(frozen=True)
class ImportSummary:
    created: list[AnnualReport]
    updated: list[AnnualReport]
    unchanged: list[AnnualReport]


def figures_import(*, actor, rows: list[FigureRow]) -> ImportSummary:
    """Figures for many units at once (e.g. from the business systems' statistics).

    Every row is checked first: unknown units, units the actor may not edit, villages, years out
    of range and reports already published are listed with their row numbers, and nothing is
    written while any row has a problem. A unit without a report for the period gets a draft.
    """
    units = {u.code: u for u in Unit.objects.filter(code__in={r.unit for r in rows})}
    existing = {
        (r.unit.code, r.year, r.period): r
        for r in AnnualReport.objects.filter(unit__code__in=units).select_related("unit")
    }
    problems = []
    for row in rows:
        unit = units.get(row.unit)
        if unit is None:
            problems.append(f"第 {row.row} 行：没有代码为“{row.unit}”的单位")
            continue
        if actor is not None and not can(actor, "report.edit", unit):
            problems.append(f"第 {row.row} 行：您没有编辑“{unit.name}”年度报告的权限")
            continue
        try:
            _check_can_report(unit, row.year, row.period)
        except DomainError as error:
            problems.append(f"第 {row.row} 行：{str(error).rstrip('。')}")
            continue
        report = existing.get((unit.code, row.year, row.period))
        if report is not None and report.is_published:
            problems.append(f"第 {row.row} 行：{report.title}已公布，不能修改")
    if problems:
        raise FiguresError(problems)
    created, updated, unchanged = [], [], []
    with transaction.atomic():
        for row in rows:
            unit = units[row.unit]
            report = existing.get((unit.code, row.year, row.period))
            if report is None:
                report = report_create(actor=actor, unit=unit, year=row.year, period=row.period)
                created.append(report)
            elif not _figure_changes(report, row.figures):
                unchanged.append(report)
                continue
            else:
                updated.append(report)
            changes = _figure_changes(report, row.figures)
            _apply_figures(report, row.figures)
            report.save()
            audit_record(
                actor=actor,
                action="report.import_figures",
                obj=report,
                unit=unit,
                changes={**changes, "row": row.row},
            )
    return ImportSummary(created, updated, unchanged)


# --- Deadline reminders (条例第四十九条) ---------------------------------------------------------


@transaction.atomic
def reminders_send(*, today: date | None = None) -> int:
    """Remind of last year's annual reports that are due within `REMINDER_DAYS` or overdue and
    not published. Idempotent: one reminder per unit, year, kind and due date."""
    today = today or timezone.localdate()
    year = today.year - 1
    published = set(
        AnnualReport.objects.filter(
            year=year, period=Period.ANNUAL, state=ReportState.PUBLISHED
        ).values_list("unit_id", flat=True)
    )
    created = 0
    for unit in reporting_units(Unit.objects.all()):
        if unit.pk in published:
            continue
        _, due = report_due(unit, year)
        if today > due:
            kind = ReminderKind.OVERDUE
        elif due - today <= timedelta(days=REMINDER_DAYS):
            kind = ReminderKind.DUE_SOON
        else:
            continue
        reminder, is_new = ReportReminder.objects.get_or_create(
            unit=unit, year=year, kind=kind, due_on=due
        )
        if is_new:
            audit_record(
                actor=None,
                action="report.remind",
                obj=reminder,
                unit=unit,
                changes={"reminder": kind.value, "year": year, "due_on": due},
            )
            created += 1
    return created
