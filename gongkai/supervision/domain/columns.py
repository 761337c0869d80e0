"""Columns (栏目) and the home page: when they count as not updated or empty.

A page is a column page when it says so (``<meta name="ColumnName">`` without an
``ArticleTitle``, the page metadata of 《政府网站发展指引》) or when it lists at least
``LIST_MIN_ITEMS`` links each with a date; search results (a name with 搜索 or 检索) are not. The pages of one column (its page 2, 3 …) share the
column's name and are counted as one column.

A column page that lists no dated item is blank (``empty_column``) when it shows next to
nothing besides its navigation (``EMPTY_MAX_CHARS``); with real content it is a one-page column
(机构概况, 联系我们), which has no items to date and is not judged. The home page is judged
as the home page (``home_not_updated``), not as a column.

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
# A column page showing fewer characters than this besides its navigation and heading is blank
# (暂无信息, 正在建设中).
EMPTY_MAX_CHARS = 20
# Pages that list dated items without being columns.
_NOT_COLUMN_WORDS = ("搜索", "检索")

LIST = "list"
EMPTY = "empty"
SINGLE = "single"


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


def column_page(
    *, name: str, column_meta: str, is_article: bool, dated_items: int, content_chars: int
) -> str | None:
    """What a page is as a column: ``LIST`` (it lists dated items), ``EMPTY`` (it says it is a
    column and shows next to nothing), ``SINGLE`` (a one-page column such as 机构概况 or 联系我们,
    which has content but no list and is not judged by dates) or None (not a column page:
    an article, an ordinary page, a search result)."""
    if any(word in name for word in _NOT_COLUMN_WORDS):
        return None
    if dated_items >= LIST_MIN_ITEMS:
        return LIST
    if not column_meta or is_article:
        return None
    if dated_items:
        return LIST
    return EMPTY if content_chars < EMPTY_MAX_CHARS else SINGLE


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
