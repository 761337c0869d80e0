"""Many counties on one installation: which site a host name is, and what each site shows.

A site is a Wagtail ``Site`` (its host name; the ``SiteIdentity`` setting hangs on it) with a
`PortalSite` naming its unit. Host names are read on almost every request (host validation,
the page cache), so the map is kept in memory per process: dropped at once in the process
that changes a site, and re-read by the others after ``HOSTS_SECONDS``.
"""

from __future__ import annotations

import time

from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest, HttpResponseRedirect

from . import memo

# How long another process may keep serving (or refusing) a host after a site was changed.
HOSTS_SECONDS = 30.0

_hosts: tuple[float, dict[str, int | None]] = (0.0, {})


def _normalise(host: str) -> str:
    """The host name of a Host header: lower case, without the port."""
    host = host.lower()
    if host.startswith("["):  # an IPv6 literal keeps its colons
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def site_hosts() -> dict[str, int | None]:
    """Every Wagtail site's host name, mapped to its portal site's unit id (None for a site that
    has none: it shows every unit)."""
    global _hosts
    read_at, hosts = _hosts
    if time.monotonic() - read_at < HOSTS_SECONDS:
        return hosts
    from wagtail.models import Site

    try:
        hosts = {
            hostname.lower(): unit_id
            for hostname, unit_id in Site.objects.values_list("hostname", "portal__unit_id")
        }
    except DatabaseError:
        # Before `migrate` (or with the database away) no site is registered; the configured
        # host names still work.
        return {}
    _hosts = (time.monotonic(), hosts)
    return hosts


def forget_site_hosts(**kwargs) -> None:
    global _hosts
    _hosts = (0.0, {})


def connect_site_hosts() -> None:
    from wagtail.models import Site

    from .models import PortalSite

    for model in (Site, PortalSite):
        post_save.connect(forget_site_hosts, sender=model, dispatch_uid=f"site-hosts-{model}")
        post_delete.connect(forget_site_hosts, sender=model, dispatch_uid=f"site-hosts-d-{model}")


def site_unit_id_for_host(host: str) -> int | None:
    return site_hosts().get(_normalise(host))


def site_unit(request: HttpRequest):
    """The unit whose site the request is on, or None on a host with no portal site (the
    installation's default site, which shows every unit). Read once per request."""
    if not hasattr(request, "_gongkai_site_unit"):
        from gongkai.core.models import Unit

        unit_id = site_unit_id_for_host(request.get_host())
        request._gongkai_site_unit = (
            memo.memoised_copy(
                f"site-unit:{unit_id}", lambda: Unit.objects.filter(pk=unit_id).first()
            )
            if unit_id is not None
            else None
        )
    return request._gongkai_site_unit


def remember_wagtail_site(request: HttpRequest) -> None:
    """Give the request the Wagtail site of its host from the process's copy (`memo`), where
    Wagtail looks for it (``Site.find_for_request`` keeps it in ``request._wagtail_site``).

    A site's change (host name, root page, default flag) is a write without a unit, which gives
    every page a new content version; the copy's root page, made specific on first use, is kept
    with it, so routing starts without a query.
    """
    from django.http.request import split_domain_port
    from wagtail.models import Site

    hostname = split_domain_port(request._get_raw_host())[0]
    # A host name no site has gets the default site, whatever it is: one copy for all of them,
    # so Host headers made up by a client cannot grow the memory.
    known = hostname if hostname in site_hosts() else "*"
    request._wagtail_site = memo.memoised(
        f"wagtail-site:{known}:{request.get_port()}", lambda: Site._find_for_request(request)
    )


def _ancestor_paths(path: str) -> list[str]:
    """``/1/4/9/`` → ``/1/``, ``/1/4/``, ``/1/4/9/``: the unit's own path and its ancestors'."""
    ids = [part for part in path.split("/") if part]
    return ["/" + "/".join(ids[: n + 1]) + "/" for n in range(len(ids))]


def site_host_of(unit) -> str | None:
    """The host name of the site whose pages hold ``unit``'s section: the portal site of the
    nearest government at or above it; None when no site holds it."""
    from .models import PortalSite

    return (
        PortalSite.objects.filter(unit__path__in=_ancestor_paths(unit.path))
        .order_by("-unit__depth")
        .values_list("site__hostname", flat=True)
        .first()
    )


def foreign_section_redirect(request: HttpRequest, code: str) -> HttpResponseRedirect | None:
    """On a county's host, a section of a unit outside the county is not shown under the
    county's name and 网站标识码: it answers with a redirect to the same path on the host of the
    site that holds the unit, or 404 when none does. None when the section is the site's own."""
    own = site_unit(request)
    if own is None:
        return None
    from .selectors import active_unit

    # The process's copy of the unit tree on public pages (`memo`), no query of its own.
    unit = active_unit(code)
    if unit is None or unit.path.startswith(own.path):
        return None  # an unknown code is the section view's 404
    host = site_host_of(unit)
    if host is None:
        raise Http404
    # The port the visitor named, if any: the sites of one installation share it.
    _name, colon, port = request.get_host().rpartition(":")
    if colon and port.isdigit():
        host = f"{host}:{port}"
    return HttpResponseRedirect(f"{request.scheme}://{host}{request.get_full_path()}")
