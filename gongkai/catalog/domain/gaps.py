"""查缺补漏: does what an item's unit actually published keep to the item's time rule?

Pure: the caller passes the publication dates it read and a working-day calendar (anything with
``add_workdays``, e.g. ``gongkai.calendar``'s ``WorkdayCalendar``).

The rules, for an item of 主动 method that is in a unit's catalog (see docs/subsystems/catalog.md):

| rule | gap when (as of ``today``) |
|---|---|
| monthly, quarterly, half-yearly, yearly | nothing published since the start of the last complete period, provided the item was in the catalog for all of it |
| within N working days | nothing published at all, N working days after the item entered the catalog; or the latest publication came later than N working days after the information was formed |
| ongoing | nothing published at all, 20 working days (条例第二十六条) after the item entered the catalog |

Only publications on or before ``today`` count, so the same function answers “as of the end
of each month” for the monthly trend.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from .rules import PERIODIC, STATUTORY_WORKDAYS, RuleKind, TimeRule, period_label, previous_period


class WorkdayCounter(Protocol):
    def add_workdays(self, start: date, n: int) -> date: ...


class GapReason(StrEnum):
    NEVER = "never"  # 从未公开
    PERIOD = "period"  # 上一周期未公开
    LATE = "late"  # 最近一次公开超过时限

    @property
    def label(self) -> str:
        return {"never": "从未公开", "period": "本周期未公开", "late": "公开不及时"}[self.value]


@dataclass(frozen=True)
class Publication:
    published_on: date
    formed_on: date | None = None  # when the information was formed (成文日期), if known


@dataclass(frozen=True)
class Gap:
    reason: GapReason
    message: str  # a Chinese sentence for the supervising office
    last_published: date | None


def _latest(publications: Iterable[Publication], today: date) -> Publication | None:
    seen = [p for p in publications if p.published_on <= today]
    if not seen:
        return None
    return max(seen, key=lambda p: (p.published_on, p.formed_on or date.min))


def find_gap(
    rule: TimeRule,
    *,
    adopted_on: date,
    publications: Iterable[Publication],
    today: date,
    calendar: WorkdayCounter,
) -> Gap | None:
    """The gap of one item of one unit as of ``today``, or None when it keeps to its rule."""
    if today < adopted_on:
        return None
    last = _latest(publications, today)
    if rule.kind in PERIODIC:
        start, _end = previous_period(rule.kind, today)
        if adopted_on > start or (last is not None and last.published_on >= start):
            return None
        label = period_label(rule.kind, start)
        if last is None:
            return Gap(
                GapReason.NEVER,
                f"尚未公开任何内容：该事项{rule.label}公开，{label}应有公开内容。",
                None,
            )
        return Gap(
            GapReason.PERIOD,
            f"{label}没有公开内容（该事项{rule.label}公开，最近一次公开于{last.published_on:%Y-%m-%d}）。",
            last.published_on,
        )
    days = rule.days if rule.kind is RuleKind.WORKDAYS and rule.days else STATUTORY_WORKDAYS
    if last is None:
        due = calendar.add_workdays(adopted_on, days)
        if today <= due:
            return None
        return Gap(
            GapReason.NEVER,
            f"尚未公开任何内容：该事项自{adopted_on:%Y-%m-%d}列入目录，应于{due:%Y-%m-%d}前公开。",
            None,
        )
    if rule.kind is RuleKind.WORKDAYS and last.formed_on is not None:
        due = calendar.add_workdays(last.formed_on, days)
        if last.published_on > due:
            return Gap(
                GapReason.LATE,
                f"最近一次公开不及时：信息形成于{last.formed_on:%Y-%m-%d}，"
                f"应于{due:%Y-%m-%d}前公开，实际于{last.published_on:%Y-%m-%d}公开。",
                last.published_on,
            )
    return None


# --- The monthly trend ----------------------------------------------------------------------


@dataclass(frozen=True)
class GapSubject:
    """One item of one unit, as the trend needs it."""

    key: object  # anything that tells subjects apart (the caller's ids)
    rule: TimeRule
    adopted_on: date
    dropped_on: date | None
    publications: tuple[Publication, ...]


def month_ends(today: date, months: int) -> list[date]:
    """The last day of each of the ``months`` months up to and including this one, oldest
    first; the current month ends ``today`` (the trend cannot look ahead)."""
    ends: list[date] = []
    end = today
    for _ in range(months):
        ends.append(end)
        end = end.replace(day=1) - timedelta(days=1)
    return ends[::-1]


def gap_trend(
    subjects: Sequence[GapSubject], *, today: date, months: int, calendar: WorkdayCounter
) -> list[tuple[date, int]]:
    """How many of the subjects had a gap at the end of each month (or today, for this one)."""
    trend: list[tuple[date, int]] = []
    for end in month_ends(today, months):
        count = 0
        for subject in subjects:
            if subject.adopted_on > end:
                continue
            if subject.dropped_on is not None and subject.dropped_on <= end:
                continue
            if find_gap(
                subject.rule,
                adopted_on=subject.adopted_on,
                publications=subject.publications,
                today=end,
                calendar=calendar,
            ):
                count += 1
        trend.append((end, count))
    return trend
