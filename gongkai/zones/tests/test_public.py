from datetime import date

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images.models import Filter

from gongkai.core.domain.roles import Role
from gongkai.portal.display import COOKIE
from gongkai.zones import services
from gongkai.zones.tests.factories import facts, png, results

pytestmark = pytest.mark.django_db


@pytest.fixture
def zones(unit_tree):
    with time_machine.travel("2026-06-01 10:00 +08:00"):
        hall = services.zone_create(
            actor=None,
            unit=unit_tree["county"],
            facts=facts(),
            photo_upload=SimpleUploadedFile("hall.png", png()),
        )
        town = services.zone_create(
            actor=None,
            unit=unit_tree["town_a"],
            facts=facts(
                name="甲镇便民服务中心政务公开专区",
                place_kind="convenience_center",
                has_electronic=False,
                phone="0930-7713101",
            ),
        )
        gone = services.zone_create(
            actor=None, unit=unit_tree["town_b"], facts=facts(name="已撤销专区")
        )
        services.zone_set_status(actor=None, zone=gone, status="closed")
        services.inspection_record(
            actor=None,
            zone=hall,
            inspected_on=date(2026, 5, 20),
            inspectors="甲",
            results=results(),
        )
    return hall, town, gone


def test_list_shows_address_hours_points_and_phone(client, zones):
    body = client.get("/xxgk/zq/").content.decode()
    assert "县政务服务中心政务公开专区" in body and "甲镇便民服务中心政务公开专区" in body
    assert "已撤销专区" not in body
    assert "工作日 8:30—12:00" in body and "0930-7713101" in body
    assert "未设电子查阅点" in body
    assert "<title>政务公开专区 - " in body


def test_list_filters_by_unit(client, zones):
    body = client.get("/xxgk/zq/?unit=T-A").content.decode()
    assert "甲镇便民服务中心" in body and "县政务服务中心政务公开专区" not in body


def test_zone_page(client, zones):
    hall, _, gone = zones
    response = client.get(f"/xxgk/zq/{hall.pk}/")
    body = response.content.decode()
    assert "<title>县政务服务中心政务公开专区 - 测试县人民政府 - " in body
    assert "2026年5月20日" in body and "<img" in body
    assert client.get(f"/xxgk/zq/{gone.pk}/").status_code == 404


def test_photo_follows_the_zone(client, zones, make_user, unit_tree):
    hall, _, _ = zones
    # Made in the database: Wagtail's rendition cache would hand out an earlier test's.
    urls = [
        settings.MEDIA_URL + hall.photo.file.name,
        hall.photo.create_rendition(Filter("width-30")).url,
    ]
    assert [client.get(url).status_code for url in urls] == [200, 200]
    services.zone_set_status(actor=None, zone=hall, status="closed")
    assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(make_user("v", (Role.AUDITOR, unit_tree["county"])))
    assert [client.get(url).status_code for url in urls] == [200, 200]
    client.force_login(make_user("w", (Role.EDITOR, unit_tree["town_b"])))
    assert [client.get(url).status_code for url in urls] == [404, 404]


def test_kiosk_mode_is_entered_and_left_through_a_zone(client, zones):
    hall, town, _ = zones
    assert client.get(f"/xxgk/zq/kiosk/{town.pk}/").status_code == 404  # no 电子查阅点
    response = client.get(f"/xxgk/zq/kiosk/{hall.pk}/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.cookies[COOKIE].value == "kiosk"
    body = client.get(f"/xxgk/zq/{hall.pk}/").content.decode()
    assert 'class="mode-kiosk"' in body and 'data-kiosk-idle="180"' in body
    assert "zones/kiosk.js" in body and 'media="print"' in body
    # The visitors' switches keep the kiosk on.
    client.get("/wza/switch/?mode=large&on=1&next=/")
    assert client.cookies[COOKIE].value == "large.kiosk"
    client.get("/wza/switch/?mode=kiosk&on=0&next=/")
    assert client.cookies[COOKIE].value == "large.kiosk"
    client.get("/xxgk/zq/kiosk/exit/")
    assert client.cookies[COOKIE].value == "large"


def test_the_zones_are_a_page_of_the_disclosure_section():
    from gongkai.portal.navigation import section_links

    assert ("政务公开专区", "/xxgk/zq/", True) in section_links("/xxgk/zq/")
