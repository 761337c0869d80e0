"""Included at the site root by gongkai/urls.py: ``path("", include("gongkai.search.urls"))``,
before Wagtail's page URLs."""

from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("search/", views.results, name="results"),
    path("opensearch.xml", views.opensearch, name="opensearch"),
]
