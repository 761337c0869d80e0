"""``ALLOWED_HOSTS`` that follows the registered sites. Imported by the settings, so it imports
nothing of Django until a request asks."""

from __future__ import annotations


class SiteHosts(list):
    """The configured host names, then every registered site's (`portal.sites.site_hosts`,
    kept in memory per process): Django's host validation iterates over it."""

    def __iter__(self):
        yield from super().__iter__()
        from .sites import site_hosts

        yield from site_hosts()
