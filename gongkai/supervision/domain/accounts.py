"""New-media accounts (政务新媒体): platforms, statuses and the checks that need no database.

Sources: 「一个单位原则上在同一第三方平台只开设一个账号」 (平政办发〔2023〕51号 (十), after
国办发〔2018〕123号); 国办秘函〔2019〕19号 new-media vetoes 「内容不更新」 (monitored: no post in the
2 weeks before the check day) and 「互动回应差」 (no interaction function).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .findings import DUPLICATE_PLATFORM, NO_INTERACTION, STALE_ACCOUNT

# 国办秘函〔2019〕19号, 政务新媒体「内容不更新」: 监测时间点前2周内无更新.
STALE_AFTER_DAYS = 14


class Platform(StrEnum):
    WECHAT = "wechat"
    WEIBO = "weibo"
    DOUYIN = "douyin"
    KUAISHOU = "kuaishou"
    TOUTIAO = "toutiao"
    BILIBILI = "bilibili"
    XIAOHONGSHU = "xiaohongshu"
    OTHER = "other"


PLATFORM_LABELS: dict[Platform, str] = {
    Platform.WECHAT: "微信",
    Platform.WEIBO: "微博",
    Platform.DOUYIN: "抖音",
    Platform.KUAISHOU: "快手",
    Platform.TOUTIAO: "今日头条",
    Platform.BILIBILI: "哔哩哔哩",
    Platform.XIAOHONGSHU: "小红书",
    Platform.OTHER: "其他",
}


class AccountKind(StrEnum):
    PUBLISHING = "publishing"  # 发布类
    SERVICE = "service"  # 服务类


ACCOUNT_KIND_LABELS = {AccountKind.PUBLISHING: "发布", AccountKind.SERVICE: "服务"}


class AccountStatus(StrEnum):
    ACTIVE = "active"
    MERGING = "merging"
    CLOSING = "closing"
    CLOSED = "closed"


STATUS_LABELS: dict[AccountStatus, str] = {
    AccountStatus.ACTIVE: "正常运维",
    AccountStatus.MERGING: "整合中",
    AccountStatus.CLOSING: "关停中",
    AccountStatus.CLOSED: "已关停",
}

# An account being merged or closed goes through its steps; a closed one stays closed (a unit
# that needs the channel again registers a new account, which the office must approve anew).
TRANSITIONS: dict[AccountStatus, frozenset[AccountStatus]] = {
    AccountStatus.ACTIVE: frozenset({AccountStatus.MERGING, AccountStatus.CLOSING}),
    AccountStatus.MERGING: frozenset(
        {AccountStatus.ACTIVE, AccountStatus.CLOSING, AccountStatus.CLOSED}
    ),
    AccountStatus.CLOSING: frozenset({AccountStatus.ACTIVE, AccountStatus.CLOSED}),
    AccountStatus.CLOSED: frozenset(),
}


class TransitionError(ValueError):
    """A status change the table does not allow; the message is Chinese."""


def check_transition(current: AccountStatus, new: AccountStatus) -> None:
    if new not in TRANSITIONS[current]:
        raise TransitionError(
            f"账号状态不能从“{STATUS_LABELS[current]}”改为“{STATUS_LABELS[new]}”。"
        )


@dataclass(frozen=True)
class AccountFacts:
    """What the checks read of one account."""

    unit: str  # the unit's code: duplicates are counted per unit
    unit_name: str
    platform: Platform
    name: str
    account_id: str
    status: AccountStatus
    last_post_on: date | None
    has_interaction: bool


@dataclass(frozen=True)
class AccountFinding:
    kind: str
    unit: str
    unit_name: str
    platform: Platform
    account_id: str
    detail: str

    def as_json(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "unit": self.unit,
            "platform": self.platform.value,
            "account_id": self.account_id,
            "detail": self.detail,
        }


def is_stale(last_post_on: date | None, on: date) -> bool:
    """No post in the 14 days before ``on`` (the check day itself does not count)."""
    return last_post_on is None or last_post_on < on - timedelta(days=STALE_AFTER_DAYS)


def check_accounts(accounts: list[AccountFacts], on: date) -> list[AccountFinding]:
    """The findings on ``on``, in a stable order (unit, platform, account, kind). Only active
    accounts are checked: one being merged or closed is already being dealt with."""
    active = [a for a in accounts if a.status is AccountStatus.ACTIVE]
    found: list[AccountFinding] = []
    by_unit_platform: dict[tuple[str, Platform], list[AccountFacts]] = {}
    for account in active:
        by_unit_platform.setdefault((account.unit, account.platform), []).append(account)
    for (_unit, platform), group in by_unit_platform.items():
        if len(group) < 2:
            continue
        names = "、".join(f"“{a.name}”" for a in sorted(group, key=lambda a: a.account_id))
        for account in group:
            found.append(
                AccountFinding(
                    DUPLICATE_PLATFORM,
                    account.unit,
                    account.unit_name,
                    platform,
                    account.account_id,
                    f"{account.unit_name}在{PLATFORM_LABELS[platform]}开设了{len(group)}个"
                    f"正常运维的账号（{names}），一个单位原则上在同一平台只开设一个账号。",
                )
            )
    for account in active:
        if is_stale(account.last_post_on, on):
            since = (
                f"最后更新于{account.last_post_on:%Y年%m月%d日}"
                if account.last_post_on
                else "没有更新记录"
            )
            found.append(
                AccountFinding(
                    STALE_ACCOUNT,
                    account.unit,
                    account.unit_name,
                    account.platform,
                    account.account_id,
                    f"“{account.name}”在检查日前{STALE_AFTER_DAYS}天内无更新（{since}）。",
                )
            )
        if not account.has_interaction:
            found.append(
                AccountFinding(
                    NO_INTERACTION,
                    account.unit,
                    account.unit_name,
                    account.platform,
                    account.account_id,
                    f"“{account.name}”未提供有效的互动功能（留言、评论或私信）。",
                )
            )
    order = {DUPLICATE_PLATFORM: 0, STALE_ACCOUNT: 1, NO_INTERACTION: 2}
    return sorted(found, key=lambda f: (f.unit, f.platform.value, f.account_id, order[f.kind]))
