"""The newest post date in an RSS 2.0 or Atom feed, for the ``stale`` check of accounts whose
platform gives a feed. Parsed with defusedxml: a feed is text from outside."""

from __future__ import annotations

from datetime import date, datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

SHANGHAI = ZoneInfo("Asia/Shanghai")
ATOM = "{http://www.w3.org/2005/Atom}"
# RSS items carry pubDate (RFC 822); Atom entries updated/published (RFC 3339); some RSS
# feeds use Dublin Core's date.
RSS_DATES = ("pubDate", "{http://purl.org/dc/elements/1.1/}date")
ATOM_DATES = (f"{ATOM}updated", f"{ATOM}published")


class FeedError(ValueError):
    """The feed cannot be read; the message is Chinese."""


def _parse(text: str) -> datetime | None:
    text = text.strip()
    if not text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=SHANGHAI)
    return moment


def newest_post_date(content: bytes) -> date | None:
    """The day (Asia/Shanghai) of the newest item, None for a feed with no dated item."""
    try:
        root = ElementTree.fromstring(content)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise FeedError("订阅地址返回的内容不是有效的RSS或Atom格式。") from error
    if root.tag == f"{ATOM}feed":
        items, names = root.iter(f"{ATOM}entry"), ATOM_DATES
    elif root.tag == "rss" or root.tag.endswith("RDF"):
        items, names = root.iter("item"), RSS_DATES
    else:
        raise FeedError("订阅地址返回的内容不是RSS或Atom格式。")
    moments = []
    for item in items:
        for name in names:
            element = item.find(name)
            if element is not None and element.text and (moment := _parse(element.text)):
                moments.append(moment)
                break
    return max(moments).astimezone(SHANGHAI).date() if moments else None
