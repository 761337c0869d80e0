"""Statutory deadlines: one entry point, `compute_deadline`, over the rules in `rules`.

    >>> deadline = compute_deadline("foi-reply", date(2025, 1, 24))
    >>> deadline.due, deadline.provisional
    (datetime.date(2025, 2, 27), False)
    >>> deadline.to_json()["due"]
    '2025-02-27'

Working-day rules count n working days strictly after the start day (see `workdays`). For
foi-reply: ``corrected=`` restarts the clock at the date the corrected application is received
(条例第三十条); ``extended=True`` adds the extension (条例第三十三条); ``pauses=`` stop the
clock for consultations and, unless ``fee_period_pauses=False``, from fee notice to payment.
Year-end rules (annual reports) give a fixed calendar date of the next year and take the report
year as an int or any date in it. Month rules (the three-month veto of unanswered messages) give
the same day n calendar months after the start, or that month's last day when it is shorter
(`add_months`); neither is moved for holidays.

The due date is computed with index look-ups only; the explanation (`Deadline.explain()`) walks
the days and is computed only when asked for.

Public API:

- `compute_deadline(rule_key, start, *, corrected, pauses, extended, calendar, day_counts,
  fee_period_pauses) -> Deadline`; raises `DeadlineError` (Chinese message) on bad arguments.
- `Deadline`: the result; `due`, `provisional`, `provisional_years`, `explain()`, `to_json()`.
- `Pause(start, end, reason)`: a period (start, end] in which the clock stops.
- `add_months(day, months)`: the calendar-month arithmetic of month rules.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from .errors import DeadlineError
from .rules import (
    FEE_PERIOD_PAUSES_FOI_REPLY,
    PAUSE_REASONS,
    PauseReason,
    Rule,
    RuleKind,
    get_rule,
    resolve_day_counts,
)
from .workdays import DayKind, WorkdayCalendar, default_calendar
from .year_calendar import WEEKDAY_NAMES_ZH


def _check_date(value: object, *label: str) -> None:
    # datetime is a date subclass but cannot be compared with dates; callers holding a
    # timestamp must first take its date in Asia/Shanghai. The label comes in parts so that
    # the hot path does not format a message it will not use.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise DeadlineError(f"{''.join(label)}应为日期，实际为 {value!r}")


@dataclass(frozen=True)
class Pause:
    """The clock stops for working days D with start < D ≤ end."""

    start: date
    end: date
    reason: PauseReason

    def __post_init__(self) -> None:
        _check_date(self.start, "暂停计时的开始日")
        _check_date(self.end, "暂停计时的结束日")
        if self.end < self.start:
            raise DeadlineError(
                f"暂停计时的结束日 {self.end.isoformat()} 早于开始日 {self.start.isoformat()}"
            )
        try:
            object.__setattr__(self, "reason", PauseReason(self.reason))
        except ValueError:
            raise DeadlineError(
                f"未知的暂停原因：{self.reason}（可用：{'、'.join(PauseReason)}）"
            ) from None


@dataclass(frozen=True, slots=True)
class Deadline:
    """A computed deadline.

    `start` is the start as given (for year-end rules, a date in the report year); counting
    runs from `corrected` when set. `days` is the number of working days counted, extension
    included (0 for year-end rules). `pauses` are the pauses that stopped the clock.
    """

    rule: Rule
    start: date
    due: date
    days: int = 0
    provisional_years: tuple[int, ...] = ()
    corrected: date | None = None
    extension_days: int = 0
    pauses: tuple[Pause, ...] = ()
    calendar: WorkdayCalendar | None = field(default=None, compare=False, repr=False)

    @property
    def provisional(self) -> bool:
        """True when a year used has no loaded or package data (see `provisional_years`)."""
        return bool(self.provisional_years)

    def explain(self) -> list[dict[str, Any]]:
        """How the due date was reached: JSON-serialisable entries, each with a Chinese `text`."""
        if self.rule.kind is RuleKind.YEAR_END:
            return [_year_end_entry(self)]
        if self.rule.kind is RuleKind.MONTHS:
            return [_months_entry(self)]
        return _explain_workdays(self)

    def to_json(self) -> dict[str, Any]:
        """``{"due": "YYYY-MM-DD", "provisional": bool, "explain": [...]}``."""
        return {
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "explain": self.explain(),
        }


def compute_deadline(
    rule_key: str,
    start: date | int,
    *,
    corrected: date | None = None,
    pauses: Iterable[Pause] = (),
    extended: bool = False,
    calendar: WorkdayCalendar | None = None,
    day_counts: Mapping[str, int] | None = None,
    fee_period_pauses: bool = FEE_PERIOD_PAUSES_FOI_REPLY,
) -> Deadline:
    """Compute the deadline of rule `rule_key` from `start`.

    `calendar` defaults to `default_calendar()`; `day_counts` overrides working-day counts
    (see `rules.resolve_day_counts`). Raises `DeadlineError` for an unknown rule, arguments
    the rule does not take, or a corrected date before `start`.
    """
    rule = get_rule(rule_key)
    pauses = tuple(pauses)
    if rule.kind is RuleKind.YEAR_END:
        return _year_end_deadline(rule, start, corrected, pauses, extended, day_counts)
    _check_date(start, rule.name, "的起算日")
    if rule.kind is RuleKind.MONTHS:
        if corrected is not None or pauses or extended:
            raise DeadlineError(f"{rule.name}按日历月计算，不能补正重算、暂停或延长")
        if day_counts is not None:
            resolve_day_counts(day_counts)
        return Deadline(rule, start, add_months(start, rule.months))
    if extended and not rule.extendable:
        raise DeadlineError(f"{rule.name}期限不能延长")
    if pauses and not rule.pausable:
        raise DeadlineError(f"{rule.name}期限不能暂停计时")
    if corrected is not None:
        _check_date(corrected, "收到补正申请的日期")
        if not rule.restarts_on_correction:
            raise DeadlineError(f"{rule.name}期限不因补正重新计算")
        if corrected < start:
            raise DeadlineError(
                f"收到补正申请的日期 {corrected.isoformat()} 早于收到申请的日期 {start.isoformat()}"
            )
    if day_counts is None:
        days, extension = rule.days, rule.extension_days if extended else 0
    else:
        counts = resolve_day_counts(day_counts)
        days, extension = counts[rule.key], counts[rule.extension_key] if extended else 0
    total = days + extension
    count_from = corrected or start
    if calendar is None:
        calendar = default_calendar()
    if fee_period_pauses:
        counted_pauses = pauses
    else:
        counted_pauses = tuple(pause for pause in pauses if pause.reason is not PauseReason.FEE)
    if counted_pauses:
        due = calendar.add_workdays_paused(
            count_from, total, ((pause.start, pause.end) for pause in counted_pauses)
        )
    else:
        due = calendar.add_workdays(count_from, total)
    return Deadline(
        rule,
        start,
        due,
        total,
        calendar.provisional_years(count_from, due),
        corrected,
        extension,
        counted_pauses,
        calendar,
    )


def _year_end_deadline(
    rule: Rule,
    start: date | int,
    corrected: date | None,
    pauses: tuple[Pause, ...],
    extended: bool,
    day_counts: Mapping[str, int] | None,
) -> Deadline:
    if corrected is not None or pauses or extended:
        raise DeadlineError(f"{rule.name}期限为固定日期，不能补正重算、暂停或延长")
    if day_counts is not None:
        # Validated although unused here, so a bad setting is reported whichever rule runs.
        resolve_day_counts(day_counts)
    if isinstance(start, datetime):
        raise DeadlineError(f"{rule.name}的起算应为报告年度或该年度内的日期，实际为 {start!r}")
    if isinstance(start, date):
        year = start.year
    elif isinstance(start, int) and not isinstance(start, bool):
        year, start = start, date(start, 12, 31)
    else:
        raise DeadlineError(f"{rule.name}的起算应为报告年度或该年度内的日期，实际为 {start!r}")
    return Deadline(rule, start, date(year + 1, rule.due_month, rule.due_day))


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later, or the last day of that month when it has
    no such day (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + month // 12, month % 12 + 1, 1)
    last = (following - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def _long_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（{WEEKDAY_NAMES_ZH[day.weekday()]}）"


def _span(first: date, last: date) -> str:
    if first == last:
        return _long_date(first)
    return f"{_long_date(first)}至{_long_date(last)}"


def _year_end_entry(deadline: Deadline) -> dict[str, Any]:
    rule = deadline.rule
    return {
        "kind": "fixed-date",
        "date": deadline.due.isoformat(),
        "text": (
            f"{rule.name}：报告年度为{deadline.start.year}年，截止日为{_long_date(deadline.due)}"
            f"（{rule.basis}）。按日历日计算，不因节假日顺延。"
        ),
    }


def _months_entry(deadline: Deadline) -> dict[str, Any]:
    rule = deadline.rule
    return {
        "kind": "months",
        "date": deadline.due.isoformat(),
        "text": (
            f"{rule.start_label}：{_long_date(deadline.start)}；满{rule.months}个月之日为"
            f"{_long_date(deadline.due)}（{rule.basis}）。按日历月计算，不因节假日顺延。"
        ),
    }


def _explain_workdays(deadline: Deadline) -> list[dict[str, Any]]:
    rule, calendar = deadline.rule, deadline.calendar or default_calendar()
    count_from = deadline.corrected or deadline.start
    entries: list[dict[str, Any]] = [
        {
            "kind": "start",
            "date": deadline.start.isoformat(),
            "text": f"{rule.start_label}：{_long_date(deadline.start)}。",
        }
    ]
    if deadline.corrected is not None:
        entries.append(
            {
                "kind": "restart",
                "date": deadline.corrected.isoformat(),
                "text": (
                    f"收到补正后的申请：{_long_date(deadline.corrected)}，"
                    f"期限自该日重新计算（{rule.correction_basis}）。"
                ),
            }
        )
    base_days = deadline.days - deadline.extension_days
    basis = (
        rule.basis
        if base_days == rule.days
        else f"按本地设置；默认{rule.days}个工作日，{rule.basis}"
    )
    entries.append(
        {
            "kind": "rule",
            "days": base_days,
            "text": (
                f"{rule.name}期限为{base_days}个工作日（{basis}），"
                f"{_long_date(count_from)}当日不计入，自次日起计算。"
            ),
        }
    )
    if deadline.extension_days:
        entries.append(
            {
                "kind": "extension",
                "days": deadline.extension_days,
                "text": (
                    f"期限已延长{deadline.extension_days}个工作日，共{deadline.days}个工作日"
                    f"（{rule.extension_basis}）。"
                ),
            }
        )
    entries.extend(_day_runs(calendar, count_from, deadline.due, deadline.pauses))
    for year in deadline.provisional_years:
        entries.append(
            {
                "kind": "provisional",
                "year": year,
                "text": (
                    f"{year}年的节假日和调休安排尚未载入，该年暂按周六、周日和1月1日休息推算；"
                    "载入该年日历后截止日可能变化。"
                ),
            }
        )
    entries.append(
        {
            "kind": "due",
            "date": deadline.due.isoformat(),
            "text": f"截止日：{_long_date(deadline.due)}，即第{deadline.days}个工作日。",
        }
    )
    return entries


def _day_runs(
    calendar: WorkdayCalendar, count_from: date, due: date, pauses: tuple[Pause, ...]
) -> list[dict[str, Any]]:
    """Group the days after `count_from` up to `due` into runs of the same treatment."""
    runs: list[dict[str, Any]] = []
    counted = 0
    day = count_from + timedelta(days=1)
    while day <= due:
        info = calendar.day_info(day)
        reasons = sorted({pause.reason for pause in pauses if pause.start < day <= pause.end})
        if reasons:
            key: tuple[object, ...] = ("paused", tuple(reasons))
        elif info.kind is DayKind.WORKDAY:
            key = ("counted",)
        elif info.kind is DayKind.MAKEUP_WORKDAY:
            key = ("makeup-workday", info.name)
        elif info.kind is DayKind.WEEKEND:
            key = ("weekend",)
        else:
            key = ("holiday", info.name, info.provisional)
        if info.is_workday and not reasons:
            counted += 1
        if runs and runs[-1]["key"] == key:
            run = runs[-1]
            run["last"] = day
        else:
            run = {"key": key, "first": day, "last": day, "counted_from": counted, "workdays": 0}
            runs.append(run)
        run["counted_to"] = counted
        run["workdays"] += info.is_workday
        day += timedelta(days=1)
    return [_run_entry(run) for run in runs]


def _run_entry(run: dict[str, Any]) -> dict[str, Any]:
    kind, *detail = run["key"]
    first, last = run["first"], run["last"]
    entry: dict[str, Any] = {
        "kind": kind,
        "from": first.isoformat(),
        "to": last.isoformat(),
        "days": (last - first).days + 1,
    }
    span = _span(first, last)
    if kind in ("counted", "makeup-workday"):
        entry["counted_from"], entry["counted_to"] = run["counted_from"], run["counted_to"]
        numbers = (
            f"第{run['counted_from']}个工作日"
            if run["counted_from"] == run["counted_to"]
            else f"第{run['counted_from']}—{run['counted_to']}个工作日"
        )
        if kind == "counted":
            entry["text"] = f"{span}：工作日，计为{numbers}。"
        else:
            name = detail[0]
            if name:
                entry["name"] = name
            entry["text"] = f"{span}：{name or ''}调休上班日，计为{numbers}。"
    elif kind == "weekend":
        entry["text"] = f"{span}：周末，不计入。"
    elif kind == "holiday":
        name, provisional = detail
        if name:
            entry["name"] = name
        suffix = "（临时推算）" if provisional else ""
        entry["text"] = f"{span}：{name or '节假日'}放假{suffix}，不计入。"
    else:
        reasons = detail[0]
        entry["reasons"] = [str(reason) for reason in reasons]
        entry["workdays"] = run["workdays"]
        labels = "、".join(PAUSE_REASONS[reason].label for reason in reasons)
        bases = "；".join(PAUSE_REASONS[reason].basis for reason in reasons)
        entry["text"] = (
            f"{span}：{labels}，暂停计算，其间{run['workdays']}个工作日不计入（{bases}）。"
        )
    return entry
