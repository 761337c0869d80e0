"""Public URLs of the task ledger; the project's ``urls.py`` includes them under ``ledger/``."""

from django.urls import path

from .views.portal import plan_page

app_name = "ledger"

urlpatterns = [path("<int:pk>/", plan_page, name="plan")]
