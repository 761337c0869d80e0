"""Published annual reports as a search kind (registered from ``ReportsConfig.ready``): the
unit's own text sections and the figures a citizen looks for. Drafts are never indexed; the
services re-index a report when it is published or withdrawn."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.search.registry import SearchKind, register_kind

from .models import AnnualReport
from .portal import report_url
from .selectors import public_reports


def _body(report: AnnualReport) -> str:
    return "\n".join(filter(None, [report.overview, report.problems, report.other_matters]))


REPORTS = SearchKind(
    name="annualreport",
    label=_("年度报告"),
    model=AnnualReport,
    public=public_reports,
    title=lambda report: report.title,
    body=_body,
    url=report_url,
    units=lambda report: [report.unit],
    date=lambda report: timezone.localdate(report.published_at) if report.published_at else None,
)


def register() -> None:
    register_kind(REPORTS)
