from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.zones import selectors, services
from gongkai.zones.models import Inspection, InspectionReminder, Zone
from gongkai.zones.tests.factories import facts, png, results

pytestmark = pytest.mark.django_db
TODAY = "2026-06-01 10:00 +08:00"  # a Monday, no holiday in the next three weeks


@pytest.fixture
def editor(unit_tree, make_user):
    return make_user("ed", (Role.EDITOR, unit_tree["town_a"]))


@pytest.fixture
def inspector(unit_tree, make_user):
    return make_user("insp", (Role.SUPERVISING_STAFF, unit_tree["county"]))


@pytest.fixture
def zone(unit_tree, editor):
    with time_machine.travel(TODAY):
        return services.zone_create(actor=editor, unit=unit_tree["town_a"], facts=facts())


def test_create_records_zone_audit_and_first_inspection_due(zone):
    assert zone.next_inspection_due == date(2026, 9, 1)
    entry = AuditEntry.objects.filter(action="zone.create").get()
    assert entry.unit_id == zone.unit_id


def test_another_townships_editor_cannot_register(unit_tree, make_user):
    other = make_user("b", (Role.EDITOR, unit_tree["town_b"]))
    with pytest.raises(PermissionDeniedError):
        services.zone_create(actor=other, unit=unit_tree["town_a"], facts=facts())
    assert not Zone.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"address": " "}, "请填写地址"),
        ({"name": "", "phone": ""}, "请填写专区名称、咨询电话"),
        ({"place_kind": "moon"}, "场所类型"),
        (
            {"has_electronic": False, "has_materials": False, "has_consultation": False},
            "至少设有",
        ),
        ({"contact_name": "张三 13912345678"}, "不能发布专区信息"),
    ],
)
def test_bad_facts_change_nothing(unit_tree, editor, changes, message):
    with pytest.raises(DomainError, match=message):
        services.zone_create(actor=editor, unit=unit_tree["town_a"], facts=facts(**changes))
    assert not Zone.objects.exists()
    assert not AuditEntry.objects.filter(action="zone.create").exists()


def test_photo_is_checked_by_content(unit_tree, editor):
    fake = SimpleUploadedFile("zone.png", b"not a picture at all")
    with pytest.raises(DomainError):
        services.zone_create(
            actor=editor, unit=unit_tree["town_a"], facts=facts(), photo_upload=fake
        )
    assert not Zone.objects.exists()
    real = SimpleUploadedFile("zone.png", png())
    zone = services.zone_create(
        actor=editor, unit=unit_tree["town_a"], facts=facts(), photo_upload=real
    )
    assert zone.photo.width == 40


def test_update_and_remove_photo(zone, editor):
    zone = services.zone_update(
        actor=editor,
        zone=zone,
        facts=facts(opening_hours="全天"),
        photo_upload=SimpleUploadedFile("a.png", png()),
    )
    assert zone.opening_hours == "全天" and zone.photo_id
    zone = services.zone_update(actor=editor, zone=zone, facts=facts(), remove_photo=True)
    assert zone.photo_id is None


def test_status_closed_is_final_and_closed_zones_are_not_public(zone, editor):
    services.zone_set_status(actor=editor, zone=zone, status="suspended")
    assert selectors.public_zones().filter(pk=zone.pk).exists()
    services.zone_set_status(actor=editor, zone=zone, status="closed")
    assert not selectors.public_zones().filter(pk=zone.pk).exists()
    with pytest.raises(DomainError, match="不能从"):
        services.zone_set_status(actor=editor, zone=zone, status="open")
    with pytest.raises(DomainError, match="未知"):
        services.zone_set_status(actor=editor, zone=zone, status="gone")


@time_machine.travel(TODAY)
def test_inspection_findings_get_working_day_deadlines(zone, inspector):
    inspection = services.inspection_record(
        actor=inspector,
        zone=zone,
        inspected_on=date(2026, 6, 1),
        inspectors="周主管、李四",
        results=results("signage", "equipment"),
    )
    items = {i.item: i for i in inspection.items.all()}
    assert items["function"].fix_due is None
    # Ten working days from Monday 1 June: 2–5, 8–12, 15 June.
    assert items["signage"].fix_due == date(2026, 6, 15)
    assert items["signage"].is_open_finding
    zone.refresh_from_db()
    assert zone.next_inspection_due == date(2026, 9, 1)
    assert selectors.open_findings(Zone.objects.all()).count() == 2


