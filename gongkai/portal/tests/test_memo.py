"""What public pages read once per process (`portal/memo.py`): the queries an uncached page
still makes, and that every change to what is kept shows on the next request. Transactional
tests, because the content version changes only when a write commits."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from gongkai.core.demo import DemoContext
from gongkai.core.services import unit_update
from gongkai.documents.services import document_create, document_publish, document_unpublish
from gongkai.portal import demo as portal_demo
from gongkai.portal import memo
from gongkai.portal.models import DisclosurePlatformPage, SiteIdentity

pytestmark = pytest.mark.django_db(transaction=True)

# An uncached document page, once the process has read the site, the pages and the units: the
# content version, and the document with whether it has co-issuers, attachments,
# interpretations, cross-links and each section other modules add (相关问答, 刊登于公报); each
# of those it has is one query more (`documents.tests.test_portal_queries`). One more query here
# is an N+1 or a read that belongs in `memo`.
DOCUMENT_PAGE_QUERIES = 2
# The unit index: the content version and the units it lists; the 政府信息公开指南 of a unit
# without a supervising office: the content version alone.
UNIT_INDEX_QUERIES = 2
GUIDE_PAGE_QUERIES = 1


@pytest.fixture(autouse=True)
def memo_on(settings):
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 0  # every request rendered, as after a publication
    settings.GONGKAI_PORTAL_MEMO = True
    memo.forget()  # the last test's database had the same (empty) token
    yield
    memo.forget()


@pytest.fixture
def county(unit_tree):
    portal_demo.load(DemoContext())
    return unit_tree["county"]


def published(unit, title="关于做好2025年政务公开工作的通知"):
    document = document_create(
        actor=None, unit=unit, title=title, written_on=date(2025, 3, 3), disclosure="proactive"
    )
    return document_publish(actor=None, document=document)


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_an_uncached_document_page_makes_a_fixed_number_of_queries(county, client):
    document = published(county)
    url = f"/xxgk/{county.code}/documents/{document.pk}/"
    first = queries_of(client, url)
    assert queries_of(client, url) == DOCUMENT_PAGE_QUERIES < first
    # Another document of another unit reads nothing more: nothing is per document or unit.
    other = published(county, title="关于公布2025年县级权责清单的通知")
    queries_of(client, f"/xxgk/{county.code}/documents/{other.pk}/")  # after the new version
    assert queries_of(client, url) == DOCUMENT_PAGE_QUERIES


def test_the_unit_index_and_a_column_make_a_fixed_number_of_queries(county, client):
    for url, expected in (
        ("/xxgk/", UNIT_INDEX_QUERIES),
        (f"/xxgk/{county.code}/guide/", GUIDE_PAGE_QUERIES),
    ):
        queries_of(client, url)
        assert queries_of(client, url) == expected, url


def test_without_memo_the_page_reads_everything_each_time(county, client, settings):
    settings.GONGKAI_PORTAL_MEMO = False
    document = published(county)
    url = f"/xxgk/{county.code}/documents/{document.pk}/"
    queries_of(client, url)
    assert queries_of(client, url) > DOCUMENT_PAGE_QUERIES
    assert not memo._store


def test_a_withdrawn_document_is_gone_on_the_next_request(county, client):
    document = published(county)
    url = f"/xxgk/{county.code}/documents/{document.pk}/"
    assert client.get(url).status_code == 200
    document_unpublish(actor=None, document=document, reason="内容已过时")
    assert client.get(url).status_code == 404


def test_a_closed_unit_has_no_section_on_the_next_request(unit_tree, county, client):
    village = unit_tree["village_a"]
    url = f"/xxgk/{village.code}/"
    assert client.get(url).status_code == 200
    unit_update(actor=None, unit=village, is_active=False)
    assert client.get(url).status_code == 404


def test_a_renamed_unit_shows_its_new_name_on_the_next_request(county, client):
    url = f"/xxgk/{county.code}/guide/"
    assert county.name in client.get(url).content.decode()
    unit_update(actor=None, unit=county, name="示范县人民政府（新）")
    assert "示范县人民政府（新）" in client.get(url).content.decode()


def test_the_site_identity_shows_its_change_on_the_next_request(county, client):
    url = f"/xxgk/{county.code}/guide/"
    client.get(url)
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.site_name = "示范县人民政府门户网站"
    identity.save()
    assert "<title>" in (page := client.get(url).content.decode())
    assert "示范县人民政府门户网站" in page


def test_a_view_restriction_applies_on_the_next_request(county, client):
    url = f"/xxgk/{county.code}/guide/"
    assert client.get(url).status_code == 200
    platform = DisclosurePlatformPage.objects.get()
    PageViewRestriction.objects.create(page=platform, restriction_type="login")
    assert client.get(url).status_code == 302


def test_an_unpublished_page_is_gone_on_the_next_request(county, client):
    assert client.get("/xxgk/").status_code == 200
    DisclosurePlatformPage.objects.get().unpublish()
    assert client.get("/xxgk/").status_code == 404


def test_outside_a_public_request_nothing_is_kept():
    loads = []
    assert memo.memoised("name", lambda: loads.append(1)) is None
    memo.memoised("name", lambda: loads.append(1))
    assert len(loads) == 2 and not memo.active()


def test_a_new_token_loads_again():
    values = iter(range(10))
    with memo.public_content_token("a"):
        assert memo.memoised("n", lambda: next(values)) == 0
        assert memo.memoised("n", lambda: next(values)) == 0
    with memo.public_content_token("b"):
        assert memo.memoised("n", lambda: next(values)) == 1
    assert not memo.active()


def test_host_names_no_site_has_share_one_copy(county, client):
    for host in ("a.example", "b.example", "c.example"):
        assert client.get("/xxgk/", HTTP_HOST=host).status_code == 200
    assert [name for name in memo._store if name.startswith("wagtail-site:")] == [
        "wagtail-site:*:80"
    ]
