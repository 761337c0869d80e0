from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "gongkai.requests"
    label = "requests"
    verbose_name = _("依申请公开")

    def ready(self) -> None:
        from gongkai.calendar.holders import register_deadline_holder
        from gongkai.documents.selectors import register_requester_counter

        from . import portal_column, selectors, services

        register_deadline_holder(
            "requests.reply",
            services.recompute_request_deadlines,
            open_years=services.request_deadline_years,
        )
        register_requester_counter(selectors.distinct_applicants_by_document)
        portal_column.register()

        from . import indicators as assessment_indicators  # 依申请按时答复率, 被纠错

        assessment_indicators.register()

        from . import rollups  # the city's roll-up across counties: 依申请超期

        rollups.register()
