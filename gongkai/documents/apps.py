from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    label = "documents"
    verbose_name = _("公文与主动公开")

    def ready(self) -> None:
        from . import indicators  # 主动公开及时率, 政策解读同步率 for the annual assessment

        indicators.register()
