"""Public URLs of the gazette; the project's ``urls.py`` includes them under ``gazette/``."""

from django.urls import path

from .views import public

app_name = "gazette"

urlpatterns = [
    path("", public.archive, name="archive"),
    path("issues/<int:pk>/", public.issue_detail, name="issue"),
    path("issues/<int:pk>/pdf/", public.issue_pdf, name="issue_pdf"),
    path("articles/<int:pk>/", public.article_detail, name="article"),
    path("points/", public.points, name="points"),
    path("feed/", public.IssueFeed(), name="feed"),
]
