"""The admin screens: each renders for the office, another unit's records answer 404, the
rectification form, the settings, and the bulletin as .docx."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from gongkai.core.domain.roles import Role
from gongkai.supervision import services
from gongkai.supervision.domain.findings import SITE_KINDS, Finding
from gongkai.supervision.models import ScoringItem, SiteFinding

NOW = "2026-05-12 10:00 +0800"
DAY = date(2026, 5, 12)


@pytest.fixture
def records(unit_tree):
    with time_machine.travel(NOW, tick=False):
        site = services.site_register(
            actor=None,
            unit=unit_tree["town_a"],
            fields=services.SiteFields(name="甲镇网站", home_url="http://a.example/"),
        )
        run = services.run_start(site=site, day=DAY)
        services.run_finish(
            run=run,
            pages=3,
            findings=[
                Finding("broken_link", "http://a.example/x", detail="链接不可用", value="HTTP 404")
            ],
            vetoes=[],
            complete=True,
        )
        account = services.account_register(
            actor=None,
            unit=unit_tree["town_a"],
            fields=services.AccountFields(platform="weibo", name="甲镇发布", account_id="wb1"),
        )
        services.accounts_check(on=DAY)
    return {"site": site, "run": run, "account": account, "finding": SiteFinding.objects.get()}


@pytest.fixture
def travel():
    with time_machine.travel(NOW, tick=False):
        yield


def test_pages_render_for_the_office(client, make_user, unit_tree, records, travel) -> None:
    client.force_login(make_user("office", (Role.SUPERVISING_STAFF, unit_tree["county"])))
    pages = [
        reverse("supervision:sites"),
        reverse("supervision:site_add"),
        reverse("supervision:site", args=[records["site"].pk]) + "?kind=broken_link&state=open",
        reverse("supervision:run", args=[records["run"].pk]),
        reverse("supervision:rectification"),
        reverse("supervision:finding", args=[records["finding"].pk]),
        reverse("supervision:accounts") + "?platform=weibo",
        reverse("supervision:account", args=[records["account"].pk]),
        reverse("supervision:warnings"),
        reverse("supervision:monthly") + "?month=2026-05",
        reverse("supervision:bulletin") + "?year=2026&quarter=2",
        reverse("supervision:settings"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "链接不可用" in client.get(reverse("supervision:rectification")).content.decode()


def test_another_units_records_are_not_found(client, make_user, unit_tree, records, travel) -> None:
    client.force_login(make_user("b", (Role.SUPERVISING_STAFF, unit_tree["town_b"])))
    for name, pk in [
        ("site", records["site"].pk),
        ("run", records["run"].pk),
        ("finding", records["finding"].pk),
        ("account", records["account"].pk),
    ]:
        assert client.get(reverse(f"supervision:{name}", args=[pk])).status_code == 404
    assert "甲镇网站" not in client.get(reverse("supervision:sites")).content.decode()


def test_mark_fixed_from_the_form(client, make_user, unit_tree, records, travel) -> None:
    client.force_login(make_user("ed", (Role.EDITOR, unit_tree["town_a"])))
    url = reverse("supervision:finding", args=[records["finding"].pk])
    response = client.post(url, {"fixed_on": "2026-05-13", "note": "已改"})
    assert "不能晚于今天" in response.content.decode()
    client.post(url, {"fixed_on": "2026-05-12", "note": "已删除失效链接"})
    records["finding"].refresh_from_db()
    assert records["finding"].state == "fixed"


def test_settings_save_points(client, make_user, unit_tree, travel) -> None:
    client.force_login(make_user("office", (Role.SUPERVISING_STAFF, unit_tree["county"])))
    data = {f"{k}__{p}": "0" for k in SITE_KINDS for p in ("each", "cap")}
    data["broken_link__each"], data["broken_link__cap"] = "0.5", "10"
    client.post(reverse("supervision:settings"), data)
    item = ScoringItem.objects.get(kind="broken_link")
    assert (str(item.each), str(item.cap)) == ("0.5", "10.0")
    editor = make_user("ed", (Role.EDITOR, unit_tree["town_a"]))
    client.force_login(editor)
    assert client.get(reverse("supervision:settings")).status_code in (302, 403)


def test_bulletin_docx(client, make_user, unit_tree, records, travel) -> None:
    client.force_login(make_user("office", (Role.SUPERVISING_STAFF, unit_tree["county"])))
    response = client.get(
        reverse("supervision:bulletin_file", args=["docx"]) + "?year=2026&quarter=2"
    )
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "2026年第2季度政府网站与政务新媒体检查情况通报" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "甲镇网站" in cells and "链接不可用" in cells and "2026-05-26" in cells
    assert client.get(reverse("supervision:bulletin_file", args=["xlsx"])).status_code == 404
