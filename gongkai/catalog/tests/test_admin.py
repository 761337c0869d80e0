"""The catalog's admin screens: they load, are scoped by unit and write through the services."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog.models import CatalogEntry, CatalogItem, PowersListVersion, UnitProfile
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry

from .test_services import GOOD, csv_file


@pytest.fixture
def login(client, make_user):
    def as_user(username, *grants):
        user = make_user(username, *grants)
        client.force_login(user)
        return user

    return as_user


def assert_refused(response):
    # Wagtail's admin answers a PermissionDenied with a redirect home and the message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_every_screen_loads_for_the_county(unit_tree, adopted, login, client):
    login("sup", (Role.SUPERVISING_STAFF, unit_tree["county"]), (Role.EDITOR, unit_tree["county"]))
    item = adopted["部门预算"]
    for name, args, query in [
        ("catalog", [], ""),
        ("reference", [], f"?unit={unit_tree['office'].pk}"),
        ("item", [item.pk], ""),
        ("item_edit", [item.pk], ""),
        ("item_new", [], f"?unit={unit_tree['county'].pk}"),
        ("differences", [], ""),
        ("areas", [], ""),
        ("gaps", [], ""),
        ("powers", [], ""),
        ("functions", [], ""),
    ]:
        response = client.get(reverse(f"catalog_admin:{name}", args=args) + query)
        assert response.status_code == 200, name
    html = client.get(reverse("catalog_admin:catalog")).content.decode()
    assert "部门预算" in html and "采用参考目录" in html


def test_a_township_user_cannot_reach_the_countys_catalog(unit_tree, adopted, login, client):
    login("town", (Role.EDITOR, unit_tree["town_a"]))
    item = adopted["部门预算"]
    assert client.get(reverse("catalog_admin:item", args=[item.pk])).status_code == 404
    assert client.get(reverse("catalog_admin:item_edit", args=[item.pk])).status_code == 404
    html = client.get(
        reverse("catalog_admin:catalog") + f"?unit={unit_tree['county'].pk}"
    ).content.decode()
    assert "部门预算" not in html  # the unit choice falls back to the user's own unit
    response = client.get(reverse("catalog_admin:item_new") + f"?unit={unit_tree['county'].pk}")
    assert response.status_code == 404
    assert_refused(client.get(reverse("catalog_admin:reference")))  # not a supervising office
    # Reference items are standards everyone reads.
    assert client.get(reverse("catalog_admin:item", args=[item.reference_id])).status_code == 200


def test_adopt_import_and_file_through_the_screens(
    unit_tree, area, reference, login, client, publish
):
    login("ed", (Role.EDITOR, unit_tree["town_a"]))
    url = reverse("catalog_admin:catalog") + f"?unit={unit_tree['town_a'].pk}"
    response = client.post(
        url, {"form": "adopt", "adopt-area": area.pk, "adopt-source": unit_tree["office"].pk}
    )
    assert response.status_code == 302
    item = CatalogItem.objects.get(unit=unit_tree["town_a"], name="部门预算")
    bad = SimpleUploadedFile("a.csv", csv_file(GOOD[0].replace("每年公开", "看情况")))
    html = client.post(url, {"form": "import", "import-file": bad}).content.decode()
    assert "导入失败，未写入任何数据" in html and "第2行" in html
    document = publish(
        unit_tree["town_a"], title="甲镇2025年部门预算", doc_number="甲政发〔2025〕3号"
    )
    item_url = reverse("catalog_admin:item", args=[item.pk])
    assert (
        client.post(
            item_url, {"form": "document", "document-query": "甲政发〔2025〕3号"}
        ).status_code
        == 302
    )
    response = client.post(
        item_url,
        {
            "form": "entry",
            "entry-kind": "text",
            "entry-title": "预算说明",
            "entry-text": "说明",
            "entry-published_on": "2025-04-01",
        },
    )
    assert response.status_code == 302
    assert CatalogEntry.objects.filter(item=item).count() == 2
    entry = CatalogEntry.objects.get(item=item, title="预算说明")
    client.post(item_url, {"form": "withdraw", "entry": entry.pk, "reason": "重复"})
    assert CatalogEntry.objects.get(pk=entry.pk).withdrawn_on is not None
    html = client.post(item_url, {"form": "drop", "drop-reason": ""}).content.decode()
    assert CatalogItem.objects.get(pk=item.pk).dropped_on is None and "必需字段" in html
    assert document.pk


def test_item_form_reads_the_rule_from_the_time_limit(unit_tree, area, login, client):
    login("ed", (Role.EDITOR, unit_tree["county"]))
    url = reverse("catalog_admin:item_new") + f"?unit={unit_tree['county'].pk}"
    data = {
        "area": area.pk,
        "name": "政府债务",
        "content": "债务限额、余额",
        "basis": "预算法",
        "time_limit": "每年公开",
        "rule_kind": "",
        "body_text": "县财政局",
        "channels": ["website"],
        "audience": "public",
        "method": "proactive",
        "levels": ["county"],
    }
    assert client.post(url, data).status_code == 302
    item = CatalogItem.objects.get(unit=unit_tree["county"], name="政府债务")
    assert item.rule_kind == "yearly"
    html = client.post(url, {**data, "name": "另一事项", "time_limit": "看情况"}).content.decode()
    assert "无法从公开时限的文字识别时限规则" in html


def test_gaps_screen_shows_units_and_trend(unit_tree, adopted, login, client):
    login("sup", (Role.SUPERVISING_STAFF, unit_tree["county"]))
    with time_machine.travel("2025-05-06 10:00 +08:00"):
        html = client.get(reverse("catalog_admin:gaps")).content.decode()
    assert "共发现 1 处缺漏" in html and "政策文件" in html and "2025-05" in html


def test_powers_and_functions_screens_write_new_versions(unit_tree, login, client):
    login("ed", (Role.EDITOR, unit_tree["finance"]))
    url = reverse("catalog_admin:powers") + f"?unit={unit_tree['finance'].pk}"
    upload = SimpleUploadedFile(
        "p.csv", "权力类型,权力名称,设定依据\n行政许可,社会团体登记,条例\n".encode()
    )
    assert client.post(url, {"import-file": upload, "import-note": "首次"}).status_code == 302
    edit = reverse("catalog_admin:power_edit") + f"?unit={unit_tree['finance'].pk}&position=1"
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"form": "remove", "remove-reason": "划转"}, follow=True)
    assert "权责清单不能为空" in response.content.decode()  # the only power: refused
    assert PowersListVersion.objects.filter(unit=unit_tree["finance"]).count() == 1
    functions = reverse("catalog_admin:functions") + f"?unit={unit_tree['finance'].pk}"
    response = client.post(
        functions,
        {
            "functions": "编制预算",
            "listed": "on",
            "divisions": "预算股：编制预算\n国库股：国库集中支付",
        },
    )
    assert response.status_code == 302
    assert UnitProfile.objects.get(unit=unit_tree["finance"]).functions == "编制预算"
    assert AuditEntry.objects.filter(action="catalog.profile_save").count() == 1
    assert date.today()
