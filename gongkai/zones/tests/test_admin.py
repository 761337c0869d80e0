from datetime import date

import pytest
import time_machine

from gongkai.core.domain.roles import Role
from gongkai.zones import services
from gongkai.zones.models import Inspection, Zone
from gongkai.zones.tests.factories import facts, png, results

pytestmark = pytest.mark.django_db
TODAY = "2026-06-01 10:00 +08:00"


@pytest.fixture
def zones(unit_tree):
    with time_machine.travel(TODAY):
        a = services.zone_create(actor=None, unit=unit_tree["town_a"], facts=facts(name="甲镇专区"))
        b = services.zone_create(actor=None, unit=unit_tree["town_b"], facts=facts(name="乙乡专区"))
        services.inspection_record(
            actor=None,
            zone=b,
            inspected_on=date(2026, 5, 20),
            inspectors="乙组",
            results=results("signage", note="乙乡的问题"),
        )
    return a, b


def test_a_township_sees_only_its_zones(client, zones, unit_tree, make_user):
    a, b = zones
    client.force_login(make_user("ed", (Role.EDITOR, unit_tree["town_a"])))
    body = client.get("/admin/zones/").content.decode()
    assert "甲镇专区" in body and "乙乡专区" not in body
    assert client.get(f"/admin/zones/{b.pk}/").status_code == 404
    assert client.get(f"/admin/zones/{b.pk}/edit/").status_code == 404
    assert "乙乡的问题" not in client.get("/admin/zones/findings/").content.decode()
    # An editor registers zones but does not inspect them.
    assert client.get(f"/admin/zones/{a.pk}/inspect/").status_code == 404


def test_register_a_zone_with_a_photo(client, unit_tree, make_user):
    client.force_login(make_user("ed", (Role.EDITOR, unit_tree["town_a"])))
    data = {
        "unit": unit_tree["town_a"].pk,
        "name": "甲镇便民服务中心专区",
        "place_kind": "convenience_center",
        "place": "便民服务中心",
        "address": "甲镇北街8号",
        "opening_hours": "工作日",
        "has_materials": "on",
        "phone": "0930-7713101",
    }
    from django.core.files.uploadedfile import SimpleUploadedFile

    refused = client.post(
        "/admin/zones/add/", {**data, "photo": SimpleUploadedFile("a.png", b"%PDF-1.4 x")}
    )
    assert refused.status_code == 200 and not Zone.objects.exists()
    response = client.post(
        "/admin/zones/add/", {**data, "photo": SimpleUploadedFile("a.png", png())}
    )
    zone = Zone.objects.get()
    assert response.status_code == 302 and zone.photo_id
    # A unit outside the editor's scope is not offered.
    client.post("/admin/zones/add/", {**data, "unit": unit_tree["town_b"].pk, "name": "x"})
    assert Zone.objects.count() == 1


def test_edit_shows_a_services_refusal_on_the_form(client, zones, unit_tree, make_user):
    a, _ = zones
    client.force_login(make_user("ed", (Role.EDITOR, unit_tree["town_a"])))
    page = client.get(f"/admin/zones/{a.pk}/edit/").content.decode()
    assert "甲镇专区" in page
    data = {
        "name": a.name,
        "place_kind": a.place_kind,
        "place": a.place,
        "address": a.address,
        "opening_hours": a.opening_hours,
        "phone": a.phone,
        "status": "open",
    }
    response = client.post(f"/admin/zones/{a.pk}/edit/", data)
    assert "至少设有" in response.content.decode()
    response = client.post(
        f"/admin/zones/{a.pk}/edit/", {**data, "has_materials": "on", "status": "suspended"}
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == "suspended" and not a.has_electronic


@time_machine.travel(TODAY)
def test_inspect_and_fix(client, zones, unit_tree, make_user):
    a, _ = zones
    client.force_login(make_user("head", (Role.DISCLOSURE_OFFICE_HEAD, unit_tree["town_a"])))
    assert "统一标识标牌" in client.get(f"/admin/zones/{a.pk}/inspect/").content.decode()
    data = {"inspected_on": "2026-06-01", "inspectors": "黄主任"}
    for code in ("function", "layout", "signage", "equipment", "management"):
        data[f"{code}_passed"] = "1"
    refused = client.post(f"/admin/zones/{a.pk}/inspect/", {**data, "equipment_passed": "0"})
    assert "须写明" in refused.content.decode() and not Inspection.objects.filter(zone=a).exists()
    response = client.post(
        f"/admin/zones/{a.pk}/inspect/",
        {**data, "equipment_passed": "0", "equipment_note": "打印机故障"},
    )
    assert response.status_code == 302
    finding = Inspection.objects.get(zone=a).items.get(item="equipment")
    page = client.get(f"/admin/zones/{a.pk}/").content.decode()
    assert "打印机故障" in page and "2026-06-15" in page
    response = client.post(
        f"/admin/zones/{a.pk}/",
        {
            "finding": finding.pk,
            f"fix{finding.pk}-fixed_on": "2026-06-01",
            f"fix{finding.pk}-fix_note": "已维修",
        },
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.fixed_on == date(2026, 6, 1)


def test_reminders_panel_on_the_admin_home(client, zones, unit_tree, make_user):
    services.inspection_reminders_send(today=date(2026, 12, 1))
    client.force_login(make_user("sup", (Role.SUPERVISING_STAFF, unit_tree["county"])))
    body = client.get("/admin/").content.decode()
    assert "政务公开专区检查与整改提醒" in body and "甲镇专区" in body
