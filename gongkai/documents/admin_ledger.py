"""Admin screens for the publication ledger and the yearly review of withheld documents.

Both are scoped like every staff screen: the unit choices come from ``permissions.units_for``,
so a township's staff see their township (and its villages), a supervising office its whole
area. The computation lives in ``ledger``; writes go through ``services``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min, QuerySet
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.admin_components import ScopedMenuItem
from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.models import Unit
from gongkai.core.permissions import can, scope, units_for

from . import services
from .domain.attributes import Disclosure
from .exports import FORMATS, SHEET_TITLE
from .ledger import (
    ART44_BASIS,
    STATUS_LABELS,
    LedgerRow,
    LedgerStatus,
    art44_threshold,
    build_ledger,
    ledger_documents,
    review_queue,
)
from .models import OfficialDocument

LEDGER_ACTION = "publication_ledger.view"
REVIEW_ACTION = "document.view"
DECIDE_ACTION = "document.edit"


def _home_unit(units: QuerySet[Unit]) -> Unit:
    """The unit a screen opens on: the highest one the user holds a role on."""
    unit = units.order_by("depth", "path").first()
    if unit is None:
        raise PermissionDenied
    return unit


def _with_defaults(query: QueryDict, **defaults) -> dict[str, str]:
    # An absent parameter takes its default; one submitted empty (全部) stays empty.
    return {**{k: str(v) for k, v in defaults.items()}, **query.dict()}


class UnitChoiceField(forms.ModelChoiceField):
    """Units in tree order, indented by depth, so that a township's villages read as its own."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Unit.objects.none(), empty_label=None, **kwargs)

    def label_from_instance(self, obj: Unit) -> str:
        return "\u3000" * obj.depth + obj.name


class LedgerFilterForm(forms.Form):
    unit = UnitChoiceField(label=_("单位"))
    subunits = forms.TypedChoiceField(
        label=_("范围"),
        choices=[("1", _("本单位及下级单位")), ("0", _("仅本单位"))],
        coerce=lambda value: value == "1",
    )
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, empty_value=None, required=False)
    status = forms.TypedChoiceField(
        label=_("状态"),
        choices=[("", _("全部")), *STATUS_LABELS.items()],
        coerce=LedgerStatus,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, units: QuerySet[Unit], years: range, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["year"].choices = [("", _("全部年度")), *((y, f"{y}年") for y in years)]

    def audit_filters(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "unit": data["unit"].code,
            "subunits": data["subunits"],
            "year": data["year"],
            "status": data["status"],
        }


def _ledger_years(user, today) -> range:
    # Years from the oldest document in scope to this year, newest first; one query.
    bounds = scope(
        OfficialDocument.objects.filter(disclosure=Disclosure.PROACTIVE), user, LEDGER_ACTION
    ).aggregate(first=Min("written_on"), last=Max("written_on"))
    first = bounds["first"].year if bounds["first"] else today.year
    last = max(bounds["last"].year if bounds["last"] else today.year, today.year)
    return range(last, first - 1, -1)


class PublicationLedgerView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "documents/ledger/publication_ledger.html"
    page_title = _("主动公开文件台账")
    header_icon = "list-ul"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        units = units_for(request.user, LEDGER_ACTION)
        data = _with_defaults(
            request.GET, unit=_home_unit(units).pk, subunits="1", year=today.year, status=""
        )
        fmt = data.pop("export", None)
        if fmt is not None and fmt not in FORMATS:
            raise Http404
        form = LedgerFilterForm(data, units=units, years=_ledger_years(request.user, today))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, ledger=None))
        filters = form.cleaned_data
        documents = ledger_documents(
            request.user, filters["unit"], subunits=filters["subunits"], year=filters["year"]
        )
        ledger = build_ledger(documents, today=today, status=filters["status"])
        if fmt is not None:
            return self._export(fmt, form, ledger.rows)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                ledger=ledger,
                statuses=list(LedgerStatus),
                exports=[
                    (f.label, urlencode({**data, "export": key})) for key, f in FORMATS.items()
                ],
            )
        )

    def _export(self, fmt: str, form: LedgerFilterForm, rows: list[LedgerRow]) -> HttpResponse:
        filters = form.cleaned_data
        try:
            content = services.ledger_export(
                actor=self.request.user,
                unit=filters["unit"],
                rows=rows,
                fmt=fmt,
                filters=form.audit_filters(),
            )
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        parts = [
            SHEET_TITLE,
            filters["unit"].name,
            f"{filters['year']}年" if filters["year"] else "全部年度",
        ]
        if filters["status"]:
            parts.append(filters["status"].label)
        response = HttpResponse(content, content_type=FORMATS[fmt].content_type)
        response["Content-Disposition"] = content_disposition_header(
            True, f"{'_'.join(parts)}.{FORMATS[fmt].extension}"
        )
        return response


