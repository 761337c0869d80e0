"""The annual report in the Wagtail admin: its screens, its menu and the reminders panel."""

from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from gongkai.core.admin_components import RemindersPanel, scoped_submenu

from .selectors import reminders_for
from .views import admin as views

REMINDERS_SHOWN = 10

urlpatterns = [
    path("", views.ReportIndexView.as_view(), name="index"),
    path("<int:pk>/", views.ReportView.as_view(), name="report"),
    path("<int:pk>/download/<str:fmt>/", views.report_download, name="download"),
    path(
        "<int:pk>/cells/<str:table>/<str:row>/<str:column>/",
        views.CellView.as_view(),
        name="cell",
    ),
    path("overview/", views.OverviewView.as_view(), name="overview"),
    path("import/", views.FiguresImportView.as_view(), name="import"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "annual-reports/", include((urlpatterns, "annual_reports"), namespace="annual_reports")
        )
    ]


@hooks.register("register_admin_menu_item")
def register_report_menu():
    items = [
        (_("年度报告"), "index", "doc-full", "report.view"),
        (_("报送情况"), "overview", "list-ul", "report.oversee"),
        (_("导入表二数据"), "import", "upload", "report.edit"),
    ]
    return scoped_submenu(
        _("年度报告"),
        name="annual-reports",
        url_namespace="annual_reports",
        icon_name="doc-full",
        order=370,
        items=items,
    )


@hooks.register("construct_homepage_panels")
def add_reminders_panel(request, panels):
    reminders = list(reminders_for(request.user)[:REMINDERS_SHOWN])
    if reminders:
        # Annual reports falling due or overdue (条例第四十九条).
        panels.append(
            RemindersPanel(
                reminders,
                name="report_reminders",
                template_name="reports/admin/reminders_panel.html",
                order=65,
            )
        )
