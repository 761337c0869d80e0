"""要闻动态 and 通知公告 items as a search kind, registered from the portal's ``ready``. They are
Wagtail pages: publishing, unpublishing and deleting one keeps the index in step through
Wagtail's signals, which the registry connects."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.documents.text import rich_text
from gongkai.search.registry import SearchKind, register_kind

from .models import NewsPage


def public_news():
    """The items anyone may read: live, not behind a page's view restriction."""
    return NewsPage.objects.live().public()


NEWS = SearchKind(
    name="news",
    label=_("要闻动态、通知公告"),
    model=NewsPage,
    public=public_news,
    title=lambda page: page.title,
    body=lambda page: f"{page.summary}\n{rich_text(page.body)}",
    url=lambda page: page.url,
    units=lambda page: [],
    date=lambda page: page.date,
)


def register() -> None:
    register_kind(NEWS)