class ReviewUnitForm(forms.Form):
    unit = UnitChoiceField(label=_("单位"))

    def __init__(self, *args, units: QuerySet[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class YearlyReviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "documents/ledger/yearly_review.html"
    page_title = _("依申请公开、不予公开文件每年复核")
    header_icon = "calendar-check"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        units = units_for(request.user, REVIEW_ACTION)
        form = ReviewUnitForm(_with_defaults(request.GET, unit=_home_unit(units).pk), units=units)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, items=None))
        unit = form.cleaned_data["unit"]
        return self.render_to_response(
            self.get_context_data(
                form=form,
                unit=unit,
                items=review_queue(unit, timezone.localdate()),
                can_decide=can(request.user, DECIDE_ACTION, unit),
                art44_threshold=art44_threshold(),
                art44_basis=ART44_BASIS,
            )
        )


class YearlyReviewDecisionView(View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        document = get_object_or_404(
            scope(OfficialDocument.objects.all(), request.user, REVIEW_ACTION), pk=pk
        )
        decision = request.POST.get("decision")
        try:
            if decision not in ("keep", "convert"):
                raise DomainError("请选择“保持原属性”或“转为主动公开”。")
            services.document_review_attribute(
                actor=request.user,
                document=document,
                keep=decision == "keep",
                note=request.POST.get("note", ""),
            )
        except DomainError as error:
            messages.error(request, f"“{document}”未复核：{error}")
        else:
            messages.success(request, _review_message(document, decision == "keep"))
        return redirect(f"{reverse('documents_yearly_review')}?unit={document.unit_id}")


def _review_message(document: OfficialDocument, keep: bool) -> str:
    if keep:
        return f"已复核“{document}”：保持原公开属性，一年后再次复核。"
    return f"已将“{document}”转为主动公开，请在20个工作日内审核发布（已列入主动公开文件台账）。"


@hooks.register("register_admin_urls")
def register_ledger_urls():
    return [
        path(
            "publication-ledger/",
            PublicationLedgerView.as_view(),
            name="documents_publication_ledger",
        ),
        path("yearly-review/", YearlyReviewView.as_view(), name="documents_yearly_review"),
        path(
            "yearly-review/<int:pk>/",
            YearlyReviewDecisionView.as_view(),
            name="documents_yearly_review_decide",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_ledger_menu():
    return SubmenuMenuItem(
        _("台账与复核"),
        Menu(
            items=[
                ScopedMenuItem(
                    _("主动公开文件台账"),
                    reverse("documents_publication_ledger"),
                    name="publication-ledger",
                    icon_name="list-ul",
                    order=100,
                    action=LEDGER_ACTION,
                ),
                ScopedMenuItem(
                    _("每年复核"),
                    reverse("documents_yearly_review"),
                    name="yearly-review",
                    icon_name="calendar-check",
                    order=200,
                    action=REVIEW_ACTION,
                ),
                ScopedMenuItem(
                    _("发布检查例外"),
                    reverse("documents_publication_exceptions"),
                    name="publication-exceptions",
                    icon_name="warning",
                    order=300,
                    action=REVIEW_ACTION,
                ),
            ]
        ),
        name="ledger-and-review",
        icon_name="clipboard-list",
        order=350,
    )
