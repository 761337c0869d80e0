"""The standard a disclosure zone (政务公开专区) is built and inspected against, in the words of
the two texts that set it:

- 平政办发〔2023〕51号（十一）: 严格按照“三点”（电子查阅点、资料查阅点、公开申请咨询点）、“五统一”
  （统一功能定位、统一规划布局、统一标识标牌、统一设备配置、统一管理）的建设标准要求，通过设备标配、
  资源整合、资料更新，持续完善……政务公开专区的查阅检索、打印复印等功能。
- 积县政办发〔2021〕45号: 设立标识清楚、方便实用的政务公开专区，提供政府信息查询、信息公开申请、
  办事咨询答复等服务。

No text names what an inspector looks at under each 统一; the requirements below join each item
to the words of the two texts that speak to it, so that a clerk sees where it comes from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

PINGLIANG_51 = "平政办发〔2023〕51号（十一）"
JISHISHAN_45 = "积县政办发〔2021〕45号"


class ZoneRuleError(ValueError):
    """A zone or inspection fact breaks the standard; the message is a Chinese sentence."""


class Point(StrEnum):
    """The 三点 a zone offers (51号（十一））."""

    ELECTRONIC = "electronic"
    MATERIALS = "materials"
    CONSULTATION = "consultation"


POINT_LABELS: Mapping[Point, str] = {
    Point.ELECTRONIC: "电子查阅点",
    Point.MATERIALS: "资料查阅点",
    Point.CONSULTATION: "公开申请咨询点",
}


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    name: str
    requirement: str  # what the inspector checks, from the texts' words
    source: str


CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "function",
        "统一功能定位",
        "提供政府信息查询、信息公开申请、办事咨询答复等服务；具备查阅检索、打印复印等功能",
        f"{JISHISHAN_45}；{PINGLIANG_51}",
    ),
    ChecklistItem(
        "layout",
        "统一规划布局",
        "按“三点”设置电子查阅点、资料查阅点、公开申请咨询点",
        PINGLIANG_51,
    ),
    ChecklistItem(
        "signage",
        "统一标识标牌",
        "标识清楚、方便实用",
        f"{JISHISHAN_45}；{PINGLIANG_51}",
    ),
    ChecklistItem(
        "equipment",
        "统一设备配置",
        "设备标配：电子查阅（检索）设备和打印复印设备配备到位、运行正常",
        PINGLIANG_51,
    ),
    ChecklistItem(
        "management",
        "统一管理",
        "资源整合、资料更新：纸质资料和电子信息及时更新，有专人管理",
        PINGLIANG_51,
    ),
)

ITEMS: Mapping[str, ChecklistItem] = {item.code: item for item in CHECKLIST}


def missing_points(present: Iterable[Point]) -> list[Point]:
    """The 三点 a zone lacks, in the texts' order."""
    have = set(present)
    return [point for point in Point if point not in have]


@dataclass(frozen=True)
class ItemResult:
    code: str
    passed: bool
    note: str


def validate_results(results: Iterable[ItemResult]) -> list[ItemResult]:
    """The results in checklist order, once each item of the 五统一 is judged exactly once and
    every failure says what was found (it is the finding a unit must fix)."""
    by_code: dict[str, ItemResult] = {}
    for result in results:
        if result.code not in ITEMS:
            raise ZoneRuleError(f"检查项“{result.code}”不在“五统一”检查清单中。")
        if result.code in by_code:
            raise ZoneRuleError(f"检查项“{ITEMS[result.code].name}”重复。")
        by_code[result.code] = result
    missing = [item.name for item in CHECKLIST if item.code not in by_code]
    if missing:
        raise ZoneRuleError(f"请逐项填写检查结果：{'、'.join(missing)}尚未填写。")
    unexplained = [
        ITEMS[r.code].name for r in by_code.values() if not r.passed and not r.note.strip()
    ]
    if unexplained:
        raise ZoneRuleError(f"不合格的检查项须写明发现的问题：{'、'.join(unexplained)}。")
    return [by_code[item.code] for item in CHECKLIST]


class ZoneStatus(StrEnum):
    OPEN = "open"  # 开放
    SUSPENDED = "suspended"  # 暂停开放 (moving, repairs)
    CLOSED = "closed"  # 撤销: kept for its inspection history, no longer listed


STATUS_LABELS: Mapping[ZoneStatus, str] = {
    ZoneStatus.OPEN: "开放",
    ZoneStatus.SUSPENDED: "暂停开放",
    ZoneStatus.CLOSED: "已撤销",
}

TRANSITIONS: Mapping[ZoneStatus, frozenset[ZoneStatus]] = {
    ZoneStatus.OPEN: frozenset({ZoneStatus.SUSPENDED, ZoneStatus.CLOSED}),
    ZoneStatus.SUSPENDED: frozenset({ZoneStatus.OPEN, ZoneStatus.CLOSED}),
    ZoneStatus.CLOSED: frozenset(),
}


def check_transition(current: ZoneStatus, new: ZoneStatus) -> None:
    if new != current and new not in TRANSITIONS[current]:
        raise ZoneRuleError(
            f"专区状态不能从“{STATUS_LABELS[current]}”改为“{STATUS_LABELS[new]}”"
            "（已撤销的专区只保留记录）。"
        )


def inspections_due(status: ZoneStatus) -> bool:
    """Only a zone that is open is inspected; a suspended or closed one has nothing to check."""
    return status is ZoneStatus.OPEN
