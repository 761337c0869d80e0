"""The two state machines of the assessment: a problem of the 问题清单 (销号式整改) and an
objection to a computed figure. Transitions are checked in one function each. No Django."""

from __future__ import annotations

from enum import StrEnum

from gongkai.core.domain.errors import DomainError


class ProblemState(StrEnum):
    OPEN = "open"  # 待整改
    CLOSED = "closed"  # 已销号 (with proof)
    REOPENED = "reopened"  # 复查未通过, to be fixed again


PROBLEM_STATE_LABELS = {
    ProblemState.OPEN: "待整改",
    ProblemState.CLOSED: "已销号",
    ProblemState.REOPENED: "复查未通过",
}

PROBLEM_TRANSITIONS: dict[ProblemState, frozenset[ProblemState]] = {
    ProblemState.OPEN: frozenset({ProblemState.CLOSED}),
    ProblemState.CLOSED: frozenset({ProblemState.REOPENED}),
    ProblemState.REOPENED: frozenset({ProblemState.CLOSED}),
}


def check_problem_transition(current: ProblemState, target: ProblemState) -> None:
    if target not in PROBLEM_TRANSITIONS[current]:
        raise DomainError(
            f"问题当前为“{PROBLEM_STATE_LABELS[current]}”，不能改为“{PROBLEM_STATE_LABELS[target]}”。"
        )


class ObjectionState(StrEnum):
    PENDING = "pending"  # 待处理
    UPHELD = "upheld"  # 异议成立: the office's corrected figure replaces the computed one
    REJECTED = "rejected"  # 异议不成立: the computed figure stands


OBJECTION_STATE_LABELS = {
    ObjectionState.PENDING: "待处理",
    ObjectionState.UPHELD: "异议成立",
    ObjectionState.REJECTED: "异议不成立",
}


def check_objection_decision(current: ObjectionState) -> None:
    if current is not ObjectionState.PENDING:
        raise DomainError(f"该异议已处理（{OBJECTION_STATE_LABELS[current]}），不能再次作出决定。")
