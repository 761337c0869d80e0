from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    label = "catalog"
    verbose_name = _("标准目录")

    def ready(self) -> None:
        from . import search  # catalog items and their content as search kinds

        search.register()

        from . import indicators as assessment_indicators  # 目录缺漏数

        assessment_indicators.register()

        from . import rollups  # the city's roll-up across counties: 目录缺漏

        rollups.register()
