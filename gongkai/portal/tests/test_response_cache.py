"""The whole-page cache for anonymous visitors: hits, and every way a page must not be stale or
shared. Transactional tests, because the content version changes only when a write commits."""

from datetime import date

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse

from gongkai.core.audit import audit_record
from gongkai.core.demo import DemoContext
from gongkai.core.services import unit_update
from gongkai.documents.services import document_create, document_publish, document_unpublish
from gongkai.importer.domain.model import Task as ParsedTask
from gongkai.portal import demo as portal_demo
from gongkai.portal.response_cache import (
    ALL,
    ANY_SITE,
    CACHE_ALIAS,
    _may_store,
    bump_public_content,
    public_content_version,
    public_content_versions,
    site_scope,
    unit_scope,
)
from gongkai.tasks_ledger.services import work_plan_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 300
    caches[CACHE_ALIAS].clear()
    yield
    caches[CACHE_ALIAS].clear()


@pytest.fixture
def county(unit_tree):
    portal_demo.load(DemoContext())
    return unit_tree["county"]


def published(unit, title="关于做好2025年政务公开工作的通知"):
    document = document_create(
        actor=None, unit=unit, title=title, written_on=date(2025, 3, 3), disclosure="proactive"
    )
    return document_publish(actor=None, document=document)


