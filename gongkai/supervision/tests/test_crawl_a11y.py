"""``--a11y``: axe-core in Debian's chromium over a sample of a loopback site's pages."""

from datetime import date

import pytest

from gongkai.supervision.crawl import HttpFetcher, SiteSpec, check_site
from gongkai.supervision.crawl.a11y import CHROMIUM
from gongkai.supervision.tests.sitecheck_sites import FakeSite, Page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")

GOOD = (
    '<!doctype html><html lang="zh-CN"><head><title>首页 - 测试县</title></head><body><main>'
    '<h1>首页</h1><p>2026-05-19</p><a href="/ly">我要留言</a><a href="/bad">图片页</a>'
    '<img src="http://example.com/x.png" alt="外站图片"></main></body></html>'
)
BAD = (
    '<!doctype html><html><head><title>图片页</title></head><body><img src="/p.png"></body></html>'
)


def test_a11y_reports_serious_violations_on_sampled_pages():
    pages = {"/": Page(GOOD), "/bad": Page(BAD), "/ly": Page(GOOD.replace("首页 -", "留言 -"))}
    with FakeSite(pages) as site:
        report = check_site(
            SiteSpec(site.url()),
            today=date(2026, 5, 20),
            fetcher=HttpFetcher(loopback_only=True),
            a11y=5,
        )
        assert not any("example.com" in path for path in site.requests)
    found = {
        (f.url.rsplit("/", 1)[1], f.value) for f in report.findings if f.kind == "accessibility"
    }
    assert ("bad", "image-alt") in found
    assert not any(page == "" for page, _ in found)  # the good home page is clean
    assert report.veto == []
