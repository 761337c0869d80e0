from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = _("门户网站")

    def ready(self) -> None:
        from . import search
        from .response_cache import connect_invalidation, register_unit_resolver, units_of_parent
        from .sites import connect_site_hosts

        connect_invalidation()
        register_unit_resolver("documents.documentattachment", units_of_parent("document"))
        connect_site_hosts()
        search.register()
