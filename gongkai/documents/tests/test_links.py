"""Cross-links (互设跳转链接): the services' rules, the document pages in both directions, the
admin's 上级文件 screen with its suggestions, the page cache of both units and the links to
another site's host."""

import threading
import time
from datetime import date

import pytest
from django.core.cache import caches
from django.db import connection, connections, transaction
from django.urls import reverse

from gongkai.core.demo import DemoContext
from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.core.services import unit_create
from gongkai.documents.models import ImplementationLink, OfficialDocument
from gongkai.documents.selectors import suggested_targets
from gongkai.documents.services import (
    document_create,
    document_link_implementation,
    document_publish,
    document_unlink_implementation,
    document_unpublish,
)
from gongkai.portal import demo as portal_demo
from gongkai.portal.response_cache import CACHE_ALIAS, public_content_versions, unit_scope
from gongkai.portal.services import site_add
from gongkai.portal.sites import forget_site_hosts

CITED = "示范县政办发〔2025〕3号"


@pytest.fixture
def units(unit_tree):
    portal_demo.load(DemoContext())
    return unit_tree


def draft(unit, title: str, **fields) -> OfficialDocument:
    return document_create(
        actor=None,
        unit=unit,
        title=title,
        written_on=date(2025, 3, 3),
        disclosure="proactive",
        **fields,
    )


def published(unit, title: str, **fields) -> OfficialDocument:
    return document_publish(actor=None, document=draft(unit, title, **fields))


@pytest.fixture
def docs(units):
    """A published document of each unit that matters, and a draft of the first township."""
    return {
        "county": published(units["county"], "示范县乡村振兴实施方案", doc_number=CITED),
        "county_draft": draft(units["county"], "示范县某项工作方案（草稿）"),
        "town_a": published(units["town_a"], "甲镇贯彻落实乡村振兴实施方案的工作方案"),
        "town_a_2": published(units["town_a"], "甲镇乡村振兴任务分工"),
        "town_b": published(units["town_b"], "乙乡乡村振兴实施细则"),
        "village_a": published(units["village_a"], "甲镇一村落实方案"),
    }


def link(docs, document: str, target: str):
    return document_link_implementation(actor=None, document=docs[document], target=docs[target])


@pytest.mark.parametrize(
    ("document", "target", "refusal"),
    [
        ("town_a", "county", None),
        ("village_a", "county", None),  # two levels up
        ("town_a", "town_a_2", None),  # the same unit
        ("town_a", "town_a", "它自身"),
        ("county", "town_a", "只能关联本单位或上级单位的文件：“甲镇人民政府”不是“测试县人民政府”"),
        ("town_a", "town_b", "只能关联本单位或上级单位的文件"),
        ("town_a", "village_a", "只能关联本单位或上级单位的文件"),
        ("town_a", "county_draft", "只能关联已公开的文件"),
    ],
)
def test_link_rules(docs, document, target, refusal):
    if refusal is None:
        made = link(docs, document, target)
        assert (made.document, made.target) == (docs[document], docs[target])
        entry = AuditEntry.objects.get(action="document.link_implementation")
        assert entry.unit_id == docs[document].unit_id
        assert entry.changes["target"] == docs[target].pk
    else:
        with pytest.raises(DomainError, match=refusal):
            link(docs, document, target)
        assert not ImplementationLink.objects.exists()
        assert not AuditEntry.objects.filter(action="document.link_implementation").exists()


