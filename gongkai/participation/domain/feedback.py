"""结果反馈: what became of each comment, and when the 意见采纳情况说明 may be published.

Every comment gets one disposition with reasons; several comments may share one answer (a
grouped reply). Answers are held back while the consultation runs and published all together
with the 采纳情况说明 (as Decidim publishes answers in bulk), which then shows the counts by
disposition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Disposition(StrEnum):
    ADOPTED = "adopted"
    PARTLY_ADOPTED = "partly_adopted"
    NOT_ADOPTED = "not_adopted"
    OUT_OF_SCOPE = "out_of_scope"

    @property
    def label(self) -> str:
        return DISPOSITION_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(d.value, d.label) for d in cls]


DISPOSITION_LABELS: dict[Disposition, str] = {
    Disposition.ADOPTED: "采纳",
    Disposition.PARTLY_ADOPTED: "部分采纳",
    Disposition.NOT_ADOPTED: "未采纳",
    Disposition.OUT_OF_SCOPE: "不属于征求范围",
}


@dataclass(frozen=True)
class Tally:
    disposition: Disposition
    count: int
    percent: float

    @property
    def label(self) -> str:
        return self.disposition.label


def tally(counts: Mapping[str, int]) -> list[Tally]:
    """One row per disposition, in the order of the enum, with its share of the answered
    comments (0 when there are none)."""
    total = sum(counts.get(d.value, 0) for d in Disposition)
    return [
        Tally(
            d,
            counts.get(d.value, 0),
            round(100 * counts.get(d.value, 0) / total, 1) if total else 0.0,
        )
        for d in Disposition
    ]


def answer_problems(disposition: str, reason: str, comment_count: int) -> list[str]:
    """What is wrong with an answer before it is saved."""
    problems = []
    if disposition not in {d.value for d in Disposition}:
        problems.append("请选择处理结果：采纳、部分采纳、未采纳或不属于征求范围。")
    if not reason.strip():
        problems.append("请写明理由（采纳的写明如何修改，未采纳的写明原因）。")
    if comment_count < 1:
        problems.append("请至少选择一条意见。")
    return problems


def publication_problems(*, unanswered: int, summary: str) -> list[str]:
    """Why the 意见采纳情况说明 cannot be published yet."""
    problems = []
    if unanswered:
        problems.append(
            f"还有 {unanswered} 条意见没有处理结果；每条意见都须答复后才能发布结果反馈。"
        )
    if not summary.strip():
        problems.append("请填写意见采纳情况的总体说明。")
    return problems
