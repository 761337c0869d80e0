"""A site of the other unit, for the isolation walk (``core/tests/test_security_isolation.py``).
Made directly, not by ``site_add``: the walk's other unit is a township, which the service
refuses; the record only has to exist (sites have no screen of their own in the back office)."""

from __future__ import annotations

from wagtail.models import Site

from gongkai.portal.models import HomePage, PortalSite


def make_records(*, unit, marker: str, actor) -> None:
    home = HomePage.objects.first() or Site.objects.get(is_default_site=True).root_page
    site = Site.objects.create(hostname=f"{unit.code.lower()}.example.invalid", root_page=home)
    PortalSite.objects.create(site=site, unit=unit)
