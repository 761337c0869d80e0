"""Grouped bar charts as geometry, for inline SVG that needs no JavaScript.

The template draws what this computes; the description sentence and the data table beside each
chart carry the same numbers for screen readers and for anyone who cannot tell the colours apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SERIES_COLOURS = 6  # the stylesheet defines .series-0 … .series-5, each ≥ 3:1 against white


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    series: int
    label_y: float

    @property
    def label_x(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Category:
    label: str
    x: float
    """Centre of the group of bars."""


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    series: tuple[str, ...]
    categories: tuple[Category, ...]
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    values: tuple[tuple[int, ...], ...]
    """values[s][c]: series s in category c, for the data table."""

    @property
    def legend(self) -> list[tuple[int, str, float]]:
        """(series index, name, x) of each legend entry, in one row above the plot."""
        step = (self.plot_right - self.plot_left) / max(len(self.series), 1)
        return [(i, name, self.plot_left + i * step) for i, name in enumerate(self.series)]

    @property
    def rows(self) -> list[tuple[str, tuple[int, ...]]]:
        """The data table: one row per category, one column per series."""
        return [
            (category.label, tuple(values[c] for values in self.values))
            for c, category in enumerate(self.categories)
        ]


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 × 10ⁿ at or above ``value`` (at least 1): a readable axis top."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def describe(title: str, categories: list[str], series: list[tuple[str, list[int]]]) -> str:
    """The chart in one sentence per series, e.g. 本年新收：2024年 5件，2025年 8件."""
    parts = [
        f"{name}：" + "，".join(f"{c} {v}件" for c, v in zip(categories, values, strict=True))
        for name, values in series
    ]
    return f"{title}。" + "；".join(parts) + "。"


def grouped_bar_chart(
    *,
    title: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
    width: int = 640,
    height: int = 300,
) -> BarChart:
    if not categories or not series:
        raise ValueError("a chart needs at least one category and one series")
    if len(series) > SERIES_COLOURS:
        raise ValueError(f"at most {SERIES_COLOURS} series")
    for name, values in series:
        if len(values) != len(categories):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(categories)}")
    left, right, top, bottom = 48.0, width - 12.0, 44.0, height - 32.0
    top_value = nice_ceiling(max(max(values) for _, values in series))
    scale = (bottom - top) / top_value
    group_width = (right - left) / len(categories)
    bar_width = min(36.0, group_width * 0.8 / len(series))
    bars: list[Bar] = []
    category_marks: list[Category] = []
    for c, label in enumerate(categories):
        centre = left + group_width * (c + 0.5)
        first = centre - bar_width * len(series) / 2
        category_marks.append(Category(label, centre))
        for s, (_, values) in enumerate(series):
            value = values[c]
            bar_height = value * scale
            y = bottom - bar_height
            bars.append(Bar(first + s * bar_width, y, bar_width - 2, bar_height, value, s, y - 4))
    # Zero, the top and, when it is a whole number, the middle: enough to read the bars against.
    marks = (0, top_value // 2, top_value) if top_value % 2 == 0 else (0, top_value)
    ticks = tuple(Tick(bottom - v * scale, v) for v in marks)
    return BarChart(
        title=title,
        description=describe(title, categories, series),
        width=width,
        height=height,
        plot_left=left,
        plot_right=right,
        plot_top=top,
        plot_bottom=bottom,
        series=tuple(name for name, _ in series),
        categories=tuple(category_marks),
        bars=tuple(bars),
        ticks=ticks,
        values=tuple(tuple(values) for _, values in series),
    )
