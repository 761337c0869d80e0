"""重大行政决策事项目录 and the stages of a decision (《重大行政决策程序暂行条例》: 公众参与、专家论证、
风险评估、合法性审查、集体讨论决定), and the meetings and open days the public may attend."""

from __future__ import annotations

from enum import StrEnum

from gongkai.core.domain.errors import DomainError


class DecisionStatus(StrEnum):
    LISTED = "listed"
    CONSULTING = "consulting"
    EXPERT_REVIEW = "expert_review"
    LEGALITY_REVIEW = "legality_review"
    DELIBERATION = "deliberation"
    DECIDED = "decided"
    SUSPENDED = "suspended"
    REMOVED = "removed"

    @property
    def label(self) -> str:
        return DECISION_STATUS_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(s.value, s.label) for s in cls]


DECISION_STATUS_LABELS: dict[DecisionStatus, str] = {
    DecisionStatus.LISTED: "已列入目录",
    DecisionStatus.CONSULTING: "公开征求意见",
    DecisionStatus.EXPERT_REVIEW: "专家论证",
    DecisionStatus.LEGALITY_REVIEW: "合法性审查",
    DecisionStatus.DELIBERATION: "集体讨论决定",
    DecisionStatus.DECIDED: "已作出决策",
    DecisionStatus.SUSPENDED: "暂缓实施",
    DecisionStatus.REMOVED: "调出目录",
}

# The procedure's order; an item may skip a stage (not every decision needs an expert review)
# or be suspended or taken off the list, but never goes back once decided or removed.
_ORDER = (
    DecisionStatus.LISTED,
    DecisionStatus.CONSULTING,
    DecisionStatus.EXPERT_REVIEW,
    DecisionStatus.LEGALITY_REVIEW,
    DecisionStatus.DELIBERATION,
    DecisionStatus.DECIDED,
)
FINAL = frozenset({DecisionStatus.DECIDED, DecisionStatus.REMOVED})


def check_status_change(current: DecisionStatus | str, target: DecisionStatus | str) -> None:
    current, target = DecisionStatus(current), DecisionStatus(target)
    if current == target:
        raise DomainError(f"该事项已经是“{target.label}”。")
    if current in FINAL:
        raise DomainError(f"该事项已“{current.label}”，状态不能再改变。")
    if target in (DecisionStatus.SUSPENDED, DecisionStatus.REMOVED):
        return
    if current == DecisionStatus.SUSPENDED:
        return
    if _ORDER.index(target) < _ORDER.index(current):
        raise DomainError(f"决策程序不能从“{current.label}”退回“{target.label}”。")


class AttendeeCategory(StrEnum):
    """列席人员 (积县政办发〔2021〕45号: 利益相关方、群众代表、专家、媒体)."""

    STAKEHOLDER = "stakeholder"
    RESIDENT = "resident"
    EXPERT = "expert"
    MEDIA = "media"

    @property
    def label(self) -> str:
        return ATTENDEE_CATEGORY_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(c.value, c.label) for c in cls]


ATTENDEE_CATEGORY_LABELS: dict[AttendeeCategory, str] = {
    AttendeeCategory.STAKEHOLDER: "利益相关方",
    AttendeeCategory.RESIDENT: "群众代表",
    AttendeeCategory.EXPERT: "专家",
    AttendeeCategory.MEDIA: "媒体",
}


class ApplicationState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return APPLICATION_STATE_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(s.value, s.label) for s in cls]


APPLICATION_STATE_LABELS: dict[ApplicationState, str] = {
    ApplicationState.PENDING: "待审核",
    ApplicationState.APPROVED: "已同意列席",
    ApplicationState.DECLINED: "未同意",
}


class EventPhase(StrEnum):
    """A meeting open to the public or a 政府开放日: prepared, announced (applications or
    registrations taken until the closing time), held, and its record published."""

    DRAFT = "draft"
    ANNOUNCED = "announced"
    HELD = "held"
    RECORD_PUBLISHED = "record_published"

    @property
    def label(self) -> str:
        return EVENT_PHASE_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(p.value, p.label) for p in cls]


EVENT_PHASE_LABELS: dict[EventPhase, str] = {
    EventPhase.DRAFT: "草稿",
    EventPhase.ANNOUNCED: "已发布",
    EventPhase.HELD: "已举行",
    EventPhase.RECORD_PUBLISHED: "已公布结果",
}

EVENT_TRANSITIONS: dict[EventPhase, frozenset[EventPhase]] = {
    EventPhase.DRAFT: frozenset({EventPhase.ANNOUNCED}),
    EventPhase.ANNOUNCED: frozenset({EventPhase.HELD}),
    EventPhase.HELD: frozenset({EventPhase.RECORD_PUBLISHED}),
    EventPhase.RECORD_PUBLISHED: frozenset(),
}


def check_event_transition(current: EventPhase | str, target: EventPhase) -> None:
    current = EventPhase(current)
    if target not in EVENT_TRANSITIONS[current]:
        raise DomainError(f"当前状态为“{current.label}”，不能改为“{target.label}”。")


MAX_PARTY_SIZE = 5  # 政府开放日: one registration brings at most this many people


def seats_problem(requested: int, taken: int, capacity: int) -> str:
    """ "" when ``requested`` places fit, else the refusal."""
    if requested < 1 or requested > MAX_PARTY_SIZE:
        return f"每次报名人数为1至{MAX_PARTY_SIZE}人。"
    if taken + requested > capacity:
        left = max(capacity - taken, 0)
        return f"名额不足：剩余{left}个名额。" if left else "名额已满，报名已截止。"
    return ""
