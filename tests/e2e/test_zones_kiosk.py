"""The kiosk mode of a zone's 电子查阅点 in a real browser: entered through the zone's kiosk
address, it shows large type and no way to the back office or off the site, prints a document
page with its print stylesheet, goes back to the home page after the idle time, is axe-clean
and breaks no Content-Security-Policy rule (the page fixture fails on any violation)."""

import re

import pytest

from .conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

IDLE_SECONDS = 3


@pytest.fixture
def short_idle(settings):
    settings.GONGKAI_KIOSK_IDLE_SECONDS = IDLE_SECONDS


def _kiosk_zone():
    from gongkai.zones.selectors import public_zones

    return public_zones().filter(has_electronic=True).first()


def _document_path() -> str:
    from gongkai.documents.selectors import public_documents

    document = public_documents().first()
    return f"/xxgk/{document.unit.code}/documents/{document.pk}/"


def test_kiosk_mode(page, portal_url, short_idle):
    page.set_viewport_size({"width": 1080, "height": 1920})  # an upright touch screen
    zone = _kiosk_zone()
    page.goto(f"{portal_url}/xxgk/zq/kiosk/{zone.pk}/")
    assert page.url == portal_url + "/"
    assert "mode-kiosk" in page.locator("html").get_attribute("class")
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "22px"
    # No login or back-office link, nothing leading off the site.
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map((a) => a.href)")
    assert not [h for h in hrefs if "/admin" in h or "login" in h], hrefs
    assert not [h for h in hrefs if not h.startswith(portal_url)], hrefs
    assert page.get_by_text("登录").count() == 0
    assert page.get_by_role("navigation", name="查阅机").get_by_role("link", name="回到首页")
    assert axe_violations(page) == []

    page.goto(f"{portal_url}/xxgk/zq/")
    assert page.get_by_role("heading", name=zone.name, level=2).is_visible()
    assert axe_violations(page) == []

    page.goto(portal_url + _document_path())
    print_button = page.get_by_role("button", name="打印本页")
    assert print_button.is_visible()
    assert page.locator('link[rel="stylesheet"][media="print"][href*="kiosk-print"]').count() == 1
    assert axe_violations(page) == []
    # Printing prints this page (the browser's dialog is replaced to count the calls) …
    # Given as a function, which Playwright calls once (a bare assignment of an arrow function
    # would be called too, counting one print).
    page.evaluate(
        "() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }"
    )
    print_button.click()
    assert page.evaluate("window.__printed") == 1
    page.get_by_role("link", name="打印", exact=True).click()
    assert page.evaluate("window.__printed") == 2
    assert page.url.endswith(_document_path())
    # … with the print stylesheet: no header, bars or tools on paper.
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".doc-tools").is_visible()
    assert page.locator("#document-title").is_visible()
    page.emulate_media(media="screen")

    # Left alone, the kiosk goes back to the home page.
    page.wait_for_url(portal_url + "/", timeout=(IDLE_SECONDS + 10) * 1000)

    page.goto(f"{portal_url}/xxgk/zq/kiosk/exit/")
    assert re.search(r"/xxgk/zq/$", page.url)
    assert "mode-kiosk" not in (page.locator("html").get_attribute("class") or "")
    assert page.get_by_role("navigation", name="查阅机").count() == 0


def test_kiosk_works_without_javascript(browser, portal_url):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{portal_url}/xxgk/zq/kiosk/{_kiosk_zone().pk}/")
    page.goto(portal_url + _document_path())
    assert "mode-kiosk" in page.locator("html").get_attribute("class")
    # No script to print with: the button stays hidden and the link opens the printable page.
    assert not page.get_by_role("button", name="打印本页").is_visible()
    page.get_by_role("link", name="打印", exact=True).click()
    assert "print=1" in page.url
    context.close()


NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def test_zone_pages_reflow_and_are_accessible(page, portal_url):
    """The list and a zone's page, reached from the 政府信息公开 section's navigation, at 320 px,
    390 px and 1366 px, in ordinary and kiosk mode."""
    page.goto(f"{portal_url}/xxgk/")
    page.get_by_role("link", name="政务公开专区").click()
    assert page.url == f"{portal_url}/xxgk/zq/"
    zone_url = page.get_by_role("heading", level=2).first.get_by_role("link").get_attribute("href")
    for width in (320, 390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        for path in ("/xxgk/zq/", zone_url):
            page.goto(portal_url + path)
            assert page.evaluate(NO_SIDEWAYS_SCROLL), (width, path)
            assert axe_violations(page) == [], (width, path)
    page.goto(f"{portal_url}/xxgk/zq/kiosk/{_kiosk_zone().pk}/")
    for width in (390, 1080):
        page.set_viewport_size({"width": width, "height": 1200})
        for path in ("/xxgk/zq/", zone_url):
            page.goto(portal_url + path)
            assert page.evaluate(NO_SIDEWAYS_SCROLL), ("kiosk", width, path)
            assert axe_violations(page) == [], ("kiosk", width, path)
