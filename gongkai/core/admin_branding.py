"""The admin as the platform's own: its mark and name instead of Wagtail's (templates under
``templates/wagtailadmin/``), and nothing that sends a clerk to Wagtail's English pages.
"""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

# Help-menu items that open guide.wagtail.org: English pages about Wagtail, not this platform,
# on a host a closed government network often cannot reach.
_WAGTAIL_GUIDE_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def _without_wagtail_guides(request, menu_items):
    menu_items[:] = [
        item for item in menu_items if not str(item.name).startswith(_WAGTAIL_GUIDE_ITEMS)
    ]


@hooks.register("get_avatar_url")
def _platform_avatar(user, size):
    # One picture for every account: uploaded avatars would live under MEDIA_URL, which the
    # server does not serve (stored files go through core.file_access), so they showed broken,
    # and Gravatar is off (settings: no staff e-mail hashes leave the network).
    return static("core/avatar.svg")


@hooks.register("insert_global_admin_css")
def _brand_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin_brand.css"))
