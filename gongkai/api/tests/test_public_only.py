"""Every endpoint, walked: each list returns exactly the records of the module's public selector,
each record once, and no non-public record (a draft, a withdrawn or withheld document, an
unanswered or invalid message, a draft consultation, another unit's unpublished records, an
inactive unit) is ever returned, by a list or by its own URL."""

from __future__ import annotations

import pytest

from gongkai.api.registry import datasets

from .conftest import MARKER


def _key(dataset, row) -> str:
    return str(row["id"] if dataset.lookup == "pk" else row[dataset.lookup])


@pytest.mark.django_db
def test_lists_return_exactly_the_public_records(records, api):
    hidden_total = 0
    for dataset in datasets():
        rows = api.walk(f"/api/v1/{dataset.name}/?limit=7")
        keys = [_key(dataset, row) for row in rows]
        assert len(keys) == len(set(keys)), f"{dataset.name}: a record came twice"
        public = {str(k) for k in dataset.public().values_list(dataset.lookup, flat=True)}
        assert set(keys) == public, dataset.name
        model = dataset.public().model
        hidden = model.objects.exclude(pk__in=dataset.public().values("pk"))
        for value in hidden.values_list(dataset.lookup, flat=True):
            hidden_total += 1
            assert str(value) not in keys
            response = api.get(f"/api/v1/{dataset.name}/{value}/")
            assert response.status_code == 404, (dataset.name, value)
        for key in list(public)[:3]:
            assert api.get(f"/api/v1/{dataset.name}/{key}/").status_code == 200
    # The walk is only worth something if there were records to hide.
    assert hidden_total >= 10


@pytest.mark.django_db
def test_each_dataset_has_public_and_hidden_records(records):
    """The records made cover every dataset both ways (else the walk above proves nothing)."""
    for dataset in datasets():
        model = dataset.public().model
        assert dataset.public().exists(), dataset.name
        assert model.objects.exclude(pk__in=dataset.public().values("pk")).exists(), dataset.name


@pytest.mark.django_db
def test_no_answer_carries_a_non_public_text(records, api):
    """The draft, withdrawn and withheld documents' titles, and what only staff and the writer
    of a message see (the contact's number), are in no answer of any list."""
    kept_out = [f"{MARKER}草稿文件", f"{MARKER}已撤回文件", f"{MARKER}不予公开文件", "13912345678"]
    for dataset in datasets():
        text = api.get(f"/api/v1/{dataset.name}/?limit=100").content.decode()
        for secret in kept_out:
            assert secret not in text, (dataset.name, secret)
