"""The home page and what it is built from: the 要闻动态 / 通知公告 page types, the newest policy
documents and interpretations, the registered 互动交流 entries, 专题专栏, the units' sections; the
footer, 网站地图, 联系我们, the favicon and the display modes (长者模式, high contrast)."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from gongkai.core.demo import DemoContext
from gongkai.documents.selectors import public_interpretations, public_policies
from gongkai.portal import demo as portal_demo
from gongkai.portal.display import COOKIE
from gongkai.portal.home import home_entries
from gongkai.portal.models import HomePage, HomeTopic, NewsIndexPage, NewsPage, SiteIdentity
from gongkai.search.selectors import SearchRequest, search


@pytest.fixture
def demo(class_demo, db):
    """The whole demo: for what other modules publish (policy documents, interpretations); loaded
    once for the class, each test's changes rolled back."""


@pytest.fixture
def site(unit_tree):
    """The portal's own demo (home page, news, topics, footer settings) on the test units."""
    portal_demo.load(DemoContext())
    return unit_tree


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta name="{name}" content="([^"]*)"', html)
    return found.group(1) if found else None


def section(html: str, heading_id: str) -> str:
    """The HTML of the home page's block whose heading has ``heading_id``."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def add_item(index: NewsIndexPage, title: str, *, days_ago: int = 0, **fields) -> NewsPage:
    item = index.add_child(
        instance=NewsPage(
            title=title,
            date=timezone.localdate() - timedelta(days=days_ago),
            body=fields.pop("body", f"<p>{title}的正文。</p>"),
            live=False,
            **fields,
        )
    )
    item.save_revision().publish()
    return NewsPage.objects.get(pk=item.pk)  # as published


def news(slug: str) -> NewsIndexPage:
    return NewsIndexPage.objects.get(slug=slug)


# --- 要闻动态 / 通知公告 ------------------------------------------------------------------------


def test_demo_news_and_notices_are_dated_on_or_before_today(site):
    today = timezone.localdate()
    for slug in ("ywdt", "tzgg"):
        items = list(news(slug).items())
        assert len(items) >= 4
        assert all(item.date <= today for item in items)


def test_news_list_is_newest_first_and_paginated(site, client):
    index = news("ywdt")
    for n in range(12):
        add_item(index, f"测试动态第{n + 1}条", days_ago=30 + n)
    add_item(index, "今天的要闻", days_ago=0)
    total = index.items().count()
    assert total > NewsIndexPage.PAGE_SIZE

    first = client.get("/ywdt/").content.decode()
    assert first.index("今天的要闻") < first.index("测试动态第1条")
    assert "第1页，共2页" in first and 'href="?page=2"' in first
    assert meta(first, "ColumnName") == "要闻动态"
    second = client.get("/ywdt/?page=2").content.decode()
    assert "测试动态第12条" in second and "今天的要闻" not in second
    # A page number past the end shows the last page, not an error.
    assert client.get("/ywdt/?page=99").status_code == 200


def test_news_item_page_carries_the_columns_metadata(site, client):
    item = add_item(news("tzgg"), "关于停水的通知", source="示范县水务局", summary="周三停水。")
    html = client.get(item.url).content.decode()
    assert "<h1>关于停水的通知</h1>" in html
    assert meta(html, "ColumnName") == "通知公告"
    assert meta(html, "ArticleTitle") == "关于停水的通知"
    assert meta(html, "ContentSource") == "示范县水务局"
    assert meta(html, "Description") == "周三停水。"
    assert '<a href="/tzgg/">通知公告</a>' in html  # breadcrumbs


def test_an_item_dated_after_today_is_refused(site):
    item = NewsPage(
        title="明天的新闻", date=timezone.localdate() + timedelta(days=1), body="<p>正文</p>"
    )
    with pytest.raises(ValidationError) as refused:
        item.clean()
    assert "日期不能晚于今天" in str(refused.value)


def test_an_item_holding_an_id_number_is_refused_with_the_field_named(site):
    item = NewsPage(title="公示", body="<p>申请人身份证号11010519491231002X。</p>")
    with pytest.raises(ValidationError) as refused:
        item.clean()
    message = str(refused.value)
    assert "不能保存" in message and "正文" in message
    assert "11010519491231002X" not in message  # named masked, never repeated


def test_news_is_a_search_kind_kept_in_step_by_publishing(site):
    item = add_item(news("ywdt"), "全县秸秆综合利用现场会召开", summary="推广秸秆还田")

    def titles(q):
        return [hit.title for hit in search(SearchRequest(q=q)).hits]

    assert "全县秸秆综合利用现场会召开" in titles("秸秆还田")
    item.unpublish()
    assert "全县秸秆综合利用现场会召开" not in titles("秸秆还田")


def test_the_page_types_are_editable_in_wagtail(site, client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.invalid", "pw")
    client.force_login(admin)
    index = news("tzgg")
    item = index.items().first()
    home = HomePage.objects.get()
    for url in (
        f"/admin/pages/add/portal/newspage/{index.pk}/",
        f"/admin/pages/{item.pk}/edit/",
        f"/admin/pages/{index.pk}/edit/",
        f"/admin/pages/{home.pk}/edit/",  # with its 专题专栏
        "/admin/settings/portal/siteidentity/",
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
    assert "专题专栏" in client.get(f"/admin/pages/{home.pk}/edit/").content.decode()
    settings_page = client.get("/admin/settings/portal/siteidentity/", follow=True)
    assert "党政机关网站标识" in settings_page.content.decode()


# --- The home page ----------------------------------------------------------------------------


class TestTheDemosHomePage:
    """The home page over the whole demo; its tests share one load of it."""

    def test_home_page_has_every_block(self, demo, client):
        html = client.get("/").content.decode()
        assert "<h1>示范县人民政府</h1>" in html
        for heading in (
            "news-ywdt",
            "news-tzgg",
            "policies-heading",
            "interpretations-heading",
            "request-heading",
            "interaction-heading",
            "topics-heading",
            "xxgk-heading",
        ):
            assert f'id="{heading}"' in html, heading
        assert meta(html, "ColumnName") == "首页"

    def test_home_page_shows_the_newest_policy_documents_and_interpretations(self, demo, client):
        html = client.get("/").content.decode()
        policies = section(html, "policies-heading")
        newest = public_policies().first()
        assert newest is not None, "the demo publishes policy documents"
        assert (
            f'href="/xxgk/{newest.unit.code}/documents/{newest.pk}/">{newest.title}</a>' in policies
        )
        assert 'href="/xxgk/013901000/policies/">更多政策文件</a>' in policies
        interpretation = public_interpretations().first()
        assert interpretation is not None, "the demo publishes interpretations"
        block = section(html, "interpretations-heading")
        url = f"/xxgk/{interpretation.unit.code}/interpretations/{interpretation.pk}/"
        assert f'href="{url}">{interpretation.title}</a>' in block


def test_home_page_shows_the_newest_items_of_each_list(site, client):
    add_item(news("tzgg"), "刚刚发布的通知")
    html = client.get("/").content.decode()
    notices = section(html, "news-tzgg")
    assert notices.index("刚刚发布的通知") < notices.index("关于征集政务公开工作意见建议的公告")
    assert notices.count("<li>") == 5  # four demo notices and the new one

    index = news("ywdt")
    for n in range(8):
        add_item(index, f"批量动态{n}", days_ago=n)
    block = section(client.get("/").content.decode(), "news-ywdt")
    assert block.count("<li>") == 6
    assert "批量动态0" in block and "批量动态6" not in block


def test_home_page_links_the_request_entry_and_the_registered_interaction_entries(site, client):
    html = client.get("/").content.decode()
    request = section(html, "request-heading")
    for link in (
        'href="/xxgk/C/on-request/">申请须知',
        'href="/ysqgk/C/apply/">在线申请',
        'href="/ysqgk/track/">办理进度查询',
    ):
        assert link in request
    interaction = section(html, "interaction-heading")
    for link in (
        'href="/hdjl/ly/new/">我要留言',
        'href="/hdjl/ly/">留言选登',
        'href="/hdjl/zcwd/">政策问答',
        'href="/hdjl/yjzj/">意见征集',
        'href="/jcgk/zdjc/">决策公开',
    ):
        assert link in interaction


def test_modules_register_their_home_entries_in_order():
    labels = [label for label, _, _ in home_entries()]
    assert labels == ["我要留言", "留言选登", "政策问答", "意见征集", "惠企政策", "决策公开"]


def test_home_page_topics_and_unit_sections(site, client):
    html = client.get("/").content.decode()
    topics = section(html, "topics-heading")
    assert 'href="/xxgk/013901000/annual-reports/">政府信息公开年报</a>' in topics
    units = html[html.index('id="xxgk-heading"') :]
    assert "<h3>政府及部门</h3>" in units and "<h3>乡镇（街道）</h3>" in units
    assert 'href="/xxgk/C-FIN/">测试县财政局</a>' in units
    assert 'href="/xxgk/T-B/">乙乡人民政府</a>' in units
    assert "二村" not in units  # villages are reached from their township's section


def test_a_topic_link_must_be_a_path_or_a_web_address(site):
    home = HomePage.objects.get()
    for link in ("javascript:alert(1)", "xxgk/", "ftp://example.org/"):
        with pytest.raises(ValidationError):
            HomeTopic(page=home, title="专题", link=link).full_clean()
    HomeTopic(page=home, title="专题", link="https://www.gov.cn/").full_clean()


def test_topics_are_checked_for_personal_data(site):
    home = HomePage.objects.get()
    home.topics.add(HomeTopic(title="联系人13912345678", link="/xxgk/"))
    with pytest.raises(ValidationError, match="不能保存"):
        home.clean()


# --- Footer, 网站地图, 联系我们, favicon --------------------------------------------------------


def test_footer_carries_what_government_sites_carry(site, client):
    html = client.get("/xxgk/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for text in (
        "主办单位：示范县人民政府办公室",
        "网站标识码：6229000001",
        "示ICP备00000001号",
        "示公网安备00000000000001号",
        'href="/wzdt/">网站地图',
        'href="/lxwm/">联系我们',
        'href="/wza/">无障碍服务',
        "长者模式",
    ):
        assert text in footer, text
    assert "党政机关网站标识" not in footer  # the slot stays empty until it is filled


def test_the_party_mark_slot_shows_when_set(site, client):
    identity = SiteIdentity.objects.get()
    identity.party_mark_url = "https://bszs.conac.cn/sitename?method=show&id=1"
    identity.save()
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=1"' in footer
    assert "党政机关网站标识" in footer


def test_the_party_mark_image_is_public_while_it_is_set(site, client):
    image = Image.objects.create(title="党政机关网站标识", file=get_test_image_file())
    identity = SiteIdentity.objects.get()
    identity.party_mark_image = image
    identity.save()
    html = client.get("/").content.decode()
    src = re.search(r'<p class="party-mark"><img [^>]*src="([^"]+)"', html).group(1)
    assert 'alt="党政机关网站标识"' in html
    assert client.get(src).status_code == 200
    identity.party_mark_image = None
    identity.save()
    assert client.get(src).status_code == 404


def test_site_map_lists_every_section_and_column(site, client):
    from gongkai.core.models import Unit
    from gongkai.portal.columns import COLUMNS

    html = client.get("/wzdt/").content.decode()
    assert "<h1>网站地图</h1>" in html
    for link in ('href="/ywdt/"', 'href="/tzgg/"', 'href="/hdjl/ly/new/"', 'href="/lxwm/"'):
        assert link in html
    for unit in Unit.objects.filter(is_active=True):
        assert f'href="/xxgk/{unit.code}/">{unit.name}</a>' in html
        for column in COLUMNS:
            assert f'href="/xxgk/{unit.code}/{column.slug}/"' in html


def test_contact_page_is_built_from_the_settings(site, client):
    html = client.get("/lxwm/").content.decode()
    for text in ("示范县人民路1号", "731700", 'href="tel:0930-7712345"', "zwgk@sfx.gov.cn"):
        assert text in html
    assert meta(html, "ColumnName") == "联系我们"


def test_favicon(site, client):
    html = client.get("/").content.decode()
    assert re.search(r'<link rel="icon" href="/static/portal/favicon[^"]*\.ico"', html)
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and "/static/portal/favicon" in response["Location"]


# --- Display modes ----------------------------------------------------------------------------


def test_large_text_switch_sets_a_cookie_only_when_asked(site, client):
    plain = client.get("/xxgk/")
    assert not plain.cookies and 'class="mode-' not in plain.content.decode()
    switch = re.search(r'href="(/wza/switch/\?mode=large[^"]*)"', plain.content.decode())
    response = client.get(switch.group(1).replace("&amp;", "&"))
    assert response.status_code == 302 and response["Location"] == "/xxgk/"
    assert response.cookies[COOKIE].value == "large"
    html = client.get("/xxgk/").content.decode()
    assert '<html lang="zh-Hans" class="mode-large">' in html and "退出长者模式" in html

    client.get("/wza/switch/?mode=contrast&on=1&next=/")
    assert client.cookies[COOKIE].value == "large.contrast"
    assert 'class="mode-large mode-contrast"' in client.get("/").content.decode()

    client.get("/wza/switch/?mode=large&on=0&next=/")
    client.get("/wza/switch/?mode=contrast&on=0&next=/")
    assert client.cookies[COOKIE].value == ""  # deleted
    assert 'class="mode-' not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "query, location",
    [
        ("mode=large&on=1&next=https://evil.example/", "/"),
        ("mode=large&on=1&next=//evil.example/", "/"),
        ("mode=bold&on=1&next=/xxgk/", "/xxgk/"),
    ],
)
def test_switch_never_leaves_the_site_and_ignores_unknown_modes(client, db, query, location):
    response = client.get(f"/wza/switch/?{query}")
    assert response["Location"] == location
    assert response.cookies.get(COOKIE) is None or "bold" not in response.cookies[COOKIE].value


def test_crawlers_are_kept_off_the_switches(client):
    assert "Disallow: /wza/switch/" in client.get("/robots.txt").content.decode()


def test_a_forged_cookie_value_is_ignored(site, client):
    client.cookies[COOKIE] = 'large" onload="x'
    assert '<html lang="zh-Hans">' in client.get("/").content.decode()
