"""The public portal shell: pages, columns, government-site metadata, sitemap and robots."""

import re

import pytest

from gongkai.core.services import unit_update


@pytest.fixture
def demo(class_demo, db):
    """The demo, loaded once for the class; each test's changes are rolled back."""


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta name="{name}" content="([^"]*)"', html)
    return found.group(1) if found else None


class TestOnTheDemo:
    """Tests that read the demo county's pages share one load of the demo."""

    def test_home_page_links_every_top_unit_section(self, demo, client):
        html = client.get("/").content.decode()
        assert "示范县人民政府" in html
        assert 'href="/xxgk/013901000/"' in html
        assert meta(html, "SiteName") == "示范县人民政府门户网站"
        assert meta(html, "SiteIDCode") == "6229000001"
        assert '<html lang="zh-Hans">' in html

    def test_unit_section_lists_the_five_standard_columns(self, demo, client):
        html = client.get("/xxgk/013901101/").content.decode()
        for name in (
            "政府信息公开指南",
            "政府信息公开制度",
            "法定主动公开内容",
            "政府信息公开年报",
            "依申请公开",
        ):
            assert name in html
        assert "城关镇东街社区居民委员会" in html  # its village

    def test_guide_is_generated_from_the_units_facts(self, demo, client):
        html = client.get("/xxgk/013901000/guide/").content.decode()
        assert meta(html, "ColumnName") == "政府信息公开指南"
        for fact in (
            "示范县人民路1号",
            "0930-7712345",
            "0930-7712346",
            "zwgk@sfx.gov.cn",
            "731700",
        ):
            assert fact in html
        assert "示范县人民政府办公室投诉、举报" in html  # its supervising office

    def test_guide_supplement_is_editable(self, demo, client):
        from gongkai.core.models import Unit

        unit = Unit.objects.get(code="013901102")
        unit_update(actor=None, unit=unit, guide_supplement="本乡每周三上午设公开查阅日。")
        html = client.get("/xxgk/013901102/guide/").content.decode()
        assert "五、其他说明" in html and "本乡每周三上午设公开查阅日。" in html
        assert "（尚未填写）" in html  # fax not set: said plainly, not hidden

    def test_empty_columns_say_so_plainly(self, demo, client):
        for column in ("statutory", "annual-reports", "on-request"):
            html = client.get(f"/xxgk/013901201/{column}/").content.decode()
            assert "本栏目暂无公开信息。" in html

    def test_rules_column_shows_the_units_rules(self, demo, client):
        html = client.get("/xxgk/013901000/rules/").content.decode()
        assert "先审后发" in html and "本栏目暂无公开信息。" not in html

    def test_unknown_unit_or_column_is_a_chinese_404(self, demo, client):
        for url in ("/xxgk/nope/", "/xxgk/013901000/nope/"):
            response = client.get(url)
            assert response.status_code == 404
            assert "页面不存在" in response.content.decode()

    def test_inactive_units_have_no_section(self, demo, client):
        from gongkai.core.models import Unit

        unit_update(actor=None, unit=Unit.objects.get(code="013901202"), is_active=False)
        assert client.get("/xxgk/013901202/").status_code == 404

    def test_sitemap_lists_unit_sections_and_columns(self, demo, client):
        xml = client.get("/sitemap.xml").content.decode()
        assert "/xxgk/013901000/</loc>" in xml
        assert "/xxgk/013901202/on-request/</loc>" in xml

    def test_portal_ignores_an_english_browser_but_honours_the_language_cookie(self, demo, client):
        html = client.get("/xxgk/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert '<html lang="zh-Hans">' in html
        client.cookies["django_language"] = "en"
        english = client.get("/xxgk/013901201/statutory/").content.decode()
        assert '<html lang="en">' in english
        assert (
            "Skip to content" in english
            and "Nothing has been published in this column yet." in english
        )

    def test_unit_pages_point_feed_readers_to_the_units_rss(self, demo, client):
        for url in ("/xxgk/013901000/", "/xxgk/013901000/guide/"):
            html = client.get(url).content.decode()
            assert (
                '<link rel="alternate" type="application/rss+xml" title="示范县人民政府政府信息公开" '
                'href="/xxgk/013901000/rss/">'
            ) in html

    def test_the_registers_pages_do_not_hide_the_standard_columns(self, demo, client):
        # The register's routes come before the generic column route; the columns still resolve.
        for column in ("guide", "rules", "statutory", "annual-reports", "on-request"):
            assert client.get(f"/xxgk/013901000/{column}/").status_code == 200
        assert client.get("/xxgk/013901000/documents/").status_code == 200


def test_robots_txt_points_to_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text


def test_modules_add_their_sections_to_the_main_navigation(client, unit_tree):
    from gongkai.portal.navigation import nav_links

    links = nav_links("/hdjl/zcwd/")
    assert ("互动交流", "/hdjl/ly/", True) in links
    assert all(not current for _, _, current in nav_links("/xxgk/"))
    html = client.get("/hdjl/ly/").content.decode()
    assert '<a href="/hdjl/ly/" aria-current="true">互动交流</a>' in html
    assert 'aria-current="page">首页' not in html and 'aria-current="true">政府信息公开' not in html


def test_the_header_marks_the_home_page_and_the_platform_as_current(demo, client):
    home = client.get("/").content.decode()
    assert '<a href="/" aria-current="page">首页</a>' in home
    assert 'aria-current="true">政府信息公开' not in home
    for path in ("/xxgk/", "/xxgk/013901000/documents/"):
        html = client.get(path).content.decode()
        assert '<a href="/xxgk/" aria-current="true">政府信息公开</a>' in html, path
        assert 'aria-current="page">首页' not in html, path


def test_modules_share_a_section_and_list_their_pages_in_it(client, unit_tree):
    from gongkai.portal.navigation import nav_links, section_links

    # 意见征集 (participation) joins 互动交流 (messages); the deepest matching page is current.
    links = section_links("/hdjl/ly/new/")
    assert [label for label, _, _ in links] == [
        "留言选登",
        "我要留言",
        "留言办理查询",
        "政策问答",
        "留言办理统计",
        "意见征集",
    ]
    assert [label for label, _, current in links if current] == ["我要留言"]
    assert [label for label, _, current in section_links("/hdjl/yjzj/3/") if current] == [
        "意见征集"
    ]
    assert ("决策公开", "/jcgk/zdjc/", True) in nav_links("/jcgk/hy/")
    # The zones app adds its list to the 政府信息公开 section, shown on the platform's index.
    assert section_links("/xxgk/") == [("政务公开专区", "/xxgk/zq/", False)]
    html = client.get("/hdjl/yjzj/").content.decode()
    assert '<a href="/hdjl/yjzj/" aria-current="page">意见征集</a>' in html
    assert '<a href="/hdjl/ly/">留言选登</a>' in html
    html = client.get("/jcgk/hy/").content.decode()
    assert '<a href="/jcgk/hy/" aria-current="page">会议开放</a>' in html
