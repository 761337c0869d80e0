"""The admin screens: scoped to the user's units, failing cells shown, drill-down private."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.domain.roles import Role
from gongkai.reports import services
from gongkai.reports.domain.compute import RequestFact
from gongkai.reports.models import AnnualReport
from gongkai.reports.tests import hand_fixture as fx
from gongkai.reports.tests.records import store_requests
from gongkai.requests.models import DisclosureRequest


@pytest.fixture
def login(client, make_user):
    def as_user(username, *grants):
        user = make_user(username, *grants)
        client.force_login(user)
        return user

    return as_user


@pytest.fixture
def draft(hand_records):
    return services.report_create(actor=None, unit=hand_records["county"], year=2025)


def assert_refused(response):
    # Wagtail's admin answers a PermissionDenied with a redirect home and the message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_the_list_and_the_report_are_scoped(draft, hand_records, login, client):
    town = services.report_create(actor=None, unit=hand_records["town_a"], year=2025)
    login("town", (Role.EDITOR, hand_records["town_a"]))
    html = client.get(reverse("annual_reports:index")).content.decode()
    assert town.title in html and draft.title not in html
    assert client.get(reverse("annual_reports:report", args=[draft.pk])).status_code == 404
    cell = reverse("annual_reports:cell", args=[draft.pk, "table3", "new", "total"])
    assert client.get(cell).status_code == 404


def test_an_editor_creates_a_report_from_the_list(hand_records, login, client):
    login("ed", (Role.EDITOR, hand_records["county"]))
    response = client.post(
        reverse("annual_reports:index"),
        {"unit": hand_records["office"].pk, "year": 2025, "period": "annual", "covers_subtree": ""},
    )
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and report.unit == hand_records["office"]
    response = client.post(
        reverse("annual_reports:index"),
        {"unit": hand_records["office"].pk, "year": 2025, "period": "annual"},
    )
    assert "已存在" in response.content.decode()


def test_failing_cells_are_highlighted_and_publishing_is_refused(hand_records, login, client):
    county = hand_records["county"]
    last = services.report_create(actor=None, unit=county, year=2024)
    services.report_publish(actor=None, report=last)
    store_requests(county, [RequestFact(fx.RES, date(2024, 12, 20), None, None)])
    report = services.report_create(actor=None, unit=county, year=2025)
    login("lead", (Role.LEADER, county))
    url = reverse("annual_reports:report", args=[report.pk])
    html = client.get(url).content.decode()
    assert html.count('class="failing"') == 2  # 二（上年结转）: 科研机构 and 总计
    assert "二（上年结转）4 ≠ 上年度四（结转下年度）3" in html
    response = client.post(url, {"form": "publish"}, follow=True)
    assert "报告未通过校验，不能公布" in response.content.decode()
    report.refresh_from_db()
    assert report.state == "draft"


def test_publishing_and_editing_through_the_page(draft, hand_records, login, client):
    url = reverse("annual_reports:report", args=[draft.pk])
    login("ed", (Role.EDITOR, hand_records["county"]))
    response = client.post(
        url,
        {
            "form": "text",
            "text-overview": "总体情况。",
            "text-problems": "问题。",
            "text-other_matters": "未收取信息处理费。",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.overview == "总体情况。"
    assert_refused(client.post(url, {"form": "withdraw", "withdraw-reason": "x"}))
    client.post(url, {"form": "publish"})
    draft.refresh_from_db()
    assert draft.state == "draft"  # an editor may not publish
    login("lead", (Role.LEADER, hand_records["county"]))
    client.post(url, {"form": "publish"})
    draft.refresh_from_db()
    assert draft.state == "published"


def test_drill_down_shows_applicants_only_to_those_who_may_see_them(
    draft, hand_records, login, client
):
    url = reverse("annual_reports:cell", args=[draft.pk, "table3", "carried_out", "total"])
    behind = DisclosureRequest.objects.filter(received_on__lte=date(2025, 12, 31)).exclude(
        closed_on__lte=date(2025, 12, 31)
    )
    assert behind.count() == 4  # #5, #11, #12, #17
    login("sup", (Role.SUPERVISING_STAFF, hand_records["county"]))
    html = client.get(url).content.decode()
    for request in behind:
        assert request.tracking_no in html and f">{request.applicant_name}<" in html
    assert "无权查看" not in html
    login("lead", (Role.LEADER, hand_records["county"]))
    html = client.get(url).content.decode()
    assert html.count("无权查看") == 4
    for request in DisclosureRequest.objects.all():
        assert request.applicant_name not in html
    assert all(request.tracking_no in html for request in behind)


def test_drill_down_of_appeals_and_documents_and_bad_cells(draft, hand_records, login, client):
    login("sup", (Role.SUPERVISING_STAFF, hand_records["county"]))
    appeals = reverse("annual_reports:cell", args=[draft.pk, "table4", "review", "total"])
    assert client.get(appeals).content.decode().count("行政复议</td>") == 3
    documents = reverse(
        "annual_reports:cell", args=[draft.pk, "table2", "rules", "issued_this_year"]
    )
    assert "该单元格目前没有对应的记录" in client.get(documents).content.decode()
    for args in (
        ("table3", "nope", "total"),
        ("table3", "new", "nope"),
        ("table2", "licensing", "decisions"),
        ("table9", "new", "total"),
    ):
        url = reverse("annual_reports:cell", args=[draft.pk, *args])
        assert client.get(url).status_code == 404


def test_the_overview_is_for_the_supervising_office(draft, hand_records, login, client):
    login("ed", (Role.EDITOR, hand_records["county"]))
    assert_refused(client.get(reverse("annual_reports:overview")))
    login("sup", (Role.SUPERVISING_STAFF, hand_records["county"]))
    html = client.get(reverse("annual_reports:overview") + "?year=2025").content.decode()
    assert "测试县财政局" in html and "甲镇一村" not in html


def test_the_import_page_lists_row_errors(hand_records, login, client):
    login("ed", (Role.EDITOR, hand_records["county"]))
    upload = SimpleUploadedFile(
        "figures.csv",
        b"unit,year,licensing,penalty,coercion,fees_wan_yuan\nC,2025,1,1,1,1\nX,2025,1,1,1,1\n",
    )
    html = client.post(reverse("annual_reports:import"), {"file": upload}).content.decode()
    assert "第 3 行：没有代码为“X”的单位" in html
    assert not AnnualReport.objects.exists()


def test_the_home_page_shows_report_reminders(hand_records, login, client):
    services.reminders_send(today=date(2026, 1, 20))
    login("sup", (Role.SUPERVISING_STAFF, hand_records["county"]))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "年度报告公布提醒" in html and "测试县财政局" in html


def test_a_failing_section_is_named_on_the_draft_page(hand_records, login, client):
    county = hand_records["county"]
    report = services.report_create(actor=None, unit=county, year=2025)
    services.report_update_text(
        actor=None, report=report, overview=report.overview, problems="", other_matters="无。"
    )
    login("lead", (Role.LEADER, county))
    html = client.get(reverse("annual_reports:report", args=[report.pk])).content.decode()
    assert "五、存在的主要问题及改进情况：未填写" in html
    assert "正文应写明“未收取信息处理费”" in html
    assert "请在下方“编辑正文”中修改" in html
    assert 'class="failing"' not in html  # no table cell is at fault
