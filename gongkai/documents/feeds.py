"""The RSS feed of a unit's proactively disclosed documents (``/xxgk/<unit code>/rss/``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.models import Unit

from .models import OfficialDocument
from .selectors import public_documents

FEED_SIZE = 20


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
