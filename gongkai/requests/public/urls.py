"""Public URLs of disclosure requests; the project's ``urls.py`` includes them under ``ysqgk/``
(依申请公开), before Wagtail's page URLs. No URL carries anything about the applicant."""

from django.urls import path, re_path

from . import views

app_name = "requests_public"

urlpatterns = [
    path("<str:code>/apply/", views.apply, name="apply"),
    path("<str:code>/apply/done/", views.done, name="done"),
    path("track/", views.track, name="track"),
    path("track/status/", views.status, name="status"),
    re_path(r"^track/letters/(?P<pk>[0-9]+)/(?P<fmt>docx|pdf)/$", views.letter, name="letter"),
]
