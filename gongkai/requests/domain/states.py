"""The life of a disclosure request (依申请公开): states, and the one table of what may happen next.

The nine steps of 积县政办发〔2021〕45号 (受理, 确认申请内容和时间, 补正, 依申请公开情形, 办理方式,
办理期限, 答复, 送达, 存档) map onto the states below. Every change of state goes through
`next_state`, so a service can never move a request along an edge the table does not have.

- The clock of 条例第三十三条 runs in RECEIVED and IN_HANDLING. It restarts when a correction is
  received (第三十条) and stops in the three consultation/fee states (第三十三条第三款, fee measure).
- A request is *closed* (it counts in the annual report's outcome rows, by its ``closed_on``) once
  it is replied, abandoned or withdrawn; delivery and archiving come after closing.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.core.domain.errors import DomainError


class State(StrEnum):
    SUBMITTED = "submitted"  # filed online, not yet confirmed by the office (第三十一条第（三）项)
    RECEIVED = "received"
    CORRECTION_REQUESTED = "correction_requested"
    IN_HANDLING = "in_handling"
    CONSULTING_THIRD_PARTY = "consulting_third_party"
    CONSULTING_OTHER_ORGAN = "consulting_other_organ"
    AWAITING_FEE = "awaiting_fee"
    REPLIED = "replied"
    ABANDONED = "abandoned"
    WITHDRAWN = "withdrawn"
    DELIVERED = "delivered"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(s.value, s.label) for s in cls]


STATE_LABELS: dict[State, str] = {
    State.SUBMITTED: "待确认受理",
    State.RECEIVED: "已受理",
    State.CORRECTION_REQUESTED: "待补正",
    State.IN_HANDLING: "办理中",
    State.CONSULTING_THIRD_PARTY: "征求第三方意见中",
    State.CONSULTING_OTHER_ORGAN: "征求其他机关意见中",
    State.AWAITING_FEE: "待缴纳信息处理费",
    State.REPLIED: "已答复",
    State.ABANDONED: "已终止",
    State.WITHDRAWN: "已撤回",
    State.DELIVERED: "已送达",
    State.ARCHIVED: "已归档",
}

CLOCK_RUNNING = frozenset({State.RECEIVED, State.IN_HANDLING})
PAUSED = frozenset({State.CONSULTING_THIRD_PARTY, State.CONSULTING_OTHER_ORGAN, State.AWAITING_FEE})
# Open: the office still owes the applicant a reply (the annual report's 结转 rows).
OPEN = frozenset({State.RECEIVED, State.CORRECTION_REQUESTED, State.IN_HANDLING}) | PAUSED
CLOSED = frozenset(
    {State.REPLIED, State.ABANDONED, State.WITHDRAWN, State.DELIVERED, State.ARCHIVED}
)


class Action(StrEnum):
    ACCEPT = "accept"  # 确认受理 an online submission
    REQUEST_CORRECTION = "request_correction"  # 一次性告知补正
    RECORD_CORRECTION = "record_correction"  # 收到补正
    ABANDON = "abandon"  # 逾期不补正 / 逾期不缴费: 视为放弃申请
    START_HANDLING = "start_handling"
    CONSULT_THIRD_PARTY = "consult_third_party"
    CONSULT_OTHER_ORGAN = "consult_other_organ"
    ISSUE_FEE_NOTICE = "issue_fee_notice"
    END_CONSULTATION = "end_consultation"
    RECORD_PAYMENT = "record_payment"
    EXTEND = "extend"
    REPLY = "reply"
    DELIVER = "deliver"
    ARCHIVE = "archive"
    WITHDRAW = "withdraw"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.ACCEPT: "确认受理",
    Action.REQUEST_CORRECTION: "告知补正",
    Action.RECORD_CORRECTION: "登记补正",
    Action.ABANDON: "视为放弃申请",
    Action.START_HANDLING: "开始办理",
    Action.CONSULT_THIRD_PARTY: "征求第三方意见",
    Action.CONSULT_OTHER_ORGAN: "征求其他机关意见",
    Action.ISSUE_FEE_NOTICE: "发出收费通知",
    Action.END_CONSULTATION: "收到意见，恢复计时",
    Action.RECORD_PAYMENT: "登记缴费，恢复计时",
    Action.EXTEND: "延期答复",
    Action.REPLY: "答复",
    Action.DELIVER: "登记送达",
    Action.ARCHIVE: "归档",
    Action.WITHDRAW: "申请人撤回",
}

_HANDLING = (State.RECEIVED, State.IN_HANDLING)

# (action, from state) → to state. The only edges there are.
TRANSITIONS: dict[tuple[Action, State], State] = {
    (Action.ACCEPT, State.SUBMITTED): State.RECEIVED,
    (Action.REQUEST_CORRECTION, State.RECEIVED): State.CORRECTION_REQUESTED,
    (Action.RECORD_CORRECTION, State.CORRECTION_REQUESTED): State.IN_HANDLING,
    (Action.ABANDON, State.CORRECTION_REQUESTED): State.ABANDONED,
    (Action.ABANDON, State.AWAITING_FEE): State.ABANDONED,
    (Action.START_HANDLING, State.RECEIVED): State.IN_HANDLING,
    **{(Action.CONSULT_THIRD_PARTY, s): State.CONSULTING_THIRD_PARTY for s in _HANDLING},
    **{(Action.CONSULT_OTHER_ORGAN, s): State.CONSULTING_OTHER_ORGAN for s in _HANDLING},
    **{(Action.ISSUE_FEE_NOTICE, s): State.AWAITING_FEE for s in _HANDLING},
    (Action.END_CONSULTATION, State.CONSULTING_THIRD_PARTY): State.IN_HANDLING,
    (Action.END_CONSULTATION, State.CONSULTING_OTHER_ORGAN): State.IN_HANDLING,
    (Action.RECORD_PAYMENT, State.AWAITING_FEE): State.IN_HANDLING,
    # An extension changes the due date, not the state; it may be decided while paused too.
    **{(Action.EXTEND, s): s for s in (*_HANDLING, *PAUSED)},
    **{(Action.REPLY, s): State.REPLIED for s in _HANDLING},
    (Action.DELIVER, State.REPLIED): State.DELIVERED,
    (Action.DELIVER, State.ABANDONED): State.DELIVERED,
    (Action.ARCHIVE, State.DELIVERED): State.ARCHIVED,
    (Action.ARCHIVE, State.WITHDRAWN): State.ARCHIVED,
    **{(Action.WITHDRAW, s): State.WITHDRAWN for s in (State.SUBMITTED, *OPEN)},
}


class TransitionError(DomainError):
    """The action is not possible in the request's current state."""


def next_state(state: State | str, action: Action | str) -> State:
    state, action = State(state), Action(action)
    try:
        return TRANSITIONS[(action, state)]
    except KeyError:
        raise TransitionError(
            f"申请当前状态为“{state.label}”，不能执行“{action.label}”。"
        ) from None


def allowed_actions(state: State | str) -> list[Action]:
    """What may be done next, in the order of `Action` (the order of the handling steps)."""
    state = State(state)
    return [a for a in Action if (a, state) in TRANSITIONS]
