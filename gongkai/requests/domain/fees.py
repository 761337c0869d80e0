"""信息处理费: the processing fee for excessive requests (条例第四十二条, 国办函〔2020〕109号).

Both standards are progressive (超额累进, 办法第三条): each request or page is charged at the rate
of the band it falls in, as with income-tax brackets, never the whole quantity at the top rate.
A reply may use one standard only; 第三条 forbids charging by both.

Not modelled because statutes.md could not verify them: the 按量 exclusion of information that is
already public (the fragment after 第五条) and any 减免; callers apply those by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from gongkai.core.domain.errors import DomainError

FeeMethod = Literal["count", "volume"]

FEE_METHOD_LABELS: dict[FeeMethod, str] = {"count": "按件计收", "volume": "按量计收"}

FEE_MEASURE_ARTICLES: dict[FeeMethod, str] = {
    "count": "《政府信息公开信息处理费管理办法》第四条",
    "volume": "《政府信息公开信息处理费管理办法》第五条",
}


@dataclass(frozen=True)
class Band:
    first: int
    last: int | None
    """Inclusive; None for the open top band."""
    rate: Decimal
    """元 per request or per page."""


# 第四条 按件计收: requests of one applicant, counted cumulatively within one calendar month.
COUNT_FREE_UP_TO = 10  # (一) 10件以下（含10件）的，不收费
COUNT_SECOND_BAND_UP_TO = 30  # (二) 11—30件（含30件）的部分：
COUNT_SECOND_BAND_RATE = Decimal(100)  # 100元/件
COUNT_STEP_WIDTH = 10  # (三) 31件以上的部分：以10件为一档，
COUNT_STEP_INCREASE = Decimal(100)  # 每增加一档，收费标准提高100元/件

# 第五条 按量计收: pages of one application.
VOLUME_BANDS: tuple[Band, ...] = (
    Band(1, 30, Decimal(0)),  # (一) 30页以下（含30页）的，不收费
    Band(31, 100, Decimal(10)),  # (二) 31—100页（含100页）的部分：10元/页
    Band(101, 200, Decimal(20)),  # (三) 101—200页（含200页）的部分：20元/页
    Band(201, None, Decimal(40)),  # (四) 201页以上的部分：40元/页
)


def count_band(n: int) -> Band:
    """The band of the applicant's n-th request of the month (n ≥ 1).

    Read with statutes.md §3: 31—40 → 200元/件, 41—50 → 300元/件, and so on without end.
    """
    if n <= COUNT_FREE_UP_TO:
        return Band(1, COUNT_FREE_UP_TO, Decimal(0))
    if n <= COUNT_SECOND_BAND_UP_TO:
        return Band(COUNT_FREE_UP_TO + 1, COUNT_SECOND_BAND_UP_TO, COUNT_SECOND_BAND_RATE)
    steps_above = (n - COUNT_SECOND_BAND_UP_TO - 1) // COUNT_STEP_WIDTH
    first = COUNT_SECOND_BAND_UP_TO + 1 + steps_above * COUNT_STEP_WIDTH
    rate = COUNT_SECOND_BAND_RATE + COUNT_STEP_INCREASE * (steps_above + 1)
    return Band(first, first + COUNT_STEP_WIDTH - 1, rate)


def volume_band(n: int) -> Band:
    """The band of the n-th page of an application (n ≥ 1)."""
    return next(b for b in VOLUME_BANDS if b.last is None or n <= b.last)


class FeeError(DomainError):
    """The fee cannot be computed from what was given."""


@dataclass(frozen=True)
class FeeLine:
    """The part of the charge that falls in one band."""

    band: Band
    units: int
    unit: str
    """件 or 页."""

    @property
    def amount(self) -> Decimal:
        return self.band.rate * self.units

    def __str__(self) -> str:
        """E.g. "31—100页：70页 × 10元 = 700元", as printed in the fee notice."""
        if self.band.last is None:
            band = f"{self.band.first}{self.unit}以上"
        else:
            band = f"{self.band.first}—{self.band.last}{self.unit}"
        if not self.band.rate:
            return f"{band}：{self.units}{self.unit}，不收费"
        return f"{band}：{self.units}{self.unit} × {self.band.rate}元 = {self.amount}元"


@dataclass(frozen=True)
class FeeBreakdown:
    method: FeeMethod
    lines: tuple[FeeLine, ...]
    counted_before: int
    """Requests the applicant had already filed this calendar month (按件 only)."""

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def basis(self) -> str:
        return FEE_MEASURE_ARTICLES[self.method]


def _charge(
    band_of: Callable[[int], Band], unit: str, before: int, quantity: int
) -> tuple[FeeLine, ...]:
    """Split units before+1 … before+quantity into the bands they fall in."""
    lines: list[FeeLine] = []
    n, last_unit = before + 1, before + quantity
    while n <= last_unit:
        band = band_of(n)
        stop = last_unit if band.last is None else min(last_unit, band.last)
        lines.append(FeeLine(band=band, units=stop - n + 1, unit=unit))
        n = stop + 1
    return tuple(lines)


def _require_not_negative(value: int, what: str) -> None:
    if value < 0:
        raise FeeError(f"{what}不能为负数。")


def breakdown_by_count(
    requests_this_month_before: int, requests_in_this_application: int
) -> FeeBreakdown:
    _require_not_negative(requests_this_month_before, "本月此前累计申请件数")
    _require_not_negative(requests_in_this_application, "本次申请件数")
    lines = _charge(count_band, "件", requests_this_month_before, requests_in_this_application)
    return FeeBreakdown("count", lines, counted_before=requests_this_month_before)


def breakdown_by_volume(pages: int) -> FeeBreakdown:
    _require_not_negative(pages, "页数")
    return FeeBreakdown("volume", _charge(volume_band, "页", 0, pages), counted_before=0)


def fee_by_count(requests_this_month_before: int, requests_in_this_application: int) -> Decimal:
    """The charge for this application's requests, after those already filed this month.

    The month's count is cumulative (第四条(一)), so this is the marginal charge: the same
    requests cost more late in a busy month than early in a quiet one.
    """
    return breakdown_by_count(requests_this_month_before, requests_in_this_application).total


def fee_by_volume(pages: int) -> Decimal:
    return breakdown_by_volume(pages).total


_BOTH_STANDARDS = (
    "每件申请只能选择按件计收或按量计收其中一种标准，不得同时按照两种标准重复计算"
    "（《政府信息公开信息处理费管理办法》第三条）。"
)


def compute_fee(
    method: FeeMethod,
    *,
    requests_this_month_before: int | None = None,
    requests_in_this_application: int | None = None,
    pages: int | None = None,
) -> FeeBreakdown:
    """The fee by the one standard chosen for this application (办法第三条).

    Passing a quantity of the other standard is refused rather than ignored: it means the caller
    meant to charge by both.
    """
    if method == "count":
        if pages is not None:
            raise FeeError(_BOTH_STANDARDS)
        if requests_this_month_before is None or requests_in_this_application is None:
            raise FeeError("按件计收须填写本月此前累计申请件数和本次申请件数。")
        return breakdown_by_count(requests_this_month_before, requests_in_this_application)
    if method == "volume":
        if requests_this_month_before is not None or requests_in_this_application is not None:
            raise FeeError(_BOTH_STANDARDS)
        if pages is None:
            raise FeeError("按量计收须填写页数。")
        return breakdown_by_volume(pages)
    raise FeeError(f"未知的计收方式：{method}。")
