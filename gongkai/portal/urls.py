"""The portal's pages that are not Wagtail pages; the project's ``urls.py`` includes them at the
root, before Wagtail's page URLs."""

from django.urls import path

from . import display, pages

app_name = "portal"

urlpatterns = [
    path("wzdt/", pages.site_map, name="site_map"),
    path("lxwm/", pages.contact, name="contact"),
    path("wza/", pages.accessibility, name="accessibility"),
    path("wza/switch/", display.display_switch, name="display_switch"),
    # Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says.
    path("favicon.ico", pages.favicon, name="favicon"),
]
