from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZonesConfig(AppConfig):
    name = "gongkai.zones"
    label = "zones"
    verbose_name = _("政务公开专区")
