"""Policies for enterprises (惠企政策, 不来即享): policy items, enterprise profiles and the matching
of one to the other (docs/subsystems/policies.md)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "gongkai.policies"
    label = "policies"
    verbose_name = _("惠企政策")

    def ready(self) -> None:
        from gongkai.portal.home import register_home_entry
        from gongkai.portal.navigation import register_nav_link, register_section_link

        from . import conf, periodic, search  # noqa: F401 (periodic jobs)

        conf.check_policies_settings()
        search.register()
        register_nav_link(_("惠企政策"), "policies_public:index", order=40)
        for order, (label, url_name) in enumerate(
            [
                (_("惠企政策"), "index"),
                (_("政策计算器"), "calculator"),
                (_("企业登记"), "register"),
                (_("找回专属页面"), "link"),
            ]
        ):
            register_section_link("qyzc", label, f"policies_public:{url_name}", order=order * 10)
        register_home_entry(
            _("惠企政策"),
            "policies_public:calculator",
            description=_("输入企业情况，查找适用政策"),
            order=40,
        )
