"""The portal's search page and its OpenSearch description. Plain Django views: they work
without JavaScript and sit outside the page tree, like robots.txt."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from gongkai.portal.models import SiteIdentity
from gongkai.portal.sites import site_unit

from .forms import SearchForm
from .selectors import search

# Page links shown either side of the current page.
PAGE_LINKS = 4


def _page(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _page_numbers(page: int, pages: int) -> list[int]:
    return list(range(max(1, page - PAGE_LINKS), min(pages, page + PAGE_LINKS) + 1))


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, site_unit=site_unit(request))
    result = None
    if form.is_bound:
        form.is_valid()
        result = search(form.search_request(_page(request)))
        # A doc number or index number goes straight to the document it names.
        if result.exact_hit is not None and result.exact_hit.url and result.page == 1:
            return redirect(result.exact_hit.url)
    return TemplateResponse(
        request,
        "search/results.html",
        {
            "form": form,
            "result": result,
            "page_numbers": _page_numbers(result.page, result.pages) if result else [],
            "column_name": "站内搜索",
            "column_type": "搜索",
        },
    )


@require_GET
def opensearch(request: HttpRequest) -> HttpResponse:
    site_name = SiteIdentity.for_request(request).site_name
    return TemplateResponse(
        request,
        "search/opensearch.xml",
        {
            "site_name": site_name,
            "search_url": request.build_absolute_uri(reverse("search:results")),
            "self_url": request.build_absolute_uri(reverse("search:opensearch")),
        },
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
