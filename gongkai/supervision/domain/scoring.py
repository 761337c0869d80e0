"""Scoring by the structure of 国办秘函〔2019〕19号 (statutes.md §4.1), without the database.

Veto items (单项否决) are decided first: any one makes the site 不合格 and nothing else is
scored. Otherwise the deduction items (扣分指标, 100 points in all) are taken off; each item's
deductions are capped at the item's own points (单项指标扣分之和不超过本项指标总分值), and below
60 is 不合格. The official point value of each deduction item is not public: the office sets
them (``Weights``); the platform ships none, so an unset item deducts nothing and the result
says that the points are the office's own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .veto import VetoItem

# 国办秘函〔2019〕19号 指标说明: 扣分指标分值为100分; 低于60分为不合格.
TOTAL_POINTS = Decimal(100)
PASS_MARK = Decimal(60)


@dataclass(frozen=True)
class ItemWeight:
    """``each``: points off per finding of the kind; ``cap``: the item's own total."""

    each: Decimal
    cap: Decimal


@dataclass(frozen=True)
class Deduction:
    kind: str
    count: int
    points: Decimal


@dataclass(frozen=True)
class Score:
    vetoed: tuple[VetoItem, ...]
    deductions: tuple[Deduction, ...]
    points: Decimal | None  # None when a veto fired: nothing else is scored
    passed: bool

    @property
    def verdict(self) -> str:
        if self.vetoed:
            return "不合格（单项否决）"
        return "合格" if self.passed else "不合格（得分低于60分）"


def score(
    kinds: Iterable[str], vetoes: Iterable[VetoItem], weights: Mapping[str, ItemWeight]
) -> Score:
    """The score of one run: ``kinds`` are the kinds of its findings, one per finding."""
    fired = tuple(vetoes)
    counts = Counter(kinds)
    deductions = []
    for kind in sorted(counts):
        weight = weights.get(kind)
        if weight is None:
            continue
        points = min(weight.each * counts[kind], weight.cap)
        if points:
            deductions.append(Deduction(kind, counts[kind], points))
    if fired:
        return Score(fired, tuple(deductions), None, False)
    points = max(TOTAL_POINTS - sum((d.points for d in deductions), Decimal(0)), Decimal(0))
    return Score((), tuple(deductions), points, points >= PASS_MARK)
