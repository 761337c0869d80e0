"""Feeds of proactively disclosed documents: the RSS feed of one unit (``/xxgk/<code>/rss/``) and
the Atom feeds a reader follows a unit by (its subtree, like the API's ``unit`` filter:
``/xxgk/<code>/atom/``) or one column of it, a top-level 主题分类 as the document lists name it
(``/xxgk/<code>/atom/<class code>/``). All read through ``public_documents``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from gongkai.core.models import Unit

from .domain.subject_classes import SUBJECT_CLASSES
from .models import OfficialDocument
from .selectors import public_documents

FEED_SIZE = 20
SUBJECT_NAMES = {c.code: c.name for c in SUBJECT_CLASSES}


class UnitDocumentsFeed(Feed):
    language = "zh-cn"

    def __init__(self, *, unit_url: str, document_url: Callable[[OfficialDocument], str]) -> None:
        super().__init__()
        self.unit_url = unit_url
        self.document_url = document_url

    def get_object(self, request, unit: Unit) -> Unit:
        return unit

    def title(self, unit: Unit) -> str:
        return _("%(unit)s政府信息公开") % {"unit": unit.name}

    def link(self, unit: Unit) -> str:
        return self.unit_url

    def description(self, unit: Unit) -> str:
        return _("%(unit)s最新主动公开的政府信息。") % {"unit": unit.name}

    def items(self, unit: Unit):
        return public_documents(unit).select_related(None).defer("body")[:FEED_SIZE]

    def item_title(self, document: OfficialDocument) -> str:
        return document.title

    def item_description(self, document: OfficialDocument) -> str:
        return document.summary or document.title

    def item_link(self, document: OfficialDocument) -> str:
        return self.document_url(document)

    def item_pubdate(self, document: OfficialDocument) -> datetime | None:
        # 发布日期 is a date (and may be earlier than the record, for imported documents).
        if document.published_on is None:
            return None
        return timezone.make_aware(datetime.combine(document.published_on, time.min))

    def item_updateddate(self, document: OfficialDocument) -> datetime:
        return document.updated_at

    def item_categories(self, document: OfficialDocument) -> list[str]:
        return [document.get_subject_class_display()] if document.subject_class else []


class UnitAtomFeed(UnitDocumentsFeed):
    """A unit's subtree as Atom, or one top-level subject class (column) of it."""

    feed_type = Atom1Feed

    def __init__(
        self,
        *,
        unit_url: str,
        document_url: Callable[[OfficialDocument], str],
        subject: str | None = None,
    ) -> None:
        super().__init__(unit_url=unit_url, document_url=document_url)
        self.subject = subject

    def title(self, unit: Unit) -> str:
        if self.subject:
            return _("%(unit)s政府信息公开：%(column)s") % {
                "unit": unit.name,
                "column": SUBJECT_NAMES[self.subject],
            }
        return super().title(unit)

    def subtitle(self, unit: Unit) -> str:
        return _("%(unit)s及其下级单位最新主动公开的政府信息。") % {"unit": unit.name}

    def author_name(self, unit: Unit) -> str:
        # Atom wants an author of the feed when its entries name none.
        return unit.name

    def items(self, unit: Unit):
        documents = public_documents(unit, subtree=True).filter(unit__is_active=True)
        if self.subject:
            documents = documents.filter(subject_class__startswith=self.subject)
        return documents.select_related(None).select_related("unit").defer("body")[:FEED_SIZE]
