"""The register's services keep the index in step, in their own transaction: published is found,
withdrawn or withheld is not; the portal carries the search box and the OpenSearch link."""

from datetime import date

import pytest

from gongkai.core.domain.errors import DomainError
from gongkai.documents.services import (
    document_create,
    document_publish,
    document_unpublish,
    document_update,
)
from gongkai.search.selectors import SearchRequest, search


def found(query: str) -> list[str]:
    return [hit.title for hit in search(SearchRequest(q=query)).hits]


def test_services_keep_the_index_in_step(unit_tree):
    doc = document_create(
        actor=None,
        unit=unit_tree["county"],
        title="关于调整城乡低保标准的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
        body="<p>最低生活保障标准</p>",
    )
    assert found("低保标准") == []  # a draft is never found
    document_publish(actor=None, document=doc)
    assert found("低保标准") == ["关于调整城乡低保标准的通知"]
    document_unpublish(actor=None, document=doc, reason="内容有误")
    assert found("低保标准") == []
    document_publish(actor=None, document=doc)
    with pytest.raises(DomainError, match="不能直接修改"):
        document_update(
            actor=None,
            document=doc,
            disclosure="on_request",
            withholding_ground="third_party",
            withholding_reason="涉及个人隐私",
        )
    assert found("低保标准") == ["关于调整城乡低保标准的通知"]  # a live document is not changed


def test_every_page_has_the_search_box_and_opensearch_link(client, db):
    from django.core.management import call_command

    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    html = client.get("/xxgk/").content.decode()
    assert 'type="application/opensearchdescription+xml"' in html
    assert 'name="q"' in html
