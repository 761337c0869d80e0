"""The project's URLs with the ledger's public pages, as the lead adds them to gongkai/urls.py."""

from django.urls import include, path

from gongkai.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("ledger/", include("gongkai.tasks_ledger.urls")), *project_urlpatterns]
