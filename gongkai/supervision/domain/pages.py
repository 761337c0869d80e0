"""What the checker keeps of a page once it is parsed, and the checks over its text.

The body itself is dropped as soon as it is parsed (memory stays flat on large sites); a page
is its title, its visible text, its links, its column metadata and the dates of the items it
lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongkai.core.domain.personal_data import KIND_LABELS, redact, scan
from gongkai.supervision.domain.findings import PERSONAL_DATA, WORDING, Finding
from gongkai.supervision.domain.wording import WordingChecker

# Tags whose link is a page to crawl; the others (img, script, stylesheet) are only checked.
PAGE_LINK = "page"
RESOURCE_LINK = "resource"


@dataclass(frozen=True)
class Link:
    url: str
    text: str = ""
    role: str = PAGE_LINK


@dataclass(frozen=True)
class PageData:
    url: str
    title: str = ""
    text: str = ""
    column_meta: str = ""
    is_article: bool = False
    heading: str = ""
    links: tuple[Link, ...] = ()
    item_dates: tuple[date, ...] = field(default=())
    content_chars: int = 0

    @property
    def column_name(self) -> str:
        return self.column_meta or self.heading or self.title


def text_findings(page: PageData, checker: WordingChecker, column: str = "") -> list[Finding]:
    """``personal_data`` and ``wording`` over the page's title and text.

    Each number is one finding with its value masked, and the wording check reads the text with
    the numbers already masked, so the context it quotes cannot leak one again."""
    text = page.title + "\n" + page.text
    hits = scan(text)
    findings = [
        Finding(
            kind=PERSONAL_DATA,
            url=page.url,
            column=column,
            detail=f"页面公开了{KIND_LABELS[hit.kind]}",
            value=hit.masked,
        )
        for hit in hits
    ]
    if hits:
        text = redact(text, hits)
    return findings + _wording(page.url, text, checker, column)


def _wording(url: str, text: str, checker: WordingChecker, column: str) -> list[Finding]:
    findings = []
    for hit in checker.check(text):
        rule = hit.rule
        grade = "严重表述错误" if rule.serious else "表述错误"
        times = f"（{hit.count} 处）" if hit.count > 1 else ""
        findings.append(
            Finding(
                kind=WORDING,
                url=url,
                column=column,
                detail=f"{grade}：“{rule.wrong}”应为“{rule.right}”{times}，见“…{hit.context}…”",
                value=rule.wrong,
                serious=rule.serious,
            )
        )
    return findings
