"""Smoke test of the portal in a real browser: the home page and one unit's 政府信息公开 section
open, navigate, and have no serious or critical accessibility violations."""

import pytest

from .conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_page_and_unit_section_are_accessible(page, portal_url):
    page.goto(portal_url + "/")
    assert page.locator("h1").first.inner_text() == "示范县人民政府"
    assert axe_violations(page) == []

    page.get_by_role("link", name="示范县人民政府", exact=True).first.click()
    page.wait_for_url("**/xxgk/013901000/")
    assert "示范县人民政府政府信息公开" in page.locator("h1").inner_text()
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="示范县政府政府信息公开栏目").get_by_role(
        "link", name="政府信息公开指南"
    ).click()
    page.wait_for_url("**/xxgk/013901000/guide/")
    assert page.get_by_text("示范县人民路1号").is_visible()
    assert axe_violations(page) == []


def test_skip_link_reaches_the_main_content(page, portal_url):
    page.goto(portal_url + "/xxgk/013901101/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
