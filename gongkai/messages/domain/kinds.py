"""What a message is: its kind (which clock answers it), the channel it came by, why it may be
closed as invalid, and how the citizen rated the answer. Pure Python: no Django imports."""

from __future__ import annotations

from enum import StrEnum


class MessageKind(StrEnum):
    CORRECTION = "correction"  # 我为政府网站找错
    CONSULTATION = "consultation"  # 咨询
    SIMPLE = "simple"  # 简单常见问题: a consultation staff classify as simple
    SUGGESTION = "suggestion"  # 建议
    COMPLAINT = "complaint"  # 投诉

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def rule_key(self) -> str:
        """The deadline engine's rule (gongkai/calendar/domain/rules.py) that answers it."""
        return RULE_KEYS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(k.value, k.label) for k in cls]


KIND_LABELS: dict[MessageKind, str] = {
    MessageKind.CORRECTION: "我为政府网站找错",
    MessageKind.CONSULTATION: "咨询",
    MessageKind.SIMPLE: "简单常见问题",
    MessageKind.SUGGESTION: "建议",
    MessageKind.COMPLAINT: "投诉",
}

RULE_KEYS: dict[MessageKind, str] = {
    MessageKind.CORRECTION: "message-error-report",
    MessageKind.CONSULTATION: "message-consultation",
    MessageKind.SIMPLE: "message-simple",
    MessageKind.SUGGESTION: "message-suggestion",
    MessageKind.COMPLAINT: "message-complaint",
}

# What a citizen chooses on the form; 简单常见问题 is the office's classification of a question.
CITIZEN_KINDS = (
    MessageKind.CORRECTION,
    MessageKind.CONSULTATION,
    MessageKind.SUGGESTION,
    MessageKind.COMPLAINT,
)

THREE_MONTH_RULE = "message-three-months"


class Channel(StrEnum):
    WEB = "web"
    HOTLINE = "hotline"  # 12345 政务服务便民热线 work orders
    PHONE = "phone"
    LETTER = "letter"
    IMPORTED = "imported"  # an office's past ledger (gongkai messages import)

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(c.value, c.label) for c in cls]


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.WEB: "网站留言",
    Channel.HOTLINE: "12345热线",
    Channel.PHONE: "电话",
    Channel.LETTER: "信件",
    Channel.IMPORTED: "历史台账导入",
}

# Channels staff register by hand (登记留言).
REGISTERED_CHANNELS = (Channel.PHONE, Channel.LETTER)


class InvalidReason(StrEnum):
    SPAM = "spam"
    ABUSE = "abuse"
    DUPLICATE = "duplicate"
    UNRELATED = "unrelated"

    @property
    def label(self) -> str:
        return INVALID_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(r.value, r.label) for r in cls]


INVALID_LABELS: dict[InvalidReason, str] = {
    InvalidReason.SPAM: "广告、垃圾信息",
    InvalidReason.ABUSE: "辱骂、攻击等不文明内容",
    InvalidReason.DUPLICATE: "重复留言",
    InvalidReason.UNRELATED: "内容无实际诉求或无法辨认",
}


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    BASICALLY = "basically"
    DISSATISFIED = "dissatisfied"

    @property
    def label(self) -> str:
        return SATISFACTION_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(s.value, s.label) for s in cls]


SATISFACTION_LABELS: dict[Satisfaction, str] = {
    Satisfaction.SATISFIED: "满意",
    Satisfaction.BASICALLY: "基本满意",
    Satisfaction.DISSATISFIED: "不满意",
}

# Units a citizen may address: administrative bodies. A village or community committee's
# matters go to its township, which the form says.
ACCEPTING_UNIT_KINDS = ("government", "department", "township", "other")
