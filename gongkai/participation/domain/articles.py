"""A draft's text cut into the passages people comment on (条, or the items of the outline).

A draft regulation or measure is written in 章 and 条 (第一章 总则 / 第一条 为了……); a plan or
notice in the outline of official text (一、 > （一） > 1.; `gongkai.importer.domain.outline`).
`split_draft` takes the paragraphs of a draft and returns its articles in order:

- with 第…条: one article per 条, its heading the 章 (and 节) it stands under;
- else with an outline: one article per top-level item, or, when the top level only holds
  headings (一、总体要求), one per second-level item under that heading;
- else one article per paragraph (第1段, 第2段 …).

Paragraphs before the first article form an introduction (导语) when they hold a sentence; a
first line without a full stop is the draft's title and no article.

Each article has an anchor (``a1``, ``a2`` …) unique in its version. Comments point at an
article of one version: a new version gets articles of its own and never moves a comment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.importer.domain.outline import is_heading_like, match_numbering

_NUMERAL = "一二三四五六七八九十百千零〇两0-9０-９"
_PART = re.compile(rf"^第[{_NUMERAL}]+[编章](?=\s|$|[^\w]|[\u4e00-\u9fff])")
_SECTION = re.compile(rf"^第[{_NUMERAL}]+节")
_ARTICLE = re.compile(rf"^第[{_NUMERAL}]+条")
_TITLE_MAX_CHARS = 60
INTRODUCTION = "导语"


@dataclass(frozen=True)
class Article:
    anchor: str
    label: str
    heading: str
    text: str


@dataclass(frozen=True)
class SplitDraft:
    title: str
    articles: tuple[Article, ...]


def paragraphs_of(text: str) -> list[str]:
    """The non-empty lines of a typed or imported text, trimmed."""
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def split_draft(paragraphs: Sequence[str]) -> SplitDraft:
    paragraphs = [p.strip() for p in paragraphs if p.strip()]
    title = ""
    if paragraphs and _is_title(paragraphs[0]):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    if any(_ARTICLE.match(p) for p in paragraphs):
        pieces = _by_article(paragraphs)
    elif any(match_numbering(p) for p in paragraphs):
        pieces = _by_outline(paragraphs)
    else:
        pieces = [(f"第{n}段", "", [p]) for n, p in enumerate(paragraphs, start=1)]
    articles = tuple(
        Article(f"a{n}", label, heading, "\n".join(lines))
        for n, (label, heading, lines) in enumerate(pieces, start=1)
    )
    return SplitDraft(title, articles)


def _is_title(paragraph: str) -> bool:
    return (
        "。" not in paragraph
        and len(paragraph) <= _TITLE_MAX_CHARS
        and not _ARTICLE.match(paragraph)
        and not _PART.match(paragraph)
        and match_numbering(paragraph) is None
    )


Piece = tuple[str, str, list[str]]


def _introduction(lines: list[str], heading: str) -> list[Piece]:
    # A heading line alone (a chapter's name) is not something to comment on.
    if any("。" in line or "；" in line for line in lines):
        return [(INTRODUCTION, heading, lines)]
    return []


def _by_article(paragraphs: list[str]) -> list[Piece]:
    pieces: list[Piece] = []
    part = section = ""
    before: list[str] = []
    current: Piece | None = None
    for paragraph in paragraphs:
        if _PART.match(paragraph):
            part, section = paragraph, ""
            current = None
            continue
        if _SECTION.match(paragraph):
            section = paragraph
            current = None
            continue
        if match := _ARTICLE.match(paragraph):
            current = (match.group(0), " ".join(filter(None, [part, section])), [paragraph])
            pieces.append(current)
            continue
        if current is not None:
            current[2].append(paragraph)
        elif not pieces:
            before.append(paragraph)
        else:
            # Text between a chapter heading and its first article: keep it with that article.
            current = (INTRODUCTION, " ".join(filter(None, [part, section])), [paragraph])
            pieces.append(current)
    return _introduction(before, "") + pieces


def _prefix(paragraph: str) -> str:
    """The item number as written at the start of a paragraph: 一、, （二）, 3."""
    numbering = match_numbering(paragraph)
    rest = numbering.rest if numbering is not None else paragraph
    return paragraph[: len(paragraph) - len(rest)].strip()


def _by_outline(paragraphs: list[str]) -> list[Piece]:
    numbered = [(i, match_numbering(p)) for i, p in enumerate(paragraphs)]
    ranks = sorted({n.rank for _, n in numbered if n is not None})
    top = ranks[0]
    top_items = [paragraphs[i] for i, n in numbered if n is not None and n.rank == top]
    second = ranks[1] if len(ranks) > 1 else None
    split_below = second is not None and all(is_heading_like(p) for p in top_items)
    article_rank = second if split_below else top
    pieces: list[Piece] = []
    before: list[str] = []
    heading = ""
    current: Piece | None = None
    for paragraph, (_, numbering) in zip(paragraphs, numbered, strict=True):
        if numbering is not None and split_below and numbering.rank == top:
            heading, current = paragraph, None
            continue
        if numbering is not None and numbering.rank == article_rank:
            current = (_prefix(paragraph), heading, [paragraph])
            pieces.append(current)
            continue
        if current is not None:
            current[2].append(paragraph)
        elif heading:
            # Text under a heading before its first item: an article named by the heading.
            current = (_prefix(heading), heading, [paragraph])
            pieces.append(current)
        else:
            before.append(paragraph)
    return _introduction(before, "") + pieces


# --- Versions -----------------------------------------------------------------------------


class Change:
    NEW = "new"
    CHANGED = "changed"


def _body(article: Article) -> str:
    # An article renumbered by an insertion above it is not a change of its content.
    text = article.text
    if article.label != INTRODUCTION and text.startswith(article.label):
        text = text[len(article.label) :]
    return re.sub(r"\s+", "", text)


def changes_since(previous: Sequence[Article], current: Sequence[Article]) -> dict[str, str]:
    """Anchors of ``current`` that are new or changed against ``previous`` (`Change` values);
    an article whose content stands unchanged somewhere in ``previous`` is not listed."""
    old_bodies = {_body(a) for a in previous}
    old_labels = {(a.heading, a.label) for a in previous}
    changes = {}
    for article in current:
        if _body(article) in old_bodies:
            continue
        known = (article.heading, article.label) in old_labels
        changes[article.anchor] = Change.CHANGED if known else Change.NEW
    return changes
