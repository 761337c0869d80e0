"""The portal's pages and settings: who may download the files they show."""

from __future__ import annotations

from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Page

from gongkai.core.file_access import FILE_ACCESS_HOOK, referring_ids

from .models import SiteIdentity


@hooks.register(FILE_ACCESS_HOOK)
def files_linked_from_pages(user, stored) -> bool | None:
    # A page's text (导语) may link a file or show an image: public while a live page that
    # anyone may view does. Pages are edited by platform administrators, who get every file.
    pages = referring_ids(stored, Page)
    if not pages:
        return None
    return Page.objects.live().public().filter(pk__in=pages).exists()


@hooks.register(FILE_ACCESS_HOOK)
def party_mark_image(user, stored) -> bool | None:
    # The 党政机关 mark in every page's footer (SiteIdentity): public while it is set there.
    if not isinstance(stored, get_image_model()):
        return None
    return SiteIdentity.objects.filter(party_mark_image=stored).exists() or None
