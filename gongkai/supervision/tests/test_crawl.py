"""The crawler against sites served by the test itself on 127.0.0.1; nothing else is reached
(every fetcher here is loopback-only and ``external`` stays off)."""

import socket
from datetime import date

import pytest

from gongkai.supervision.crawl import HttpFetcher, Progress, SiteSpec, SiteSpecError, check_site
from gongkai.supervision.domain.wording import WordingRule
from gongkai.supervision.tests.sitecheck_sites import FakeSite, Page, html, redirect

TODAY = date(2026, 5, 20)


def run(site, path="/", **kwargs):
    kwargs.setdefault("fetcher", HttpFetcher(loopback_only=True))
    kwargs.setdefault("today", TODAY)
    hosts = kwargs.pop("hosts", ())
    return check_site(SiteSpec(site.url(path), hosts), **kwargs)


def of_kind(report, kind):
    return [finding for finding in report.findings if finding.kind == kind]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


CHANNEL = '<a href="/ly">我要留言</a>'
FRESH = "<p>更新于 2026-05-19</p>"


def test_broken_links_each_url_once_with_the_linking_page():
    dead = closed_port()
    pages = {
        "/": html(
            f'{CHANNEL}<a href="/ok">好</a><a href="/ok#part">又一次</a><a href="/gone">旧文</a>'
            f'<a href="/error">出错</a><img src="/logo.png"><a href="http://127.0.0.1:{dead}/x">死站</a>'
            '<a href="mailto:a@b.cn">信</a><a href="http://example.com/">外站</a>'
        ),
        "/ok": html('<a href="/">首页</a><a href="/gone">旧文</a><a href="/deleted">已删</a>'),
        "/error": Page(html("出错"), status=500),
        "/deleted": html("该信息已删除", title="对不起，页面不存在"),
        "/ly": html("留言"),
    }
    with FakeSite(pages) as site:
        report = run(site, hosts=(f"127.0.0.1:{dead}",))
        assert site.count("/ok") == 1 and site.count("/") == 1 and site.count("/gone") == 1
        assert not any("example.com" in path for path in site.requests)
    broken = {finding.url.rsplit("/", 1)[1]: finding for finding in of_kind(report, "broken_link")}
    assert sorted(broken) == ["deleted", "error", "gone", "logo.png", "x"]
    assert broken["gone"].value == "404"
    assert broken["error"].value == "500"
    assert broken["x"].value == "connection"
    assert broken["deleted"].value == "gone"
    assert site.url("/") in broken["gone"].detail
    assert site.url("/ok") in broken["deleted"].detail
    assert report.pages == 3 and report.finished  # /, /ok, /ly; /deleted is a soft 404


def test_redirects_loops_and_chains():
    chain = {f"/c{i}": redirect(f"/c{i + 1}") for i in range(7)}
    pages = {
        "/": html(
            f'{CHANNEL}{FRESH}<a href="/moved">搬家</a><a href="/a">甲</a><a href="/self">自己</a>'
            '<a href="/c0">链</a><a href="/away">外</a>'
        ),
        "/moved": redirect("/new", 301),
        "/new": html("新址"),
        "/a": redirect("/b"),
        "/b": redirect("/a"),
        "/self": redirect("/self"),
        "/away": redirect("http://example.com/"),
        "/ly": html("留言"),
        **chain,
    }
    with FakeSite(pages) as site:
        report = run(site)
        assert site.count("/new") == 1
        assert not any("example.com" in path for path in site.requests)
    broken = {
        finding.url.rsplit("/", 1)[1]: finding.value for finding in of_kind(report, "broken_link")
    }
    assert broken == {"a": "redirect_loop", "self": "redirect_loop", "c0": "too_many_redirects"}


def test_a_slow_page_times_out():
    pages = {
        "/": html(f'{CHANNEL}{FRESH}<a href="/slow">慢</a>'),
        "/slow": Page(html("慢"), delay=1.5),
        "/ly": html(""),
    }
    with FakeSite(pages) as site:
        report = run(site, timeout=0.3)
    (finding,) = of_kind(report, "broken_link")
    assert finding.url.endswith("/slow") and finding.value == "timeout"
    assert "超时" in finding.detail


