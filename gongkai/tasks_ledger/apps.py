from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "gongkai.tasks_ledger"
    label = "ledger"
    verbose_name = _("工作台账")

    def ready(self) -> None:
        from . import portal

        portal.register()

        from . import indicators as assessment_indicators  # 工作要点任务按时完成率

        assessment_indicators.register()
