from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "gongkai.assessment"
    label = "assessment"
    verbose_name = _("政务公开考核")

    def ready(self) -> None:
        from . import indicators  # 问题清单逾期未整改

        indicators.register()
