"""The public portal: a home page and the 政府信息公开 platform with one section per unit."""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from gongkai.core.models import Unit

from .columns import COLUMNS, COLUMNS_BY_SLUG, column_content
from .guide import guide_sections


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

    def _render(self, request, template: str, **context):
        context = {**self.get_context(request), **context}
        return TemplateResponse(request, template, context)

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

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for unit in Unit.objects.filter(is_active=True).only("code"):
            urls.append({"location": base + self.reverse_subpage("unit", args=[unit.code])})
            for col in COLUMNS:
                sub = self.reverse_subpage("column", args=[unit.code, col.slug])
                urls.append({"location": base + sub})
        return urls
