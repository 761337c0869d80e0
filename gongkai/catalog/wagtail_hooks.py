"""The catalog in the Wagtail admin: its screens and its menu (标准目录)."""

from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from gongkai.core.admin_components import scoped_submenu

from .views import admin as views

urlpatterns = [
    path("", views.CatalogView.as_view(), name="catalog"),
    path("reference/", views.ReferenceView.as_view(), name="reference"),
    path("items/new/", views.ItemFormView.as_view(), name="item_new"),
    path("items/<int:pk>/", views.ItemView.as_view(), name="item"),
    path("items/<int:pk>/edit/", views.ItemFormView.as_view(), name="item_edit"),
    path("differences/", views.DifferencesView.as_view(), name="differences"),
    path("areas/", views.AreasView.as_view(), name="areas"),
    path("areas/<int:pk>/", views.AreasView.as_view(), name="area"),
    path("gaps/", views.GapsView.as_view(), name="gaps"),
    path("powers/", views.PowersView.as_view(), name="powers"),
    path("powers/edit/", views.PowerEditView.as_view(), name="power_edit"),
    path("functions/", views.FunctionsView.as_view(), name="functions"),
]


@hooks.register("register_admin_urls")
def register_catalog_urls():
    return [path("catalog/", include((urlpatterns, "catalog_admin"), namespace="catalog_admin"))]


@hooks.register("register_admin_menu_item")
def register_catalog_menu():
    items = [
        (_("本单位目录"), "catalog", "list-ul", "catalog.view"),
        (_("参考目录"), "reference", "doc-full", "catalog.manage_reference"),
        (_("与参考目录的差异"), "differences", "resubmit", "catalog.view"),
        (_("查缺补漏"), "gaps", "warning", "catalog.gaps"),
        (_("试点领域"), "areas", "folder-open-inverse", "catalog.view"),
        (_("权责清单"), "powers", "clipboard-list", "catalog.view"),
        (_("机构职能"), "functions", "group", "catalog.functions"),
    ]
    return scoped_submenu(
        _("标准目录"),
        name="catalog",
        url_namespace="catalog_admin",
        icon_name="list-ul",
        order=370,
        items=items,
    )
