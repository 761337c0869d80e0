"""Annual reports on the public portal: the unit's 政府信息公开年报 column and each report's page,
with charts comparing the year with earlier years.

Everything starts from ``selectors.public_reports`` (published reports only), and a report page
shows the snapshot frozen at publication. The route is on ``portal.models.DisclosurePlatformPage``
(``<unit code>/annual-reports/<2025 | 2025-h1>/``); these functions build its response.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.core.pdf import PdfUnavailable
from gongkai.portal.columns import COLUMNS, COLUMNS_BY_SLUG, register_column_provider
from gongkai.requests.domain.outcomes import OutcomeCategory

from .domain import tables as t
from .domain.charts import BarChart, grouped_bar_chart
from .domain.periods import Period
from .models import AnnualReport
from .render import body_context, document_for, report_docx, report_pdf
from .selectors import ReportData, find_public_report, history, public_reports

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COLUMN = COLUMNS_BY_SLUG["annual-reports"]


def annual_reports_column(unit: Unit) -> dict[str, Any] | None:
    reports = list(public_reports(unit))
    if not reports:
        return None
    return {"template": "reports/portal/_column.html", "reports": reports}


register_column_provider("annual-reports", annual_reports_column)


def _category_total(data: ReportData, category: OutcomeCategory) -> int:
    return sum(data.table3[o.value][t.TOTAL] for o in category.outcomes)


def charts(report: AnnualReport) -> list[BarChart]:
    """The year beside up to four earlier published years: requests, their outcomes, appeals and
    the rules and normative documents issued."""
    years = history(report)
    labels = [f"{year}年" for year, _ in years]
    name = report.unit.name
    requests = grouped_bar_chart(
        title=f"{name}历年收到和办结政府信息公开申请情况（件）",
        categories=labels,
        series=[
            ("本年新收", [d.table3[t.NEW][t.TOTAL] for _, d in years]),
            ("上年结转", [d.table3[t.CARRIED_IN][t.TOTAL] for _, d in years]),
            ("本年办结", [d.table3[t.TOTAL][t.TOTAL] for _, d in years]),
            ("结转下年度", [d.table3[t.CARRIED_OUT][t.TOTAL] for _, d in years]),
        ],
    )
    outcomes = grouped_bar_chart(
        title=f"{name}历年政府信息公开申请办理结果（件）",
        categories=labels,
        series=[
            (category.label, [_category_total(d, category) for _, d in years])
            for category in OutcomeCategory
        ],
    )
    appeals = grouped_bar_chart(
        title=f"{name}历年因政府信息公开工作被申请行政复议、提起行政诉讼情况（件）",
        categories=labels,
        series=[
            ("行政复议", [d.table4[t.AppealKind.REVIEW][t.TOTAL] for _, d in years]),
            (
                "行政诉讼",
                [
                    d.table4[t.AppealKind.LAWSUIT_DIRECT][t.TOTAL]
                    + d.table4[t.AppealKind.LAWSUIT_AFTER_REVIEW][t.TOTAL]
                    for _, d in years
                ],
            ),
            (
                "结果纠正",
                [
                    sum(d.table4[g][t.AppealResult.CORRECTED] for g in t.TABLE4_GROUPS)
                    for _, d in years
                ],
            ),
        ],
    )
    documents = grouped_bar_chart(
        title=f"{name}历年制发规章和行政规范性文件情况（件）",
        categories=labels,
        series=[
            ("规章", [int(d.table2[t.RULES][t.ISSUED_THIS_YEAR]) for _, d in years]),
            (
                "行政规范性文件",
                [int(d.table2[t.NORMATIVE_DOCUMENTS][t.ISSUED_THIS_YEAR]) for _, d in years],
            ),
        ],
    )
    return [requests, outcomes, appeals, documents]


def _download(request: HttpRequest, report: AnnualReport) -> HttpResponse | None:
    wanted = request.GET.get("format")
    if wanted is None:
        return None
    document = document_for(report)
    filename = quote(report.title)
    if wanted == "docx":
        response = HttpResponse(report_docx(document), content_type=DOCX)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}.docx"
        return response
    if wanted == "pdf":
        try:
            content = report_pdf(document)
        except PdfUnavailable as error:
            return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}.pdf"
        return response
    raise Http404


def report_page(page, request: HttpRequest, unit: Unit, key: str) -> HttpResponse:
    """The report page (or its .docx / PDF with ``?format=``); 404 unless published."""
    report = find_public_report(unit, key)
    if report is None:
        raise Http404
    if download := _download(request, report):
        return download
    printing = request.GET.get("print") == "1"
    return page._render(
        request,
        "reports/portal/report.html",
        unit=unit,
        columns=COLUMNS,
        column=COLUMN,
        column_name=COLUMN.name,
        column_type=COLUMN.column_type,
        crumbs=[(COLUMN.name, page.unit_url(unit, COLUMN.slug)), (_("报告正文"), None)],
        report=report,
        charts=[]
        if printing or report.period != Period.ANNUAL
        else [{"id": f"chart-{i}", "chart": c} for i, c in enumerate(charts(report), start=1)],
        printing=printing,
        base_template="portal/print_base.html" if printing else "base.html",
        **body_context(document_for(report)),
    )


def report_url(report: AnnualReport) -> str:
    """The report's page on the portal ("" before the portal exists)."""
    from gongkai.portal.selectors import live_platform  # the portal imports this module

    platform = live_platform()
    if platform is None:
        return ""
    return platform.url + platform.reverse_subpage(
        "annual_report", args=[report.unit.code, report.portal_key]
    )


def sitemap_paths(page) -> list[str]:
    """Paths (below the platform page) of every published report, for the sitemap."""
    return [
        page.reverse_subpage("annual_report", args=[report.unit.code, report.portal_key])
        for report in public_reports()
    ]
