"""The API's own pages: the OpenAPI schema, the docs page, the DCAT catalog and the dumps."""

from __future__ import annotations

from typing import IO, Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import dumps
from .api import openapi_schema
from .http import Answer, serve

METHOD_ORDER = ("get",)


def schema(request: HttpRequest) -> HttpResponse:
    return serve(request, lambda: Answer(openapi_schema()))


def catalog(request: HttpRequest) -> HttpResponse:
    return serve(request, lambda: Answer(dumps.catalog()))


def dump(request: HttpRequest, name: str) -> HttpResponse:
    handle = dumps.published_file(name)
    if handle is None:
        raise Http404(_("没有这个数据文件。"))
    return _file(handle, name)


def _file(handle: IO[bytes], name: str) -> FileResponse:
    kind = dumps.content_type(name)
    response = FileResponse(handle, content_type=kind, as_attachment=False)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _resolve(schema_doc: dict[str, Any], ref: str) -> dict[str, Any]:
    node: Any = schema_doc
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _fields(schema_doc: dict[str, Any], model: dict[str, Any]) -> list[dict[str, str]]:
    if "$ref" in model:
        model = _resolve(schema_doc, model["$ref"])
    required = set(model.get("required", ()))
    rows = []
    for name, prop in model.get("properties", {}).items():
        rows.append(
            {
                "name": name,
                "type": _type_name(schema_doc, prop),
                "required": name in required,
            }
        )
    return rows


def _type_name(schema_doc: dict[str, Any], prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in prop:
        return " | ".join(_type_name(schema_doc, p) for p in prop["anyOf"])
    kind = prop.get("type", "object")
    if kind == "array":
        return f"array[{_type_name(schema_doc, prop.get('items', {}))}]"
    if prop.get("format"):
        return f"{kind}（{prop['format']}）"
    return str(kind)


def docs(request: HttpRequest) -> HttpResponse:
    """The browsable docs: the schema as a page, for people (no JavaScript)."""
    doc = openapi_schema()
    operations = []
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            success = op["responses"]["200"]["content"]["application/json"]["schema"]
            operations.append(
                {
                    "id": op["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tag": (op.get("tags") or [""])[0],
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": {"query": "查询参数", "path": "路径参数"}.get(
                                p["in"], p["in"]
                            ),
                            "required": p.get("required", False),
                            "description": p.get("description", "")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "fields": _fields(doc, success),
                }
            )
    models = {
        name: _fields(doc, model)
        for name, model in doc.get("components", {}).get("schemas", {}).items()
        if not name.endswith("Page") and name not in ("ErrorOut", "ListQuery")
    }
    return render(
        request,
        "api/docs.html",
        {
            "info": doc["info"],
            "description": [line for line in doc["info"]["description"].splitlines() if line],
            "operations": operations,
            "models": models,
            "article_title": _("开放数据接口说明"),
        },
    )
