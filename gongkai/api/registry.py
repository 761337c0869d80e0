"""What the open data API serves: each module registers its public datasets here.

A module makes a dataset available by registering a ``Dataset`` in its ``AppConfig.ready`` (the
datasets of the modules that predate the API are registered in ``datasets.py``). The endpoints,
the schema, the docs page, the daily dumps and the DCAT catalog are all built from this registry,
so a new dataset needs no change to the API's code.

``public`` is the module's public selector, the one rule the portal uses for what the public may
see; the API never reads a dataset's table any other way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from ninja import Schema


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FeedLink:
    """An Atom feed that follows part of a dataset (a unit's subtree, a column)."""

    title: str
    url: str  # a site path


@dataclass(frozen=True)
class Dataset:
    name: str  # lower-case letters and dashes: the URL segment and the dump's file name
    title: str  # what the docs and the catalog call it (Chinese)
    description: str
    schema: type[Schema]  # one record, as the endpoints, dumps and docs show it
    public: Callable[[], QuerySet]
    # The page's records as dicts of ``schema``, in order; gets the records and a function that
    # makes a site path absolute. Batched, so a page costs a fixed number of queries.
    rows: Callable[[Sequence[Any], Callable[[str], str]], list[dict[str, Any]]]
    # The lookup of the unit path the ``unit`` filter matches (with its subtree).
    unit_path: str | None = "unit__path"
    # The date that orders the list (newest first) and that ``since``/``until`` filter.
    date_field: str | None = None
    # Its date part, where ``date_field`` is a date-time.
    date_is_datetime: bool = False
    kind_field: str | None = None
    kinds: Callable[[], Sequence[Choice]] = lambda: ()
    validity_field: str | None = None
    validities: Callable[[], Sequence[Choice]] = lambda: ()
    # The text fields that ``q`` searches (each word in one of them).
    text_fields: tuple[str, ...] = ()
    # The field a record's URL names (``/api/v1/<name>/<key>/``).
    lookup: str = "pk"
    # A time of last change (for Last-Modified), where the records have one.
    modified_field: str | None = None
    # The Atom feeds that follow the dataset, listed in the catalog as distributions.
    feeds: Callable[[], Sequence[FeedLink]] = lambda: ()


_DATASETS: dict[str, Dataset] = {}


def register_dataset(dataset: Dataset) -> None:
    if not re.fullmatch(r"[a-z]+(-[a-z]+)*", dataset.name):
        raise ValueError(f"dataset name {dataset.name!r} must be lower-case letters and dashes")
    if dataset.name in _DATASETS and _DATASETS[dataset.name] != dataset:
        raise ValueError(f"dataset {dataset.name!r} is already registered")
    _DATASETS[dataset.name] = dataset


def datasets() -> list[Dataset]:
    return list(_DATASETS.values())


def get_dataset(name: str) -> Dataset | None:
    return _DATASETS.get(name)
