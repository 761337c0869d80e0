"""The vocabularies of a policy's criteria and an enterprise's profile, and the platform's own
numbers for the mail it sends (no statute sets them)."""

from __future__ import annotations

from enum import StrEnum


class Size(StrEnum):
    """统计上大中小微型企业划分办法（2017）: the enterprise declares its size."""

    LARGE = "large"
    MEDIUM = "medium"
    SMALL = "small"
    MICRO = "micro"


SIZE_LABELS: dict[Size, str] = {
    Size.LARGE: "大型",
    Size.MEDIUM: "中型",
    Size.SMALL: "小型",
    Size.MICRO: "微型",
}


class SubjectType(StrEnum):
    """市场主体类型, as the 统一社会信用代码's prefix names them (91, 92, 93)."""

    ENTERPRISE = "enterprise"
    INDIVIDUAL = "individual"
    COOPERATIVE = "cooperative"


SUBJECT_TYPE_LABELS: dict[SubjectType, str] = {
    SubjectType.ENTERPRISE: "企业",
    SubjectType.INDIVIDUAL: "个体工商户",
    SubjectType.COOPERATIVE: "农民专业合作社",
}


class ApplyMode(StrEnum):
    APPLY = "apply"  # 依申请兑现
    AUTOMATIC = "automatic"  # 免申即享


APPLY_MODE_LABELS: dict[ApplyMode, str] = {
    ApplyMode.APPLY: "申请兑现",
    ApplyMode.AUTOMATIC: "免申即享",
}

# An enterprise is reminded of a policy's application deadline this many days before it, and
# once more on the last day (a platform choice: a week leaves time to gather the materials).
REMINDER_DAYS_BEFORE = 7
# A self-registration is confirmed from its e-mail within this many days, or it lapses.
CONFIRMATION_DAYS = 3
# Separator of lists in a CSV cell (issue 18).
LIST_SEPARATOR = ";"
