"""Two counties on one installation, each on its own host name, in a real browser: chromium
maps both names to the live server (``--host-resolver-rules``), and each host shows its own
site name, 网站标识码 and footer, a search limited to the county with 「全市」 as the other
range, and a sitemap of its own sections; another county's section leads to that county's
host. Both home pages are axe-clean."""

from urllib.parse import urlsplit

import pytest

from gongkai.core.demo import COUNTY
from gongkai.core.models import Unit
from gongkai.core.services import unit_create
from gongkai.portal.services import site_add

from .conftest import CHROMIUM, CHROMIUM_ARGS, axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Names no resolver knows: only chromium's rule below leads them to the loopback address.
HOSTS = ("xian.gongkai.test", "linxian.gongkai.test")
OTHER = "013902000"


@pytest.fixture(scope="module")
def two_host_browser(playwright):
    rules = "--host-resolver-rules=" + ", ".join(f"MAP {h} 127.0.0.1" for h in HOSTS)
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, rules]
    )
    yield browser
    browser.close()


@pytest.fixture
def sites(portal_url):
    county = Unit.objects.get(code=COUNTY)
    other = unit_create(actor=None, code=OTHER, name="邻县人民政府", kind="government")
    unit_create(
        actor=None, parent=other, code=f"{OTHER[:-1]}1", name="邻县财政局", kind="department"
    )
    site_add(actor=None, unit=county, hostname=HOSTS[0], site_id_code="6229000101")
    site_add(actor=None, unit=other, hostname=HOSTS[1], site_id_code="6229000102")
    port = urlsplit(portal_url).port
    return {
        "xian": (f"http://{HOSTS[0]}:{port}", county, "6229000101", other),
        "linxian": (f"http://{HOSTS[1]}:{port}", other, "6229000102", county),
    }


def test_each_host_is_its_own_countys_site(two_host_browser, sites):
    context = two_host_browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    for base, unit, code, neighbour in sites.values():
        page.goto(base + "/")
        footer = page.get_by_role("contentinfo")
        assert footer.get_by_text(f"网站标识码：{code}").is_visible(), base
        assert footer.get_by_text(unit.name).first.is_visible(), base
        assert page.locator('meta[name="SiteName"]').get_attribute("content") == unit.name
        assert page.locator('meta[name="SiteIDCode"]').get_attribute("content") == code
        assert axe_violations(page) == [], base

        page.goto(base + "/search/?q=政务公开")
        scope = page.get_by_label("范围")
        assert scope.locator("option").all_inner_texts() == ["本站", "全市"]
        units = page.get_by_label("单位").locator("option").all_inner_texts()
        assert unit.name in units and neighbour.name not in units

        # Through the browser (its resolver knows the names): the XML as it was served.
        page.goto(base + "/sitemap.xml")
        sitemap = page.evaluate("new XMLSerializer().serializeToString(document)")
        host = urlsplit(base).hostname
        assert f"//{host}" in sitemap and f"/xxgk/{unit.code}/" in sitemap
        assert f"/xxgk/{neighbour.code}/" not in sitemap

        # Another county's section is answered by that county's own host.
        page.goto(f"{base}/xxgk/{neighbour.code}/")
        assert urlsplit(page.url).hostname != host
        assert page.locator('meta[name="SiteName"]').get_attribute("content") == neighbour.name
    context.close()
    assert violations == []
