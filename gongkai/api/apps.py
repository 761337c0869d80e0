from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "gongkai.api"
    label = "api"
    verbose_name = _("开放数据接口")

    def ready(self) -> None:
        from . import datasets, periodic  # noqa: F401 - periodic registers the daily dumps

        datasets.register()
