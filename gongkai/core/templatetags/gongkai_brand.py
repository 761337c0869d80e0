"""The platform's own name in the admin's branding templates (templates/wagtailadmin/)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def platform_name() -> str:
    return settings.WAGTAIL_SITE_NAME
