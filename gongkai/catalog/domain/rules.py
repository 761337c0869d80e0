"""公开时限: the machine rule behind an item's time limit, read from the words catalogs use.

A catalog prints the time limit as text (信息形成或者变更之日起20个工作日内, 每季度, 每年1月底前 …);
the gap check needs a rule it can compute with. ``parse_time_rule`` reads the usual phrasings;
a text it cannot read yields ``None`` and staff choose the rule themselves.

Pure: no Django.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# 《中华人民共和国政府信息公开条例》第二十六条: information to be disclosed proactively is
# published within 20 working days of being formed or changed. It is also what “及时” means
# in a catalog's time limit, and the grace an item with no other rule has after its adoption.
STATUTORY_WORKDAYS = 20
MAX_WORKDAYS = 250  # about a year of working days: anything longer is not a time limit


class RuleError(ValueError):
    """A rule that cannot exist; ``str(error)`` is a Chinese sentence."""


class RuleKind(StrEnum):
    WORKDAYS = "workdays"  # within N working days of being formed or changed
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "halfyearly"
    YEARLY = "yearly"
    ONGOING = "ongoing"  # 长期公开、动态更新: no period, but never empty

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    RuleKind.WORKDAYS: "形成或变更后N个工作日内",
    RuleKind.MONTHLY: "每月",
    RuleKind.QUARTERLY: "每季度",
    RuleKind.HALF_YEARLY: "每半年",
    RuleKind.YEARLY: "每年",
    RuleKind.ONGOING: "长期公开、动态更新",
}
PERIODIC = frozenset({RuleKind.MONTHLY, RuleKind.QUARTERLY, RuleKind.HALF_YEARLY, RuleKind.YEARLY})
_MONTHS = {RuleKind.MONTHLY: 1, RuleKind.QUARTERLY: 3, RuleKind.HALF_YEARLY: 6, RuleKind.YEARLY: 12}


@dataclass(frozen=True)
class TimeRule:
    kind: RuleKind
    days: int | None = None  # working days, for WORKDAYS only

    def __post_init__(self) -> None:
        if self.kind is RuleKind.WORKDAYS:
            if not isinstance(self.days, int) or not 1 <= self.days <= MAX_WORKDAYS:
                raise RuleError(f"工作日数应为1到{MAX_WORKDAYS}之间的整数。")
        elif self.days is not None:
            raise RuleError(f"“{self.kind.label}”的时限规则不带天数。")

    @property
    def code(self) -> str:
        """``workdays:20``, ``monthly``, ``quarterly``, ``halfyearly``, ``yearly``, ``ongoing``."""
        return f"{self.kind}:{self.days}" if self.kind is RuleKind.WORKDAYS else str(self.kind)

    @property
    def label(self) -> str:
        if self.kind is RuleKind.WORKDAYS:
            return f"信息形成或者变更之日起{self.days}个工作日内"
        return self.kind.label

    @classmethod
    def from_code(cls, code: str) -> TimeRule:
        kind, _, days = (code or "").strip().partition(":")
        try:
            rule_kind = RuleKind(kind)
        except ValueError:
            raise RuleError(f"未知的时限规则“{code}”。") from None
        if rule_kind is RuleKind.WORKDAYS:
            if not days.isdigit():
                raise RuleError(f"时限规则“{code}”缺少工作日数，如 workdays:20。")
            return cls(rule_kind, int(days))
        if days:
            raise RuleError(f"时限规则“{code}”不应带天数。")
        return cls(rule_kind)


STATUTORY_RULE = TimeRule(RuleKind.WORKDAYS, STATUTORY_WORKDAYS)

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """``20``, ``二十``, ``十五``, ``三十``, ``七`` → the number; None if it is not one."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + _DIGITS[ch]
    return total + current


_NUMBER = r"(\d+|[零〇一二两三四五六七八九十百]+)"
_WORKDAYS = re.compile(_NUMBER + r"个?工作日")
_CALENDAR_DAYS = re.compile(_NUMBER + r"(?:个自然日|日|天)(?:内|以内|之内)")
# Periodic words first: 每季度结束后15个工作日内 is a quarterly item.
_PERIODIC = (
    (RuleKind.MONTHLY, re.compile(r"每月|按月|逐月|月度|每个月")),
    (RuleKind.QUARTERLY, re.compile(r"每季|按季|季度")),
    (RuleKind.HALF_YEARLY, re.compile(r"每半年|半年度|按半年")),
    (RuleKind.YEARLY, re.compile(r"每年|按年|逐年|年度|每一年")),
)
_ONGOING = re.compile(r"长期|常态|实时|动态|持续|常年|随时")
_PROMPTLY = re.compile(r"及时")


def parse_time_rule(text: str) -> TimeRule | None:
    """The rule a time-limit text states, or None when it states none this module knows.

    ``N日内`` (calendar days) is not read as working days: it would loosen the limit. Such a
    text needs a rule chosen by a person.
    """
    word = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    if not word:
        return None
    for kind, pattern in _PERIODIC:
        if pattern.search(word):
            return TimeRule(kind)
    if match := _WORKDAYS.search(word):
        days = chinese_number(match[1])
        if days is not None and 1 <= days <= MAX_WORKDAYS:
            return TimeRule(RuleKind.WORKDAYS, days)
        return None
    if _CALENDAR_DAYS.search(word):
        return None
    if _ONGOING.search(word):
        return TimeRule(RuleKind.ONGOING)
    if _PROMPTLY.search(word):
        return STATUTORY_RULE
    return None


# --- Periods ---------------------------------------------------------------------------------


def period_start(kind: RuleKind, day: date) -> date:
    """The first day of the month, quarter, half-year or year that contains ``day``."""
    months = _MONTHS[kind]
    month = (day.month - 1) // months * months + 1
    return date(day.year, month, 1)


def previous_period(kind: RuleKind, day: date) -> tuple[date, date]:
    """The last complete period before the one containing ``day``: (first day, last day)."""
    end = period_start(kind, day) - timedelta(days=1)
    return period_start(kind, end), end


_QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")


def period_label(kind: RuleKind, start: date) -> str:
    """``2026年10月``, ``2026年第三季度``, ``2026年上半年``, ``2026年``."""
    if kind is RuleKind.MONTHLY:
        return f"{start.year}年{start.month}月"
    if kind is RuleKind.QUARTERLY:
        return f"{start.year}年{_QUARTERS[(start.month - 1) // 3]}"
    if kind is RuleKind.HALF_YEARLY:
        return f"{start.year}年{'上' if start.month <= 6 else '下'}半年"
    return f"{start.year}年"
