"""公开属性 (disclosure attribute) and its statutory grounds, fixed at source (源头认定).

A document's attribute is chosen while it is drafted; 依申请公开 and 不予公开 need a ground from
the 条例 plus the drafter's own reason. Keys of the withholding grounds follow the annual report's
不予公开 rows so that one vocabulary runs from drafting to the yearly figures.
"""

from __future__ import annotations

from enum import StrEnum


class Disclosure(StrEnum):
    PROACTIVE = "proactive"  # 主动公开
    ON_REQUEST = "on_request"  # 依申请公开
    NOT_DISCLOSED = "not_disclosed"  # 不予公开

    @property
    def label(self) -> str:
        return DISCLOSURE_LABELS[self]


DISCLOSURE_LABELS = {
    Disclosure.PROACTIVE: "主动公开",
    Disclosure.ON_REQUEST: "依申请公开",
    Disclosure.NOT_DISCLOSED: "不予公开",
}

# ground key → (label shown to staff, the article it rests on)
WITHHOLDING_GROUNDS: dict[str, tuple[str, str]] = {
    "state_secret": ("属于国家秘密", "《政府信息公开条例》第十四条"),
    "law_prohibits": ("法律、行政法规禁止公开", "《政府信息公开条例》第十四条"),
    "three_safety": (
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
        "《政府信息公开条例》第十四条",
    ),
    "third_party": (
        "涉及商业秘密、个人隐私等，公开会损害第三方合法权益",
        "《政府信息公开条例》第十五条",
    ),
    "internal_affairs": (
        "内部事务信息（人事管理、后勤管理、内部工作流程等）",
        "《政府信息公开条例》第十六条第一款",
    ),
    "process_info": (
        "过程性信息（讨论记录、过程稿、磋商信函、请示报告等）",
        "《政府信息公开条例》第十六条第二款",
    ),
    "enforcement_file": ("行政执法案卷信息", "《政府信息公开条例》第十六条第二款"),
    "specific_applicants": (
        "只涉及特定对象、不宜向社会公开，可依申请提供",
        "《政府信息公开条例》第十九条、第二十七条",
    ),
}


def ground_choices() -> list[tuple[str, str]]:
    return [(key, f"{label}（{article}）") for key, (label, article) in WITHHOLDING_GROUNDS.items()]


def attribute_problems(disclosure: str, ground: str, reason: str) -> list[str]:
    """Why this attribute cannot stand, in Chinese; empty when it is complete and consistent."""
    if not disclosure:
        return [
            "尚未确定公开属性：请在呈签前选择主动公开、依申请公开或不予公开（先确定公开属性、再运转呈签）。"
        ]
    problems = []
    if disclosure != Disclosure.PROACTIVE:
        if ground not in WITHHOLDING_GROUNDS:
            problems.append("选择依申请公开或不予公开时，须选择《政府信息公开条例》规定的理由。")
        if not reason.strip():
            problems.append("选择依申请公开或不予公开时，须写明具体理由。")
    return problems
