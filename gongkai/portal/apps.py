from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = _("门户网站")

    def ready(self) -> None:
        from . import search
        from .response_cache import connect_invalidation

        connect_invalidation()
        search.register()