@time_machine.travel(TODAY)
def test_a_late_entry_does_not_move_the_schedule_back(zone, inspector):
    services.inspection_record(
        actor=inspector,
        zone=zone,
        inspected_on=date(2026, 6, 1),
        inspectors="甲",
        results=results(),
    )
    services.inspection_record(
        actor=inspector,
        zone=zone,
        inspected_on=date(2026, 3, 2),
        inspectors="乙",
        results=results(),
    )
    zone.refresh_from_db()
    assert zone.next_inspection_due == date(2026, 9, 1)


@time_machine.travel(TODAY)
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"inspected_on": date(2026, 6, 2)}, "不能晚于今天"),
        ({"inspectors": " "}, "检查人员"),
        ({"results": results()[:3]}, "尚未填写"),
        ({"results": results("layout", note="")}, "须写明"),
    ],
)
def test_bad_inspections_change_nothing(zone, inspector, kwargs, message):
    values = {"inspected_on": date(2026, 6, 1), "inspectors": "甲", "results": results()} | kwargs
    with pytest.raises(DomainError, match=message):
        services.inspection_record(actor=inspector, zone=zone, **values)
    assert not Inspection.objects.exists()


def test_the_zones_editor_cannot_inspect_it(zone, editor):
    with pytest.raises(PermissionDeniedError):
        services.inspection_record(
            actor=editor,
            zone=zone,
            inspected_on=date(2026, 5, 1),
            inspectors="甲",
            results=results(),
        )


@time_machine.travel(TODAY)
def test_fixing_a_finding(zone, inspector, editor):
    inspection = services.inspection_record(
        actor=inspector,
        zone=zone,
        inspected_on=date(2026, 5, 25),
        inspectors="甲",
        results=results("signage"),
    )
    finding = inspection.items.get(item="signage")
    passed = inspection.items.get(item="layout")
    with pytest.raises(DomainError, match="无需整改"):
        services.finding_fix(actor=editor, finding=passed, fixed_on=date(2026, 5, 30), fix_note="x")
    with pytest.raises(DomainError, match="早于检查日期"):
        services.finding_fix(actor=editor, finding=finding, fixed_on=date(2026, 5, 1), fix_note="x")
    with pytest.raises(DomainError, match="晚于今天"):
        services.finding_fix(actor=editor, finding=finding, fixed_on=date(2026, 6, 9), fix_note="x")
    with pytest.raises(DomainError, match="整改情况"):
        services.finding_fix(actor=editor, finding=finding, fixed_on=date(2026, 5, 30), fix_note="")
    services.finding_fix(
        actor=editor, finding=finding, fixed_on=date(2026, 5, 30), fix_note="已更换标识牌"
    )
    finding.refresh_from_db()
    assert finding.fixed_on == date(2026, 5, 30) and not finding.is_open_finding
    with pytest.raises(DomainError, match="已登记"):
        services.finding_fix(
            actor=editor, finding=finding, fixed_on=date(2026, 5, 30), fix_note="x"
        )


def test_reminders_are_sent_once_and_lapse_after_the_inspection(zone, inspector):
    assert services.inspection_reminders_send(today=date(2026, 8, 20)) == 0
    assert services.inspection_reminders_send(today=date(2026, 8, 26)) == 1
    assert services.inspection_reminders_send(today=date(2026, 8, 27)) == 0
    assert list(selectors.reminders_for(inspector)) == list(InspectionReminder.objects.all())
    with time_machine.travel("2026-08-28 10:00 +08:00"):
        services.inspection_record(
            actor=inspector,
            zone=zone,
            inspected_on=date(2026, 8, 28),
            inspectors="甲",
            results=results(),
        )
    assert not selectors.reminders_for(inspector).exists()


def test_suspended_zones_get_no_reminder(zone, editor):
    services.zone_set_status(actor=editor, zone=zone, status="suspended")
    assert services.inspection_reminders_send(today=date(2026, 12, 1)) == 0


@time_machine.travel(TODAY)
def test_recompute_moves_open_deadlines_only_in_changed_years(zone, inspector):
    inspection = services.inspection_record(
        actor=inspector,
        zone=zone,
        inspected_on=date(2026, 6, 1),
        inspectors="甲",
        results=results("signage"),
    )
    finding = inspection.items.get(item="signage")
    finding.fix_due = date(2026, 6, 30)
    finding.save()
    assert services.recompute_fix_deadlines(frozenset({2025})) == 0
    assert services.recompute_fix_deadlines(frozenset({2026})) == 1
    finding.refresh_from_db()
    assert finding.fix_due == date(2026, 6, 15)
    assert services.fix_deadline_years() == {2026}