def test_robots_txt_is_honoured():
    pages = {
        "/robots.txt": Page("User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        "/": html(f'{CHANNEL}{FRESH}<a href="/private/a">内</a><a href="/public">外</a>'),
        "/public": html('<a href="/private/b">内</a>'),
        "/ly": html(""),
    }
    with FakeSite(pages) as site:
        report = run(site)
        assert not any(path.startswith("/private/") for path in site.requests)
        assert site.count("/robots.txt") == 1
    assert report.findings == [] and report.pages == 3
    assert report.disallowed == 2


def test_a_site_closed_by_robots_txt_is_not_read():
    pages = {
        "/robots.txt": Page("User-agent: *\nDisallow: /\n", content_type="text/plain"),
        "/": html(""),
    }
    with FakeSite(pages) as site:
        report = run(site)
        assert site.requests == ["/robots.txt"]
    assert report.pages == 0 and report.disallowed == 1 and report.findings == []


def test_columns_dates_and_the_home_page():
    def listing(*days):
        return (
            "<ul>"
            + "".join(
                f'<li><a href="/art{i}">信息{i}</a><span>{d}</span></li>'
                for i, d in enumerate(days)
            )
            + "</ul>"
        )

    pages = {
        "/": html(
            f'{CHANNEL}<ul><li><a href="/dt/">工作动态</a></li><li><a href="/tz/">通知公告</a></li>'
            '<li><a href="/zl/">专题专栏</a></li><li><a href="/gk/">机构概况</a></li></ul>'
            '<p><a href="/art0">要闻</a> 2026年5月10日</p>'
        ),
        "/dt/": html(
            listing("2026-05-01", "2026-04-20"), head='<meta name="ColumnName" content="工作动态">'
        ),
        "/tz/": html(listing("2025年11月1日", "2025年10月1日", "2025年9月1日"), title="通知公告"),
        "/zl/": html("<p>暂无信息</p>", head='<meta name="ColumnName" content="专题专栏">'),
        "/gk/": html(
            listing("2026/05/18", "2026.01.02", "2025-12-01"),
            head='<meta name="ColumnName" content="机构概况">',
        ),
        "/ly": html(""),
        **{
            f"/art{i}": html(
                "正文",
                head='<meta name="ColumnName" content="工作动态"><meta name="ArticleTitle" content="x">',
            )
            for i in range(3)
        },
    }
    with FakeSite(pages) as site:
        report = run(site)
    columns = {column.name: column for column in report.columns}
    assert set(columns) == {"工作动态", "通知公告", "专题专栏", "机构概况"}
    assert columns["工作动态"].newest == date(2026, 5, 1) and columns["工作动态"].kind == "news"
    assert columns["通知公告"].newest == date(2025, 11, 1) and columns["通知公告"].items == 3
    assert columns["机构概况"].newest == date(2026, 5, 18)
    assert report.home_newest == date(2026, 5, 10)
    assert {(f.kind, f.column) for f in report.findings} == {
        ("stale_column", "工作动态"),  # 19 days > 2 weeks
        ("stale_column", "通知公告"),  # older than 6 months
        ("empty_column", "专题专栏"),
    }


def test_home_page_without_dates_is_judged_by_its_columns():
    pages = {
        "/": html(f'{CHANNEL}<a href="/dt/">工作动态</a>'),
        "/dt/": html(
            '<a href="/x">旧</a> 2026-04-01', head='<meta name="ColumnName" content="工作动态">'
        ),
        "/ly": html(""),
        "/x": html(""),
    }
    with FakeSite(pages) as site:
        report = run(site)
    assert report.home_newest == date(2026, 4, 1)
    assert {f.kind for f in report.findings} == {"home_not_updated", "stale_column"}
    assert [item.number for item in report.veto] == [3]


def test_wording_personal_data_and_a_gbk_page():
    gbk = html("<p>中华人民共合国 联系人手机 13800138000</p>", head='<meta charset="gbk">').encode(
        "gbk"
    )
    pages = {
        "/": html(f'{CHANNEL}{FRESH}<a href="/gbk">旧站</a><p>再接再励</p>'),
        "/gbk": Page(gbk, content_type="text/html"),
        "/ly": html(""),
    }
    rules = [
        WordingRule("中华人民共合国", "中华人民共和国", True),
        WordingRule("再接再励", "再接再厉"),
    ]
    with FakeSite(pages) as site:
        report = run(site, wording_rules=rules)
    wording = {(f.url.rsplit("/", 1)[1], f.value, f.serious) for f in of_kind(report, "wording")}
    assert wording == {("", "再接再励", False), ("gbk", "中华人民共合国", True)}
    (leak,) = of_kind(report, "personal_data")
    assert leak.value == "138****8000" and leak.url.endswith("/gbk")
    assert "13800138000" not in str(report.as_json())
    assert [item.number for item in report.veto] == [1]


def test_no_message_channel_and_a_broken_one():
    pages = {
        "/": html(f'{FRESH}<a href="/mail">县长信箱</a><a href="/xf">网上信访</a>'),
        "/xf": html(""),
    }
    with FakeSite(pages) as site:
        report = run(site)
    assert {f.kind for f in report.findings} == {"broken_link", "no_message_channel"}
    assert [item.number for item in report.veto] == [5]


def test_limits_on_pages_and_depth():
    pages = {
        "/": html(f"{CHANNEL}{FRESH}" + "".join(f'<a href="/p{i}">{i}</a>' for i in range(30))),
        "/ly": html(""),
    }
    pages |= {f"/p{i}": html(f'<a href="/p{i}/deeper">深</a>') for i in range(30)}
    pages |= {f"/p{i}/deeper": html("") for i in range(30)}
    with FakeSite(pages) as site:
        assert run(site, max_pages=10).checked == 10
        assert run(site, max_depth=1).pages == 32
        assert run(site).pages == 62


def test_a_stopped_run_resumes_from_its_state_file(tmp_path):
    pages = {
        "/": html(f"{CHANNEL}{FRESH}" + "".join(f'<a href="/p{i}">{i}</a>' for i in range(40))),
        "/ly": html(""),
    }
    pages |= {f"/p{i}": html("再接再励" if i == 7 else "") for i in range(40)}
    rules = [WordingRule("再接再励", "再接再厉")]
    state = tmp_path / "run.json"
    seen = []
    with FakeSite(pages) as site:
        first = run(
            site,
            state_path=state,
            connections=2,
            wording_rules=rules,
            stop=lambda: len(site.requests) >= 10,
        )
        assert not first.finished and state.exists()
        assert all(f.kind != "no_message_channel" for f in first.findings)
        before = len(site.requests)
        second = run(
            site, state_path=state, connections=2, wording_rules=rules, progress=seen.append
        )
        again = site.requests[before:]
    assert second.finished and second.pages == 42
    assert "/" not in again  # resumed, not started over
    assert len(again) <= 42 - 10 + 2 * 2  # at most the in-flight URLs fetched twice
    assert [(f.kind, f.url.rsplit("/", 1)[1]) for f in second.findings] == [("wording", "p7")]
    assert seen[-1].done and isinstance(seen[-1], Progress)
    # A finished run's state does not resume: the next run starts over.
    with FakeSite(pages) as site:
        run(site, state_path=state, wording_rules=rules)
        assert "/" in site.requests


def test_the_home_page_moving_to_another_host_takes_the_site_along():
    with FakeSite({}) as site:
        site.pages.update(
            {
                "/": redirect(site.url("/index.html")),
                "/index.html": Page(html(f'{CHANNEL}{FRESH}<a href="/a">甲</a>')),
                "/a": Page(html("")),
                "/ly": Page(html("")),
            }
        )
        report = check_site(
            SiteSpec(site.url("/", host="localhost")),
            today=TODAY,
            fetcher=HttpFetcher(loopback_only=True),
        )
    assert report.findings == [] and report.pages == 3


@pytest.mark.parametrize("url", ["example.gov.cn", "ftp://example.gov.cn/", "http://", ""])
def test_a_bad_home_url_is_refused(url):
    with pytest.raises(SiteSpecError, match="无效"):
        check_site(SiteSpec(url), today=TODAY, fetcher=HttpFetcher(loopback_only=True))


def test_loopback_only_fetcher_never_leaves_the_machine():
    fetcher = HttpFetcher(loopback_only=True)
    for url in ("http://10.0.0.1/", "http://example.com/", "http://[2001:db8::1]/"):
        assert fetcher.fetch(url, timeout=0.1).outcome.error == "refused"
