"""The gazette in a real browser, on the demo's issues: a reader goes from the archive to an
issue and on to an article, and from a corrected article to its 勘误; every page is axe-clean and
reflows at 390 px (no sideways scrolling)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _check(page, what: str) -> None:
    assert axe_violations(page) == [], what
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), what


@pytest.mark.parametrize("width", [1200, 390])
def test_archive_issue_article_and_correction(page, portal_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(portal_url + "/")
    page.get_by_role("link", name="政府公报", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("政府公报")
    _check(page, "archive")

    page.get_by_role("link", name="示范县人民政府公报2025年第1期").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("《示范县人民政府公报》2025年第1期")
    expect(page).to_have_title(
        re.compile(r"^《示范县人民政府公报》2025年第1期 - 示范县人民政府 - ")
    )
    expect(page.get_by_role("link", name=re.compile("下载2025年第1期PDF版"))).to_be_visible()
    _check(page, "issue")

    page.get_by_role("link", name="示范县人民政府关于李明等同志职务任免的通知").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "示范县人民政府关于李明等同志职务任免的通知"
    )
    _check(page, "article")

    page.get_by_role("link", name=re.compile("2025年第3期：关于本刊2025年第1期")).click()
    expect(page.get_by_text("本文为勘误，更正")).to_be_visible()
    _check(page, "correction")
    page.get_by_role("link", name=re.compile("本刊2025年第1期刊登的")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "示范县人民政府关于李明等同志职务任免的通知"
    )

    page.goto(portal_url + "/gazette/points/")
    expect(page.get_by_role("rowheader", name="示范县图书馆")).to_be_visible()
    _check(page, "points")


def test_a_printed_document_page_cites_the_gazette(page, portal_url):
    page.goto(portal_url + "/gazette/")
    page.get_by_role("link", name="示范县人民政府公报2025年第2期").click()
    page.get_by_role("link", name="示范县人民政府关于进一步优化营商环境的若干措施").click()
    page.get_by_role("link", name=re.compile("查看该文件在政府信息公开平台的页面")).click()
    citation = page.get_by_role("link", name="刊登于《示范县人民政府公报》2025年第2期")
    expect(citation).to_be_visible()
    _check(page, "document page")
