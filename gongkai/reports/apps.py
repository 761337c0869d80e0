from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = _("政府信息公开工作年度报告")

    def ready(self) -> None:
        # Fills the 政府信息公开年报 column of each unit's portal section.
        from . import portal, search  # noqa: F401

        search.register()

        from . import indicators as assessment_indicators  # 年报按时发布

        assessment_indicators.register()

        from . import rollups  # the city's roll-up across counties: 年度报告报送

        rollups.register()
