"""Writes of the zones app: each checks permission, runs in one transaction and records one
audit entry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model

from gongkai.calendar.selectors import deadline_for
from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.publication_gate import PublicText
from gongkai.core.models import Unit
from gongkai.core.permissions import require
from gongkai.core.uploads import check_upload
from gongkai.documents.gate import refuse_unless_clean

from .domain.checklist import (
    ItemResult,
    ZoneRuleError,
    ZoneStatus,
    check_transition,
    validate_results,
)
from .domain.rules import PHOTO_KINDS, PHOTO_MAX_BYTES, REMIND_DAYS_BEFORE
from .models import PLACE_KINDS, Inspection, InspectionItem, InspectionReminder, Zone

FINDING_FIX_RULE = "zone-finding-fix"
INSPECTION_RULE = "zone-inspection"


@dataclass(frozen=True)
class ZoneFacts:
    name: str
    place_kind: str
    place: str
    address: str
    opening_hours: str
    has_electronic: bool
    has_materials: bool
    has_consultation: bool
    phone: str
    equipment: str = ""
    contact_name: str = ""
    photo_description: str = ""


REQUIRED = {
    "name": "专区名称",
    "place": "所在场所",
    "address": "地址",
    "opening_hours": "开放时间",
    "phone": "咨询电话",
}


def _clean(facts: ZoneFacts) -> dict:
    values = {k: v.strip() if isinstance(v, str) else v for k, v in asdict(facts).items()}
    missing = [label for name, label in REQUIRED.items() if not values[name]]
    if missing:
        raise DomainError(f"请填写{'、'.join(missing)}。")
    if values["place_kind"] not in dict(PLACE_KINDS):
        raise DomainError("请选择场所类型。")
    if not (values["has_electronic"] or values["has_materials"] or values["has_consultation"]):
        raise DomainError("专区须至少设有电子查阅点、资料查阅点、公开申请咨询点中的一个。")
    return values


def _public_texts(values: dict) -> list[PublicText]:
    labels = {
        "name": "专区名称",
        "place": "所在场所",
        "address": "地址",
        "opening_hours": "开放时间",
        "equipment": "设备配置",
        "contact_name": "联系人",
        "phone": "咨询电话",
        "photo_description": "照片说明",
    }
    return [PublicText(label, values[name]) for name, label in labels.items() if values[name]]


def _photo(actor, upload: UploadedFile, title: str):
    check_upload(upload, kinds=PHOTO_KINDS, max_bytes=PHOTO_MAX_BYTES)
    return get_image_model().objects.create(
        title=f"{title[:80]}（专区照片）",
        file=upload,
        uploaded_by_user=actor if getattr(actor, "pk", None) else None,
    )


def _first_due(today: date) -> date:
    # A new zone is inspected within one inspection period of being registered.
    return deadline_for(INSPECTION_RULE, today).due


@transaction.atomic
def zone_create(
    *, actor, unit: Unit, facts: ZoneFacts, photo_upload: UploadedFile | None = None
) -> Zone:
    if actor is not None:
        require(actor, "zone.manage", unit)
    values = _clean(facts)
    refuse_unless_clean(unit=unit, texts=_public_texts(values), action="发布专区信息")
    photo = _photo(actor, photo_upload, values["name"]) if photo_upload is not None else None
    zone = Zone.objects.create(
        unit=unit,
        photo=photo,
        next_inspection_due=_first_due(timezone.localdate()),
        **values,
    )
    audit_record(
        actor=actor,
        action="zone.create",
        obj=zone,
        changes={**values, "photo": photo.pk if photo else None},
        unit=unit,
    )
    return zone


@transaction.atomic
def zone_update(
    *,
    actor,
    zone: Zone,
    facts: ZoneFacts,
    photo_upload: UploadedFile | None = None,
    remove_photo: bool = False,
) -> Zone:
    zone = Zone.objects.select_for_update().select_related("unit").get(pk=zone.pk)
    if actor is not None:
        require(actor, "zone.manage", zone.unit)
    values = _clean(facts)
    refuse_unless_clean(unit=zone.unit, texts=_public_texts(values), action="发布专区信息")
    changes = {k: v for k, v in values.items() if getattr(zone, k) != v}
    for name, value in values.items():
        setattr(zone, name, value)
    if photo_upload is not None:
        zone.photo = _photo(actor, photo_upload, values["name"])
        changes["photo"] = zone.photo.pk
    elif remove_photo and zone.photo_id is not None:
        zone.photo = None
        changes["photo"] = None
    zone.save()
    audit_record(actor=actor, action="zone.update", obj=zone, changes=changes, unit=zone.unit)
    return zone


@transaction.atomic
def zone_set_status(*, actor, zone: Zone, status: str) -> Zone:
    zone = Zone.objects.select_for_update().select_related("unit").get(pk=zone.pk)
    if actor is not None:
        require(actor, "zone.manage", zone.unit)
    if status not in {s.value for s in ZoneStatus}:
        raise DomainError("未知的专区状态。")
    new = ZoneStatus(status)
    try:
        check_transition(ZoneStatus(zone.status), new)
    except ZoneRuleError as error:
        raise DomainError(str(error)) from error
    if new == zone.status:
        return zone
    before = zone.status
    zone.status = new
    if new is ZoneStatus.OPEN and (
        zone.next_inspection_due is None or zone.next_inspection_due < timezone.localdate()
    ):
        # Reopened after a pause: inspected within a period from now, not at once for the
        # time it was shut.
        zone.next_inspection_due = _first_due(timezone.localdate())
    zone.save(update_fields=["status", "next_inspection_due", "updated_at"])
    audit_record(
        actor=actor,
        action="zone.set_status",
        obj=zone,
        changes={"status": [before, new.value]},
        unit=zone.unit,
    )
    return zone


@transaction.atomic
def inspection_record(
    *,
    actor,
    zone: Zone,
    inspected_on: date,
    inspectors: str,
    results: Iterable[ItemResult],
    summary: str = "",
) -> Inspection:
    """Record an inspection: each failed item becomes a finding due within the fix period in
    working days; the next inspection falls one period after this one."""
    zone = Zone.objects.select_for_update().select_related("unit").get(pk=zone.pk)
    if actor is not None:
        require(actor, "zone.inspect", zone.unit)
    if zone.status == ZoneStatus.CLOSED:
        raise DomainError("该专区已撤销，不能再记录检查。")
    if inspected_on > timezone.localdate():
        raise DomainError("检查日期不能晚于今天。")
    if not inspectors.strip():
        raise DomainError("请填写检查人员。")
    try:
        checked = validate_results(ItemResult(r.code, r.passed, r.note.strip()) for r in results)
    except ZoneRuleError as error:
        raise DomainError(str(error)) from error
    inspection = Inspection.objects.create(
        zone=zone,
        inspected_on=inspected_on,
        inspectors=inspectors.strip(),
        summary=summary.strip(),
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    fix_due = deadline_for(FINDING_FIX_RULE, inspected_on).due
    InspectionItem.objects.bulk_create(
        InspectionItem(
            inspection=inspection,
            item=r.code,
            passed=r.passed,
            note=r.note,
            fix_due=None if r.passed else fix_due,
        )
        for r in checked
    )
    latest = zone.inspections.order_by("-inspected_on").values_list("inspected_on", flat=True)[0]
    if inspected_on >= latest:
        # An inspection entered late (an older date) does not move the schedule back.
        zone.next_inspection_due = deadline_for(INSPECTION_RULE, inspected_on).due
        zone.save(update_fields=["next_inspection_due", "updated_at"])
    failed = [r.code for r in checked if not r.passed]
    audit_record(
        actor=actor,
        action="zone.inspect",
        obj=zone,
        changes={
            "inspection": inspection.pk,
            "inspected_on": inspected_on,
            "inspectors": inspection.inspectors,
            "failed": failed,
            "fix_due": fix_due if failed else None,
            "next_inspection_due": zone.next_inspection_due,
        },
        unit=zone.unit,
    )
    return inspection


@transaction.atomic
def finding_fix(*, actor, finding: InspectionItem, fixed_on: date, fix_note: str) -> InspectionItem:
    finding = (
        InspectionItem.objects.select_for_update()
        .select_related("inspection__zone__unit")
        .get(pk=finding.pk)
    )
    zone = finding.inspection.zone
    if actor is not None:
        require(actor, "zone.manage", zone.unit)
    if finding.passed:
        raise DomainError("该检查项合格，无需整改。")
    if finding.fixed_on is not None:
        raise DomainError("该问题已登记整改完成。")
    if fixed_on > timezone.localdate():
        raise DomainError("整改完成日期不能晚于今天。")
    if fixed_on < finding.inspection.inspected_on:
        raise DomainError("整改完成日期不能早于检查日期。")
    if not fix_note.strip():
        raise DomainError("请填写整改情况。")
    finding.fixed_on = fixed_on
    finding.fix_note = fix_note.strip()
    finding.fixed_by = actor if getattr(actor, "pk", None) else None
    finding.save(update_fields=["fixed_on", "fix_note", "fixed_by"])
    audit_record(
        actor=actor,
        action="zone.fix_finding",
        obj=zone,
        changes={
            "finding": finding.pk,
            "item": finding.item,
            "fixed_on": fixed_on,
            "fix_note": finding.fix_note,
            "late": fixed_on > finding.fix_due,
        },
        unit=zone.unit,
    )
    return finding


@transaction.atomic
def inspection_reminders_send(*, today: date | None = None) -> int:
    """Remind each open zone's unit of an inspection due within the reminder period (or
    overdue). Idempotent: one reminder per zone and due day."""
    today = today or timezone.localdate()
    due = Zone.objects.filter(
        status=ZoneStatus.OPEN,
        next_inspection_due__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("unit")
    created = 0
    for zone in due:
        reminder, is_new = InspectionReminder.objects.get_or_create(
            zone=zone, due_on=zone.next_inspection_due
        )
        if is_new:
            audit_record(
                actor=None,
                action="zone.remind_inspection",
                obj=zone,
                changes={"reminder": reminder.pk, "due_on": zone.next_inspection_due},
                unit=zone.unit,
            )
            created += 1
    return created


def recompute_fix_deadlines(years: frozenset[int]) -> int:
    """Deadline holder: open findings whose counting span touches a changed year are counted
    again with the new calendar (runs inside the calendar write's transaction)."""
    moved = 0
    open_findings = InspectionItem.objects.filter(
        passed=False, fixed_on__isnull=True
    ).select_related("inspection")
    for finding in open_findings:
        start = finding.inspection.inspected_on
        if not set(range(start.year, finding.fix_due.year + 1)) & years:
            continue
        due = deadline_for(FINDING_FIX_RULE, start).due
        if due != finding.fix_due:
            finding.fix_due = due
            finding.save(update_fields=["fix_due"])
            moved += 1
    return moved


def fix_deadline_years() -> set[int]:
    rows = InspectionItem.objects.filter(passed=False, fixed_on__isnull=True).values_list(
        "inspection__inspected_on", "fix_due"
    )
    return {year for start, due in rows for year in range(start.year, due.year + 1)}
