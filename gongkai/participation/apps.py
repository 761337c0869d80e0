from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "gongkai.participation"
    label = "participation"
    verbose_name = _("公众参与")

    def ready(self) -> None:
        from gongkai.calendar.holders import register_deadline_holder
        from gongkai.portal.home import register_home_entry

        from . import conf, portal, preconditions, search
        from .services import opinions

        conf.check_settings()
        search.register()
        portal.register()
        preconditions.register()
        register_home_entry(
            _("意见征集"),
            "participation:consultations",
            description=_("政策草案公开征求意见"),
            order=40,
        )
        register_home_entry(
            _("决策公开"),
            "participation:decision_catalogs",
            description=_("重大行政决策、会议开放"),
            order=50,
        )
        register_deadline_holder(
            "participation.opinion_response",
            opinions.recompute_opinion_deadlines,
            open_years=opinions.opinion_deadline_years,
        )

        from . import indicators as assessment_indicators  # 征求意见反馈率

        assessment_indicators.register()
