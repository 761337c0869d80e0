"""An HTML page read into `PageData` with lxml: links, visible text, column metadata and the
dates of the items it lists."""

from __future__ import annotations

import codecs
import re

from lxml import etree, html

from gongkai.supervision.domain.dates import find_dates
from gongkai.supervision.domain.links import normalise
from gongkai.supervision.domain.pages import PAGE_LINK, RESOURCE_LINK, Link, PageData

_LINK_ATTRIBUTES = {
    "a": ("href", PAGE_LINK),
    "area": ("href", PAGE_LINK),
    "iframe": ("src", PAGE_LINK),
    "frame": ("src", PAGE_LINK),
    "img": ("src", RESOURCE_LINK),
    "script": ("src", RESOURCE_LINK),
    "link": ("href", RESOURCE_LINK),
}
_INVISIBLE = ("script", "style", "noscript", "template")
_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "table",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "pre",
)
# Containers an item's date may sit in next to its link (a table row's other cell, a span).
_CLIMB = frozenset({"td", "th", "span", "em", "strong", "b", "h2", "h3", "h4", "h5", "font"})


def _meta(doc: html.HtmlElement, name: str) -> str:
    for element in doc.iter("meta"):
        if (element.get("name") or "").lower() == name.lower():
            return (element.get("content") or "").strip()
    return ""


def _item_date_container(anchor: html.HtmlElement) -> html.HtmlElement | None:
    """The element that holds one listed item: the link's parent, climbing out of a table
    cell or inline wrapper, but never into an element that holds more than one link."""
    container = anchor.getparent()
    for _ in range(2):
        if container is None or container.tag not in _CLIMB:
            break
        parent = container.getparent()
        if parent is None or sum(1 for _ in parent.iter("a")) > 1:
            break
        container = parent
    return container


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def page_encoding(body: bytes, charset: str | None) -> str:
    """The header's charset, else the page's own ``<meta charset>``, else UTF-8 when the bytes
    are valid UTF-8, else GB18030 (the superset of the GBK and GB2312 older sites use)."""
    for candidate in (
        charset,
        *(m.decode("ascii") for m in _META_CHARSET.findall(body[:4096])[:1]),
    ):
        if candidate:
            try:
                return codecs.lookup(candidate).name
            except LookupError:
                continue
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def parse_page(url: str, body: bytes, charset: str | None = None) -> PageData:
    parser = html.HTMLParser(encoding=page_encoding(body, charset))
    try:
        doc = html.document_fromstring(body, parser=parser)
    except (etree.ParserError, ValueError, LookupError):
        return PageData(url=url)
    base = url
    for element in doc.iter("base"):
        if element.get("href"):
            base = normalise(element.get("href"), url) or url
            break
    title = " ".join((doc.findtext(".//title") or "").split())
    column_meta = _meta(doc, "ColumnName")
    is_article = bool(_meta(doc, "ArticleTitle"))

    links: dict[str, Link] = {}
    item_dates = []
    # The elements themselves, not their id(): lxml makes element proxies on demand, and the
    # id of one already freed can come back for another element.
    counted: set[html.HtmlElement] = set()
    for element in doc.iter(*_LINK_ATTRIBUTES):
        attribute, role = _LINK_ATTRIBUTES[element.tag]
        if element.tag == "link" and "stylesheet" not in (element.get("rel") or "").lower():
            continue
        target = normalise(element.get(attribute) or "", base)
        if target is None:
            continue
        text = " ".join(element.text_content().split()) if element.tag == "a" else ""
        if target not in links or (text and not links[target].text):
            links[target] = Link(target, text, role)
        if element.tag == "a":
            container = _item_date_container(element)
            if container is not None and container not in counted:
                counted.add(container)
                dates = find_dates(" ".join(container.itertext()))
                if dates:
                    item_dates.append(max(dates))

    heading = ""
    for element in doc.iter("h1"):
        heading = " ".join(element.text_content().split())
        break
    etree.strip_elements(doc, *_INVISIBLE, with_tail=False)
    # Block elements end a line, so that two numbers in neighbouring cells are not read as one
    # longer number (and escape the personal data scan), while a number split by inline markup
    # (<b>138</b>00138000) still reads as one.
    for element in doc.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    body_element = doc.find("body")
    text = (body_element if body_element is not None else doc).text_content()
    content_chars = _content_chars(doc, body_element, heading)
    return PageData(
        url=url,
        title=title,
        text="\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip()),
        column_meta=column_meta,
        is_article=is_article,
        heading=heading,
        links=tuple(links.values()),
        item_dates=tuple(item_dates),
        content_chars=content_chars,
    )


def _content_chars(doc: html.HtmlElement, body: html.HtmlElement | None, heading: str) -> int:
    """How much the page says besides its navigation: the text of ``<main>`` (or of the body
    without ``nav``, ``header`` and ``footer``), not counting the heading or white space. Run
    after the page's links and text are read: it removes the navigation from the tree."""
    main = next(doc.iter("main"), None)
    if main is None:
        main = body if body is not None else doc
        etree.strip_elements(main, "nav", "header", "footer", with_tail=False)
    content = "".join(main.text_content().split())
    return max(0, len(content) - len("".join(heading.split())))
