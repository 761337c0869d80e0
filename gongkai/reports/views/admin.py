"""Staff screens of the annual report, in the Wagtail admin. Thin: reads come from `selectors`,
writes go through `services`, and a report is looked up among those the user may see, so a URL
outside the user's units answers 404.

The drill-down lists the records behind one cell. Applicant data shows only for requests in
`gongkai.requests.selectors.visible_requests(user)` (the handling unit and the supervising
office); everyone else sees the tracking numbers and the fields that name nobody.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.pdf import PdfUnavailable, pdf_missing
from gongkai.core.permissions import can, units_for
from gongkai.documents import gate
from gongkai.requests.selectors import visible_requests

from .. import selectors, services
from ..domain import tables as t
from ..domain.figures import FiguresError, parse_figure_rows
from ..domain.grid import TABLE2, TABLE3, TABLE4, CellKey, cell_of_check
from ..domain.layout import (
    TABLE2_BLOCKS,
    TABLE3_COLUMN_REFERENCES,
    TABLE3_ROW_REFERENCES,
    TABLE4_COLUMN_LABELS,
    TABLE4_GROUP_REFERENCES,
)
from ..domain.periods import NO_REPORT_KINDS
from ..forms import (
    FiguresForm,
    FiguresImportForm,
    RefillForm,
    ReportCreateForm,
    ReportTextForm,
    WithdrawForm,
)
from ..imports import read_rows
from ..models import AnnualReport
from ..render import body_context, document_for, report_docx, report_html, report_json, report_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CELL_PAGE_SIZE = 100
TABLE2_LABELS = {
    (row, column): f"{row_label}：{column_label}"
    for block in TABLE2_BLOCKS
    for row, row_label in block.rows
    for column, column_label in block.columns
}


def _editable_units(user):
    return units_for(user, "report.edit").exclude(kind__in=NO_REPORT_KINDS).order_by("path")


class ReportsView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("annual_reports:index"), "label": _("年度报告")},
            {"url": "", "label": self.get_page_title()},
        ]


class ReportIndexView(ReportsView):
    page_title = _("政府信息公开工作年度报告")
    template_name = "reports/admin/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("年度报告")}]

    def get_context_data(self, form=None, **kwargs):
        reports = selectors.visible_reports(self.request.user)
        units = _editable_units(self.request.user)
        if form is None and units.exists():
            form = ReportCreateForm(units=units)
        return super().get_context_data(
            reports=reports,
            form=form,
            can_oversee=units_for(self.request.user, "report.oversee").exists(),
            **kwargs,
        )

    def post(self, request):
        units = _editable_units(request.user)
        form = ReportCreateForm(request.POST, units=units)
        if form.is_valid():
            try:
                report = services.report_create(actor=request.user, **form.cleaned_data)
            except PermissionDeniedError as error:
                raise PermissionDenied(str(error)) from error
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"已建立{report.title}（草稿），各部分已按记录预填。")
                return redirect("annual_reports:report", pk=report.pk)
        return self.render_to_response(self.get_context_data(form=form))


def _cell_url(report: AnnualReport):
    def url_for(key: CellKey) -> str | None:
        table, row, column = key
        if table == TABLE2 and row not in (t.RULES, t.NORMATIVE_DOCUMENTS):
            return None  # entered figures: no records behind them on the platform
        return reverse("annual_reports:cell", args=[report.pk, table, row, column])

    return url_for


class ReportView(ReportsView):
    template_name = "reports/admin/report.html"

    def dispatch(self, request, pk):
        self.report = get_object_or_404(selectors.visible_reports(request.user), pk=pk)
        return super().dispatch(request, pk=pk)

    def get_page_title(self):
        return self.report.title

    def _forms(self, data=None, which: str = "") -> dict:
        report, user = self.report, self.request.user
        forms: dict = {}
        if report.is_published:
            if can(user, "report.publish", report.unit):
                forms["withdraw"] = WithdrawForm(
                    data if which == "withdraw" else None, prefix="withdraw"
                )
            return forms
        if can(user, "report.edit", report.unit):
            initial_text = {n: getattr(report, n) for n in services.SECTIONS}
            f = report.figures
            initial_figures = {
                "licensing": f.licensing,
                "penalty": f.penalty,
                "coercion": f.coercion,
                "fees_wan_yuan": f.fees_wan_yuan,
            }
            forms["text"] = ReportTextForm(
                data if which == "text" else None, initial=initial_text, prefix="text"
            )
            forms["figures"] = FiguresForm(
                data if which == "figures" else None, initial=initial_figures, prefix="figures"
            )
            forms["refill"] = RefillForm(data if which == "refill" else None, prefix="refill")
        return forms

    def get_context_data(self, forms=None, **kwargs):
        report = self.report
        document = document_for(report)
        failing = selectors.failing_checks(document.data)
        cells = {cell_of_check(c.rule, row, column) for c in failing for row, column in c.cells}
        user = self.request.user
        return super().get_context_data(
            report=report,
            failing=failing,
            # A check of the text names a section, not cells.
            text_failing=any(not check.cells for check in failing),
            # Warned while drafting, refused at publication (the publication gate).
            personal_data="" if report.is_published else gate.warning(services.report_gate(report)),
            facts=document.data.facts,
            forms=forms if forms is not None else self._forms(),
            can_publish=not report.is_published and can(user, "report.publish", report.unit),
            period_over=report.period_end < timezone.localdate(),
            pdf_missing=pdf_missing(),
            **body_context(document, failing=cells, url_for=_cell_url(report)),
            **kwargs,
        )

    def post(self, request, pk):
        which = request.POST.get("form", "")
        if which == "publish":
            return self._publish()
        if which == "redact":
            return self._redact()
        forms = self._forms(request.POST, which)
        form = forms.get(which)
        if form is None:
            raise PermissionDenied("您不能对该报告执行此操作。")
        if form.is_valid():
            try:
                message = self._save(which, form)
            except PermissionDeniedError as error:
                raise PermissionDenied(str(error)) from error
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, message)
                return redirect("annual_reports:report", pk=self.report.pk)
        return self.render_to_response(self.get_context_data(forms=forms))

    def _publish(self):
        try:
            services.report_publish(actor=self.request.user, report=self.report)
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        except DomainError as error:
            messages.error(self.request, str(error))
        else:
            messages.success(self.request, "报告已公布，并已在门户网站“政府信息公开年报”栏目发布。")
        return redirect("annual_reports:report", pk=self.report.pk)

    def _redact(self):
        try:
            masked = services.report_redact(actor=self.request.user, report=self.report)
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        except DomainError as error:
            messages.error(self.request, str(error))
        else:
            messages.success(self.request, f"已将 {masked} 处个人信息替换为掩码。")
        return redirect("annual_reports:report", pk=self.report.pk)

    def _save(self, which: str, form) -> str:
        user, report = self.request.user, self.report
        if which == "text":
            services.report_update_text(actor=user, report=report, **form.cleaned_data)
            return "已保存报告正文。"
        if which == "figures":
            services.report_set_figures(actor=user, report=report, figures=form.figures())
            return "已保存表二录入数据。"
        if which == "refill":
            sections = tuple(form.cleaned_data["sections"])
            services.report_refill(actor=user, report=report, sections=sections)
            return "已按最新数据重新生成所选部分。"
        services.report_withdraw(actor=user, report=report, reason=form.cleaned_data["reason"])
        return "已撤回公布，报告恢复为草稿；门户网站不再显示该报告。"


def report_download(request, pk, fmt):
    report = get_object_or_404(selectors.visible_reports(request.user), pk=pk)
    document = document_for(report)
    filename = quote(report.title)
    if fmt == "json":
        content = json.dumps(
            report_json(report.unit.code, report.year, document.data), ensure_ascii=False, indent=2
        )
        return HttpResponse(content, content_type="application/json; charset=utf-8")
    if fmt == "html":
        return HttpResponse(report_html(document))
    if fmt == "docx":
        response = HttpResponse(report_docx(document), content_type=DOCX)
    elif fmt == "pdf":
        try:
            response = HttpResponse(report_pdf(document), content_type="application/pdf")
        except PdfUnavailable as error:
            messages.error(request, str(error))
            return redirect("annual_reports:report", pk=report.pk)
    else:
        raise Http404
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}.{fmt}"
    return response


# --- Drill-down ----------------------------------------------------------------------------------


class CellView(ReportsView):
    """The records behind one cell, as they stand now."""

    template_name = "reports/admin/cell.html"

    def dispatch(self, request, pk, table, row, column):
        self.report = get_object_or_404(selectors.visible_reports(request.user), pk=pk)
        scope = selectors.Scope.of(self.report)
        try:
            if table == TABLE3:
                records = selectors.cell_requests(scope, row, column)
                label = f"{TABLE3_ROW_REFERENCES[row]}，{TABLE3_COLUMN_REFERENCES[column]}"
            elif table == TABLE4:
                records = selectors.cell_appeals(scope, row, column)
                label = f"{TABLE4_GROUP_REFERENCES[row]}，{TABLE4_COLUMN_LABELS[column]}"
            elif table == TABLE2 and row in (t.RULES, t.NORMATIVE_DOCUMENTS):
                records = selectors.cell_documents(scope, row, column)
                label = TABLE2_LABELS[(row, column)]
            else:
                raise Http404
        except KeyError as error:
            raise Http404 from error
        self.table, self.key, self.label, self.records = table, (table, row, column), label, records
        return super().dispatch(request, pk, table, row, column)

    def get_page_title(self):
        return f"{self.label}：明细"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("annual_reports:index"), "label": _("年度报告")},
            {
                "url": reverse("annual_reports:report", args=[self.report.pk]),
                "label": self.report.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def _frozen_value(self):
        if not self.report.is_published:
            return None
        table, row, column = self.key
        return self.report.snapshot[table][row][column]

    def _request_of(self, record) -> int | None:
        """The request whose applicant a row would show (documents name no applicant)."""
        if self.table == TABLE3:
            return record.pk
        return record.request_id if self.table == TABLE4 else None

    def get_context_data(self, **kwargs):
        page = Paginator(self.records, CELL_PAGE_SIZE).get_page(self.request.GET.get("page"))
        records = list(page.object_list)
        request_ids = [self._request_of(r) for r in records]
        visible = set(
            visible_requests(self.request.user)
            .filter(pk__in=[pk for pk in request_ids if pk is not None])
            .values_list("pk", flat=True)
        )
        return super().get_context_data(
            report=self.report,
            table=self.table,
            label=self.label,
            page=page,
            rows=[(r, pk in visible) for r, pk in zip(records, request_ids, strict=True)],
            any_visible=bool(visible),
            frozen_value=self._frozen_value(),
            **kwargs,
        )


# --- The supervising office -----------------------------------------------------------------------


class OverviewView(ReportsView):
    page_title = _("年度报告报送情况")
    template_name = "reports/admin/overview.html"

    def dispatch(self, request, *args, **kwargs):
        if not units_for(request.user, "report.oversee").exists():
            raise PermissionDenied("只有政务公开主管部门可以查看各单位年度报告报送情况。")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        text = self.request.GET.get("year", "")
        year = int(text) if text.isdigit() and 2008 <= int(text) <= today.year else today.year - 1
        rows = selectors.overview(self.request.user, year, today)
        counts = {
            status: sum(r.status == status for r in rows) for status in selectors.STATUS_LABELS
        }
        return super().get_context_data(
            year=year,
            years=range(today.year, max(today.year - 6, 2007), -1),
            rows=rows,
            counts=[(selectors.STATUS_LABELS[s], n) for s, n in counts.items()],
            **kwargs,
        )


class FiguresImportView(ReportsView):
    page_title = _("导入表二录入数据")
    template_name = "reports/admin/import.html"

    def dispatch(self, request, *args, **kwargs):
        if not _editable_units(request.user).exists():
            raise PermissionDenied("您没有编辑年度报告的权限。")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, problems=None, **kwargs):
        return super().get_context_data(
            form=form or FiguresImportForm(), problems=problems or [], **kwargs
        )

    def post(self, request):
        form = FiguresImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        try:
            rows = parse_figure_rows(read_rows(upload.read(), upload.name))
            summary = services.figures_import(actor=request.user, rows=rows)
        except FiguresError as error:
            return self.render_to_response(
                self.get_context_data(form=form, problems=error.problems)
            )
        messages.success(
            request,
            f"导入完成：新建报告 {len(summary.created)} 份，更新 {len(summary.updated)} 份，"
            f"未变 {len(summary.unchanged)} 份。",
        )
        return redirect("annual_reports:index")
