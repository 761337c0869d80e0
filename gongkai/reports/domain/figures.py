"""The figures of table 二 that no register of the platform holds, as a unit enters or imports them:
行政许可, 行政处罚 and 行政强制 decisions in the period, and 行政事业性收费 collected, in 万元.

A file is checked whole: every row's problems are listed with its row number, and nothing is
imported from a file with any problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gongkai.core.domain.errors import DomainError
from gongkai.reports.domain.periods import Period

# Key → the headers accepted for it (the English key, or the table's own words).
COLUMNS: dict[str, tuple[str, ...]] = {
    "unit": ("unit", "单位代码"),
    "year": ("year", "年度"),
    "period": ("period", "报告期"),
    "licensing": ("licensing", "行政许可"),
    "penalty": ("penalty", "行政处罚"),
    "coercion": ("coercion", "行政强制"),
    "fees_wan_yuan": ("fees_wan_yuan", "行政事业性收费（万元）", "行政事业性收费"),
}
REQUIRED = ("unit", "year", "licensing", "penalty", "coercion", "fees_wan_yuan")
COLUMN_LABELS = {
    "unit": "单位代码",
    "year": "年度",
    "period": "报告期",
    "licensing": "行政许可",
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "fees_wan_yuan": "行政事业性收费（万元）",
}
PERIOD_WORDS: dict[str, Period] = {
    "": Period.ANNUAL,
    "annual": Period.ANNUAL,
    "年度": Period.ANNUAL,
    "年度报告": Period.ANNUAL,
    "全年": Period.ANNUAL,
    "half_year": Period.HALF_YEAR,
    "半年": Period.HALF_YEAR,
    "半年报": Period.HALF_YEAR,
    "上半年": Period.HALF_YEAR,
}
FIRST_YEAR, LAST_YEAR = 2008, 2100  # the 条例 took effect on 1 May 2008
MAX_DECISIONS = 100_000_000
# 万元 with four decimals is exact to the yuan; more digits would claim a precision no one has.
FEE_DECIMALS = 4
FEE_STEP = Decimal(1).scaleb(-FEE_DECIMALS)
MAX_FEES = Decimal("1e10")


class FiguresError(DomainError):
    """The file cannot be imported; ``problems`` lists every one, with row numbers."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("；".join(problems[:20]) + ("……" if len(problems) > 20 else ""))


@dataclass(frozen=True)
class Figures:
    licensing: int = 0
    penalty: int = 0
    coercion: int = 0
    fees_wan_yuan: Decimal = Decimal(0)


@dataclass(frozen=True)
class FigureRow:
    row: int
    unit: str
    year: int
    period: Period
    figures: Figures


def check_figures(figures: Figures) -> list[str]:
    """What is wrong with figures typed into a form (the same limits as the import)."""
    problems = [
        f"{COLUMN_LABELS[key]}不能为负数"
        for key in ("licensing", "penalty", "coercion", "fees_wan_yuan")
        if getattr(figures, key) < 0
    ]
    if figures.fees_wan_yuan.quantize(FEE_STEP) != figures.fees_wan_yuan:
        problems.append(f"行政事业性收费（万元）最多保留{FEE_DECIMALS}位小数")
    return problems


def _count(text: str, label: str, problems: list[str]) -> int:
    cleaned = text.strip().replace(",", "")
    if cleaned == "":
        return 0
    if not re.fullmatch(r"\d+(\.0+)?", cleaned):
        problems.append(f"{label}应为不小于0的整数，实际为“{text.strip()}”")
        return 0
    value = int(Decimal(cleaned))
    if value > MAX_DECISIONS:
        problems.append(f"{label}“{text.strip()}”过大")
    return value


def _amount(text: str, problems: list[str]) -> Decimal:
    label = COLUMN_LABELS["fees_wan_yuan"]
    cleaned = text.strip().replace(",", "")
    if cleaned == "":
        return Decimal(0)
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        problems.append(f"{label}应为数字（单位：万元），实际为“{text.strip()}”")
        return Decimal(0)
    if not value.is_finite() or value < 0:
        problems.append(f"{label}应为不小于0的数字，实际为“{text.strip()}”")
        return Decimal(0)
    if value >= MAX_FEES:
        problems.append(f"{label}“{text.strip()}”过大")
        return Decimal(0)
    if value.quantize(FEE_STEP) != value:
        problems.append(f"{label}最多保留{FEE_DECIMALS}位小数（精确到元），实际为“{text.strip()}”")
    return value


def _header_index(header: list[str]) -> dict[str, int]:
    cleaned = [h.strip().lstrip("\ufeff") for h in header]
    index: dict[str, int] = {}
    for key, names in COLUMNS.items():
        for position, name in enumerate(cleaned):
            if name in names:
                index[key] = position
                break
    return index


def parse_figure_rows(rows: list[list[str]]) -> list[FigureRow]:
    """Rows of a sheet (the first is the header) → figures, or `FiguresError` with every problem."""
    if not rows:
        raise FiguresError(["文件为空。"])
    index = _header_index(rows[0])
    missing = [COLUMN_LABELS[key] for key in REQUIRED if key not in index]
    if missing:
        expected = "、".join(COLUMN_LABELS[k] for k in COLUMNS)
        raise FiguresError(
            [f"第 1 行（表头）缺少列：{'、'.join(missing)}。表头应为：{expected}（报告期可省略）"]
        )
    result: list[FigureRow] = []
    problems: list[str] = []
    seen: dict[tuple[str, int, Period], int] = {}
    for number, record in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        cells = {key: (record[i] if i < len(record) else "") for key, i in index.items()}
        row_problems: list[str] = []
        unit = cells["unit"].strip()
        if not unit:
            row_problems.append("单位代码为空")
        year_text = cells["year"].strip().removesuffix("年")
        year = int(year_text) if year_text.isdigit() else 0
        if not FIRST_YEAR <= year <= LAST_YEAR:
            row_problems.append(f"年度应为四位年份，实际为“{cells['year'].strip()}”")
        period = PERIOD_WORDS.get(cells.get("period", "").strip())
        if period is None:
            row_problems.append(
                f"报告期应为“年度”或“半年”，实际为“{cells.get('period', '').strip()}”"
            )
        figures = Figures(
            licensing=_count(cells["licensing"], "行政许可", row_problems),
            penalty=_count(cells["penalty"], "行政处罚", row_problems),
            coercion=_count(cells["coercion"], "行政强制", row_problems),
            fees_wan_yuan=_amount(cells["fees_wan_yuan"], row_problems),
        )
        if not row_problems and period is not None:
            key = (unit, year, period)
            if key in seen:
                row_problems.append(f"与第 {seen[key]} 行重复（同一单位、年度和报告期）")
            seen[key] = number
        if row_problems:
            problems.append(f"第 {number} 行：{'；'.join(row_problems)}")
        elif period is not None:
            result.append(FigureRow(number, unit, year, period, figures))
    if problems:
        raise FiguresError(problems)
    if not result:
        raise FiguresError(["文件中没有数据行。"])
    return result
