"""The zones app in the Wagtail admin: its screens, its menu, the reminders panel, and who may
download a zone's photo."""

from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.images import get_image_model

from gongkai.core.admin_components import RemindersPanel, scoped_submenu
from gongkai.core.file_access import FILE_ACCESS_HOOK

from .selectors import may_see_photo, overdue_findings_for, reminders_for
from .views import admin as views

REMINDERS_SHOWN = 10

urlpatterns = [
    path("", views.ZoneIndexView.as_view(), name="index"),
    path("add/", views.ZoneCreateView.as_view(), name="add"),
    path("findings/", views.FindingsView.as_view(), name="findings"),
    path("<int:pk>/", views.ZoneView.as_view(), name="zone"),
    path("<int:pk>/edit/", views.ZoneEditView.as_view(), name="edit"),
    path("<int:pk>/inspect/", views.InspectionCreateView.as_view(), name="inspect"),
]


@hooks.register("register_admin_urls")
def register_zone_urls():
    return [path("zones/", include((urlpatterns, "zones_admin"), namespace="zones_admin"))]


@hooks.register("register_admin_menu_item")
def register_zone_menu():
    return scoped_submenu(
        _("公开专区"),
        name="zones",
        url_namespace="zones_admin",
        icon_name="site",
        order=380,
        items=[
            (_("政务公开专区"), "index", "site", "zone.view"),
            (_("整改问题"), "findings", "warning", "zone.view"),
        ],
    )


@hooks.register("construct_homepage_panels")
def add_reminders_panel(request, panels):
    due = list(reminders_for(request.user)[:REMINDERS_SHOWN])
    overdue = list(overdue_findings_for(request.user)[:REMINDERS_SHOWN])
    if due or overdue:
        panels.append(
            RemindersPanel(
                [*due, *overdue],
                name="zone_reminders",
                template_name="zones/admin/reminders_panel.html",
                order=70,
            )
        )


@hooks.register(FILE_ACCESS_HOOK)
def zone_photos(user, stored):
    if isinstance(stored, get_image_model()):
        return may_see_photo(user, stored)
    return None
