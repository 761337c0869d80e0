"""Public participation in the Wagtail admin: its screens, its menu and the reminders panel."""

from __future__ import annotations

from django.urls import include, path, re_path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from gongkai.core.admin_components import RemindersPanel, scoped_submenu

from .selectors import consultations_awaiting_feedback, needs_without_consultation, overdue_opinions
from .views import admin_consultations as consultations
from .views import admin_openness as openness
from .views import admin_opinions as opinions

REMINDERS_SHOWN = 10

urlpatterns = [
    path("", consultations.ConsultationIndex.as_view(), name="consultations"),
    path("add/", consultations.ConsultationCreate.as_view(), name="consultation_add"),
    path("<int:pk>/", consultations.ConsultationDetail.as_view(), name="consultation"),
    path("<int:pk>/edit/", consultations.ConsultationEdit.as_view(), name="consultation_edit"),
    path("<int:pk>/draft/", consultations.DraftEdit.as_view(), name="draft"),
    path("<int:pk>/comments/", consultations.CommentsView.as_view(), name="comments"),
    path("<int:pk>/comments/add/", consultations.CommentEntry.as_view(), name="comment_add"),
    path("<int:pk>/comments/<int:cid>/", consultations.CommentDetail.as_view(), name="comment"),
    path("<int:pk>/feedback/", consultations.FeedbackView.as_view(), name="feedback"),
    re_path(
        r"^(?P<pk>[0-9]+)/feedback/(?P<fmt>docx|pdf)/$",
        consultations.feedback_download,
        name="feedback_download",
    ),
    path(
        "<int:pk>/questionnaire/",
        consultations.QuestionnaireResults.as_view(),
        name="questionnaire",
    ),
    path("needs/", consultations.NeedsView.as_view(), name="needs"),
    path("decisions/", openness.CatalogIndex.as_view(), name="catalogs"),
    path("decisions/<int:pk>/", openness.CatalogDetail.as_view(), name="catalog"),
    path("decisions/items/<int:pk>/", openness.DecisionItemView.as_view(), name="decision_item"),
    path("meetings/", openness.MeetingIndex.as_view(), name="meetings"),
    path("meetings/<int:pk>/", openness.MeetingDetail.as_view(), name="meeting"),
    path("open-days/", openness.OpenDayIndex.as_view(), name="open_days"),
    path("open-days/<int:pk>/", openness.OpenDayDetail.as_view(), name="open_day"),
    path("opinions/", opinions.OpinionIndex.as_view(), name="opinions"),
    path("opinions/<int:pk>/", opinions.OpinionDetail.as_view(), name="opinion"),
]


@hooks.register("register_admin_urls")
def register_participation_urls():
    return [
        path(
            "participation/",
            include((urlpatterns, "participation_admin"), namespace="participation_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_participation_menu():
    items = [
        (_("意见征集"), "consultations", "comment", "consultation.view"),
        (_("需征求意见的公文"), "needs", "warning", "consultation.view"),
        (_("重大行政决策事项目录"), "catalogs", "list-ol", "decision.view"),
        (_("会议开放"), "meetings", "group", "meeting.manage"),
        (_("政府开放日"), "open_days", "date", "meeting.manage"),
        (_("政务舆情"), "opinions", "warning", "opinion.view"),
    ]
    return scoped_submenu(
        _("公众参与"),
        name="participation",
        url_namespace="participation_admin",
        icon_name="group",
        order=380,
        items=items,
    )


@hooks.register("construct_homepage_panels")
def add_reminders_panel(request, panels):
    user = request.user
    reminders = {
        "opinions": list(overdue_opinions(user, timezone.localdate())[:REMINDERS_SHOWN]),
        "feedback": list(consultations_awaiting_feedback(user)[:REMINDERS_SHOWN]),
        "needs": list(needs_without_consultation(user)[:REMINDERS_SHOWN]),
    }
    if any(reminders.values()):
        # Overdue opinion responses, feedback to publish, documents needing a consultation.
        panels.append(
            RemindersPanel(
                reminders,
                name="participation_reminders",
                template_name="participation/admin/reminders_panel.html",
                order=66,
            )
        )
