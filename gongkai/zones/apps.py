"""Disclosure zones (政务公开专区): the registry of zones, their 五统一 inspections and the kiosk mode
of the portal for the 电子查阅点 (docs/subsystems/zones.md)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZonesConfig(AppConfig):
    name = "gongkai.zones"
    label = "zones"
    verbose_name = _("政务公开专区")

    def ready(self) -> None:
        from gongkai.calendar.holders import register_deadline_holder
        from gongkai.portal.navigation import register_section_link

        from .services import fix_deadline_years, recompute_fix_deadlines

        register_section_link("xxgk", _("政务公开专区"), "zones:list", order=10)
        register_deadline_holder(
            "zones.finding_fix", recompute_fix_deadlines, open_years=fix_deadline_years
        )
