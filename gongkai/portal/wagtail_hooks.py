"""The portal's pages and settings: who may download the files they show; the back office's
站点管理 and 各县（区）汇总 screens."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Page

from gongkai.core.admin_components import ScopedMenuItem
from gongkai.core.file_access import FILE_ACCESS_HOOK, referring_ids

from . import admin_views
from .models import SiteIdentity

urlpatterns = [
    path("", admin_views.SitesView.as_view(), name="sites"),
    path("add/", admin_views.SiteEditView.as_view(), name="site_add"),
    path("<int:pk>/", admin_views.SiteEditView.as_view(), name="site_edit"),
    path("rollups/", admin_views.RollupView.as_view(), name="rollups"),
]


@hooks.register("register_admin_urls")
def register_portal_urls():
    return [path("portal-sites/", include((urlpatterns, "portal_admin"), namespace="portal_admin"))]


@hooks.register("register_admin_menu_item")
def register_rollups_menu():
    return ScopedMenuItem(
        _("各县（区）汇总"),
        reverse("portal_admin:rollups"),
        name="rollups",
        icon_name="table",
        order=375,
        action=admin_views.ROLLUP,
    )


@hooks.register("register_admin_menu_item")
def register_sites_menu():
    return ScopedMenuItem(
        _("站点管理"),
        reverse("portal_admin:sites"),
        name="portal-sites",
        icon_name="site",
        order=395,
        action=admin_views.MANAGE,
    )


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
