import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.supervision.domain.links import (
    REDIRECT_LOOP,
    TIMEOUT,
    Outcome,
    broken_link_finding,
    in_scope,
    looks_gone,
    normalise,
)

BASE = "http://Example.gov.cn:80/a/b.html"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("c.html", "http://example.gov.cn/a/c.html"),
        ("/x#top", "http://example.gov.cn/x"),
        ("HTTPS://Example.gov.cn:443/", "https://example.gov.cn/"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000/"),
        ("?page=2", "http://example.gov.cn/a/b.html?page=2"),
        ("  /y  ", "http://example.gov.cn/y"),
        ("mailto:a@b.cn", None),
        ("javascript:void(0)", None),
        ("tel:12345", None),
        ("#", None),
        ("", None),
        ("ftp://example.gov.cn/f", None),
        ("http://example.gov.cn:99999/", None),
        (
            "/新闻/?q=政务 公开",
            "http://example.gov.cn/%E6%96%B0%E9%97%BB/?q=%E6%94%BF%E5%8A%A1%20%E5%85%AC%E5%BC%80",
        ),
        ("/%E6%96%B0%E9%97%BB/", "http://example.gov.cn/%E6%96%B0%E9%97%BB/"),
        ("http://政府.cn/", "http://xn--mxtq1m.cn/"),
    ],
)
def test_normalise(href, expected):
    assert normalise(href, BASE) == expected


@given(st.text(max_size=30))
def test_normalise_is_idempotent(href):
    once = normalise(href, BASE)
    if once is not None:
        assert normalise(once, BASE) == once
        assert once.isascii()


def test_scope_is_by_host_and_port():
    hosts = {"example.gov.cn", "127.0.0.1:8000"}
    assert in_scope("https://example.gov.cn/x", hosts)
    assert in_scope("http://127.0.0.1:8000/", hosts)
    assert not in_scope("http://127.0.0.1:8001/", hosts)
    assert not in_scope("http://www.example.gov.cn/", hosts)


@pytest.mark.parametrize(
    ("outcome", "broken", "label"),
    [
        (Outcome(status=200), False, "HTTP 200"),
        (Outcome(status=301), False, "HTTP 301"),
        (Outcome(status=404), True, "HTTP 404"),
        (Outcome(status=503), True, "HTTP 503"),
        (Outcome(error=TIMEOUT), True, "超时未响应"),
        (Outcome(status=302, error=REDIRECT_LOOP), True, "重定向循环"),
    ],
)
def test_outcome(outcome, broken, label):
    assert outcome.broken is broken
    assert outcome.label == label


def test_finding_names_the_linking_page():
    finding = broken_link_finding("http://x/gone", Outcome(status=404), "http://x/list")
    assert finding.kind == "broken_link"
    assert "http://x/list" in finding.detail
    assert finding.value == "404"


@pytest.mark.parametrize(
    ("title", "gone"),
    [
        ("404 Not Found", True),
        ("对不起，页面不存在", True),
        ("工作动态", False),
        ("2404号文件", False),
        ("国务院令第404号", False),
        ("第404页 - 测试县", False),
        ("404错误", True),
        ("Error 404 页面", True),
    ],
)
def test_looks_gone(title, gone):
    assert looks_gone(title) is gone
