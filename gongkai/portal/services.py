"""Writes of the portal's own records: the sites of many counties on one installation."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Site

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit
from gongkai.core.permissions import require

from .domain.sites import clean_hostname, clean_site_id_code
from .models import HomePage, PortalSite, SiteIdentity

# Only a government runs a site of its own (a county or the city); its departments, townships
# and villages are sections of it.
SITE_UNIT_KINDS = frozenset({"government"})


@transaction.atomic
def site_add(*, actor, unit: Unit, hostname: str, site_id_code: str = "") -> PortalSite:
    """Give ``unit`` (a county or city government) a site on ``hostname``: a Wagtail site on the
    shared page tree, its 网站标识 with the code, and the link to the unit."""
    if actor is not None:
        require(actor, "site.manage", unit)
    hostname = clean_hostname(hostname)
    site_id_code = clean_site_id_code(site_id_code)
    if not unit.is_active:
        raise DomainError(_("“%(unit)s”已停用，不能开设网站。") % {"unit": unit.name})
    if unit.kind not in SITE_UNIT_KINDS:
        raise DomainError(
            _(
                "只有县（市、区）或市人民政府可以开设网站；“%(unit)s”是其下属单位，在上级网站中有栏目。"
            )
            % {"unit": unit.name}
        )
    if PortalSite.objects.filter(unit=unit).exists():
        raise DomainError(_("“%(unit)s”已经开设了网站。") % {"unit": unit.name})
    if Site.objects.filter(hostname=hostname).exists():
        raise DomainError(_("主机名 %(host)s 已被另一个站点使用。") % {"host": hostname})
    home = HomePage.objects.first()
    if home is None:
        raise DomainError(_("门户首页尚未建立，请先运行 gongkai demo 或在后台建立首页。"))
    site = Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=unit.name)
    SiteIdentity.objects.create(
        site=site, site_name=unit.name, site_id_code=site_id_code, organizer=unit.name
    )
    portal_site = PortalSite.objects.create(site=site, unit=unit)
    audit_record(
        actor=actor,
        action="site.add",
        obj=portal_site,
        changes={"hostname": hostname, "site_id_code": site_id_code},
        unit=unit,
    )
    return portal_site


# The 网站标识 a site's back-office screen edits beside its host name: what the footer shows.
SITE_IDENTITY_FIELDS = (
    "site_name",
    "organizer",
    "icp_record",
    "public_security_record",
    "contact_phone",
)


@transaction.atomic
def site_edit(
    *, actor, portal_site: PortalSite, hostname: str, site_id_code: str, **identity: str
) -> PortalSite:
    """Change a site's host name, 网站标识码 and footer identifiers (``SITE_IDENTITY_FIELDS``).
    Its unit stays: a site belongs to one government for its whole life."""
    if actor is not None:
        require(actor, "site.manage", portal_site.unit)
    unknown = set(identity) - set(SITE_IDENTITY_FIELDS)
    if unknown:
        raise TypeError(f"site_edit() got unexpected fields {sorted(unknown)}")
    hostname = clean_hostname(hostname)
    site_id_code = clean_site_id_code(site_id_code)
    site = portal_site.site
    if Site.objects.filter(hostname=hostname).exclude(pk=site.pk).exists():
        raise DomainError(_("主机名 %(host)s 已被另一个站点使用。") % {"host": hostname})
    values = {name: (text or "").strip() for name, text in identity.items()}
    if "site_name" in values and not values["site_name"]:
        raise DomainError(_("请填写网站名称。"))
    setting, _created = SiteIdentity.objects.get_or_create(site=site)
    changes = {}
    if site.hostname != hostname:
        changes["hostname"] = [site.hostname, hostname]
        site.hostname = hostname
        site.save(update_fields=["hostname"])  # its post_save renews the host map at once
    for name, value in {"site_id_code": site_id_code, **values}.items():
        if getattr(setting, name) != value:
            changes[name] = [getattr(setting, name), value]
            setattr(setting, name, value)
    if changes:
        setting.save()
        audit_record(
            actor=actor, action="site.edit", obj=portal_site, changes=changes, unit=portal_site.unit
        )
    return portal_site
