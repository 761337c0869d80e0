"""Public URLs of messages; the project's ``urls.py`` includes them under ``hdjl/`` (互动交流),
before Wagtail's page URLs. No URL carries anything about the citizen."""

from django.urls import path

from . import views

app_name = "interaction_public"

urlpatterns = [
    path("ly/", views.message_list, name="messages"),
    path("ly/new/", views.message_new, name="new"),
    path("ly/new/done/", views.message_done, name="done"),
    path("ly/suggest/", views.suggest, name="suggest"),
    path("ly/track/", views.track, name="track"),
    path("ly/track/status/", views.status, name="status"),
    path("ly/track/files/<int:pk>/", views.reply_file, name="reply_file"),
    path("ly/<str:number>/", views.message_detail, name="message"),
    path("zcwd/", views.questions, name="questions"),
    path("zcwd/<int:pk>/", views.question_detail, name="question"),
    path("tj/", views.statistics_page, name="statistics"),
]
