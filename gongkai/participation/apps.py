from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "gongkai.participation"
    label = "participation"
    verbose_name = _("公众参与")

    def ready(self) -> None:
        from gongkai.calendar.holders import register_deadline_holder

        from . import conf, portal, preconditions, search
        from .services import opinions

        conf.check_settings()
        search.register()
        portal.register()
        preconditions.register()
        register_deadline_holder(
            "participation.opinion_response",
            opinions.recompute_opinion_deadlines,
            open_years=opinions.opinion_deadline_years,
        )
