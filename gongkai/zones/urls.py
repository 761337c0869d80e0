"""Public URLs of the zones app, included at ``xxgk/zq/`` before Wagtail's page URLs: the list
of zones, a zone's page, and the way a 电子查阅点's screen enters and leaves kiosk mode."""

from django.urls import path

from .views import public

app_name = "zones"

urlpatterns = [
    path("", public.zone_list, name="list"),
    path("<int:pk>/", public.zone_detail, name="zone"),
    path("kiosk/<int:pk>/", public.kiosk_enter, name="kiosk"),
    path("kiosk/exit/", public.kiosk_exit, name="kiosk_exit"),
]
