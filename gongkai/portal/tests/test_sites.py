"""Many counties on one installation: registering a site, the host names it allows, and what
each site shows (identity, home page, sitemap, search range)."""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Site

from gongkai.core.audit import AuditEntry
from gongkai.core.demo import DemoContext
from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.services import unit_create
from gongkai.documents.services import document_create, document_publish
from gongkai.portal import demo as portal_demo
from gongkai.portal.domain.sites import clean_hostname, clean_site_id_code
from gongkai.portal.hosts import SiteHosts
from gongkai.portal.models import PortalSite, SiteIdentity
from gongkai.portal.services import site_add
from gongkai.portal.sites import forget_site_hosts, site_hosts


@pytest.mark.parametrize(
    "text, cleaned",
    [
        ("www.example.gov.cn", "www.example.gov.cn"),
        (" WWW.Example.GOV.cn. ", "www.example.gov.cn"),
        ("xian-a.example.gov.cn", "xian-a.example.gov.cn"),
        ("localhost", "localhost"),
    ],
)
def test_host_names_are_cleaned(text, cleaned):
    assert clean_hostname(text) == cleaned


@pytest.mark.parametrize(
    "text",
    [
        "",
        "http://www.example.gov.cn",
        "www.example.gov.cn:8080",
        "www.example.gov.cn/xxgk",
        "-bad.example.cn",
        "a..b",
        "示范县.cn",
    ],
)
def test_anything_but_a_host_name_is_refused_in_chinese(text):
    with pytest.raises(DomainError, match="不是有效的主机名"):
        clean_hostname(text)


@given(st.from_regex(r"[a-z0-9]{1,10}(\.[a-z0-9]{1,10}){0,3}", fullmatch=True))
def test_a_cleaned_host_name_cleans_to_itself(text):
    assert clean_hostname(clean_hostname(text)) == clean_hostname(text)


@pytest.mark.parametrize(
    "text, ok",
    [
        ("4413220001", True),
        ("bm0100001x", True),
        ("", True),
        ("441322000", False),
        ("44132200011", False),
        ("4413-22000", False),
    ],
)
def test_site_id_codes_have_ten_letters_or_digits(text, ok):
    if ok:
        assert clean_site_id_code(text) == text.lower()
    else:
        with pytest.raises(DomainError, match="10位"):
            clean_site_id_code(text)


@pytest.fixture
def counties(unit_tree):
    """Two counties on one installation, the portal's page tree, and no sites yet."""
    portal_demo.load(DemoContext())
    other = unit_create(actor=None, code="D", name="邻县人民政府", kind="government")
    forget_site_hosts()
    yield {**unit_tree, "other": other}
    forget_site_hosts()


def test_a_site_is_a_wagtail_site_with_its_identity_and_unit(counties):
    county = counties["county"]
    site = site_add(
        actor=None, unit=county, hostname="Xian.Example.gov.cn", site_id_code="4413220001"
    )
    assert site.site.hostname == "xian.example.gov.cn"
    assert site.site.root_page_id == Site.objects.get(is_default_site=True).root_page_id
    identity = SiteIdentity.objects.get(site=site.site)
    assert (identity.site_id_code, identity.organizer) == ("4413220001", county.name)
    entry = AuditEntry.objects.get(action="site.add")
    assert entry.changes["hostname"] == "xian.example.gov.cn"


@pytest.mark.parametrize(
    "unit_key, hostname, message",
    [
        ("town_a", "town.example.gov.cn", "只有县（市、区）或市人民政府可以开设网站"),
        ("county", "localhost:8000", "不是有效的主机名"),
    ],
)
def test_bad_sites_are_refused_and_change_nothing(counties, unit_key, hostname, message):
    sites = Site.objects.count()
    with pytest.raises(DomainError, match=message):
        site_add(actor=None, unit=counties[unit_key], hostname=hostname)
    assert Site.objects.count() == sites and not PortalSite.objects.exists()


def test_a_unit_and_a_host_name_have_one_site_each(counties):
    site_add(actor=None, unit=counties["county"], hostname="xian.example.gov.cn")
    with pytest.raises(DomainError, match="已经开设了网站"):
        site_add(actor=None, unit=counties["county"], hostname="www2.example.gov.cn")
    with pytest.raises(DomainError, match="已被另一个站点使用"):
        site_add(actor=None, unit=counties["other"], hostname="xian.example.gov.cn")


