"""The 单项否决 items of 国办秘函〔2019〕19号 decided from a site's findings.

A site with any of them is 不合格 and its deduction items are not scored (statutes.md §4.1).
Items decided from the checker's findings:

1. 安全、泄密事故等严重问题: a serious wording error (``wording`` with ``serious``), or personal
   data published (``personal_data``): an ID card, mobile or bank card number on a public page is
   a leak of personal information, which the platform treats as 泄密 under this item.
2. 站点无法访问: an ``unreachable`` finding (a day whose probes fail the availability rule).
3. 首页不更新: a ``home_not_updated`` finding.
4. 栏目不更新: ``STALE_KEY_COLUMNS_VETO`` or more news or notice/policy columns not updated,
   ``STALE_COLUMNS_VETO`` or more columns of any kind not updated, or ``EMPTY_COLUMNS_VETO`` or
   more empty columns.
5. 互动回应差: ``no_message_channel``, or any ``unanswered_message`` (a message open more than
   three months, found by the messages module).

Item 6 (服务不实用) needs the service guide's elements and is not decided by the checker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gongkai.supervision.domain import rules
from gongkai.supervision.domain.columns import NEWS, NOTICE, column_kind
from gongkai.supervision.domain.findings import (
    EMPTY_COLUMN,
    HOME_NOT_UPDATED,
    NO_MESSAGE_CHANNEL,
    PERSONAL_DATA,
    STALE_COLUMN,
    UNANSWERED_MESSAGE,
    UNREACHABLE,
    WORDING,
    Finding,
)

SOURCE = "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》单项否决指标"

NAMES = {
    1: "安全、泄密事故等严重问题",
    2: "站点无法访问",
    3: "首页不更新",
    4: "栏目不更新",
    5: "互动回应差",
}


@dataclass(frozen=True)
class VetoItem:
    number: int
    name: str
    why: str
    pages: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "name": self.name,
            "why": self.why,
            "pages": list(self.pages),
        }


def _pages(findings: Iterable[Finding]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(finding.url for finding in findings))


def _item(number: int, why: str, findings: list[Finding]) -> VetoItem:
    return VetoItem(number, NAMES[number], why, _pages(findings))


def decide_veto(
    findings: Iterable[Finding], *, column_kinds: dict[str, str] | None = None
) -> list[VetoItem]:
    """The veto items that fire, in the indicator's order. ``column_kinds`` maps a column's name
    to its kind (``columns.NEWS`` …) for item 4 (1); without it the kind is read from the name."""
    by_kind: dict[str, list[Finding]] = {}
    for finding in findings:
        by_kind.setdefault(finding.kind, []).append(finding)
    fired = []

    serious = [f for f in by_kind.get(WORDING, []) if f.serious]
    leaks = by_kind.get(PERSONAL_DATA, [])
    if serious or leaks:
        reasons = []
        if serious:
            reasons.append(f"{len(serious)} 处严重表述错误")
        if leaks:
            reasons.append(f"{len(leaks)} 处公开了个人信息（按泄密处理）")
        fired.append(_item(1, "出现 " + "、".join(reasons), serious + leaks))

    if unreachable := by_kind.get(UNREACHABLE, []):
        fired.append(
            _item(
                2,
                f"当日超过（含）{rules.PROBE_SLOW_SECONDS:g} 秒仍打不开的访问占比超过（含）"
                f"{rules.PROBE_FAILED_SHARE:.0%}",
                unreachable,
            )
        )

    if home := by_kind.get(HOME_NOT_UPDATED, []):
        fired.append(_item(3, f"首页 {rules.HOME_STALE_DAYS} 天内无信息更新", home))

    stale = by_kind.get(STALE_COLUMN, [])
    kinds = column_kinds or {}
    key = [f for f in stale if kinds.get(f.column, column_kind(f.column)) in (NEWS, NOTICE)]
    empty = by_kind.get(EMPTY_COLUMN, [])
    reasons, pages = [], []
    if len(key) >= rules.STALE_KEY_COLUMNS_VETO:
        reasons.append(f"{len(key)} 个动态要闻、通知公告或政策文件类栏目未按期更新")
        pages += key
    if len(stale) >= rules.STALE_COLUMNS_VETO:
        reasons.append(f"{len(stale)} 个栏目长期未更新")
        pages += stale
    if len(empty) >= rules.EMPTY_COLUMNS_VETO:
        reasons.append(f"{len(empty)} 个空白栏目")
        pages += empty
    if reasons:
        fired.append(_item(4, "；".join(reasons), pages))

    no_channel = by_kind.get(NO_MESSAGE_CHANNEL, [])
    unanswered = by_kind.get(UNANSWERED_MESSAGE, [])
    if no_channel or unanswered:
        reasons = []
        if no_channel:
            reasons.append("未提供网上有效咨询建言渠道")
        if unanswered:
            reasons.append(f"{len(unanswered)} 条留言超过 {rules.UNANSWERED_MONTHS} 个月未回应")
        fired.append(_item(5, "；".join(reasons), no_channel + unanswered))
    return fired
