"""The Chinese name of each finding kind, as clerks and bulletins read it."""

from __future__ import annotations

from . import findings as f

KIND_LABELS: dict[str, str] = {
    f.BROKEN_LINK: "链接不可用",
    f.PERSONAL_DATA: "泄露个人信息",
    f.WORDING: "严重表述错误",
    f.STALE_COLUMN: "栏目不更新",
    f.EMPTY_COLUMN: "空白栏目",
    f.HOME_NOT_UPDATED: "首页不更新",
    f.UNREACHABLE: "站点无法访问",
    f.NO_MESSAGE_CHANNEL: "未提供互动渠道",
    f.UNANSWERED_MESSAGE: "留言超过3个月未回应",
    f.ACCESSIBILITY: "无障碍问题",
    f.DUPLICATE_PLATFORM: "同一平台重复开设账号",
    f.STALE_ACCOUNT: "内容不更新",
    f.NO_INTERACTION: "无互动功能",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)
