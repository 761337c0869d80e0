"""The life of a message: states, and the one table of what may happen next.

A message arrives at a unit as *new* (待签收): the unit the citizen chose, the office that routes
those sent to 不确定, or the unit a message was transferred to. The unit accepts it (签收) or
passes it on (转办; the receiving unit may return it, 退回); the clock keeps running through
every transfer. An answer closes it (已答复); the citizen's “not resolved” reopens it. Spam,
abuse and duplicates are closed as invalid, kept, and can be restored. Pure Python.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.core.domain.errors import DomainError


class State(StrEnum):
    NEW = "new"
    HANDLING = "handling"
    ANSWERED = "answered"
    INVALID = "invalid"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(s.value, s.label) for s in cls]


STATE_LABELS: dict[State, str] = {
    State.NEW: "待签收",
    State.HANDLING: "办理中",
    State.ANSWERED: "已答复",
    State.INVALID: "无效留言",
}

# The unit still owes the citizen an answer.
OPEN = frozenset({State.NEW, State.HANDLING})


class Action(StrEnum):
    ACCEPT = "accept"
    TRANSFER = "transfer"
    RETURN = "return"
    CLASSIFY = "classify"
    REPLY = "reply"
    REOPEN = "reopen"
    CLOSE_INVALID = "close_invalid"
    RESTORE = "restore"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.ACCEPT: "签收",
    Action.TRANSFER: "转办",
    Action.RETURN: "退回",
    Action.CLASSIFY: "更改类别",
    Action.REPLY: "答复",
    Action.REOPEN: "重新办理",
    Action.CLOSE_INVALID: "作为无效留言关闭",
    Action.RESTORE: "恢复为有效留言",
}

TRANSITIONS: dict[tuple[Action, State], State] = {
    (Action.ACCEPT, State.NEW): State.HANDLING,
    (Action.TRANSFER, State.NEW): State.NEW,
    (Action.TRANSFER, State.HANDLING): State.NEW,
    (Action.RETURN, State.NEW): State.NEW,
    (Action.CLASSIFY, State.NEW): State.NEW,
    (Action.CLASSIFY, State.HANDLING): State.HANDLING,
    # Answering a new message accepts it: a simple question needs no separate step.
    (Action.REPLY, State.NEW): State.ANSWERED,
    (Action.REPLY, State.HANDLING): State.ANSWERED,
    (Action.REOPEN, State.ANSWERED): State.HANDLING,
    (Action.CLOSE_INVALID, State.NEW): State.INVALID,
    (Action.CLOSE_INVALID, State.HANDLING): State.INVALID,
    (Action.RESTORE, State.INVALID): State.HANDLING,
}


class TransitionError(DomainError):
    pass


def allowed_actions(state: State | str) -> list[Action]:
    return [action for (action, source) in TRANSITIONS if source == state]


def next_state(state: State | str, action: Action) -> State:
    """The state ``action`` leads to from ``state``; `TransitionError` (Chinese) if none."""
    try:
        return TRANSITIONS[(action, State(state))]
    except KeyError:
        raise TransitionError(
            f"留言当前状态为“{State(state).label}”，不能{action.label}。"
        ) from None
