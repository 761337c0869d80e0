"""The sites' back-office screen (站点管理): list, add and edit through the services the
command uses; the allowed host names follow at once; and a county's host never shows another
county's section under its own name."""

import pytest
from wagtail.models import Site

from gongkai.core.audit import AuditEntry
from gongkai.core.demo import DemoContext
from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.services import unit_create
from gongkai.portal import demo as portal_demo
from gongkai.portal.hosts import SiteHosts
from gongkai.portal.models import PortalSite, SiteIdentity
from gongkai.portal.services import site_add, site_edit
from gongkai.portal.sites import forget_site_hosts, site_host_of

ADD = "/admin/portal-sites/add/"


@pytest.fixture
def counties(unit_tree):
    portal_demo.load(DemoContext())
    other = unit_create(actor=None, code="D", name="邻县人民政府", kind="government")
    forget_site_hosts()
    yield {**unit_tree, "other": other}
    forget_site_hosts()


@pytest.fixture
def admin_client(client, counties, make_user):
    client.force_login(make_user("admin", (Role.ADMINISTRATOR, counties["county"])))
    return client


def hosts() -> list[str]:
    return list(SiteHosts([]))


def test_an_administrator_adds_a_site_on_the_screen(admin_client, counties):
    response = admin_client.post(
        ADD,
        {"unit": counties["county"].pk, "hostname": "Xian.Example.gov.cn", "site_id_code": ""},
    )
    assert response.status_code == 302
    site = PortalSite.objects.get(unit=counties["county"])
    assert site.site.hostname == "xian.example.gov.cn"
    assert AuditEntry.objects.filter(action="site.add").count() == 1
    # This process's host map is renewed at once: the new host is allowed on the next request.
    assert "xian.example.gov.cn" in hosts()
    listing = admin_client.get("/admin/portal-sites/").content.decode()
    assert "xian.example.gov.cn" in listing and "测试县人民政府" in listing


