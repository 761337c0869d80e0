"""What other modules read of the portal: the live 政府信息公开平台 page that addresses every unit's
section, its columns and routes."""

from __future__ import annotations

import copy

from gongkai.core.models import Unit

from . import memo


def live_platform():
    """The live DisclosurePlatformPage, or None before the portal exists."""
    from .models import DisclosurePlatformPage  # the portal's models import modules that call this

    return DisclosurePlatformPage.objects.live().first()


def portal_sites():
    """Every registered site with its unit, Wagtail site and 网站标识, in unit-tree order."""
    from .models import PortalSite

    return PortalSite.objects.select_related("unit", "site", "site__siteidentity")


def active_unit(code: str) -> Unit | None:
    """The active unit of ``code`` (a section's address), or None.

    On a public page the active units are read once per ``all`` content version (`memo`): a
    unit's change is a write without a unit of its own, which gives every page a new version,
    so a unit closed by an administrator has no section on the next request. Each caller gets
    its own copy.
    """
    if not memo.active():
        return Unit.objects.filter(code=code, is_active=True).first()
    units = memo.memoised(
        "active-units", lambda: {unit.code: unit for unit in Unit.objects.filter(is_active=True)}
    )
    unit = units.get(code)
    return copy.copy(unit) if unit is not None else None
