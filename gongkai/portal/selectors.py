"""What other modules read of the portal: the live 政府信息公开平台 page that addresses every unit's
section, its columns and routes."""

from __future__ import annotations


def live_platform():
    """The live DisclosurePlatformPage, or None before the portal exists."""
    from .models import DisclosurePlatformPage  # the portal's models import modules that call this

    return DisclosurePlatformPage.objects.live().first()


def portal_sites():
    """Every registered site with its unit, Wagtail site and 网站标识, in unit-tree order."""
    from .models import PortalSite

    return PortalSite.objects.select_related("unit", "site", "site__siteidentity")
