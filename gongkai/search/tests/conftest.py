"""Documents in every state the index must tell apart, made through the register's services."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.documents.services import document_create, document_publish
from gongkai.search.index import sync_object


@pytest.fixture
def publish(unit_tree):
    """``publish(unit, title=…, body=…, **fields)`` → a published 主动公开 document, indexed
    the way the documents services will index it once the lead wires ``sync_object`` in."""

    def make(unit=None, *, published_on: date | None = None, **fields):
        fields.setdefault("written_on", date(2025, 3, 3))
        fields.setdefault("disclosure", "proactive")
        document = document_create(actor=None, unit=unit or unit_tree["county"], **fields)
        document = document_publish(actor=None, document=document, published_on=published_on)
        sync_object(document)
        return document

    return make
