"""The life of a consultation (意见征集): phases, the one table of what may follow what, and the
rules on its period.

draft (staff only) → open (comments accepted between the start and the end date) → closed (no
comments; feedback being written) → feedback published. Every change of phase goes through
`check_transition`, so a service can never move a consultation along an edge the table lacks.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from gongkai.core.domain.errors import DomainError

from .rules import MAJOR_DECISION_BASIS, MAJOR_DECISION_MIN_DAYS


class Phase(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    FEEDBACK_PUBLISHED = "feedback_published"

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(p.value, p.label) for p in cls]


PHASE_LABELS: dict[Phase, str] = {
    Phase.DRAFT: "草稿",
    Phase.OPEN: "征求意见中",
    Phase.CLOSED: "已截止，正在整理反馈",
    Phase.FEEDBACK_PUBLISHED: "已反馈",
}

PUBLIC_PHASES = frozenset({Phase.OPEN, Phase.CLOSED, Phase.FEEDBACK_PUBLISHED})

TRANSITIONS: dict[Phase, frozenset[Phase]] = {
    Phase.DRAFT: frozenset({Phase.OPEN}),
    Phase.OPEN: frozenset({Phase.CLOSED}),
    Phase.CLOSED: frozenset({Phase.FEEDBACK_PUBLISHED}),
    Phase.FEEDBACK_PUBLISHED: frozenset(),
}

_REFUSALS: dict[Phase, str] = {
    Phase.OPEN: "只有草稿状态的意见征集才能发布征求意见",
    Phase.CLOSED: "只有正在征求意见的意见征集才能截止",
    Phase.FEEDBACK_PUBLISHED: "只有已截止的意见征集才能发布结果反馈",
}


def check_transition(current: Phase | str, target: Phase) -> None:
    """Raise a `DomainError` naming the current phase unless ``current`` → ``target`` is allowed."""
    current = Phase(current)
    if target not in TRANSITIONS[current]:
        raise DomainError(f"{_REFUSALS[target]}（当前状态：{current.label}）。")


def period_problems(
    starts_on: date | None,
    ends_on: date | None,
    *,
    is_major_decision: bool,
    short_period_reason: str,
) -> list[str]:
    """What is wrong with a consultation period; the period of a 重大行政决策 must end at least
    30 days after its start unless a reason for the shorter period is given (and published)."""
    if starts_on is None or ends_on is None:
        return ["请填写征求意见的开始日期和截止日期。"]
    if ends_on < starts_on:
        return ["截止日期不能早于开始日期。"]
    if (
        is_major_decision
        and ends_on < starts_on + timedelta(days=MAJOR_DECISION_MIN_DAYS)
        and not short_period_reason.strip()
    ):
        return [
            f"重大行政决策事项公开征求意见的期限一般不少于{MAJOR_DECISION_MIN_DAYS}日"
            f"（{MAJOR_DECISION_BASIS}）：截止日期应不早于"
            f"{(starts_on + timedelta(days=MAJOR_DECISION_MIN_DAYS)).isoformat()}，"
            "或者写明缩短期限的理由（将随征求意见一并公开）。"
        ]
    return []


def is_short_period(starts_on: date, ends_on: date, *, is_major_decision: bool) -> bool:
    """Whether the period is shorter than the statutory minimum, so its reason must be shown."""
    return is_major_decision and ends_on < starts_on + timedelta(days=MAJOR_DECISION_MIN_DAYS)


def zh_date(day: date) -> str:
    """2025年3月5日, as the pages and letters write dates."""
    return f"{day.year}年{day.month}月{day.day}日"


def accepting_comments(phase: Phase | str, starts_on: date, ends_on: date, today: date) -> bool:
    """Comments are taken while the consultation is open and today lies in its period."""
    return Phase(phase) == Phase.OPEN and starts_on <= today <= ends_on


def comment_window_refusal(phase: Phase | str, starts_on: date, ends_on: date, today: date) -> str:
    """Why a comment cannot be given now ("" when it can), for the public page."""
    phase = Phase(phase)
    if phase == Phase.OPEN and today < starts_on:
        return f"本次征求意见自{zh_date(starts_on)}开始，届时可以提交意见。"
    if (phase == Phase.OPEN and today > ends_on) or phase in (
        Phase.CLOSED,
        Phase.FEEDBACK_PUBLISHED,
    ):
        return f"本次征求意见已于{zh_date(ends_on)}截止，不再接受意见。"
    if phase != Phase.OPEN:
        return "本次意见征集尚未发布。"
    return ""


def check_accepting(phase: Phase | str, starts_on: date, ends_on: date, today: date) -> None:
    """Raise the public page's sentence as a `DomainError` unless comments are taken today."""
    if refusal := comment_window_refusal(phase, starts_on, ends_on, today):
        raise DomainError(refusal)
