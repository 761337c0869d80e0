"""各县（区）汇总: the city's roll-up across its counties, registered by each module and
grouped per region in the database; unit isolation; drill-down links; the spreadsheet."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from gongkai.core.domain.roles import Role
from gongkai.core.models import Unit
from gongkai.core.rollups import Region, compute_all, region_for_path, region_of, rollups
from gongkai.core.services import unit_create
from gongkai.messages import services as message_services
from gongkai.requests.services import Application, request_register

URL = "/admin/portal-sites/rollups/"


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/1/", 1),  # the city itself: 市本级
        ("/1/2/", 1),  # a city department
        ("/1/3/", 3),  # county A
        ("/1/3/7/9/", 3),  # a village of county A
        ("/1/30/", 1),  # not county 3: a path prefix is cut at a slash
        ("/5/", None),  # outside every region
    ],
)
def test_a_unit_belongs_to_the_nearest_region_above_it(path, expected):
    regions = [Region(1, "/1/"), Region(3, "/1/3/"), Region(4, "/1/4/")]
    assert region_for_path(path, regions) == expected


@given(st.lists(st.integers(1, 6), min_size=1, max_size=5), st.permutations([1, 2, 3]))
def test_the_order_regions_are_given_in_does_not_matter(ids, order):
    path = "/" + "/".join(map(str, ids)) + "/"
    regions = [Region(1, "/1/"), Region(2, "/1/2/"), Region(3, "/1/2/3/")]
    shuffled = [regions[i - 1] for i in order]
    assert region_for_path(path, shuffled) == region_for_path(path, regions)


def test_every_figure_of_the_issue_is_registered_by_its_module():
    assert {r.key: r.module for r in rollups()} == {
        "reports.annual": "reports",
        "catalog.gaps": "catalog",
        "requests.overdue": "requests",
        "messages.overdue": "messages",
        "supervision.sites": "supervision",
    }


def _application(marker: str) -> Application:
    return Application(
        applicant_type="natural_person",
        applicant_name=f"张{marker}",
        id_type="resident_id",
        id_number="11010519491231002X",
        phone="13912345678",
        address=f"{marker}路1号",
        description=f"{marker}申请公开的信息",
    )


@pytest.fixture
def city(db):
    """A city with its own office and two counties, each with a township."""
    city = unit_create(actor=None, code="S", name="测试市人民政府", kind="government")
    units = {"city": city}
    units["office"] = unit_create(
        actor=None, parent=city, code="S-OFF", name="测试市人民政府办公室", kind="department"
    )
    for key, code, name in [("a", "A", "甲县人民政府"), ("b", "B", "乙县人民政府")]:
        county = unit_create(actor=None, parent=city, code=code, name=name, kind="government")
        units[key] = county
        units[f"{key}_town"] = unit_create(
            actor=None, parent=county, code=f"{code}-T", name=f"{name[0]}镇", kind="township"
        )
    return units


@pytest.fixture
def overdue_work(city, make_user):
    today = timezone.localdate()
    staff = make_user("registrar", superuser=True)
    for n, unit in enumerate([city["a_town"], city["a"], city["office"]]):
        request_register(
            actor=staff,
            unit=unit,
            application=_application(f"甲{n}"),
            channel="in_person",
            submitted_on=today - timedelta(days=60),
        )
    message_services.message_register(
        actor=staff,
        unit=city["b_town"],
        data=message_services.MessageInput(
            kind="consultation",
            title="乙镇留言",
            text="留言内容",
            contact_name="李四",
            contact_mobile="13912345678",
            may_publish=False,
        ),
        channel="letter",
        received_at=timezone.now() - timedelta(days=120),
    )


def _regions(*units: Unit) -> list[Region]:
    return [Region(u.pk, u.path) for u in units]


def test_figures_are_grouped_per_region_in_a_few_queries(
    city, overdue_work, django_assert_max_num_queries
):
    regions = _regions(city["city"], city["a"], city["b"])
    today = timezone.localdate()
    with django_assert_max_num_queries(10):
        figures = {r.key: cells for r, cells in compute_all(regions, year=2025, today=today)}
    requests = figures["requests.overdue"]
    assert requests[city["a"].pk].value == 2  # the county and its township
    assert requests[city["city"].pk].value == 1  # 市本级: the city's office, not the counties'
    assert requests[city["b"].pk].value == 0 and not requests[city["b"].pk].alert
    assert f"unit={city['a'].pk}" in requests[city["a"].pk].url
    messages = figures["messages.overdue"]
    assert messages[city["b"].pk].alert and messages[city["b"].pk].value == 1
    assert "三个月未答复 1 件" in messages[city["b"].pk].text
    assert messages[city["a"].pk].value == 0
    reports = figures["reports.annual"]
    assert reports[city["a"].pk].text == "已公布 0 / 2 个单位"
    assert reports[city["city"].pk].text == "已公布 0 / 2 个单位"  # the city and its office

    # More counties cost no more queries: one query per figure, never one per region.
    more = [
        unit_create(
            actor=None, parent=city["city"], code=f"X{n}", name=f"丙{n}县", kind="government"
        )
        for n in range(6)
    ]
    with django_assert_max_num_queries(10):
        compute_all([*regions, *_regions(*more)], year=2025, today=today)


def test_region_of_agrees_with_the_python_rule(city):
    regions = _regions(city["city"], city["a"], city["b"])
    found = dict(
        Unit.objects.annotate(region=region_of("path", regions)).values_list("pk", "region")
    )
    for unit in Unit.objects.all():
        assert found[unit.pk] == region_for_path(unit.path, regions)


def test_the_city_office_sees_every_county_and_a_county_only_its_own_row(
    client, city, overdue_work, make_user
):
    client.force_login(make_user("city", (Role.SUPERVISING_STAFF, city["city"])))
    page = client.get(URL).content.decode()
    assert "测试市人民政府（本级）" in page and "甲县人民政府" in page and "乙县人民政府" in page
    assert f"/admin/requests/?unit={city['a'].pk}&amp;queue=overdue" in page

    client.force_login(make_user("county", (Role.SUPERVISING_STAFF, city["a"])))
    page = client.get(URL).content.decode()
    assert "甲县人民政府" in page and "乙县人民政府" not in page and "测试市" not in page

    client.force_login(make_user("clerk", (Role.SUPERVISING_STAFF, city["a_town"])))
    page = client.get(URL).content.decode()
    assert "甲镇" in page and "甲县人民政府" not in page

    client.force_login(make_user("editor", (Role.EDITOR, city["city"])))
    refused = client.get(URL)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"


def test_the_drill_down_narrows_the_request_list_to_the_county(
    client, city, overdue_work, make_user
):
    client.force_login(make_user("city", (Role.SUPERVISING_STAFF, city["city"])))
    page = client.get(f"/admin/requests/?unit={city['b'].pk}&queue=overdue").content.decode()
    assert "没有超过答复期限的申请" in page
    page = client.get(f"/admin/requests/?unit={city['a'].pk}&queue=overdue").content.decode()
    assert "甲县" in page and "没有超过答复期限的申请" not in page


def test_the_roll_up_exports_to_a_spreadsheet(client, city, overdue_work, make_user):
    client.force_login(make_user("city", (Role.SUPERVISING_STAFF, city["city"])))
    response = client.get(URL + "?year=2025&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("单位", "网站", "年度报告")
    assert [r[0] for r in rows[1:]] == ["测试市人民政府（本级）", "甲县人民政府", "乙县人民政府"]
    assert "2 件" in rows[2]


def test_site_checks_show_the_latest_finished_check_and_open_findings(city):
    from datetime import date

    from gongkai.supervision.models import CheckRun, Site, SiteFinding

    ours = Site.objects.create(unit=city["a"], name="甲县政府网", home_url="https://a.example.cn/")
    theirs = Site.objects.create(
        unit=city["b"], name="乙县政府网", home_url="https://b.example.cn/"
    )
    now = timezone.now()
    # County A: failed on the 1st, passed on the 2nd; a run under way since counts for nothing.
    CheckRun.objects.create(
        site=ours, day=date(2025, 6, 1), started_at=now, status="finished", passed=False
    )
    CheckRun.objects.create(
        site=ours, day=date(2025, 6, 2), started_at=now, status="finished", passed=True
    )
    CheckRun.objects.create(site=ours, day=date(2025, 6, 3), started_at=now)
    # County B: enough points, but a veto item makes it fail.
    CheckRun.objects.create(
        site=theirs,
        day=date(2025, 6, 2),
        started_at=now,
        status="finished",
        passed=True,
        veto=["首页不可访问"],
    )
    SiteFinding.objects.create(
        site=theirs,
        kind="broken_link",
        url="https://b.example.cn/x",
        first_seen=date(2025, 6, 2),
        last_seen=date(2025, 6, 2),
        assigned_unit=city["b"],
        due_on=date(2025, 6, 20),
    )
    regions = _regions(city["city"], city["a"], city["b"])
    cells = dict(compute_all(regions, year=2025, today=timezone.localdate()))
    sites = next(c for r, c in cells.items() if r.key == "supervision.sites")
    assert sites[city["a"].pk].text == "最近检查合格 1 / 1 个网站，未整改问题 0 个"
    assert not sites[city["a"].pk].alert
    assert sites[city["b"].pk].text == "最近检查合格 0 / 1 个网站，未整改问题 1 个"
    assert sites[city["b"].pk].alert
    assert city["city"].pk not in sites  # no site of its own: “—”
