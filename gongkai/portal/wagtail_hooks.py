"""The portal's pages: who may download the files their text links to."""

from __future__ import annotations

from wagtail import hooks
from wagtail.models import Page

from gongkai.core.file_access import FILE_ACCESS_HOOK, referring_ids


@hooks.register(FILE_ACCESS_HOOK)
def files_linked_from_pages(user, stored) -> bool | None:
    # A page's text (导语) may link a file or show an image: public while a live page that
    # anyone may view does. Pages are edited by platform administrators, who get every file.
    pages = referring_ids(stored, Page)
    if not pages:
        return None
    return Page.objects.live().public().filter(pk__in=pages).exists()
