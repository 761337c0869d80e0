"""``/api/v1/``: the endpoints of every dataset, the schema, the docs, the catalog and dumps.

Every URL here answers CORS preflights and sends CORS headers on reads (``http.with_cors``)."""

from django.urls import URLPattern, path

from . import views
from .api import build_api
from .http import with_cors


def _with_cors(patterns: list, *, cached_first: bool = False) -> list:
    return [
        URLPattern(
            p.pattern, with_cors(p.callback, cached_first=cached_first), p.default_args, p.name
        )
        for p in patterns
    ]


api_patterns, _app_name, _namespace = build_api().urls

urlpatterns = [
    *_with_cors(
        [
            path("schema/", views.schema, name="api_schema"),
            path("catalog.json", views.catalog, name="api_catalog"),
            path("dumps/<str:name>", views.dump, name="api_dump"),
        ]
    ),
    path("docs/", views.docs, name="api_docs"),
    # The datasets' endpoints answer from the cache before Ninja parses the request.
    path("", (_with_cors(api_patterns, cached_first=True), "api", "api")),
]
