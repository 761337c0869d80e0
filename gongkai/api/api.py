"""The open data API (``/api/v1/``): two endpoints per registered dataset, built from the
registry when the URLs are first loaded (after every app's ``ready`` registered its datasets)."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from pydantic import create_model

from . import lists
from .domain.limits import ANONYMOUS_PER_HOUR, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from .http import KEY_HEADER, Answer, error, serve
from .registry import Dataset, datasets

DESCRIPTION = f"""本平台主动公开的政府信息的开放数据接口，只读，返回 JSON（UTF-8）。

- 只提供已公开的数据，与门户网站显示的范围一致。
- 列表按日期从新到旧排列，每页默认 {DEFAULT_PAGE_SIZE} 条、最多 {MAX_PAGE_SIZE} 条（limit）；\
下一页请求 next 给出的地址，没有下一页时 next 为 null。
- 每个回答带 ETag 和（可得时）Last-Modified；带 If-None-Match 或 If-Modified-Since 再次请求，\
内容未变时返回 304。
- 请求次数按小时计：匿名请求按网络地址每小时 {ANONYMOUS_PER_HOUR} 次（以平台设置为准）；\
需要更多时向平台管理员申请接口密钥，放在请求头 {KEY_HEADER} 中。超过时返回 429 和 Retry-After。
- 支持跨域读取（CORS，仅 GET）。
- 每日全量数据（JSON Lines 和 CSV）见 /api/v1/catalog.json。
"""


class ErrorOut(Schema):
    detail: str = Field(description="出错原因（中文）")


class ListQuery(Schema):
    unit: str | None = Field(None, description="单位编码：只返回该单位及其下级单位的记录")
    since: date | None = Field(None, description="起始日期（含），YYYY-MM-DD")
    until: date | None = Field(None, description="截止日期（含），YYYY-MM-DD")
    kind: str | None = Field(None, description="类别（可选值见数据集说明）")
    validity: str | None = Field(None, description="有效性（仅公文）")
    q: str | None = Field(None, max_length=100, description="关键词，空格分隔，每个词都须出现")
    limit: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"每页条数，1 到 {MAX_PAGE_SIZE}"
    )
    cursor: str | None = Field(None, description="分页位置，取自上一页的 next 地址")


PARAM_NAMES = {
    "since": "since（日期，格式 YYYY-MM-DD）",
    "until": "until（日期，格式 YYYY-MM-DD）",
    "limit": f"limit（1 到 {MAX_PAGE_SIZE} 的整数）",
    "q": "q（最多 100 个字符）",
}

ERRORS = {
    304: None,
    400: ErrorOut,
    401: ErrorOut,
    404: ErrorOut,
    429: ErrorOut,
}


def _filters_text(dataset: Dataset) -> str:
    parts = []
    if dataset.unit_path:
        parts.append("unit")
    if dataset.date_field:
        parts.append("since、until")
    if dataset.kind_field:
        values = "、".join(f"{c.value}（{c.label}）" for c in dataset.kinds())
        parts.append(f"kind（{values}）" if values else "kind")
    if dataset.validity_field:
        values = "、".join(f"{c.value}（{c.label}）" for c in dataset.validities())
        parts.append(f"validity（{values}）")
    if dataset.text_fields:
        parts.append("q")
    return "可用的筛选：" + ("；".join(parts) if parts else "无") + "。"


def _page_schema(dataset: Dataset) -> type[Schema]:
    return create_model(
        f"{dataset.schema.__name__}Page",
        __base__=Schema,
        items=(list[dataset.schema], ...),
        next=(str | None, Field(..., description="下一页的完整地址，没有下一页时为 null")),
    )


def _list_view(dataset: Dataset):
    def view(request: HttpRequest, filters: Query[ListQuery]) -> HttpResponse:
        def build() -> Answer:
            params = lists.ListParams(**filters.dict())
            found = lists.page(dataset, params)
            query = {k: v for k, v in request.GET.items() if k != "cursor"}
            return Answer(
                {
                    "items": found.rows,
                    "next": lists.next_url(request.path, query, found.next_cursor),
                },
                found.modified,
            )

        return serve(request, build)

    return view


def _record_view(dataset: Dataset):
    def view(request: HttpRequest, key: str) -> HttpResponse:
        def build() -> Answer | None:
            found = lists.record(dataset, key)
            return Answer(*found) if found else None

        return serve(request, build)

    return view


def _add_dataset(api: NinjaAPI, dataset: Dataset) -> None:
    slug = dataset.name.replace("-", "_")
    title = str(dataset.title)
    api.get(
        f"/{dataset.name}/",
        response={200: _page_schema(dataset), **ERRORS},
        operation_id=f"list_{slug}",
        url_name=f"list_{slug}",
        summary=f"{title}列表",
        description=f"{dataset.description}{_filters_text(dataset)}",
        tags=[title],
    )(_list_view(dataset))
    api.get(
        f"/{dataset.name}/{{key}}/",
        response={200: dataset.schema, **ERRORS},
        operation_id=f"get_{slug}",
        url_name=f"get_{slug}",
        summary=f"{title}（单条）",
        description=f"按{'编号' if dataset.lookup == 'pk' else '编码'}取一条{title}。",
        tags=[title],
    )(_record_view(dataset))


class GongkaiAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("securitySchemes", {})["apiKey"] = {
            "type": "apiKey",
            "in": "header",
            "name": KEY_HEADER,
            "description": "可选：接口密钥（向平台管理员申请），使用密钥自己的请求上限。",
        }
        # Anonymous access is allowed: the empty requirement makes the key optional.
        schema["security"] = [{}, {"apiKey": []}]
        return schema


def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    names = []
    for problem in exc.errors:
        name = str(problem.get("loc", ["", ""])[-1])
        names.append(PARAM_NAMES.get(name, name))
    return error(400, "参数无效：" + "、".join(dict.fromkeys(names)) + "。")


@cache
def build_api() -> GongkaiAPI:
    api = GongkaiAPI(
        title="政务公开开放数据接口",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api",
        openapi_url=None,
        docs_url=None,
    )
    api.add_exception_handler(ValidationError, _invalid)
    for dataset in datasets():
        _add_dataset(api, dataset)
    return api


@cache
def openapi_schema() -> dict[str, Any]:
    # Through JSON: Ninja keys responses by int status, JSON (and the validators) by string.
    return json.loads(json.dumps(build_api().get_openapi_schema(path_prefix="/api/v1/")))
