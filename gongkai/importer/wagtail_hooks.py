from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.core.permissions import units_for

from .views import ConfirmView, UploadView

urlpatterns = [
    path("", UploadView.as_view(), name="upload"),
    path("confirm/", ConfirmView.as_view(), name="confirm"),
]


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("import/", include((urlpatterns, "importer"), namespace="importer"))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return units_for(request.user, "document.edit").exists()


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("导入公文"), reverse("importer:upload"), icon_name="upload", order=340)
