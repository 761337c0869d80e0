"""The 政府信息公开年报 column and report pages on the portal: published reports only, as frozen."""

import re
from datetime import date

import pytest

from gongkai.core.demo import DemoContext
from gongkai.core.pdf import pdf_missing
from gongkai.portal import demo as portal_demo
from gongkai.reports import services
from gongkai.reports.domain.compute import RequestFact
from gongkai.reports.tests import hand_fixture as fx
from gongkai.reports.tests.records import store_requests


@pytest.fixture
def site(hand_records):
    portal_demo.load(DemoContext())
    return hand_records


@pytest.fixture
def published(site):
    county = site["county"]
    for year in (2024, 2025):
        report = services.report_create(actor=None, unit=county, year=year)
        services.report_publish(actor=None, report=report)
    services.report_create(actor=None, unit=county, year=2025, period="half_year")  # a draft
    return county


def test_the_column_lists_published_reports_only(published, client):
    html = client.get("/xxgk/C/annual-reports/").content.decode()
    assert "测试县人民政府2025年政府信息公开工作年度报告" in html
    assert 'href="/xxgk/C/annual-reports/2024/"' in html
    assert "上半年" not in html  # the half-year report is a draft
    assert client.get("/xxgk/C/annual-reports/2025-h1/").status_code == 404


def test_a_unit_without_published_reports_says_so(published, client):
    html = client.get("/xxgk/C-FIN/annual-reports/").content.decode()
    assert "本栏目暂无公开信息。" in html


@pytest.mark.parametrize("key", ["2023", "2025-h2", "abc", "2025-"])
def test_other_paths_are_not_found(published, client, key):
    assert client.get(f"/xxgk/C/annual-reports/{key}/").status_code == 404


def test_the_report_page_has_the_tables_and_charts_with_text_alternatives(published, client):
    html = client.get("/xxgk/C/annual-reports/2025/").content.decode()
    assert html.count('<table class="report-table') == 3
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in html
    assert re.search(r'<td headers="[^"]*table3-h\d+-\d+[^"]*">10</td>', html)
    assert html.count('<svg role="img"') == 4
    assert "<desc" in html and "本年新收：2024年 5件，2025年 10件" in html
    assert html.count("<details>") == 4  # a data table under every chart
    assert (
        '<meta name="ArticleTitle" content="测试县人民政府2025年政府信息公开工作年度报告">' in html
    )
    assert "<script" not in html


def test_the_page_shows_the_report_as_published(published, client):
    store_requests(published, [RequestFact(fx.NP, date(2025, 5, 1), None, None)])
    html = client.get("/xxgk/C/annual-reports/2025/?print=1").content.decode()
    new_row = re.search(r"一、本年新收政府信息公开申请数量</th>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r">(\d+)<", new_row)[-1] == "10"


def test_downloads(published, client):
    response = client.get("/xxgk/C/annual-reports/2025/?format=docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    response = client.get("/xxgk/C/annual-reports/2025/?format=pdf")
    if pdf_missing():
        assert response.status_code == 503 and "fonts" in response.content.decode()
    else:
        assert response.content.startswith(b"%PDF")


def test_the_sitemap_lists_published_reports(published, client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/xxgk/C/annual-reports/2025/" in xml
    assert "/xxgk/C/annual-reports/2025-h1/" not in xml
