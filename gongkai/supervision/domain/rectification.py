"""Rectification (整改) of site findings across runs, without the database.

A finding is the same finding from run to run when its kind, URL and value are the same. Each
run is matched against the findings still being dealt with:

- found again and open: seen again (``last_seen`` moves);
- found again after staff marked it fixed: reopened, the fix did not hold;
- not found again by a complete run: the check confirms it gone (整改完成), whether or not staff
  marked it first; a run that stopped early (page limit, site down) confirms nothing, because
  it may simply not have reached the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

Key = tuple[str, str, str]  # kind, url, value


class RectificationState(StrEnum):
    OPEN = "open"  # 待整改
    FIXED = "fixed"  # 已整改，待复核
    CONFIRMED = "confirmed"  # 整改完成（复核通过）


STATE_LABELS = {
    RectificationState.OPEN: "待整改",
    RectificationState.FIXED: "已整改待复核",
    RectificationState.CONFIRMED: "整改完成",
}

# States still being dealt with: a new run is matched against these.
PENDING = frozenset({RectificationState.OPEN, RectificationState.FIXED})


class RectificationError(ValueError):
    """A step the rules do not allow; the message is Chinese."""


def check_mark_fixed(state: RectificationState, fixed_on: date, first_seen: date, today: date):
    if state is not RectificationState.OPEN:
        raise RectificationError(f"该问题当前为“{STATE_LABELS[state]}”，不能再标记为已整改。")
    if fixed_on > today:
        raise RectificationError("整改日期不能晚于今天。")
    if fixed_on < first_seen:
        raise RectificationError(
            f"整改日期不能早于首次发现问题的日期（{first_seen:%Y年%m月%d日}）。"
        )


@dataclass
class Reconciliation:
    """What a run does to the stored findings: keys to create, ids seen again, ids reopened
    and ids confirmed gone."""

    new: list[Key] = field(default_factory=list)
    seen_again: list[int] = field(default_factory=list)
    reopened: list[int] = field(default_factory=list)
    confirmed: list[int] = field(default_factory=list)


def reconcile(
    pending: Iterable[tuple[int, Key, RectificationState]],
    found: Iterable[Key],
    *,
    complete: bool,
) -> Reconciliation:
    """Match a run's findings (``found``) to the pending ones (id, key, state)."""
    result = Reconciliation()
    found_keys = list(dict.fromkeys(found))
    by_key = {key: (pk, state) for pk, key, state in pending}
    for key in found_keys:
        if key not in by_key:
            result.new.append(key)
            continue
        pk, state = by_key[key]
        if state is RectificationState.FIXED:
            result.reopened.append(pk)
        else:
            result.seen_again.append(pk)
    if complete:
        wanted = set(found_keys)
        result.confirmed = sorted(pk for key, (pk, _) in by_key.items() if key not in wanted)
    return result


def fixed_on_time(
    state: RectificationState, due_on: date | None, fixed_on: date | None, resolved_on: date | None
) -> bool:
    """Rectified by its deadline: gone (confirmed by a check) and fixed, by the date staff gave
    or else by the day the check confirmed it, no later than the deadline."""
    if state is not RectificationState.CONFIRMED or due_on is None:
        return False
    done = fixed_on or resolved_on
    return done is not None and done <= due_on
