"""Public URLs of public participation; the project's ``urls.py`` includes them at the root,
before Wagtail's page URLs: ``hdjl/yjzj/`` 意见征集 (互动交流), ``jcgk/`` 决策公开 (重大行政决策
事项目录, 会议开放, 政府开放日) and ``hygz/yqhy/`` 政务舆情回应 (回应关切). No URL carries
anything about a person."""

from django.urls import path, re_path

from .public import openness, views

app_name = "participation"

urlpatterns = [
    path("hdjl/yjzj/", views.consultation_list, name="consultations"),
    path("hdjl/yjzj/<int:pk>/", views.consultation_detail, name="consultation"),
    path("hdjl/yjzj/<int:pk>/v<int:number>/", views.consultation_version, name="version"),
    path("hdjl/yjzj/<int:pk>/comment/", views.comment, name="comment"),
    path("hdjl/yjzj/<int:pk>/comment/done/", views.comment_done, name="comment_done"),
    path("hdjl/yjzj/<int:pk>/questionnaire/", views.questionnaire, name="questionnaire"),
    path(
        "hdjl/yjzj/<int:pk>/questionnaire/done/",
        views.questionnaire_done,
        name="questionnaire_done",
    ),
    path("hdjl/yjzj/<int:pk>/feedback/", views.feedback, name="feedback"),
    re_path(
        r"^hdjl/yjzj/(?P<pk>[0-9]+)/feedback\.(?P<fmt>docx|pdf)$",
        views.feedback_download,
        name="feedback_download",
    ),
    path("jcgk/zdjc/", openness.decision_catalogs, name="decision_catalogs"),
    path("jcgk/zdjc/<int:pk>/", openness.decision_catalog, name="decision_catalog"),
    path("jcgk/hy/", openness.meetings, name="meetings"),
    path("jcgk/hy/<int:pk>/", openness.meeting, name="meeting"),
    path("jcgk/hy/<int:pk>/apply/", openness.meeting_apply, name="meeting_apply"),
    path("jcgk/hy/<int:pk>/apply/done/", openness.meeting_applied, name="meeting_applied"),
    path("jcgk/kfr/", openness.open_days, name="open_days"),
    path("jcgk/kfr/<int:pk>/", openness.open_day, name="open_day"),
    path("jcgk/kfr/<int:pk>/register/", openness.open_day_registration, name="open_day_register"),
    path(
        "jcgk/kfr/<int:pk>/register/done/",
        openness.open_day_registered,
        name="open_day_registered",
    ),
    path("hygz/yqhy/<int:pk>/", openness.response, name="response"),
]
