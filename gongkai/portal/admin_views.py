"""The portal's back-office screens: the sites of the counties (站点管理) and the supervising
office's roll-up across them (各县（区）汇总)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit, UnitKind
from gongkai.core.permissions import scope, units_for
from gongkai.core.rollups import Cell, Region, compute_all
from gongkai.core.spreadsheets import XLSX_CONTENT_TYPE, table_xlsx

from . import services
from .forms import SiteForm, YearForm
from .selectors import portal_sites

MANAGE = "site.manage"
ROLLUP = "rollup.view"
# The annual reports are written in the first quarter for the year before (条例第四十九条).
REPORT_YEARS = 6


class PortalAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "site"


# --- 站点管理 ------------------------------------------------------------------------------------


def _visible_sites(user) -> QuerySet:
    return scope(portal_sites(), user, MANAGE)


class SitesView(PortalAdminView):
    page_title = gettext_lazy("站点管理")
    template_name = "portal/admin/sites.html"

    def dispatch(self, request, *args, **kwargs):
        if not units_for(request.user, MANAGE).exists():
            raise PermissionDenied("只有管理员可以管理站点。")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(sites=_visible_sites(self.request.user), **kwargs)


class SiteEditView(PortalAdminView):
    template_name = "portal/admin/site_form.html"

    def dispatch(self, request, pk=None):
        self.portal_site = None
        if pk is not None:
            self.portal_site = get_object_or_404(_visible_sites(request.user), pk=pk)
        elif not units_for(request.user, MANAGE).exists():
            raise PermissionDenied("只有管理员可以开设站点。")
        return super().dispatch(request)

    def get_page_title(self):
        if self.portal_site is None:
            return _("开设站点")
        return _("修改站点：%(unit)s") % {"unit": self.portal_site.unit.name}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("portal_admin:sites"), "label": _("站点管理")},
            {"url": "", "label": self.get_page_title()},
        ]

    def _form(self, data=None) -> SiteForm:
        if self.portal_site is None:
            units = (
                units_for(self.request.user, MANAGE)
                .filter(is_active=True, kind=UnitKind.GOVERNMENT)
                .order_by("path")
            )
            return SiteForm(data, units=units)
        site = self.portal_site.site
        identity = getattr(site, "siteidentity", None)
        initial = {"hostname": site.hostname}
        for name in ("site_id_code", *services.SITE_IDENTITY_FIELDS):
            initial[name] = getattr(identity, name, "") if identity else ""
        return SiteForm(data, initial=initial)

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(form=form or self._form(), **kwargs)

    def post(self, request):
        form = self._form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if self.portal_site is None:
                    saved = services.site_add(
                        actor=request.user,
                        unit=data["unit"],
                        hostname=data["hostname"],
                        site_id_code=data["site_id_code"],
                    )
                else:
                    saved = services.site_edit(
                        actor=request.user,
                        portal_site=self.portal_site,
                        hostname=data["hostname"],
                        site_id_code=data["site_id_code"],
                        **{name: data[name] for name in services.SITE_IDENTITY_FIELDS},
                    )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("已保存站点：%(unit)s（%(host)s）。")
                    % {"unit": saved.unit.name, "host": saved.site.hostname},
                )
                return redirect("portal_admin:sites")
        return self.render_to_response(self.get_context_data(form=form))


# --- 各县（区）汇总 ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RollupRow:
    unit: Unit
    hostname: str
    own_level: bool  # other regions lie below it: its row counts only the units no region holds
    cells: list[Cell | None]

    @property
    def name(self) -> str:
        if self.own_level:
            return _("%(unit)s（本级）") % {"unit": self.unit.name}
        return self.unit.name


def rollup_regions(user) -> list[Unit]:
    """The regions ``user`` oversees: each government among their units (the city, its
    counties) and each top of their units that is none (a clerk's own department)."""
    units = list(units_for(user, ROLLUP).filter(is_active=True).order_by("path"))
    paths = [u.path for u in units]
    return [
        u
        for u in units
        if u.kind == UnitKind.GOVERNMENT
        or not any(u.path != p and u.path.startswith(p) for p in paths)
    ]


class RollupView(PortalAdminView):
    page_title = gettext_lazy("各县（区）汇总")
    template_name = "portal/admin/rollups.html"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not units_for(request.user, ROLLUP).exists():
            raise PermissionDenied("只有政务公开主管部门可以查看各县（区）汇总。")
        return super().dispatch(request, *args, **kwargs)

    def _table(self):
        today = timezone.localdate()
        years = range(today.year - 1, today.year - 1 - REPORT_YEARS, -1)
        form = YearForm(self.request.GET or None, years=years)
        year = (form.is_valid() and form.cleaned_data["year"]) or years[0]
        units = rollup_regions(self.request.user)
        regions = [Region(u.pk, u.path) for u in units]
        figures = compute_all(regions, year=year, today=today)
        hosts = dict(portal_sites().filter(unit__in=units).values_list("unit_id", "site__hostname"))
        rows = [
            RollupRow(
                unit=unit,
                hostname=hosts.get(unit.pk, ""),
                own_level=any(r.path != unit.path and r.path.startswith(unit.path) for r in units),
                cells=[cells.get(unit.pk) for _rollup, cells in figures],
            )
            for unit in units
        ]
        return form, year, [rollup for rollup, _cells in figures], rows

    def get(self, request, *args, **kwargs):
        form, year, columns, rows = self._table()
        if request.GET.get("format") == "xlsx":
            return self._xlsx(year, columns, rows)
        return self.render_to_response(
            self.get_context_data(form=form, year=year, columns=columns, rows=rows)
        )

    def _xlsx(self, year: int, columns, rows: list[RollupRow]) -> HttpResponse:
        title = _("各县（区）汇总")
        heads = [_("单位"), _("网站"), *(str(c.label) for c in columns)]
        table = [
            [
                row.name,
                row.hostname,
                *(cell.text if cell else "—" for cell in row.cells),
            ]
            for row in rows
        ]
        content = table_xlsx(
            title=title, columns=heads, rows=table, widths=[24, 24, *([30] * len(columns))]
        )
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        name = f"{title}-{year}"
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.xlsx"
        return response
