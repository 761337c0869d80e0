"""The other fetchers (static directory, routing, the platform's own WSGI application) and the
availability probe."""

import threading
from datetime import date

import pytest

from gongkai.supervision.crawl import (
    HttpFetcher,
    RoutingFetcher,
    SiteSpec,
    StaticFetcher,
    WsgiFetcher,
    check_site,
    probe,
)
from gongkai.supervision.tests.sitecheck_sites import FakeSite, Page, html, redirect

TODAY = date(2026, 5, 20)


@pytest.fixture
def static_site(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "index.html").write_text(
        html(
            '<a href="/news/">新闻动态</a><a href="/hudong/">互动</a><a href="/news/missing.html">旧</a>'
            '<a href="http://other.example/x.html">友站</a><p>2026-05-18</p>'
        ),
        encoding="utf-8",
    )
    (tmp_path / "news" / "index.html").write_text(
        html(
            "".join(
                f'<li><a href="/a{i}.html">稿{i}</a> 2026年5月{i + 1}日</li>' for i in range(3)
            ),
            title="新闻动态",
        ),
        encoding="utf-8",
    )
    (tmp_path / "secret.txt").write_text("x")
    return tmp_path


def test_static_fetcher_serves_a_directory(static_site):
    fetcher = StaticFetcher(static_site)
    assert fetcher.fetch("http://town.example/", timeout=1).body.startswith(b"<!doctype")
    assert fetcher.fetch("http://town.example/news/", timeout=1).outcome.status == 200
    assert fetcher.fetch("http://town.example/none.html", timeout=1).outcome.status == 404
    assert fetcher.fetch("http://town.example/../../etc/passwd", timeout=1).outcome.status == 404
    text = fetcher.fetch("http://town.example/secret.txt", timeout=1)
    assert text.body is None and text.content_type == "text/plain"
    assert fetcher.fetch("http://town.example/secret.txt", timeout=1, body=True).body == b"x"


def test_a_static_site_is_checked_offline(static_site):
    fetcher = RoutingFetcher({"town.example": StaticFetcher(static_site)})
    report = check_site(
        SiteSpec("http://town.example/"), today=TODAY, fetcher=fetcher, external=True
    )
    assert report.columns[0].name == "新闻动态" and report.columns[0].newest == date(2026, 5, 3)
    broken = {(f.url, f.value) for f in report.findings if f.kind == "broken_link"}
    # The unrouted external host is refused, never fetched from the network.
    assert ("http://other.example/x.html", "refused") in broken
    assert ("http://town.example/news/missing.html", "404") in broken
    assert report.home_newest == date(2026, 5, 18)


def test_routing_fetcher_refuses_unknown_hosts():
    assert RoutingFetcher({}).fetch("http://x.example/", timeout=1).outcome.error == "refused"


@pytest.mark.django_db(transaction=True)
def test_wsgi_fetcher_renders_the_platform_in_a_thread_of_its_own():
    from django.conf import settings
    from django.core.signals import request_finished
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page, Site

    finished_in = []

    def record(**kwargs):
        finished_in.append(threading.get_ident())

    # An earlier transactional test may have flushed the default site that migrations make;
    # the platform's pages (its 404 page too) read their settings through it.
    if not Site.objects.filter(is_default_site=True).exists():
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root"))
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
    request_finished.connect(record)
    try:
        fetcher = WsgiFetcher()
        missing = fetcher.fetch("http://testserver/no-such-page-here/", timeout=1)
        robots = fetcher.fetch("http://testserver/robots.txt", timeout=1, body=True)
    finally:
        request_finished.disconnect(record)
    assert missing.outcome.status == 404
    assert robots.outcome.status == 200 and b"Disallow: /admin/" in robots.body
    # Django's end-of-request cleanup (which closes the database connection of the thread it
    # runs in) never runs in the caller's thread, whose transaction it would break.
    assert len(finished_in) == 2 and threading.get_ident() not in finished_in


def test_probe_times_the_home_page():
    pages = {
        "/": redirect("/home"),
        "/home": Page(html("首页")),
        "/slow": Page(html(""), delay=1.0),
        "/bad": Page(status=503),
    }
    with FakeSite(pages) as site:
        fetcher = HttpFetcher(loopback_only=True)
        seconds = probe(site.url("/"), fetcher=fetcher)
        assert seconds is not None and 0 <= seconds < 1
        assert probe(site.url("/slow"), fetcher=fetcher, timeout=0.3) is None
        assert probe(site.url("/bad"), fetcher=fetcher) is None
