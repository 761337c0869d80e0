"""The gazette's public pages: only published issues are reachable; the issue, article and PDF
pages; 勘误 linked both ways; the register's document page cites the issue; feed and search."""

import pytest

from gongkai.gazette import services
from gongkai.gazette.selectors import public_articles
from gongkai.search.index import rebuild

from .test_services import needs_pdf, new_issue, own_text

pytestmark = needs_pdf


@pytest.fixture
def printed(clerk, leader, county, publish_document):
    """March (published) printing a normative document and a personnel notice; April
    (published) correcting the notice; May a draft."""
    document = publish_document("测试县农村宅基地管理办法", "测政规〔2026〕1号")
    march = new_issue(clerk, county, 3)
    rule = services.gazette_article_add(
        actor=clerk, issue=march, section="normative", document=document
    )
    notice = own_text(clerk, march)
    services.gazette_issue_publish(actor=leader, issue=march)
    april = new_issue(clerk, county, 4)
    correction = own_text(
        clerk, april, "关于本刊2026年第3期任职通知的勘误", section="correction", corrects=notice
    )
    services.gazette_issue_publish(actor=leader, issue=april)
    may = new_issue(clerk, county, 5)
    draft_article = own_text(clerk, may, "尚未出版的任免通知")
    return {
        "document": document,
        "march": march,
        "rule": rule,
        "notice": notice,
        "april": april,
        "correction": correction,
        "may": may,
        "draft_article": draft_article,
    }


def text(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_the_archive_lists_published_issues_by_year(client, printed):
    html = text(client, "/gazette/")
    assert "2026年" in html
    assert f'href="/gazette/issues/{printed["march"].pk}/"' in html
    assert f'href="/gazette/issues/{printed["april"].pk}/"' in html
    assert f"/gazette/issues/{printed['may'].pk}/" not in html
    assert "<title>政府公报 - " in html


def test_a_draft_issue_and_its_articles_are_not_public(client, printed):
    text(client, f"/gazette/issues/{printed['may'].pk}/", 404)
    text(client, f"/gazette/issues/{printed['may'].pk}/pdf/", 404)
    text(client, f"/gazette/articles/{printed['draft_article'].pk}/", 404)


def test_the_issue_page_has_contents_by_section_and_the_pdf(client, printed):
    march = printed["march"]
    html = text(client, f"/gazette/issues/{march.pk}/")
    assert "<h1>《测试县人民政府公报》2026年第3期</h1>" in html
    assert "<title>《测试县人民政府公报》2026年第3期 - 测试县人民政府 - " in html
    assert html.index("行政规范性文件") < html.index("人事任免")
    assert march.pdf_sha256 in html and "总第103期" in html
    response = client.get(f"/gazette/issues/{march.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_correction_and_the_corrected_article_link_to_each_other(client, printed):
    notice, correction = printed["notice"], printed["correction"]
    corrected = text(client, f"/gazette/articles/{notice.pk}/")
    assert f'href="/gazette/articles/{correction.pk}/"' in corrected
    assert "本文已在以后各期刊登勘误" in corrected
    page = text(client, f"/gazette/articles/{correction.pk}/")
    assert f'href="/gazette/articles/{notice.pk}/"' in page
    assert "本刊2026年第3期刊登的《示范县人民政府关于张三同志任职的通知》" in page


def test_the_register_document_page_cites_the_issue(client, printed, county):
    document, rule = printed["document"], printed["rule"]
    html = text(client, f"/xxgk/{county.code}/documents/{document.pk}/")
    assert "刊登于《测试县人民政府公报》2026年第3期" in html
    assert f'href="/gazette/articles/{rule.pk}/"' in html
    article = text(client, f"/gazette/articles/{rule.pk}/")
    assert f'href="/xxgk/{county.code}/documents/{document.pk}/"' in article
    assert "第一条" in article


def test_distribution_points_and_feed(client, printed, county):
    services.distribution_point_save(
        actor=None,
        unit=county,
        name="测试县图书馆",
        address="测试县文化路2号",
        hours="周二至周日 9:00—17:00",
        phone="0930-7710000",
    )
    services.distribution_point_save(
        actor=None, unit=county, name="已撤销的赠阅点", address="某地", is_active=False
    )
    html = text(client, "/gazette/points/")
    assert "测试县图书馆" in html and "已撤销的赠阅点" not in html
    feed = text(client, "/gazette/feed/")
    assert "《测试县人民政府公报》2026年第4期" in feed and "2026年第5期" not in feed


def test_articles_are_searchable_once_published(client, printed):
    rebuild()
    html = text(client, "/search/?q=任职通知&kind=gazette")
    assert f"/gazette/articles/{printed['notice'].pk}/" in html
    assert "尚未出版的任免通知" not in html
    assert set(public_articles().values_list("pk", flat=True)) == {
        printed["rule"].pk,
        printed["notice"].pk,
        printed["correction"].pk,
    }


def test_the_header_and_section_navigation_lead_to_the_gazette(client, printed):
    home = text(client, "/")
    assert 'href="/gazette/"' in home
    html = text(client, "/gazette/points/")
    assert 'href="/gazette/points/" aria-current="page"' in html
