"""The portal's home page and its own pages in a real browser: at phone (390 px) and desktop
(1366 px) width they are axe-clean and never scroll sideways; 长者模式 and high contrast switch
on and off, and stay on from page to page, with JavaScript turned off."""

import pytest

from gongkai.portal.models import NewsPage

from .conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def _paths() -> list[str]:
    item = NewsPage.objects.live().order_by("-date").first()
    return ["/", "/ywdt/", "/tzgg/", item.url, "/wzdt/", "/lxwm/", "/wza/"]


@pytest.mark.parametrize("width", [390, 1366])
def test_home_and_portal_pages_are_accessible_and_reflow(page, portal_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(portal_url + "/")
    for name in (
        "要闻动态",
        "通知公告",
        "政策文件",
        "政策解读",
        "依申请公开",
        "互动交流",
        "专题专栏",
    ):
        assert page.get_by_role("heading", name=name, level=2).is_visible(), name
    assert page.get_by_role("link", name="我要留言").is_visible()
    assert page.get_by_role("contentinfo").get_by_text("网站标识码：6229000001").is_visible()
    for path in _paths():
        page.goto(portal_url + path)
        assert axe_violations(page) == [], path
        assert page.evaluate(NO_SIDEWAYS_SCROLL), path


def _root_style(page, prop: str) -> str:
    return page.evaluate(f"getComputedStyle(document.body).{prop}")


def follow(page, link) -> None:
    """Click a link and wait for the page it leads to (the switches redirect back to the
    page they are on, so the address alone does not tell that it has loaded)."""
    with page.expect_navigation():
        link.click()


def test_large_text_and_high_contrast_work_without_javascript(browser, portal_url):
    context = browser.new_context(
        locale="zh-CN", java_script_enabled=False, viewport={"width": 390, "height": 900}
    )
    page = context.new_page()
    page.goto(portal_url + "/")
    assert _root_style(page, "fontSize") == "16px"
    header = page.get_by_role("navigation", name="无障碍")

    follow(page, header.get_by_role("link", name="长者模式"))
    assert _root_style(page, "fontSize") == "20px"
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    # The mode stays on on the next page, reached by an ordinary link.
    follow(
        page, page.get_by_role("navigation", name="主导航").get_by_role("link", name="政府信息公开")
    )
    assert page.url == portal_url + "/xxgk/"
    assert _root_style(page, "fontSize") == "20px"
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    follow(page, header.get_by_role("link", name="高对比度"))
    assert page.url == portal_url + "/xxgk/"
    assert _root_style(page, "backgroundColor") == "rgb(0, 0, 0)"
    assert _root_style(page, "color") == "rgb(255, 255, 255)"
    assert _root_style(page, "fontSize") == "20px"

    follow(page, header.get_by_role("link", name="退出长者模式"))
    follow(page, header.get_by_role("link", name="退出高对比度"))
    assert _root_style(page, "fontSize") == "16px"
    assert _root_style(page, "backgroundColor") == "rgb(255, 255, 255)"
    context.close()


def test_modes_are_axe_clean_and_prefers_contrast_is_honoured(page, portal_url):
    page.goto(portal_url + "/wza/")
    follow(page, page.get_by_role("main").get_by_role("link", name="开启长者模式"))
    follow(page, page.get_by_role("main").get_by_role("link", name="开启高对比度"))
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(portal_url + "/")
        assert axe_violations(page) == [], width
        assert page.evaluate(NO_SIDEWAYS_SCROLL), width

    page.context.clear_cookies()
    page.emulate_media(contrast="more")
    page.goto(portal_url + "/")
    assert _root_style(page, "backgroundColor") == "rgb(0, 0, 0)"
    assert axe_violations(page) == []