def test_a_second_link_and_a_cycle_are_refused(docs):
    link(docs, "town_a", "town_a_2")
    with pytest.raises(DomainError, match="已关联该文件"):
        link(docs, "town_a", "town_a_2")
    with pytest.raises(DomainError, match="形成循环"):
        link(docs, "town_a_2", "town_a")
    assert ImplementationLink.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_editors_linking_two_documents_both_ways_at_once_close_no_cycle(unit_tree):
    """The second editor waits for the first (the unit's row lock), then sees its link."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writing transaction at a time")
    first_doc = published(unit_tree["town_a"], "甲镇乡村振兴实施方案")
    second_doc = published(unit_tree["town_a"], "甲镇乡村振兴任务分工")
    linked, release, outcome = threading.Event(), threading.Event(), {}

    def first_editor():
        try:
            with transaction.atomic():
                document_link_implementation(actor=None, document=first_doc, target=second_doc)
                linked.set()
                release.wait(10)
        finally:
            connections.close_all()

    def second_editor():
        linked.wait(10)
        try:
            document_link_implementation(actor=None, document=second_doc, target=first_doc)
            outcome["second"] = "linked"
        except DomainError as error:
            outcome["second"] = str(error)
        finally:
            connections.close_all()

    editors = [threading.Thread(target=first_editor), threading.Thread(target=second_editor)]
    for editor in editors:
        editor.start()
    linked.wait(10)
    time.sleep(0.5)
    waited = editors[1].is_alive()  # on the unit's lock, until the first commits
    release.set()
    for editor in editors:
        editor.join(20)
    assert waited
    assert "形成循环" in outcome["second"]
    assert ImplementationLink.objects.count() == 1


def test_a_withdrawn_target_cannot_be_linked(docs):
    document_unpublish(actor=None, document=docs["county"], reason="内容已调整")
    with pytest.raises(DomainError, match="只能关联已公开的文件"):
        link(docs, "town_a", "county")


def test_only_editors_of_the_documents_unit_link_it(docs, units, make_user):
    outsider = make_user("b_editor", (Role.EDITOR, units["town_b"]))
    with pytest.raises(PermissionDeniedError):
        document_link_implementation(actor=outsider, document=docs["town_a"], target=docs["county"])
    editor = make_user("a_editor", (Role.EDITOR, units["town_a"]))
    document_link_implementation(actor=editor, document=docs["town_a"], target=docs["county"])
    with pytest.raises(PermissionDeniedError):
        document_unlink_implementation(
            actor=outsider, document=docs["town_a"], target=docs["county"]
        )
    document_unlink_implementation(actor=editor, document=docs["town_a"], target=docs["county"])
    assert not ImplementationLink.objects.exists()
    assert AuditEntry.objects.filter(action="document.unlink_implementation").count() == 1
    with pytest.raises(DomainError, match="未关联"):
        document_unlink_implementation(actor=editor, document=docs["town_a"], target=docs["county"])


# --- The pages ------------------------------------------------------------------------------


def url(document: OfficialDocument) -> str:
    return f"/xxgk/{document.unit.code}/documents/{document.pk}/"


def html(client, document: OfficialDocument) -> str:
    response = client.get(url(document))
    assert response.status_code == 200
    return response.content.decode()


def test_both_pages_link_each_other(docs, client):
    link(docs, "town_a", "county")
    link(docs, "village_a", "county")
    county = html(client, docs["county"])
    assert "本级及下级配套文件" in county
    assert f'href="{url(docs["town_a"])}"' in county
    assert f'href="{url(docs["village_a"])}"' in county
    town = html(client, docs["town_a"])
    assert "上级文件" in town
    assert (
        f'href="{url(docs["county"])}">示范县乡村振兴实施方案</a>（测试县人民政府，{CITED}）'
        in town
    )
    # A document without links shows neither heading.
    lonely = html(client, docs["town_b"])
    assert "上级文件" not in lonely and "配套文件" not in lonely


def test_only_public_implementations_are_listed(docs, units, client):
    link(docs, "town_a", "county")
    pending = draft(units["town_a"], "甲镇尚未发布的配套方案")
    document_link_implementation(actor=None, document=pending, target=docs["county"])
    page = html(client, docs["county"])
    assert docs["town_a"].title in page and pending.title not in page

    document_unpublish(actor=None, document=docs["town_a"], reason="内容已调整")

    page = html(client, docs["county"])
    assert docs["town_a"].title not in page and "本级及下级配套文件" not in page


def test_a_withdrawn_target_disappears_from_its_implementations(docs, client):
    link(docs, "town_a", "county")
    document_unpublish(actor=None, document=docs["county"], reason="内容已调整")
    page = html(client, docs["town_a"])
    assert "上级文件" not in page and docs["county"].title not in page


# --- Suggestions and the admin screen -----------------------------------------------------------


def test_cited_documents_of_the_units_above_are_suggested(docs, units):
    body = (
        f"<p>根据{CITED.replace('〔', '[').replace('〕', ']')}文件精神，结合本镇实际，"
        "参照乙乡政发〔2025〕1号，制定本方案。</p>"
    )
    published(units["town_b"], "乙乡方案", doc_number="乙乡政发〔2025〕1号")
    document = draft(units["town_a"], "甲镇落实方案", body=body)
    assert suggested_targets(document) == [docs["county"]]
    document_link_implementation(actor=None, document=document, target=docs["county"])
    assert suggested_targets(document) == []


@pytest.fixture
def editor_client(client, units, make_user):
    client.force_login(make_user("a_editor", (Role.EDITOR, units["town_a"])))
    return client


def links_url(document) -> str:
    return reverse("official_documents:links", args=[document.pk])


def test_the_screen_suggests_searches_and_links(docs, units, editor_client):
    document = draft(units["town_a"], "甲镇落实方案", body=f"<p>根据{CITED}制定。</p>")
    page = editor_client.get(links_url(document)).content.decode()
    assert "建议关联" in page and docs["county"].title in page

    found = editor_client.get(links_url(document), {"q": "示范县政办发[2025]3号"}).content.decode()
    assert found.count(docs["county"].title) == 2  # suggested, and found
    nothing = editor_client.get(links_url(document), {"q": "乙乡"}).content.decode()
    assert "没有找到符合条件的" in nothing  # another township's documents are no candidates

    response = editor_client.post(
        links_url(document), {"action": "link", "target": docs["county"].pk}
    )
    assert response.status_code == 302
    assert list(document.implementation_links.values_list("target", flat=True)) == [
        docs["county"].pk
    ]
    page = editor_client.get(links_url(document)).content.decode()
    assert "取消关联" in page

    editor_client.post(links_url(document), {"action": "unlink", "target": docs["county"].pk})
    assert not document.implementation_links.exists()


@pytest.mark.parametrize("target", ["town_b", "county_draft", "nonsense"])
def test_the_screen_refuses_what_it_does_not_offer_in_chinese(docs, editor_client, target):
    target_id = docs[target].pk if target in docs else "abc"
    response = editor_client.post(
        links_url(docs["town_a"]), {"action": "link", "target": target_id}
    )
    assert response.status_code == 200
    assert "请从列表中选择本单位或上级单位已公开的文件。" in response.content.decode()
    assert not ImplementationLink.objects.exists()


def test_the_screen_is_404_outside_the_users_units(docs, editor_client):
    assert editor_client.get(links_url(docs["town_b"])).status_code == 404
    response = editor_client.post(
        links_url(docs["town_b"]), {"action": "link", "target": docs["county"].pk}
    )
    assert response.status_code == 404
    assert not ImplementationLink.objects.exists()


# --- The page cache and the sites ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_link_and_a_withdrawal_renew_both_units_pages(unit_tree, client, settings):
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 300
    caches[CACHE_ALIAS].clear()
    portal_demo.load(DemoContext())
    county, town = unit_tree["county"], unit_tree["town_a"]
    target = published(county, "示范县乡村振兴实施方案")
    implementation = published(town, "甲镇贯彻落实乡村振兴实施方案的工作方案")
    client.get(url(target))
    assert client.get(url(target))["X-Portal-Cache"] == "hit"
    scopes = [unit_scope(county.code), unit_scope(town.code), unit_scope("T-B")]
    before = public_content_versions(scopes)

    document_link_implementation(actor=None, document=implementation, target=target)

    after = public_content_versions(scopes)
    assert [before[s] != after[s] for s in scopes] == [True, True, False]
    response = client.get(url(target))
    assert "X-Portal-Cache" not in response
    assert implementation.title in response.content.decode()
    assert client.get(url(target))["X-Portal-Cache"] == "hit"

    # Withdrawing the implementation (a write of the township's document) renews the county's
    # page too, which listed it.
    document_unpublish(actor=None, document=implementation, reason="内容已调整")
    assert implementation.title not in client.get(url(target)).content.decode()
    caches[CACHE_ALIAS].clear()


@pytest.fixture
def city_sites(db):
    """A city above a county above a township, the portal, and a site for city and county."""
    portal_demo.load(DemoContext())
    city = unit_create(actor=None, code="P", name="平川市人民政府", kind="government")
    county = unit_create(
        actor=None, parent=city, code="PX", name="平川市甲县人民政府", kind="government"
    )
    town = unit_create(
        actor=None, parent=county, code="PX-T", name="甲县乙镇人民政府", kind="township"
    )
    forget_site_hosts()
    site_add(actor=None, unit=city, hostname="shi.example.gov.cn")
    site_add(actor=None, unit=county, hostname="xian.example.gov.cn")
    yield {"city": city, "county": county, "town": town}
    forget_site_hosts()


def test_a_document_of_another_site_is_linked_on_its_host(city_sites, client):
    city_document = published(
        city_sites["city"], "平川市政务公开工作要点", doc_number="平政办发〔2023〕51号"
    )
    county_document = published(city_sites["county"], "甲县贯彻落实方案")
    town_document = published(city_sites["town"], "乙镇落实措施")
    document_link_implementation(actor=None, document=county_document, target=city_document)
    document_link_implementation(actor=None, document=town_document, target=city_document)

    on_county = client.get(url(county_document), HTTP_HOST="xian.example.gov.cn").content.decode()
    assert f'href="http://shi.example.gov.cn{url(city_document)}"' in on_county

    on_city = client.get(url(city_document), HTTP_HOST="shi.example.gov.cn").content.decode()
    # The county's and its township's documents are on the county's site.
    assert f'href="http://xian.example.gov.cn{url(county_document)}"' in on_city
    assert f'href="http://xian.example.gov.cn{url(town_document)}"' in on_city

    # The city's page is not shown under the county's name: the county's host sends it on.
    moved = client.get(url(city_document), HTTP_HOST="xian.example.gov.cn")
    assert moved.status_code == 302
    assert moved["Location"] == f"http://shi.example.gov.cn{url(city_document)}"

    # On the county's own host, its township's document is a path.
    document_link_implementation(actor=None, document=town_document, target=county_document)
    on_county = client.get(url(county_document), HTTP_HOST="xian.example.gov.cn").content.decode()
    assert f'href="{url(town_document)}"' in on_county


def test_the_api_carries_both_directions_of_public_links(docs, units, client, settings, tmp_path):
    settings.GONGKAI_RATELIMIT_DIR = tmp_path / "ratelimit"
    link(docs, "town_a", "county")
    link(docs, "village_a", "county")
    pending = draft(units["town_a"], "甲镇尚未发布的配套方案")
    document_link_implementation(actor=None, document=pending, target=docs["county"])
    document_unpublish(actor=None, document=docs["village_a"], reason="内容已调整")

    county = client.get(f"/api/v1/documents/{docs['county'].pk}/").json()
    town = client.get(f"/api/v1/documents/{docs['town_a'].pk}/").json()

    assert (county["implements"], county["implemented_by"]) == ([], [docs["town_a"].pk])
    assert (town["implements"], town["implemented_by"]) == ([docs["county"].pk], [])
    listed = client.get("/api/v1/documents/?limit=100").json()["items"]
    assert {row["id"]: row["implemented_by"] for row in listed}[docs["county"].pk] == [
        docs["town_a"].pk
    ]
