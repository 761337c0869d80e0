from datetime import date

import pytest

from gongkai.tasks_ledger.domain.status import TaskStatus, task_status

DEADLINE = date(2025, 6, 30)


@pytest.mark.parametrize(
    ("deadline", "has_progress", "closed", "today", "expected"),
    [
        (DEADLINE, False, False, date(2025, 6, 1), TaskStatus.NOT_STARTED),
        (DEADLINE, True, False, date(2025, 6, 1), TaskStatus.IN_PROGRESS),
        (DEADLINE, True, False, DEADLINE, TaskStatus.IN_PROGRESS),  # due today is not late
        (DEADLINE, False, False, date(2025, 7, 1), TaskStatus.OVERDUE),
        (DEADLINE, True, False, date(2025, 7, 1), TaskStatus.OVERDUE),
        (DEADLINE, True, True, date(2025, 7, 1), TaskStatus.COMPLETED),
        (DEADLINE, False, True, date(2025, 6, 1), TaskStatus.COMPLETED),
        (None, False, False, date(2099, 1, 1), TaskStatus.NOT_STARTED),  # 持续推进
        (None, True, False, date(2099, 1, 1), TaskStatus.IN_PROGRESS),
        (None, True, True, date(2099, 1, 1), TaskStatus.COMPLETED),
    ],
)
def test_status_is_derived_from_the_facts(deadline, has_progress, closed, today, expected):
    status = task_status(deadline=deadline, has_progress=has_progress, closed=closed, today=today)
    assert status is expected


def test_statuses_have_chinese_labels():
    assert [s.label for s in TaskStatus] == ["未开始", "推进中", "已完成", "逾期"]
