"""The public portal: a home page and the 政府信息公开 platform with one section per unit."""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from gongkai.catalog import portal as catalog_portal
from gongkai.core.models import Unit
from gongkai.documents import portal as documents_portal
from gongkai.documents.feeds import UnitDocumentsFeed
from gongkai.documents.selectors import public_documents, public_interpretations
from gongkai.reports import portal as reports_portal

from .columns import COLUMNS, COLUMNS_BY_SLUG, column_content
from .guide import guide_sections


class PublicContentVersion(models.Model):
    """One row whose random token changes after every write to public content.

    The whole-page cache keys pages by it (see `response_cache`). Random rather than a counter,
    like the calendar's version: a rolled-back write can never hand out a token a later one reuses.
    """

    token = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return f"public content version {self.token}"


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """What government sites must show about themselves (政府网站发展指引, page metadata)."""

    site_name = models.CharField(_("网站名称"), max_length=100, default="政务公开平台")
    site_id_code = models.CharField(_("网站标识码"), max_length=32, blank=True)
    organizer = models.CharField(_("主办单位"), max_length=100, blank=True)
    icp_record = models.CharField(_("ICP备案号"), max_length=64, blank=True)
    public_security_record = models.CharField(_("公安机关备案号"), max_length=64, blank=True)
    contact_phone = models.CharField(_("网站联系电话"), max_length=50, blank=True)

    panels = [
        FieldPanel("site_name"),
        FieldPanel("site_id_code"),
        FieldPanel("organizer"),
        FieldPanel("icp_record"),
        FieldPanel("public_security_record"),
        FieldPanel("contact_phone"),
    ]

    class Meta:
        verbose_name = _("网站标识")


