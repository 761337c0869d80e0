"""``{% csp_nonce %}``: the nonce attribute for an inline ``<script>`` (see ``core/csp.py``)."""

from django import template
from django.utils.safestring import SafeString

from gongkai.core.csp import nonce_attribute

register = template.Library()


@register.simple_tag
def csp_nonce() -> SafeString:
    return nonce_attribute()
