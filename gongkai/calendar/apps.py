from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "gongkai.calendar"
    label = "calendar"
    verbose_name = _("工作日与期限")

    def ready(self) -> None:
        # A wrong day count would silently give wrong due dates everywhere, so every process
        # (web, worker, command) refuses to start with it.
        from .conf import check_deadline_settings

        check_deadline_settings()
