"""Supervision in the Wagtail admin: its screens and its menu."""

from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from gongkai.core.admin_components import scoped_submenu

from .views import admin as views

urlpatterns = [
    path("", views.SitesView.as_view(), name="sites"),
    path("sites/add/", views.SiteEditView.as_view(), name="site_add"),
    path("sites/<int:pk>/", views.SiteView.as_view(), name="site"),
    path("sites/<int:pk>/edit/", views.SiteEditView.as_view(), name="site_edit"),
    path("runs/<int:pk>/", views.RunView.as_view(), name="run"),
    path("rectification/", views.RectificationView.as_view(), name="rectification"),
    path("findings/<int:pk>/", views.FindingView.as_view(), name="finding"),
    path("accounts/", views.AccountsView.as_view(), name="accounts"),
    path("accounts/add/", views.AccountEditView.as_view(), name="account_add"),
    path("accounts/<int:pk>/", views.AccountView.as_view(), name="account"),
    path("accounts/<int:pk>/edit/", views.AccountEditView.as_view(), name="account_edit"),
    path("warnings/", views.WarningsView.as_view(), name="warnings"),
    path("warnings/<int:pk>/", views.WarningView.as_view(), name="warning"),
    path("monthly/", views.MonthlyView.as_view(), name="monthly"),
    path("bulletin/", views.BulletinView.as_view(), name="bulletin"),
    path("bulletin/<str:fmt>/", views.BulletinView.as_view(), name="bulletin_file"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
]


@hooks.register("register_admin_urls")
def register_supervision_urls():
    return [path("supervision/", include((urlpatterns, "supervision"), namespace="supervision"))]


@hooks.register("register_admin_menu_item")
def register_supervision_menu():
    items = [
        (_("网站"), "sites", "site", "supervision.view"),
        (_("问题整改"), "rectification", "warning", "supervision.view"),
        (_("政务新媒体账号"), "accounts", "mail", "supervision.view"),
        (_("新媒体周预警"), "warnings", "warning", "supervision.view"),
        (_("月度统计"), "monthly", "table", "supervision.view"),
        (_("季度通报"), "bulletin", "doc-full", "supervision.view"),
        (_("扣分分值与词典"), "settings", "cog", "supervision.manage"),
    ]
    return scoped_submenu(
        _("网站与新媒体监管"),
        name="supervision",
        url_namespace="supervision",
        icon_name="site",
        order=390,
        items=items,
    )
