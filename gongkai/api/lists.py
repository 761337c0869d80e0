"""A dataset's list and record: filters, keyset pagination and the records' dicts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import F, Max, Q, QuerySet

from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit

from .domain import cursor as cursors
from .domain.limits import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from .registry import Dataset

MAX_QUERY_WORDS = 5


@dataclass(frozen=True)
class ListParams:
    unit: str | None = None
    since: date | None = None
    until: date | None = None
    kind: str | None = None
    validity: str | None = None
    q: str | None = None
    limit: int = DEFAULT_PAGE_SIZE
    cursor: str | None = None


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    next_cursor: str | None
    modified: datetime | None


def absolute(path: str) -> str:
    """A site path as a full address (the portal's public address, as sitemaps and feeds use)."""
    return settings.BASE_URL + path if path.startswith("/") else path


def _unit(code: str) -> Unit:
    unit = Unit.objects.filter(code=code, is_active=True).only("path").first()
    if unit is None:
        raise DomainError(f"没有编码为“{code}”的单位。")
    return unit


def _choice(dataset: Dataset, param: str, value: str, field: str | None, choices) -> Q:
    if field is None:
        raise DomainError(f"数据集“{dataset.title}”不支持按 {param} 筛选。")
    allowed = [c.value for c in choices()]
    if allowed and value not in allowed:
        raise DomainError(f"{param} 的值“{value}”无效，可选：{'、'.join(allowed)}。")
    return Q(**{field: value})


def _date_lookup(dataset: Dataset) -> str:
    return f"{dataset.date_field}__date" if dataset.date_is_datetime else str(dataset.date_field)


def filtered(dataset: Dataset, params: ListParams) -> QuerySet:
    """The dataset's public records that the filters select; bad filters raise DomainError."""
    qs = dataset.public()
    if params.unit:
        if dataset.unit_path is None:
            raise DomainError(f"数据集“{dataset.title}”不支持按 unit 筛选。")
        qs = qs.filter(**{f"{dataset.unit_path}__startswith": _unit(params.unit).path})
    if params.since or params.until:
        if dataset.date_field is None:
            raise DomainError(f"数据集“{dataset.title}”不支持按日期筛选。")
        if params.since and params.until and params.since > params.until:
            raise DomainError("since 不能晚于 until。")
        if params.since:
            qs = qs.filter(**{f"{_date_lookup(dataset)}__gte": params.since})
        if params.until:
            qs = qs.filter(**{f"{_date_lookup(dataset)}__lte": params.until})
    if params.kind:
        qs = qs.filter(_choice(dataset, "kind", params.kind, dataset.kind_field, dataset.kinds))
    if params.validity:
        qs = qs.filter(
            _choice(
                dataset, "validity", params.validity, dataset.validity_field, dataset.validities
            )
        )
    if params.q and params.q.strip():
        if not dataset.text_fields:
            raise DomainError(f"数据集“{dataset.title}”不支持按 q 查询。")
        words = params.q.split()
        if len(words) > MAX_QUERY_WORDS:
            raise DomainError(f"q 最多 {MAX_QUERY_WORDS} 个词。")
        for word in words:
            match = Q()
            for field in dataset.text_fields:
                match |= Q(**{f"{field}__icontains": word})
            qs = qs.filter(match)
    return qs


def _ordered(dataset: Dataset, qs: QuerySet) -> QuerySet:
    if dataset.date_field is None:
        return qs.order_by("-pk")
    return qs.order_by(F(dataset.date_field).desc(nulls_last=True), "-pk")


def _key_text(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _after(dataset: Dataset, qs: QuerySet, text: str) -> QuerySet:
    try:
        position = cursors.decode(text)
        if dataset.date_field is None:
            return qs.filter(pk__lt=position.pk)
        field = dataset.date_field
        if position.key is None:
            return qs.filter(**{f"{field}__isnull": True, "pk__lt": position.pk})
        key = (
            datetime.fromisoformat(position.key)
            if dataset.date_is_datetime
            else date.fromisoformat(position.key)
        )
    except (cursors.CursorError, ValueError) as error:
        raise DomainError("cursor 无效：请使用上一页返回的 next 地址。") from error
    return qs.filter(
        Q(**{f"{field}__lt": key})
        | Q(**{field: key, "pk__lt": position.pk})
        | Q(**{f"{field}__isnull": True})
    )


def page(dataset: Dataset, params: ListParams) -> Page:
    if not 1 <= params.limit <= MAX_PAGE_SIZE:
        raise DomainError(f"limit 须在 1 到 {MAX_PAGE_SIZE} 之间。")
    qs = _ordered(dataset, filtered(dataset, params))
    if params.cursor:
        qs = _after(dataset, qs, params.cursor)
    records = list(qs[: params.limit + 1])
    more = len(records) > params.limit
    records = records[: params.limit]
    next_cursor = None
    if more:
        last = records[-1]
        key = getattr(last, dataset.date_field) if dataset.date_field else None
        next_cursor = cursors.encode(cursors.Cursor(_key_text(key), last.pk))
    return Page(dataset.rows(records, absolute), next_cursor, _modified(dataset, records))


def _modified(dataset: Dataset, records: list[Any]) -> datetime | None:
    if dataset.modified_field is None or not records:
        return None
    return max(getattr(r, dataset.modified_field) for r in records)


def next_url(path: str, query: dict[str, str], next_cursor: str | None) -> str | None:
    if next_cursor is None:
        return None
    return absolute(path) + "?" + urlencode({**query, "cursor": next_cursor})


def record(dataset: Dataset, key: str) -> tuple[dict[str, Any], datetime | None] | None:
    lookup = dataset.lookup
    if lookup == "pk" and not key.isdigit():
        return None
    found = dataset.public().filter(**{lookup: key}).first()
    if found is None:
        return None
    return dataset.rows([found], absolute)[0], _modified(dataset, [found])


def last_change(dataset: Dataset) -> datetime | None:
    """The newest change among the dataset's public records (for the catalog and dumps)."""
    if dataset.modified_field is None:
        return None
    return dataset.public().aggregate(at=Max(dataset.modified_field))["at"]
