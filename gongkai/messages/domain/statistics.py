"""The figures of a unit's messages, once the database has counted them (`selectors.statistics`).

- *received*: valid messages received in the period; invalid ones (spam, abuse, duplicates) are
  left out of every figure and counted on their own (*invalid*).
- *answered* as of the day asked about; *on time* when the first answer came on or before the
  due day the deadline engine gave, *late* otherwise; *open* not yet answered that day, *open
  overdue* past the due day without an answer.
- *over three months*: open three calendar months or more, whether still open or answered
  later (国办秘函〔2019〕19号): an answer sent late is counted, never hidden.
- The on-time rate is on time over every message whose punctuality is known that day (answered,
  or open past its due day), so leaving a message unanswered never improves it.

Pure Python: no Django imports.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

RATE_DIGITS = 4


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, RATE_DIGITS) if whole else None


@dataclass(frozen=True)
class Counts:
    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    open: int = 0
    open_overdue: int = 0
    over_three_months: int = 0
    invalid: int = 0
    answer_workdays: int = 0  # the working days from receipt to answer, summed
    satisfied: int = 0  # 满意 or 基本满意
    rated: int = 0
    resolved: int = 0
    resolution_known: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.answered_on_time, self.answered + self.open_overdue)

    @property
    def average_workdays(self) -> float | None:
        return round(self.answer_workdays / self.answered, 1) if self.answered else None

    @property
    def satisfaction_rate(self) -> float | None:
        return rate(self.satisfied, self.rated)

    @property
    def resolution_rate(self) -> float | None:
        return rate(self.resolved, self.resolution_known)

    def to_json(self) -> dict[str, int | float | None]:
        """The keys of ``gongkai messages stats --json``, in its order."""
        return {
            "received": self.received,
            "answered": self.answered,
            "answered_on_time": self.answered_on_time,
            "answered_late": self.answered_late,
            "open": self.open,
            "open_overdue": self.open_overdue,
            "over_three_months": self.over_three_months,
            "on_time_rate": self.on_time_rate,
            "invalid": self.invalid,
        }
