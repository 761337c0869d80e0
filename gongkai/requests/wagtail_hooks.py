"""Disclosure requests in the Wagtail admin: the staff screens, the menu 依申请公开 and the
handlers' reminders on the home page."""

from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from gongkai.core.admin_components import RemindersPanel, scoped_submenu

from . import admin_views as views
from .reminders import reminders_for

REMINDERS_SHOWN = 10

urlpatterns = [
    path("", views.RequestIndexView.as_view(), name="index"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("<int:pk>/", views.RequestView.as_view(), name="detail"),
    path("<int:pk>/receipt/", views.ReceiptView.as_view(), name="receipt"),
    path("<int:pk>/steps/<str:action>/", views.StepView.as_view(), name="step"),
    path("<int:pk>/assign/", views.AssignView.as_view(), name="assign"),
    path("<int:pk>/letters/", views.LetterCreateView.as_view(), name="letter_create"),
    path("<int:pk>/appeals/", views.AppealCreateView.as_view(), name="appeal_create"),
    path(
        "<int:pk>/appeals/<int:appeal_pk>/",
        views.AppealUpdateView.as_view(),
        name="appeal_update",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.AttachmentView.as_view(),
        name="attachment",
    ),
    path(
        "<int:pk>/deliveries/<int:delivery_pk>/proof/",
        views.DeliveryProofView.as_view(),
        name="delivery_proof",
    ),
]


@hooks.register("register_admin_urls")
def register_request_urls():
    return [path("requests/", include((urlpatterns, "requests_admin"), namespace="requests_admin"))]


@hooks.register("register_admin_menu_item")
def register_request_menu():
    items = [
        (_("申请办理"), "index", "list-ul", "request.view"),
        (_("登记申请"), "register", "plus", "request.handle"),
    ]
    return scoped_submenu(
        _("依申请公开"),
        name="requests",
        url_namespace="requests_admin",
        icon_name="mail",
        order=345,
        items=items,
        register_hook_name="register_requests_menu_item",
    )


@hooks.register("construct_homepage_panels")
def add_reminders_panel(request, panels):
    reminders = list(reminders_for(request.user).order_by("due_on", "id")[:REMINDERS_SHOWN])
    if reminders:
        # Replies due soon or overdue, correction and payment periods run out.
        panels.append(
            RemindersPanel(
                reminders,
                name="request_reminders",
                template_name="requests/admin/reminders_panel.html",
                order=55,
            )
        )


from . import admin_letters  # noqa: E402,F401  (letter templates)
