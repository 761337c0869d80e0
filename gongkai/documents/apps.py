from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    label = "documents"
    verbose_name = _("公文与主动公开")

    def ready(self) -> None:
        from gongkai.portal.response_cache import register_unit_resolver

        from . import (
            indicators,  # 主动公开及时率, 政策解读同步率 for the annual assessment
            portal,
        )

        indicators.register()
        # A document's page lists the documents linked to it (上级文件, 本级及下级配套文件),
        # which may be another unit's: a write of either changes both units' pages.
        register_unit_resolver("documents.officialdocument", portal.units_shown_by_document)
        register_unit_resolver("documents.implementationlink", portal.units_shown_by_link)
