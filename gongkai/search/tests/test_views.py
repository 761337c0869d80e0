"""The portal's search page and OpenSearch description."""
# 渡口: a word no demo page and no synonym group holds, so the counts are the records made here.

import re
from datetime import date

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from gongkai.core.demo import DemoContext
from gongkai.portal import demo as portal_demo


@pytest.fixture
def pages(db):
    portal_demo.load(DemoContext())


def get(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_empty_page_has_a_labelled_search_form(pages, client):
    html = get(client)
    assert '<form method="get" action="/search/" role="search"' in html
    assert re.search(r'<label for="id_q">检索词</label>\s*<input type="search" name="q"', html)
    for label in ("单位", "类别", "年份", "主题分类", "有效性", "排序"):
        assert f">{label}</label>" in html
    assert "找到" not in html


def test_results_link_to_the_documents(pages, publish, client, unit_tree):
    document = publish(title="关于做好渡口审核的通知", body="<p>渡口审核。</p>")
    html = get(client, q="渡口")
    assert "找到1条结果" in html
    assert f'href="/xxgk/C/documents/{document.pk}/"' in html
    assert "关于做好<mark>渡口</mark>审核的通知" in html
    assert "<title>“渡口”的搜索结果 - 站内搜索" in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_filters_are_get_parameters(pages, publish, client, unit_tree):
    publish(unit_tree["town_a"], title="甲镇渡口公示")
    publish(unit_tree["town_b"], title="乙乡渡口公示")
    html = get(client, q="渡口", unit="T-A")
    assert "甲镇<mark>渡口</mark>公示" in html and "乙乡" not in html.split("search-results")[-1]


def test_a_wrong_filter_value_shows_an_error_and_is_ignored(pages, publish, client):
    publish(title="渡口公示")
    html = get(client, q="渡口", year="abc", kind="nope")
    assert "找到1条结果" in html
    assert html.count('class="field-error"') == 2


def test_a_doc_number_redirects_to_its_document(pages, publish, client):
    document = publish(title="实施方案", doc_number="甘政办发〔2020〕83号")
    response = client.get("/search/", {"q": "甘政办发[2020]83号"})
    assert response.status_code == 302
    assert response["Location"] == f"/xxgk/C/documents/{document.pk}/"


def test_paging_marks_the_current_page(pages, publish, client):
    for day in range(1, 23):
        publish(title=f"政务公开通知{day}", published_on=date(2025, 1, day))
    html = get(client, q="政务公开", sort="date", page="2")
    assert 'aria-current="page">2</a>' in html
    assert 'href="?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80&amp;sort=date&amp;page=1"' in html
    assert "第2页，共2页" in html


def test_a_count_left_to_the_word_list_says_about(pages, publish, client, monkeypatch):
    from gongkai.search.backends import base, postgresql
    from gongkai.search.index import refresh_vocabulary

    monkeypatch.setattr(base.Backend, "estimate_from", 2)
    monkeypatch.setattr(postgresql.PostgreSQLBackend, "estimate_from", 2)
    for day in (1, 2, 3):
        publish(title=f"政务公开通知{day}", published_on=date(2025, 1, day))
    refresh_vocabulary()
    html = get(client, q="政务公开")
    assert "找到约10000条以上结果" in html
    assert "<mark>政务公开</mark>通知3" in html


@pytest.mark.parametrize(
    ("q", "message"),
    [("政" * 300, "检索词太长了"), ("，。", "没有可以查找的文字"), ("", "请输入要查找的词语")],
)
def test_bad_input_is_a_friendly_page(pages, client, q, message):
    assert message in get(client, q=q)


def test_page_parameter_that_is_not_a_number(pages, publish, client):
    publish(title="渡口公示")
    assert "找到1条结果" in get(client, q="渡口", page="x")


def test_did_you_mean_links_to_the_corrected_query(pages, publish, client):
    from gongkai.search.index import refresh_vocabulary

    publish(title="城乡居民最低生活保障实施办法")
    refresh_vocabulary()
    html = get(client, q="最低生活保章")
    assert "您是不是要找：" in html and ">最低生活保障</a>" in html


def test_opensearch_description(pages, client):
    response = client.get("/opensearch.xml")
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    xml = response.content.decode()
    assert "<ShortName>示范县人民政府门户网站</ShortName>" in xml
    assert 'template="http://testserver/search/?q={searchTerms}"' in xml


def test_search_box_snippet(db):
    request = RequestFactory().get("/", {"q": "渡口"})
    html = render_to_string("search/_search_box.html", request=request)
    assert 'action="/search/"' in html and 'role="search"' in html
    assert '<label for="site-search-q"' in html and 'value="渡口"' in html