class HomePage(Page):
    intro = RichTextField(_("首页导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["portal.DisclosurePlatformPage"]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["platform"] = DisclosurePlatformPage.objects.live().first()
        context["units"] = Unit.objects.filter(is_active=True, depth__lte=1)
        context["column_name"] = "首页"
        context["column_type"] = "首页"
        return context


class DisclosurePlatformPage(RoutablePageMixin, Page):
    """政府信息公开平台: a section per unit with the standard columns, read from the unit tree so
    that a unit added by an administrator has its section at once."""

    intro = RichTextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("政府信息公开平台")

    def _render(self, request, template: str, *, status: int = 200, **context):
        # platform_url: this page, so the context processor need not look it up again.
        context = {**self.get_context(request), "platform_url": self.url, **context}
        return TemplateResponse(request, template, context, status=status)

    @path("")
    def unit_index(self, request):
        units = Unit.objects.filter(is_active=True).select_related("parent")
        return self._render(
            request,
            "portal/unit_index.html",
            units=units,
            column_name="政府信息公开",
            column_type="政府信息公开",
        )

    def _unit(self, code: str) -> Unit:
        return get_object_or_404(Unit, code=code, is_active=True)

    @path("<str:code>/", name="unit")
    def unit_section(self, request, code):
        unit = self._unit(code)
        return self._render(
            request,
            "portal/unit_section.html",
            unit=unit,
            columns=COLUMNS,
            children=unit.children.filter(is_active=True),
            column_name="政府信息公开",
            column_type="政府信息公开",
        )

    # The register's pages come before the generic column route, which would take their paths.

    def _statutory(self, unit: Unit, *crumbs: tuple[str, str | None]) -> dict:
        """What every page under 法定主动公开内容 needs: the column chrome and breadcrumbs."""
        column = COLUMNS_BY_SLUG["statutory"]
        return {
            "unit": unit,
            "columns": COLUMNS,
            "column": column,
            "column_name": column.name,
            "column_type": column.column_type,
            "crumbs": [(column.name, self.unit_url(unit, column.slug)), *crumbs],
            "feed_url": self.url + self.reverse_subpage("feed", args=[unit.code]),
        }

    @staticmethod
    def _print_options(request) -> dict:
        # ?print=1: the same page without the site's chrome, for paper.
        printing = request.GET.get("print") == "1"
        return {
            "printing": printing,
            "base_template": "portal/print_base.html" if printing else "base.html",
        }

    @re_path(r"^(?P<code>[^/]+)/(?P<slug>documents|policies|in-force)/$", name="document_list")
    def document_list(self, request, code, slug):
        unit = self._unit(code)
        context = documents_portal.document_list_context(request, unit, slug)
        return self._render(
            request,
            "documents/portal/document_list.html",
            **self._statutory(unit, (context["listing"].title, None)),
            **context,
        )

    @path("<str:code>/documents/<int:pk>/", name="document")
    def document_detail(self, request, code, pk):
        unit = self._unit(code)
        context, status = documents_portal.document_detail_context(request, unit, pk)
        return self._render(
            request,
            "documents/portal/document_detail.html",
            status=status,
            **self._print_options(request),
            **self._statutory(unit, (_("正文"), None)),
            **context,
        )

    @path("<str:code>/interpretations/", name="interpretations")
    def interpretation_list(self, request, code):
        unit = self._unit(code)
        context = documents_portal.interpretation_list_context(request, unit)
        return self._render(
            request,
            "documents/portal/interpretation_list.html",
            **self._statutory(unit, (context["listing"].title, None)),
            **context,
        )

    @path("<str:code>/interpretations/<int:pk>/", name="interpretation")
    def interpretation_detail(self, request, code, pk):
        unit = self._unit(code)
        listing = documents_portal.INTERPRETATIONS
        return self._render(
            request,
            "documents/portal/interpretation_detail.html",
            **self._print_options(request),
            **self._statutory(
                unit,
                (listing.title, self.url + self.reverse_subpage("interpretations", args=[code])),
                (_("正文"), None),
            ),
            **documents_portal.interpretation_detail_context(unit, pk),
        )

    @path("<str:code>/rss/", name="feed")
    def feed(self, request, code):
        unit = self._unit(code)
        feed = UnitDocumentsFeed(
            unit_url=self.unit_url(unit, "statutory"),
            document_url=lambda document: self.document_url(unit.code, document.pk),
        )
        return feed(request, unit=unit)

    # The catalog's pages (gongkai/catalog/portal.py), under 法定主动公开内容.

    def _catalog_page(self, request, unit: Unit, template: str, label, context: dict):
        crumbs = [(label, None)]
        if "item" in context:
            crumbs = [
                (_("标准目录"), self.url + self.reverse_subpage("catalog", args=[unit.code])),
                (context["item"].name, None),
            ]
        return self._render(
            request, f"catalog/portal/{template}", **self._statutory(unit, *crumbs), **context
        )

    @path("<str:code>/catalog/", name="catalog")
    def catalog(self, request, code):
        unit = self._unit(code)
        context = catalog_portal.catalog_context(unit)
        return self._catalog_page(request, unit, "catalog.html", _("标准目录"), context)

    @path("<str:code>/catalog/<int:pk>/", name="catalog_item")
    def catalog_item(self, request, code, pk):
        unit = self._unit(code)
        context = catalog_portal.item_context(unit, pk)
        return self._catalog_page(request, unit, "item.html", _("标准目录"), context)

    @path("<str:code>/village-affairs/", name="village_affairs")
    def village_affairs(self, request, code):
        unit = self._unit(code)
        context = catalog_portal.village_affairs_context(unit)
        return self._catalog_page(
            request, unit, "village_affairs.html", _("村（居）务公开"), context
        )

    @path("<str:code>/powers/", name="powers")
    def powers(self, request, code):
        unit = self._unit(code)
        context = catalog_portal.powers_context(request, unit)
        return self._catalog_page(request, unit, "powers.html", _("权责清单"), context)

    @path("<str:code>/functions/", name="functions")
    def functions(self, request, code):
        unit = self._unit(code)
        context = catalog_portal.functions_context(unit)
        return self._catalog_page(request, unit, "functions.html", _("机构职能目录"), context)

    @path("<str:code>/annual-reports/<str:key>/", name="annual_report")
    def annual_report(self, request, code, key):
        # A published annual report (gongkai/reports/portal.py), under 政府信息公开年报.
        return reports_portal.report_page(self, request, self._unit(code), key)

    @path("<str:code>/<slug:column>/", name="column")
    def unit_column(self, request, code, column):
        unit = self._unit(code)
        col = COLUMNS_BY_SLUG.get(column)
        if col is None:
            raise Http404
        context = {
            "unit": unit,
            "columns": COLUMNS,
            "column": col,
            "column_name": col.name,
            "column_type": col.column_type,
            "contents": column_content(col.slug, unit),
        }
        if col.slug == "guide":
            context["guide"] = guide_sections(unit)
        if col.slug == "rules":
            context["rules_paragraphs"] = [
                p.strip() for p in unit.disclosure_rules.splitlines() if p.strip()
            ]
        context["is_empty"] = not (
            context.get("guide") or context.get("rules_paragraphs") or context["contents"]
        )
        return self._render(request, "portal/unit_column.html", **context)

    def unit_url(self, unit: Unit, column: str | None = None) -> str:
        if column:
            return self.url + self.reverse_subpage("column", args=[unit.code, column])
        return self.url + self.reverse_subpage("unit", args=[unit.code])

    def document_url(self, code: str, pk: int) -> str:
        return self.url + self.reverse_subpage("document", args=[code, pk])

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for unit in Unit.objects.filter(is_active=True).only("code"):
            urls.append({"location": base + self.reverse_subpage("unit", args=[unit.code])})
            for col in COLUMNS:
                sub = self.reverse_subpage("column", args=[unit.code, col.slug])
                urls.append({"location": base + sub})
        # Only what the public may read, and only where its unit's section is open.
        documents = public_documents().filter(unit__is_active=True)
        for pk, code, updated in documents.values_list("pk", "unit__code", "updated_at"):
            sub = self.reverse_subpage("document", args=[code, pk])
            urls.append({"location": base + sub, "lastmod": updated})
        interpretations = public_interpretations().filter(unit__is_active=True)
        for pk, code, published in interpretations.values_list(
            "pk", "unit__code", "last_published_at"
        ):
            sub = self.reverse_subpage("interpretation", args=[code, pk])
            urls.append({"location": base + sub, "lastmod": published})
        urls += [{"location": base + sub} for sub in catalog_portal.sitemap_paths(self)]
        urls += [{"location": base + sub} for sub in reports_portal.sitemap_paths(self)]
        return urls
