"""The rules of public participation that come from texts, each with where it comes from.

Deadlines counted in working days (the opinion-response clocks) live with every other clock in
``gongkai/calendar/domain/rules.py``; this module holds the consultation period, which is a
span of calendar days, and the sentences the pages quote.
"""

from __future__ import annotations

from enum import StrEnum

# 《重大行政决策程序暂行条例》（国务院令第713号）第十四条：公开征求意见的期限一般不少于30日；因情况
# 紧急等原因需要缩短期限的，公开征求意见时应当予以说明.
MAJOR_DECISION_MIN_DAYS = 30
MAJOR_DECISION_BASIS = "《重大行政决策程序暂行条例》第十四条"

# 平政办发〔2023〕51号（五）: no feedback, no sign-off.
FEEDBACK_BEFORE_SIGN_OFF_BASIS = (
    "未经公众意见建议征集和结果反馈的，不得提交政府会议研究审定、不得进入公文审签程序"
    "（平政办发〔2023〕51号）"
)

# 平政办发〔2023〕51号（七）: where opinion responses are published.
OPINION_COLUMN_BASIS = "在“政务舆情回应”栏目内规范发布（平政办发〔2023〕51号）"


class Channel(StrEnum):
    """How the public may give its views (seeds 45号, 83号: 座谈会、听证会、书面征求意见、问卷调查…)."""

    ONLINE = "online"
    MAIL = "mail"
    EMAIL = "email"
    SYMPOSIUM = "symposium"
    HEARING = "hearing"
    QUESTIONNAIRE = "questionnaire"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(c.value, c.label) for c in cls]


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.ONLINE: "网上留言",
    Channel.MAIL: "信函",
    Channel.EMAIL: "电子邮件",
    Channel.SYMPOSIUM: "座谈会",
    Channel.HEARING: "听证会",
    Channel.QUESTIONNAIRE: "问卷调查",
}

# Comments staff enter by hand arrive through these (a questionnaire has its own answers).
OFFLINE_CHANNELS = (Channel.MAIL, Channel.EMAIL, Channel.SYMPOSIUM, Channel.HEARING)
