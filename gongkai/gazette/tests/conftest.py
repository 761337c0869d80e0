from datetime import date

import pytest

from gongkai.core.demo import DemoContext
from gongkai.core.domain.roles import Role
from gongkai.documents.services import document_create, document_publish
from gongkai.portal import demo as portal_demo


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def county(unit_tree):
    """The unit tree with the portal (the register's document pages live on it)."""
    portal_demo.load(DemoContext())
    return unit_tree["county"]


@pytest.fixture
def publish_document(county):
    def make(title: str, doc_number: str, *, kind: str = "normative", unit=None, body: str = ""):
        document = document_create(
            actor=None,
            unit=unit or county,
            title=title,
            doc_number=doc_number,
            written_on=date(2026, 2, 10),
            disclosure="proactive",
            kind=kind,
            body=body
            or f"<p>第一条 为规范{title}，制定本办法。</p><p>第二条 本办法自印发之日起施行。</p>",
        )
        return document_publish(actor=None, document=document, published_on=date(2026, 2, 12))

    return make


@pytest.fixture
def clerk(make_user, county):
    return make_user("gazette_clerk", (Role.EDITOR, county))


@pytest.fixture
def leader(make_user, county):
    return make_user("gazette_leader", (Role.LEADER, county))
