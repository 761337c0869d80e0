"""A unit's zone (with a photo), an inspection with an open finding and a reminder of the next
inspection, for the isolation walk (``gongkai/core/tests/test_security_isolation.py``)."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.zones import services
from gongkai.zones.tests.factories import facts, png, results


def make_records(*, unit, marker: str, actor) -> None:
    today = timezone.localdate()
    zone = services.zone_create(
        actor=None,
        unit=unit,
        facts=facts(name=f"{marker}专区", equipment=f"{marker}设备"),
        photo_upload=SimpleUploadedFile("zone.png", png()),
    )
    services.inspection_record(
        actor=None,
        zone=zone,
        inspected_on=today - timedelta(days=100),
        inspectors=f"{marker}检查组",
        summary=f"{marker}总体情况",
        results=results("signage", note=f"{marker}问题"),
    )
    services.inspection_reminders_send(today=today)
