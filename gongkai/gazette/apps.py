from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GazetteConfig(AppConfig):
    name = "gongkai.gazette"
    label = "gazette"
    verbose_name = _("政府公报")

    def ready(self) -> None:
        from gongkai.documents.portal import register_document_section
        from gongkai.portal.navigation import register_nav_link, register_section_link

        from . import api, portal, search

        api.register()
        search.register()
        register_document_section(portal.printed_in, present=portal.has_printings)
        register_nav_link(_("政府公报"), "gazette:archive", order=40)
        register_section_link("gazette", _("公报期刊"), "gazette:archive", order=10)
        register_section_link("gazette", _("赠阅点"), "gazette:points", order=20)
