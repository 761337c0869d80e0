"""The task ledger in the Wagtail admin: its screens, its menu and the reminders panel."""

from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.documents import get_document_model

from gongkai.core.admin_components import RemindersPanel, scoped_submenu
from gongkai.core.file_access import FILE_ACCESS_HOOK

from .selectors import may_download_evidence, reminders_for
from .views import admin as views

REMINDERS_SHOWN = 10

urlpatterns = [
    path("", views.PlanIndexView.as_view(), name="plans"),
    path("plans/<int:pk>/", views.PlanView.as_view(), name="plan"),
    path("plans/<int:pk>/public/", views.PlanPublicView.as_view(), name="plan_public"),
    path("tasks/<int:pk>/", views.TaskView.as_view(), name="task"),
    path("mine/", views.UnitTasksView.as_view(), name="unit_tasks"),
    path("overdue/", views.OverdueView.as_view(), name="overdue"),
    path("names/", views.UnitNamesView.as_view(), name="names"),
]


@hooks.register("register_admin_urls")
def register_ledger_urls():
    return [path("task-ledger/", include((urlpatterns, "task_ledger"), namespace="task_ledger"))]


@hooks.register("register_admin_menu_item")
def register_ledger_menu():
    items = [
        (_("工作要点台账"), "plans", "list-ul", "task.view"),
        (_("本单位任务"), "unit_tasks", "user", "task.view"),
        (_("逾期任务"), "overdue", "warning", "task.confirm"),
        (_("单位名称对应"), "names", "link", "task.manage"),
    ]
    return scoped_submenu(
        _("工作台账"),
        name="task-ledger",
        url_namespace="task_ledger",
        icon_name="tasks",
        order=360,
        items=items,
    )


@hooks.register("construct_homepage_panels")
def add_reminders_panel(request, panels):
    reminders = list(reminders_for(request.user)[:REMINDERS_SHOWN])
    if reminders:
        # Tasks of the user's units whose deadline is near (到期提醒).
        panels.append(
            RemindersPanel(
                reminders,
                name="task_reminders",
                template_name="ledger/admin/reminders_panel.html",
                order=60,
            )
        )


@hooks.register(FILE_ACCESS_HOOK)
def evidence_files(user, stored):
    # Evidence files follow their plan: public with its 落实情况, else its tasks' staff.
    if isinstance(stored, get_document_model()):
        return may_download_evidence(user, stored)
    return None
