"""政务舆情回应: the register of public-opinion items and their clocks.

平政办发〔2023〕51号（七）: 检测收集、分析研判、归口报送、应对处理、公开回应, published in the
“政务舆情回应” column. An item is recorded (检测收集), assessed (分析研判: 回应价值 and reasons),
reported to the supervising office (归口报送), handled (应对处理) and answered in public
(公开回应), or closed without a public response when its assessment says none is due.

The response clock runs from the day the item was detected, in working days, by the item's
value: high-value (major) items and medium ones have their own rule in the deadline engine
(``opinion-response-major``, ``opinion-response``), which a deployment may change with
``GONGKAI_DEADLINE_DAYS``; a low-value item has no clock.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from gongkai.core.domain.errors import DomainError


class Source(StrEnum):
    MEDIA = "media"
    ONLINE = "online"
    HOTLINE = "hotline"
    MESSAGE = "message"

    @property
    def label(self) -> str:
        return SOURCE_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(s.value, s.label) for s in cls]


SOURCE_LABELS: dict[Source, str] = {
    Source.MEDIA: "新闻媒体",
    Source.ONLINE: "网络平台",
    Source.HOTLINE: "12345热线",
    Source.MESSAGE: "政民互动留言",
}


class Value(StrEnum):
    """回应价值: how much a public response matters."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def label(self) -> str:
        return VALUE_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(v.value, v.label) for v in cls]


VALUE_LABELS: dict[Value, str] = {
    Value.HIGH: "高（重大舆情）",
    Value.MEDIUM: "中",
    Value.LOW: "低（无需公开回应）",
}

CLOCK_RULES: dict[Value, str] = {
    Value.HIGH: "opinion-response-major",
    Value.MEDIUM: "opinion-response",
}


def clock_rule(value: Value | str) -> str | None:
    """The deadline rule a response of this value runs on; None: no public response is due."""
    return CLOCK_RULES.get(Value(value))


class OpinionState(StrEnum):
    NEW = "new"
    ASSESSED = "assessed"
    RESPONDED = "responded"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(s.value, s.label) for s in cls]


STATE_LABELS: dict[OpinionState, str] = {
    OpinionState.NEW: "待研判",
    OpinionState.ASSESSED: "处置中",
    OpinionState.RESPONDED: "已公开回应",
    OpinionState.CLOSED: "已办结（未公开回应）",
}

OPEN_STATES = frozenset({OpinionState.NEW, OpinionState.ASSESSED})


class Step(StrEnum):
    ASSESS = "assess"
    REPORT = "report"
    HANDLE = "handle"
    RESPOND = "respond"
    CLOSE = "close"


STEPS: dict[Step, frozenset[OpinionState]] = {
    # A new assessment may follow new facts: an assessed item is assessed again.
    Step.ASSESS: frozenset({OpinionState.NEW, OpinionState.ASSESSED}),
    Step.REPORT: frozenset({OpinionState.NEW, OpinionState.ASSESSED}),
    Step.HANDLE: frozenset({OpinionState.ASSESSED}),
    Step.RESPOND: frozenset({OpinionState.ASSESSED}),
    Step.CLOSE: frozenset({OpinionState.ASSESSED}),
}

STEP_LABELS: dict[Step, str] = {
    Step.ASSESS: "分析研判",
    Step.REPORT: "归口报送",
    Step.HANDLE: "应对处理",
    Step.RESPOND: "公开回应",
    Step.CLOSE: "办结（不公开回应）",
}


def allowed_steps(state: OpinionState | str) -> list[Step]:
    state = OpinionState(state)
    return [step for step, states in STEPS.items() if state in states]


def check_step(state: OpinionState | str, step: Step) -> None:
    state = OpinionState(state)
    if state not in STEPS[step]:
        raise DomainError(f"该舆情当前状态为“{state.label}”，不能进行“{STEP_LABELS[step]}”。")


def close_problems(value: Value | str | None, reason: str) -> list[str]:
    """An item is closed without a public response only when assessed as not needing one, or
    with a reason why none is given."""
    if value == Value.LOW or reason.strip():
        return []
    return ["研判为需要回应的舆情不公开回应而办结的，须写明理由。"]


def is_overdue(state: OpinionState | str, due: date | None, today: date) -> bool:
    return OpinionState(state) in OPEN_STATES and due is not None and today > due
