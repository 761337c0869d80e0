"""Columns (栏目) and the home page: when they count as not updated or empty.

A page is a column page when it says so (``<meta name="ColumnName">`` without an
``ArticleTitle``, the page metadata of 《政府网站发展指引》) or when it lists at least
``LIST_MIN_ITEMS`` links each with a date. The pages of one column (its page 2, 3 …) share the
column's name and are counted as one column.

The kind of a column comes from its name: 动态、要闻、新闻 are news (not updated after
``NEWS_STALE_DAYS``); 通知、公告、政策、文件 are notices and policies (after
``NOTICE_STALE_MONTHS``); every other column is judged against a limit the office sets
(``OTHER_STALE_DAYS`` by default).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.calendar.domain.deadlines import add_months
from gongkai.supervision.domain import rules
from gongkai.supervision.domain.findings import (
    EMPTY_COLUMN,
    HOME_NOT_UPDATED,
    STALE_COLUMN,
    Finding,
)

NEWS = "news"
NOTICE = "notice"
OTHER = "other"
KIND_LABELS = {NEWS: "动态、要闻类", NOTICE: "通知公告、政策文件类", OTHER: "其他"}

_NEWS_WORDS = ("动态", "要闻", "新闻", "快讯", "资讯")
_NOTICE_WORDS = ("通知", "公告", "公示", "政策", "文件")

LIST_MIN_ITEMS = 3


@dataclass(frozen=True)
class ColumnSeen:
    """One column as the crawl saw it: its newest item and how many dated items it lists."""

    name: str
    url: str
    kind: str
    newest: date | None
    items: int

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "url": self.url,
            "kind": self.kind,
            "newest": self.newest.isoformat() if self.newest else None,
            "items": self.items,
        }


def column_kind(name: str) -> str:
    if any(word in name for word in _NEWS_WORDS):
        return NEWS
    if any(word in name for word in _NOTICE_WORDS):
        return NOTICE
    return OTHER


def oldest_fresh_day(kind: str, *, today: date, other_days: int = rules.OTHER_STALE_DAYS) -> date:
    """The oldest date a column's newest item may have and still count as updated."""
    if kind == NEWS:
        return today - timedelta(days=rules.NEWS_STALE_DAYS)
    if kind == NOTICE:
        return add_months(today, -rules.NOTICE_STALE_MONTHS)
    return today - timedelta(days=other_days)


def is_column_page(*, column_meta: str, is_article: bool, dated_items: int) -> bool:
    return (bool(column_meta) and not is_article) or dated_items >= LIST_MIN_ITEMS


def merge_columns(columns: Iterable[ColumnSeen]) -> list[ColumnSeen]:
    """The pages of one column as one column: the first URL seen, the newest item of all its
    pages and the sum of their items."""
    merged: dict[str, ColumnSeen] = {}
    for column in columns:
        seen = merged.get(column.name)
        if seen is None:
            merged[column.name] = column
            continue
        dates = [day for day in (seen.newest, column.newest) if day]
        merged[column.name] = ColumnSeen(
            seen.name, seen.url, seen.kind, max(dates) if dates else None, seen.items + column.items
        )
    return sorted(merged.values(), key=lambda column: column.name)


def column_findings(
    columns: Iterable[ColumnSeen], *, today: date, other_days: int = rules.OTHER_STALE_DAYS
) -> list[Finding]:
    findings = []
    for column in columns:
        if column.items == 0 or column.newest is None:
            findings.append(
                Finding(
                    kind=EMPTY_COLUMN,
                    url=column.url,
                    column=column.name,
                    detail=f"栏目“{column.name}”没有列出任何带日期的信息（空白栏目）",
                    value="0",
                )
            )
            continue
        limit = oldest_fresh_day(column.kind, today=today, other_days=other_days)
        if column.newest < limit:
            findings.append(
                Finding(
                    kind=STALE_COLUMN,
                    url=column.url,
                    column=column.name,
                    detail=(
                        f"{KIND_LABELS[column.kind]}栏目“{column.name}”最新信息为 "
                        f"{column.newest.isoformat()}，早于 {limit.isoformat()}，未按期更新"
                    ),
                    value=column.newest.isoformat(),
                )
            )
    return findings


def home_finding(home_url: str, home_newest: date | None, *, today: date) -> Finding | None:
    """``home_not_updated`` when the home page (or, for a home page that only leads to the
    columns, its columns) shows nothing newer than ``HOME_STALE_DAYS`` before ``today``."""
    limit = today - timedelta(days=rules.HOME_STALE_DAYS)
    if home_newest is not None and home_newest >= limit:
        return None
    shown = home_newest.isoformat() if home_newest else "无"
    return Finding(
        kind=HOME_NOT_UPDATED,
        url=home_url,
        detail=f"首页最新信息日期为 {shown}，监测时间点前 {rules.HOME_STALE_DAYS} 天内无更新",
        value=home_newest.isoformat() if home_newest else "",
    )
