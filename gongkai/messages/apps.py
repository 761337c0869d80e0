from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagesConfig(AppConfig):
    """政民互动. The label is not ``messages``: that is django.contrib.messages's, which every
    Django project installs; ``interaction`` (政民互动) is the glossary's word for the field."""

    name = "gongkai.messages"
    label = "interaction"
    verbose_name = _("政民互动")

    def ready(self) -> None:
        from gongkai.calendar.holders import register_deadline_holder
        from gongkai.documents.portal import register_document_section
        from gongkai.portal.home import register_home_entry
        from gongkai.portal.navigation import register_nav_link, register_section_link

        from . import conf, periodic, portal, search, services  # noqa: F401 (periodic jobs)

        conf.check_message_settings()
        register_deadline_holder(
            "interaction.messages",
            services.recompute_message_deadlines,
            open_years=services.message_deadline_years,
        )
        register_document_section(portal.related_questions, present=portal.has_related_questions)
        register_nav_link(_("互动交流"), "interaction_public:messages", order=20)
        for order, (label, url_name) in enumerate(
            [
                (_("留言选登"), "messages"),
                (_("我要留言"), "new"),
                (_("留言办理查询"), "track"),
                (_("政策问答"), "questions"),
                (_("留言办理统计"), "statistics"),
            ]
        ):
            register_section_link("hdjl", label, f"interaction_public:{url_name}", order=order * 10)
        register_home_entry(
            _("我要留言"), "interaction_public:new", description=_("咨询、建议、投诉"), order=10
        )
        register_home_entry(
            _("留言选登"), "interaction_public:messages", description=_("已答复的留言"), order=20
        )
        register_home_entry(
            _("政策问答"),
            "interaction_public:questions",
            description=_("常见政策问题解答"),
            order=30,
        )
        search.register()

        from . import indicators as assessment_indicators  # 留言按时答复率, 3个月未回应

        assessment_indicators.register()

        from . import rollups  # the city's roll-up across counties: 留言超期

        rollups.register()