@pytest.mark.parametrize(
    "unit_key, hostname, message",
    [
        ("county", "http://xian.example.gov.cn/", "不是有效的主机名"),
        ("county", "taken.example.gov.cn", "已被另一个站点使用"),
        ("other", "linxian.example.gov.cn", "选择一个有效的选项"),  # not the admin's unit
    ],
)
def test_bad_input_on_the_screen_is_refused_in_chinese(
    admin_client, counties, unit_key, hostname, message
):
    Site.objects.create(hostname="taken.example.gov.cn", port=80, root_page_id=1)
    before = Site.objects.count()
    response = admin_client.post(
        ADD, {"unit": counties[unit_key].pk, "hostname": hostname, "site_id_code": ""}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Site.objects.count() == before and not PortalSite.objects.exists()


def test_a_unit_that_is_not_top_level_is_not_offered_and_the_service_refuses_it(
    admin_client, counties
):
    page = admin_client.get(ADD).content.decode()
    assert "测试县人民政府" in page and "甲镇人民政府" not in page
    with pytest.raises(DomainError, match="只有县（市、区）或市人民政府可以开设网站"):
        site_add(actor=None, unit=counties["town_a"], hostname="town.example.gov.cn")


def test_editing_a_site_changes_its_host_and_footer_and_renews_the_allowed_hosts(
    admin_client, counties
):
    site = site_add(actor=None, unit=counties["county"], hostname="xian.example.gov.cn")
    assert "xian.example.gov.cn" in hosts()
    response = admin_client.post(
        f"/admin/portal-sites/{site.pk}/",
        {
            "hostname": "www.xian.gov.cn",
            "site_id_code": "4413220001",
            "site_name": "测试县人民政府网",
            "organizer": "测试县人民政府办公室",
            "icp_record": "粤ICP备00000001号",
            "public_security_record": "",
            "contact_phone": "0751-1234567",
        },
    )
    assert response.status_code == 302
    identity = SiteIdentity.objects.get(site__portal=site)
    assert (identity.site_id_code, identity.site_name, identity.icp_record) == (
        "4413220001",
        "测试县人民政府网",
        "粤ICP备00000001号",
    )
    assert "www.xian.gov.cn" in hosts() and "xian.example.gov.cn" not in hosts()
    entry = AuditEntry.objects.get(action="site.edit")
    assert entry.changes["hostname"] == ["xian.example.gov.cn", "www.xian.gov.cn"]
    footer = admin_client.get("/", HTTP_HOST="www.xian.gov.cn").content.decode()
    assert "4413220001" in footer and "粤ICP备00000001号" in footer


def test_an_edit_with_bad_input_changes_nothing(counties):
    site = site_add(actor=None, unit=counties["county"], hostname="xian.example.gov.cn")
    site_add(actor=None, unit=counties["other"], hostname="linxian.example.gov.cn")
    for hostname, code, message in [
        ("linxian.example.gov.cn", "", "已被另一个站点使用"),
        ("new.example.gov.cn", "123", "10位"),
        ("new example", "", "不是有效的主机名"),
    ]:
        with pytest.raises(DomainError, match=message):
            site_edit(actor=None, portal_site=site, hostname=hostname, site_id_code=code)
    site.site.refresh_from_db()
    assert site.site.hostname == "xian.example.gov.cn"
    assert not AuditEntry.objects.filter(action="site.edit").exists()


def test_only_administrators_of_the_unit_reach_its_site(client, counties, make_user):
    theirs = site_add(actor=None, unit=counties["other"], hostname="linxian.example.gov.cn")
    admin = make_user("admin", (Role.ADMINISTRATOR, counties["county"]))
    with pytest.raises(PermissionDeniedError):
        site_edit(actor=admin, portal_site=theirs, hostname="x.example.gov.cn", site_id_code="")
    client.force_login(admin)
    assert client.get(f"/admin/portal-sites/{theirs.pk}/").status_code == 404
    assert "linxian" not in client.get("/admin/portal-sites/").content.decode()
    client.force_login(make_user("editor", (Role.EDITOR, counties["county"])))
    refused = client.get("/admin/portal-sites/")  # the admin's "no permission" redirect
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert (
        client.post(ADD, {"unit": counties["county"].pk, "hostname": "x.gov.cn"}).status_code == 302
    )
    assert not PortalSite.objects.filter(unit=counties["county"]).exists()


def test_a_county_host_redirects_another_countys_section_to_its_host(client, counties):
    county, other = counties["county"], counties["other"]
    site_add(actor=None, unit=county, hostname="xian.example.gov.cn")
    site_add(actor=None, unit=other, hostname="linxian.example.gov.cn")
    elsewhere = unit_create(actor=None, code="E", name="无站点县人民政府", kind="government")

    own = client.get(f"/xxgk/{county.code}/", HTTP_HOST="xian.example.gov.cn")
    assert own.status_code == 200
    moved = client.get(f"/xxgk/{other.code}/guide/?x=1", HTTP_HOST="xian.example.gov.cn")
    assert moved.status_code == 302
    assert moved["Location"] == f"http://linxian.example.gov.cn/xxgk/{other.code}/guide/?x=1"
    # A township of the county is the county's site's section: no redirect.
    town = counties["town_a"]
    assert client.get(f"/xxgk/{town.code}/", HTTP_HOST="xian.example.gov.cn").status_code == 200
    # The port the visitor used is kept (sites on one installation share it).
    moved = client.get(f"/xxgk/{other.code}/", HTTP_HOST="xian.example.gov.cn:8000")
    assert moved["Location"] == f"http://linxian.example.gov.cn:8000/xxgk/{other.code}/"
    # A unit no site holds is not shown under the county's name either.
    assert (
        client.get(f"/xxgk/{elsewhere.code}/", HTTP_HOST="xian.example.gov.cn").status_code == 404
    )
    # The installation's default host shows every unit, as before.
    assert client.get(f"/xxgk/{other.code}/", HTTP_HOST="testserver").status_code == 200
    assert site_host_of(counties["village_a"]) == "xian.example.gov.cn"
