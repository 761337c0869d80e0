from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    label = "supervision"
    verbose_name = _("网站与政务新媒体监管")

    def ready(self) -> None:
        # The annual assessment's indicators from sites' and accounts' results.
        from . import indicators

        indicators.register()

        from . import rollups  # the city's roll-up across counties: 网站检查

        rollups.register()
