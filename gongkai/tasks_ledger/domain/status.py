"""A task's status (状态) is derived from facts, never stored, so it cannot drift from them."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    TaskStatus.NOT_STARTED: "未开始",
    TaskStatus.IN_PROGRESS: "推进中",
    TaskStatus.COMPLETED: "已完成",
    TaskStatus.OVERDUE: "逾期",
}


def task_status(
    *, deadline: date | None, has_progress: bool, closed: bool, today: date
) -> TaskStatus:
    """已完成 once the close-out (销号) is confirmed; otherwise 逾期 from the day after the
    deadline, whatever progress was reported; otherwise 推进中 or 未开始 by the reports."""
    if closed:
        return TaskStatus.COMPLETED
    if deadline is not None and today > deadline:
        return TaskStatus.OVERDUE
    return TaskStatus.IN_PROGRESS if has_progress else TaskStatus.NOT_STARTED
