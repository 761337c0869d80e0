"""The public pages of the zones (政务公开专区): a map-free list and one page per zone, and the
kiosk switch of a 电子查阅点."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from gongkai.core.models import Unit
from gongkai.portal.display import KIOSK, display_modes, store_modes

from ..domain.checklist import POINT_LABELS, Point, ZoneStatus
from ..selectors import last_inspected_on, public_zones

COLUMN = {"column_name": _("政务公开专区"), "column_type": "政务公开专区"}


def points_of(zone) -> list[tuple[str, bool]]:
    present = {
        Point.ELECTRONIC: zone.has_electronic,
        Point.MATERIALS: zone.has_materials,
        Point.CONSULTATION: zone.has_consultation,
    }
    return [(POINT_LABELS[point], present[point]) for point in Point]


@require_safe
def zone_list(request: HttpRequest) -> TemplateResponse:
    zones = list(public_zones())
    units = Unit.objects.filter(pk__in={z.unit_id for z in zones}).order_by("path")
    chosen = request.GET.get("unit", "")
    if chosen:
        zones = [z for z in zones if z.unit.code == chosen]
    for zone in zones:
        zone.points = points_of(zone)
    return TemplateResponse(
        request,
        "zones/public/list.html",
        {
            **COLUMN,
            "heading": _("政务公开专区"),
            "zones": zones,
            "units": units,
            "chosen": chosen,
            "suspended": ZoneStatus.SUSPENDED.value,
        },
    )


@require_safe
def zone_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    zone = get_object_or_404(public_zones(), pk=pk)
    return TemplateResponse(
        request,
        "zones/public/zone.html",
        {
            **COLUMN,
            "article_title": zone.name,
            "heading": zone.name,
            "zone": zone,
            "unit": zone.unit,
            "points": points_of(zone),
            "last_inspected_on": last_inspected_on(zone),
            "suspended": zone.status == ZoneStatus.SUSPENDED,
        },
    )


@require_safe
@never_cache
def kiosk_enter(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    """Opened once on the screen of a zone's 电子查阅点 (by whoever sets it up): the browser then
    shows the portal in kiosk mode until ``kiosk/exit/`` is opened on it."""
    zone = get_object_or_404(public_zones(), pk=pk)
    if not zone.has_electronic:
        raise Http404
    response = HttpResponseRedirect("/")
    return store_modes(request, response, display_modes(request) | {KIOSK})


@require_safe
@never_cache
def kiosk_exit(request: HttpRequest) -> HttpResponseRedirect:
    response = HttpResponseRedirect(reverse("zones:list"))
    return store_modes(request, response, display_modes(request) - {KIOSK})
