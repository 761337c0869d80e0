"""Reads of the zones app. What the public may see is decided here once (`public_zones`); staff
reads go through ``permissions``."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from gongkai.core.permissions import can, scope

from .domain.checklist import ZoneStatus
from .models import Inspection, InspectionItem, InspectionReminder, Zone


def public_zones() -> QuerySet[Zone]:
    """Zones the portal lists: not withdrawn, of an active unit. A suspended zone stays listed
    with its status, so a visitor learns it is shut before going there."""
    return (
        Zone.objects.exclude(status=ZoneStatus.CLOSED)
        .filter(unit__is_active=True)
        .select_related("unit", "photo")
    )


def zones_for(user, action: str = "zone.view") -> QuerySet[Zone]:
    return (
        scope(Zone.objects.all(), user, action)
        .annotate(
            open_findings=Count(
                "inspections__items",
                filter=Q(
                    inspections__items__passed=False, inspections__items__fixed_on__isnull=True
                ),
            )
        )
        .select_related("unit")
    )


def history(zone: Zone) -> QuerySet[Inspection]:
    """The zone's inspections, newest first, each with its items in checklist order."""
    return zone.inspections.select_related("recorded_by").prefetch_related(
        Prefetch("items", queryset=InspectionItem.objects.order_by("id"))
    )


def open_findings(zones: QuerySet[Zone]) -> QuerySet[InspectionItem]:
    return (
        InspectionItem.objects.filter(
            inspection__zone__in=zones, passed=False, fixed_on__isnull=True
        )
        .select_related("inspection__zone__unit")
        .order_by("fix_due", "id")
    )


def reminders_for(user) -> QuerySet[InspectionReminder]:
    """Inspections due of the zones the user may inspect: a reminder counts while its due day is
    still the zone's (an inspection since then has moved it)."""
    return (
        scope(InspectionReminder.objects.all(), user, "zone.inspect", unit_field="zone__unit")
        .filter(zone__status=ZoneStatus.OPEN, due_on=F("zone__next_inspection_due"))
        .select_related("zone__unit")
    )


def overdue_findings_for(user, today: date | None = None) -> QuerySet[InspectionItem]:
    today = today or timezone.localdate()
    zones = scope(Zone.objects.all(), user, "zone.manage")
    return open_findings(zones).filter(fix_due__lt=today)


def zone_of_photo(image) -> Zone | None:
    return Zone.objects.filter(photo=image).select_related("unit").first()


def may_see_photo(user, image) -> bool | None:
    """The file-access rule for zone photos: None when no zone uses ``image``; the public sees
    the photo of a listed zone, staff that of a zone they may view."""
    zone = zone_of_photo(image)
    if zone is None:
        return None
    if public_zones().filter(pk=zone.pk).exists():
        return True
    return can(user, "zone.view", zone.unit)


def last_inspected_on(zone: Zone) -> date | None:
    return zone.inspections.order_by("-inspected_on").values_list("inspected_on", flat=True).first()