def test_only_an_administrator_of_the_unit_adds_its_site(counties, make_user):
    editor = make_user("editor", (Role.EDITOR, counties["county"]))
    with pytest.raises(PermissionDeniedError):
        site_add(actor=editor, unit=counties["county"], hostname="xian.example.gov.cn")
    admin = make_user("admin", (Role.ADMINISTRATOR, counties["county"]))
    site_add(actor=admin, unit=counties["county"], hostname="xian.example.gov.cn")
    with pytest.raises(PermissionDeniedError):
        site_add(actor=admin, unit=counties["other"], hostname="linxian.example.gov.cn")


def test_the_command_adds_and_lists_sites(counties):
    out = StringIO()
    call_command("sites", "list", stdout=out)
    assert "尚未开设" in out.getvalue()
    call_command(
        "sites",
        "add",
        "--unit",
        "C",
        "--hostname",
        "xian.example.gov.cn",
        "--site-id-code",
        "4413220001",
        stdout=out,
    )
    out = StringIO()
    call_command("sites", "list", stdout=out)
    assert "C\t测试县人民政府\txian.example.gov.cn\t4413220001" in out.getvalue()
    with pytest.raises(CommandError, match="没有代码为“NOPE”的单位"):
        call_command("sites", "add", "--unit", "NOPE", "--hostname", "x.example.gov.cn")
    with pytest.raises(CommandError, match="10位"):
        call_command(
            "sites",
            "add",
            "--unit",
            "D",
            "--hostname",
            "d.example.gov.cn",
            "--site-id-code",
            "123",
        )


def test_allowed_hosts_follow_the_registered_sites(counties, settings):
    settings.ALLOWED_HOSTS = SiteHosts(["testserver"])
    client = Client(raise_request_exception=False)
    # Refused before any page is built (Django's host check; the error page is the generic one).
    assert client.get("/", HTTP_HOST="linxian.example.gov.cn").status_code != 200
    site_add(actor=None, unit=counties["other"], hostname="linxian.example.gov.cn")
    assert "linxian.example.gov.cn" in site_hosts()
    assert client.get("/", HTTP_HOST="linxian.example.gov.cn").status_code == 200
    assert client.get("/", HTTP_HOST="linxian.example.gov.cn:8443").status_code == 200


def policy(unit, title):
    document = document_create(
        actor=None,
        unit=unit,
        title=title,
        written_on=date(2025, 3, 3),
        disclosure="proactive",
        kind="normative",
        validity="in_force",
        doc_number=f"{unit.code}政发〔2025〕1号",
    )
    return document_publish(actor=None, document=document)


def test_each_site_shows_its_own_identity_home_page_sitemap_and_search(counties, client):
    county, other = counties["county"], counties["other"]
    site_add(actor=None, unit=county, hostname="xian.example.gov.cn", site_id_code="4413220001")
    site_add(actor=None, unit=other, hostname="linxian.example.gov.cn", site_id_code="4413230001")
    ours = policy(county, "测试县关于规范政务公开工作的办法")
    theirs = policy(other, "邻县关于加强政务公开工作的若干措施")

    home = client.get("/", HTTP_HOST="xian.example.gov.cn").content.decode()
    assert "4413220001" in home and "4413230001" not in home
    assert ours.title in home and theirs.title not in home
    assert not [link for link in re.findall(r'href="(http[^"]*)"', home) if "localhost" in link]
    everything = client.get("/", HTTP_HOST="testserver").content.decode()
    assert ours.title in everything and theirs.title in everything

    index = client.get("/xxgk/", HTTP_HOST="linxian.example.gov.cn").content.decode()
    assert f"/xxgk/{other.code}/" in index and f"/xxgk/{county.code}/" not in index

    sitemap = client.get("/sitemap.xml", HTTP_HOST="linxian.example.gov.cn").content.decode()
    assert f"/xxgk/{other.code}/" in sitemap and f"/xxgk/{county.code}/" not in sitemap
    assert "linxian.example.gov.cn" in sitemap

    search = "/search/?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80"
    local = client.get(search, HTTP_HOST="xian.example.gov.cn").content.decode()
    assert "全市" in local
    assert f'href="/xxgk/{county.code}/documents/{ours.pk}/"' in local
    assert f"/documents/{theirs.pk}/" not in local
    city = client.get(search + "&scope=all", HTTP_HOST="xian.example.gov.cn").content.decode()
    assert f'href="/xxgk/{other.code}/documents/{theirs.pk}/"' in city
