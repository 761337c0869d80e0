"""Messages and policy questions in the Wagtail admin: the menu 政民互动, its screens, and the
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
    path("", views.MessageIndexView.as_view(), name="index"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("hotline/", views.HotlineView.as_view(), name="hotline"),
    path("oversight/", views.OversightView.as_view(), name="oversight"),
    path("<int:pk>/", views.MessageView.as_view(), name="detail"),
    path("<int:pk>/receipt/", views.ReceiptView.as_view(), name="receipt"),
    path("<int:pk>/steps/<str:action>/", views.StepView.as_view(), name="step"),
    path("<int:pk>/publish/", views.PublishView.as_view(), name="publish"),
    path("<int:pk>/unpublish/", views.UnpublishView.as_view(), name="unpublish"),
    path("<int:pk>/feed-back/", views.FeedBackView.as_view(), name="feed_back"),
    path("<int:pk>/to-question/", views.ToQuestionView.as_view(), name="to_question"),
    path("<int:pk>/replies/<int:reply_pk>/", views.ReplyFileView.as_view(), name="reply_file"),
    path("questions/", views.QuestionIndexView.as_view(), name="questions"),
    path("questions/new/", views.QuestionEditView.as_view(), name="question_new"),
    path("questions/<int:pk>/", views.QuestionEditView.as_view(), name="question"),
]


@hooks.register("register_admin_urls")
def register_interaction_urls():
    return [
        path(
            "interaction/",
            include((urlpatterns, "interaction_admin"), namespace="interaction_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_interaction_menu():
    return scoped_submenu(
        _("政民互动"),
        name="interaction",
        url_namespace="interaction_admin",
        icon_name="comment",
        order=350,
        items=[
            (_("留言办理"), "index", "list-ul", "message.view"),
            (_("登记留言"), "register", "plus", "message.handle"),
            (_("12345热线工单"), "hotline", "download", "message.handle"),
            (_("留言督办"), "oversight", "warning", "message.oversee"),
            (_("政策问答"), "questions", "help", "qa.edit"),
        ],
    )


@hooks.register("construct_homepage_panels")
def add_reminders_panel(request, panels):
    reminders = list(reminders_for(request.user).order_by("due_on", "id")[:REMINDERS_SHOWN])
    if reminders:
        panels.append(
            RemindersPanel(
                reminders,
                name="message_reminders",
                template_name="interaction/admin/reminders_panel.html",
                order=56,
            )
        )