def test_second_anonymous_request_is_served_from_memory(county, client):
    document = published(county)
    url = f"/xxgk/{county.code}/documents/{document.pk}/"
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert "X-Portal-Cache" not in first and second["X-Portal-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_unpublishing_removes_the_page_at_once(county, client):
    document = published(county)
    url = f"/xxgk/{county.code}/documents/{document.pk}/"
    listing = f"/xxgk/{county.code}/documents/"
    assert client.get(url).status_code == 200
    assert document.title in client.get(listing).content.decode()
    assert client.get(listing)["X-Portal-Cache"] == "hit"

    document_unpublish(actor=None, document=document, reason="内容已过时")

    assert client.get(url).status_code == 404
    assert document.title not in client.get(listing).content.decode()


def test_a_new_document_shows_in_the_list_at_once(county, client):
    listing = f"/xxgk/{county.code}/documents/"
    client.get(listing)
    published(county, title="关于公布2025年县级权责清单的通知")
    assert "关于公布2025年县级权责清单的通知" in client.get(listing).content.decode()


def test_unit_changes_bump_the_version_and_bookkeeping_does_not(county):
    before = public_content_version()
    with transaction.atomic():
        audit_record(actor=None, action="unit.viewed", obj=county)
    assert public_content_version() == before
    unit_update(actor=None, unit=county, guide_supplement="每周三上午设公开查阅日。")
    assert public_content_version() != before


def test_imported_drafts_and_their_unpublished_plans_keep_the_version(county):
    before = public_content_version()
    document = document_create(
        actor=None,
        unit=county,
        title="关于印发2025年政务公开工作要点的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
        first_revision=False,  # as the importer registers them
    )
    task = ParsedTask(number="1", path=["1"], title="推进决策公开", text="推进决策公开。")
    work_plan_create(actor=None, document=document, tasks=[task], year=2025)
    section = unit_scope(county.code)
    assert public_content_version() == before
    assert public_content_version(section) == ""
    document_publish(actor=None, document=document)
    assert public_content_version(section) != ""


def test_a_rolled_back_write_keeps_the_version(county):
    before = public_content_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        bump_public_content()
        raise RuntimeError
    assert public_content_version() == before


def test_visitors_with_a_session_never_get_a_cached_page(county, client, django_user_model):
    document = published(county)
    url = f"/xxgk/{county.code}/documents/{document.pk}/"
    client.get(url)
    staff = django_user_model.objects.create_superuser("chief", password="x")
    client.force_login(staff)
    response = client.get(url)
    assert "X-Portal-Cache" not in response


def test_the_language_is_part_of_the_key(county, client):
    url = f"/xxgk/{county.code}/guide/"
    chinese = client.get(url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url)
    assert "X-Portal-Cache" not in english
    assert english["Content-Language"] == "en" and chinese["Content-Language"] == "zh-hans"


def test_the_admin_and_posts_are_never_cached(county, client):
    client.get("/admin/login/")
    assert "X-Portal-Cache" not in client.get("/admin/login/")
    url = f"/xxgk/{county.code}/guide/"
    client.post(url)
    assert "X-Portal-Cache" not in client.post(url)


@pytest.mark.parametrize(
    "change, stored",
    [
        (lambda r: None, True),
        (lambda r: r.set_cookie("csrftoken", "x"), False),
        (lambda r: setattr(r, "status_code", 404), False),
        (lambda r: r.__setitem__("Cache-Control", "private"), False),
        (lambda r: r.__setitem__("Cache-Control", "no-store"), False),
    ],
)
def test_only_plain_public_responses_are_stored(change, stored):
    response = HttpResponse("<p>公开</p>")
    change(response)
    assert _may_store(response) is stored


def test_each_display_mode_has_its_own_cached_page(county, client):
    from gongkai.portal.display import COOKIE

    assert "X-Portal-Cache" not in client.get("/xxgk/")  # stored in the standard display
    client.cookies[COOKIE] = "large"
    large = client.get("/xxgk/")
    assert "X-Portal-Cache" not in large  # not the standard page from memory
    assert '<html lang="zh-Hans" class="mode-large">' in large.content.decode()
    again = client.get("/xxgk/")
    assert again["X-Portal-Cache"] == "hit" and again.content == large.content


def test_a_publication_changes_its_unit_and_the_sites_above_it_only(unit_tree, county):
    town, village = unit_tree["town_a"], unit_tree["village_a"]
    scopes = [
        ALL,
        ANY_SITE,
        site_scope(county.pk),
        site_scope(town.pk),
        site_scope(village.pk),
        unit_scope(county.code),
        unit_scope(town.code),
        unit_scope(unit_tree["town_b"].code),
    ]
    before = public_content_versions(scopes)
    published(town)
    after = public_content_versions(scopes)
    changed = {scope for scope in scopes if before[scope] != after[scope]}
    assert changed == {ANY_SITE, site_scope(county.pk), site_scope(town.pk), unit_scope(town.code)}


def test_other_units_pages_stay_cached_and_the_home_page_does_not(unit_tree, county, client):
    document = published(county)
    page = f"/xxgk/{county.code}/documents/{document.pk}/"
    for url in (page, "/"):
        client.get(url)
        assert client.get(url)["X-Portal-Cache"] == "hit"

    published(unit_tree["town_a"], title="甲镇关于做好2025年春耕生产工作的通知")

    assert client.get(page)["X-Portal-Cache"] == "hit"
    assert "X-Portal-Cache" not in client.get("/")


def test_a_withdrawn_document_is_gone_everywhere_on_the_next_request(county, client):
    document = published(county, title="示范县2025年惠民补贴发放办法")
    pages = [
        f"/xxgk/{county.code}/documents/{document.pk}/",
        f"/xxgk/{county.code}/documents/",
        "/sitemap.xml",
        "/wzdt/",
    ]
    for url in pages:
        client.get(url)
    assert f"documents/{document.pk}/" in client.get("/sitemap.xml").content.decode()

    document_unpublish(actor=None, document=document, reason="内容已过时")

    assert client.get(pages[0]).status_code == 404
    assert document.title not in client.get(pages[1]).content.decode()
    assert f"documents/{document.pk}/" not in client.get("/sitemap.xml").content.decode()


def test_an_attachment_changes_its_documents_unit(county):
    from gongkai.documents.models import DocumentAttachment
    from gongkai.portal.response_cache import _units_of

    document = published(county)
    attachment = DocumentAttachment(document=document)
    assert list(_units_of(DocumentAttachment, attachment)) == [county.pk]


def test_a_write_of_a_model_without_a_unit_changes_every_page(county):
    before = public_content_versions([ALL, unit_scope(county.code)])
    with transaction.atomic():
        bump_public_content()
    after = public_content_versions([ALL, unit_scope(county.code)])
    assert after[ALL] != before[ALL]
    assert after[unit_scope(county.code)] == before[unit_scope(county.code)]
