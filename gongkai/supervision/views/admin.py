"""Staff screens of supervision (网站与政务新媒体监管) in the Wagtail admin. Thin: reads come
from ``selectors``, writes go through ``services``, and every record is looked up among those
the user may see, so another unit's id answers 404."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.domain.errors import DomainError
from gongkai.core.pdf import PdfUnavailable
from gongkai.core.permissions import can, units_for

from .. import render, selectors, services
from ..domain.accounts import PLATFORM_LABELS, STATUS_LABELS
from ..domain.findings import SITE_KINDS
from ..domain.labels import kind_label
from ..domain.rectification import STATE_LABELS, RectificationState
from ..forms import (
    AccountForm,
    FixedForm,
    LastPostForm,
    ScoringForm,
    SiteForm,
    StatusForm,
    UnitForm,
    WordingForm,
)
from ..models import ScoringItem, WordingEntry

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MANAGE = "supervision.manage"


class SupervisionView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "site"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("supervision:sites"), "label": _("网站与新媒体监管")},
            {"url": "", "label": self.get_page_title()},
        ]

    def _done(self, message: str, to: str):
        messages.success(self.request, message)
        return redirect(to)


def _manage_units(user):
    units = units_for(user, MANAGE).order_by("path")
    if not units.exists():
        raise PermissionDenied("只有政务公开主管部门和管理员可以进行此操作。")
    return units


# --- Sites --------------------------------------------------------------------------------------


class SitesView(SupervisionView):
    page_title = _("网站")
    template_name = "supervision/admin/sites.html"

    def get_context_data(self, **kwargs):
        rows = [
            (site, selectors.latest_run(site), site.findings.exclude(state="confirmed").count())
            for site in selectors.visible_sites(self.request.user)
        ]
        may_manage = units_for(self.request.user, MANAGE).exists()
        return super().get_context_data(rows=rows, may_manage=may_manage, **kwargs)


def _site_fields(data) -> services.SiteFields:
    return services.SiteFields(
        name=data["name"],
        home_url=data["home_url"],
        site_code=data["site_code"],
        hosts=data["hosts"],
        contact_name=data["contact_name"],
        contact_phone=data["contact_phone"],
        contact_email=data["contact_email"],
        is_platform=data["is_platform"],
        is_active=data["is_active"],
    )


class SiteEditView(SupervisionView):
    template_name = "supervision/admin/form.html"

    def dispatch(self, request, pk=None):
        self.units = _manage_units(request.user)
        self.site = None
        if pk is not None:
            self.site = get_object_or_404(selectors.visible_sites(request.user), pk=pk)
            if not can(request.user, MANAGE, self.site.unit):
                raise PermissionDenied("只有政务公开主管部门和管理员可以修改网站登记。")
        return super().dispatch(request)

    def get_page_title(self):
        return _("修改网站登记") if self.site else _("登记网站")

    def _form(self, data=None):
        initial = {}
        if self.site:
            initial = {
                name: getattr(self.site, name) for name in SiteForm.base_fields if name != "unit"
            } | {"unit": self.site.unit}
        return SiteForm(data, units=self.units, initial=initial)

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(form=form or self._form(), **kwargs)

    def post(self, request):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                unit, fields = form.cleaned_data["unit"], _site_fields(form.cleaned_data)
                if self.site is None:
                    site = services.site_register(actor=request.user, unit=unit, fields=fields)
                else:
                    site = services.site_update(
                        actor=request.user, site=self.site, unit=unit, fields=fields
                    )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                return self._done(
                    f"已保存网站“{site.name}”。", reverse("supervision:site", args=[site.pk])
                )
        return self.render_to_response(self.get_context_data(form=form))


class SiteView(SupervisionView):
    template_name = "supervision/admin/site.html"

    def dispatch(self, request, pk):
        self.site = get_object_or_404(selectors.visible_sites(request.user), pk=pk)
        return super().dispatch(request)

    def get_page_title(self):
        return self.site.name

    def get_context_data(self, **kwargs):
        findings = selectors.visible_findings(self.request.user).filter(site=self.site)
        kind = self.request.GET.get("kind", "")
        state = self.request.GET.get("state", "")
        if kind in SITE_KINDS:
            findings = findings.filter(kind=kind)
        if state in STATE_LABELS:
            findings = findings.filter(state=state)
        return super().get_context_data(
            site=self.site,
            runs=self.site.runs.all()[:30],
            findings=findings[:500],
            kinds=[(k, kind_label(k)) for k in SITE_KINDS],
            states=[(s.value, label) for s, label in STATE_LABELS.items()],
            kind=kind,
            state=state,
            may_manage=can(self.request.user, MANAGE, self.site.unit),
            **kwargs,
        )


class RunView(SupervisionView):
    template_name = "supervision/admin/run.html"

    def dispatch(self, request, pk):
        self.run = get_object_or_404(selectors.visible_runs(request.user), pk=pk)
        return super().dispatch(request)

    def get_page_title(self):
        return f"{self.run.site.name} {self.run.day:%Y-%m-%d} 检查结果"

    def get_context_data(self, **kwargs):
        deductions = [{**d, "label": kind_label(d["kind"])} for d in self.run.deductions]
        return super().get_context_data(
            run=self.run,
            deductions=deductions,
            verdict=selectors.run_verdict(self.run),
            findings=self.run.findings.select_related("assigned_unit").order_by("kind", "url"),
            **kwargs,
        )


# --- Rectification ------------------------------------------------------------------------------


class RectificationView(SupervisionView):
    page_title = _("问题整改")
    template_name = "supervision/admin/rectification.html"

    def get_context_data(self, **kwargs):
        findings = (
            selectors.visible_findings(self.request.user)
            .exclude(state=RectificationState.CONFIRMED)
            .order_by("due_on", "id")
        )
        return super().get_context_data(
            findings=findings[:500], today=timezone.localdate(), **kwargs
        )


class FindingView(SupervisionView):
    template_name = "supervision/admin/finding.html"

    def dispatch(self, request, pk):
        self.finding = get_object_or_404(selectors.visible_findings(request.user), pk=pk)
        return super().dispatch(request)

    def get_page_title(self):
        return f"{self.finding.get_kind_display()}：{self.finding.site.name}"

    def get_context_data(self, fixed_form=None, assign_form=None, **kwargs):
        user = self.request.user
        finding = self.finding
        may_fix = finding.state == RectificationState.OPEN and can(
            user, "supervision.rectify", finding.assigned_unit
        )
        may_assign = finding.state != RectificationState.CONFIRMED and can(
            user, MANAGE, finding.site.unit
        )
        return super().get_context_data(
            finding=finding,
            runs=finding.runs.order_by("-day")[:20],
            fixed_form=(fixed_form or FixedForm()) if may_fix else None,
            assign_form=(assign_form or UnitForm(units=units_for(user, MANAGE).order_by("path")))
            if may_assign
            else None,
            **kwargs,
        )

    def post(self, request):
        if "unit" in request.POST:
            form = UnitForm(request.POST, units=units_for(request.user, MANAGE))
            if form.is_valid():
                try:
                    services.finding_assign(
                        actor=request.user, finding=self.finding, unit=form.cleaned_data["unit"]
                    )
                except DomainError as error:
                    form.add_error(None, str(error))
                else:
                    return self._done("已更改整改单位。", request.path)
            return self.render_to_response(self.get_context_data(assign_form=form))
        form = FixedForm(request.POST)
        if form.is_valid():
            try:
                services.finding_mark_fixed(
                    actor=request.user,
                    finding=self.finding,
                    fixed_on=form.cleaned_data["fixed_on"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                return self._done("已标记为已整改，下次检查时自动复核。", request.path)
        return self.render_to_response(self.get_context_data(fixed_form=form))


# --- Accounts -----------------------------------------------------------------------------------


class AccountsView(SupervisionView):
    page_title = _("政务新媒体账号")
    template_name = "supervision/admin/accounts.html"

    def get_context_data(self, **kwargs):
        accounts = selectors.visible_accounts(self.request.user)
        platform = self.request.GET.get("platform", "")
        status = self.request.GET.get("status", "")
        if platform in {p.value for p in PLATFORM_LABELS}:
            accounts = accounts.filter(platform=platform)
        if status in {s.value for s in STATUS_LABELS}:
            accounts = accounts.filter(status=status)
        open_findings = selectors.visible_account_findings(self.request.user).filter(
            resolved_on=None
        )
        by_account: dict[int, list[str]] = {}
        for finding in open_findings:
            by_account.setdefault(finding.account_id, []).append(finding.get_kind_display())
        return super().get_context_data(
            rows=[(a, by_account.get(a.pk, [])) for a in accounts[:1000]],
            platforms=[(p.value, label) for p, label in PLATFORM_LABELS.items()],
            statuses=[(s.value, label) for s, label in STATUS_LABELS.items()],
            platform=platform,
            status=status,
            may_add=units_for(self.request.user, "newmedia.manage").exists(),
            **kwargs,
        )


def _account_fields(data) -> services.AccountFields:
    return services.AccountFields(
        platform=data["platform"],
        name=data["name"],
        account_id=data["account_id"],
        kind=data["kind"],
        responsible=data["responsible"],
        last_post_on=data["last_post_on"],
        feed_url=data["feed_url"],
        has_interaction=data["has_interaction"],
    )


class AccountEditView(SupervisionView):
    template_name = "supervision/admin/form.html"

    def dispatch(self, request, pk=None):
        self.units = units_for(request.user, "newmedia.manage").order_by("path")
        if not self.units.exists():
            raise PermissionDenied("您不能登记政务新媒体账号。")
        self.account = None
        if pk is not None:
            self.account = get_object_or_404(selectors.visible_accounts(request.user), pk=pk)
            if not can(request.user, "newmedia.manage", self.account.unit):
                raise PermissionDenied("您不能修改该账号。")
        return super().dispatch(request)

    def get_page_title(self):
        return _("修改账号") if self.account else _("登记政务新媒体账号")

    def _form(self, data=None):
        initial = {}
        units = self.units
        if self.account:
            initial = {
                name: getattr(self.account, name)
                for name in AccountForm.base_fields
                if name != "unit"
            } | {"unit": self.account.unit}
            # The unit of an account is changed by a status step (整合), not here.
            units = units.filter(pk=self.account.unit_id)
        return AccountForm(data, units=units, initial=initial)

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(form=form or self._form(), **kwargs)

    def post(self, request):
        form = self._form(request.POST)
        if form.is_valid():
            fields = _account_fields(form.cleaned_data)
            try:
                if self.account is None:
                    account = services.account_register(
                        actor=request.user, unit=form.cleaned_data["unit"], fields=fields
                    )
                else:
                    account = services.account_update(
                        actor=request.user, account=self.account, fields=fields
                    )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                return self._done(
                    f"已保存账号{account}。", reverse("supervision:account", args=[account.pk])
                )
        return self.render_to_response(self.get_context_data(form=form))


class AccountView(SupervisionView):
    template_name = "supervision/admin/account.html"

    def dispatch(self, request, pk):
        self.account = get_object_or_404(selectors.visible_accounts(request.user), pk=pk)
        return super().dispatch(request)

    def get_page_title(self):
        return str(self.account)

    def get_context_data(self, status_form=None, post_form=None, **kwargs):
        may_edit = can(self.request.user, "newmedia.manage", self.account.unit)
        return super().get_context_data(
            account=self.account,
            steps=self.account.steps.all(),
            findings=self.account.findings.all()[:100],
            may_edit=may_edit,
            status_form=(status_form or StatusForm()) if may_edit else None,
            post_form=(post_form or LastPostForm()) if may_edit else None,
            **kwargs,
        )

    def post(self, request):
        if "last_post_on" in request.POST:
            form = LastPostForm(request.POST)
            if form.is_valid():
                try:
                    services.account_set_last_post(
                        actor=request.user,
                        account=self.account,
                        on=form.cleaned_data["last_post_on"],
                        source="entered",
                    )
                except DomainError as error:
                    form.add_error(None, str(error))
                else:
                    return self._done("已更新最后更新日期。", request.path)
            return self.render_to_response(self.get_context_data(post_form=form))
        form = StatusForm(request.POST)
        if form.is_valid():
            try:
                services.account_change_status(
                    actor=request.user, account=self.account, **form.cleaned_data
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                return self._done("已记录状态变更。", request.path)
        return self.render_to_response(self.get_context_data(status_form=form))


class WarningsView(SupervisionView):
    page_title = _("政务新媒体周预警")
    template_name = "supervision/admin/warnings.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            warnings=selectors.visible_warnings(self.request.user)[:200], **kwargs
        )


class WarningView(SupervisionView):
    template_name = "supervision/admin/warning.html"

    def dispatch(self, request, pk):
        self.warning = get_object_or_404(selectors.visible_warnings(request.user), pk=pk)
        return super().dispatch(request)

    def get_page_title(self):
        return f"{self.warning.unit.name} {self.warning.week_of:%Y-%m-%d}当周预警"

    def get_context_data(self, **kwargs):
        return super().get_context_data(warning=self.warning, **kwargs)


# --- Statistics and bulletin --------------------------------------------------------------------


def _month(text: str) -> tuple[date, date]:
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in text.split("-"))
        start = date(year, month, 1)
    except ValueError:
        start = today.replace(day=1)
    following = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start, date.fromordinal(following.toordinal() - 1)


class MonthlyView(SupervisionView):
    page_title = _("月度统计")
    template_name = "supervision/admin/monthly.html"

    def get_context_data(self, **kwargs):
        start, end = _month(self.request.GET.get("month", ""))
        user = self.request.user
        rows = selectors.site_period(selectors.visible_sites(user), start, end)
        kinds = selectors.kinds_in(rows)
        units = selectors.unit_period(rows, selectors.visible_accounts(user), start, end)
        return super().get_context_data(
            start=start,
            end=end,
            month=f"{start:%Y-%m}",
            rows=[(row, [row.by_kind.get(k, 0) for k in kinds]) for row in rows],
            kind_labels=[kind_label(k) for k in kinds],
            units=[
                (u, ", ".join(f"{kind_label(k)} {n}" for k, n in u.account_findings.items()))
                for u in units
            ],
            **kwargs,
        )


def _quarter(request) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", ""))
        quarter = int(request.GET.get("quarter", ""))
    except ValueError:
        # The default is the quarter that ended last: the one a bulletin is written about.
        previous = (today.month - 1) // 3
        year, quarter = (today.year, previous) if previous else (today.year - 1, 4)
    if not (2000 <= year <= today.year + 1 and 1 <= quarter <= 4):
        raise Http404
    return year, quarter


class BulletinView(SupervisionView):
    page_title = _("季度通报")
    template_name = "supervision/admin/bulletin.html"

    def get(self, request, fmt=None):
        self.data = self._bulletin()
        if fmt == "docx":
            return _download(render.bulletin_docx(self.data), DOCX, f"{self.data.title}.docx")
        if fmt == "pdf":
            try:
                content = render.bulletin_pdf(self.data)
            except PdfUnavailable as error:
                messages.error(request, str(error))
                return redirect(f"{reverse('supervision:bulletin')}?{request.GET.urlencode()}")
            return _download(content, "application/pdf", f"{self.data.title}.pdf")
        if fmt is not None:
            raise Http404
        return super().get(request)

    def _bulletin(self) -> render.Bulletin:
        user = self.request.user
        year, quarter = _quarter(self.request)
        office = units_for(user, "supervision.view").order_by("depth", "path").first()
        return render.bulletin(
            sites=selectors.visible_sites(user),
            accounts=selectors.visible_accounts(user),
            year=year,
            quarter=quarter,
            office=office.name if office else "",
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            bulletin=self.data, query=self.request.GET.urlencode(), **kwargs
        )


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


# --- Settings: scoring points and the wording dictionary ----------------------------------------


class SettingsView(SupervisionView):
    page_title = _("扣分分值与表述错误词典")
    template_name = "supervision/admin/settings.html"

    def dispatch(self, request):
        self.units = _manage_units(request.user)
        return super().dispatch(request)

    def _scoring(self, data=None):
        current = {i.kind: (i.each, i.cap) for i in ScoringItem.objects.all()}
        return ScoringForm(data, current=current)

    def get_context_data(self, scoring_form=None, wording_form=None, **kwargs):
        return super().get_context_data(
            scoring_form=scoring_form or self._scoring(),
            wording_form=wording_form or WordingForm(),
            entries=WordingEntry.objects.all()[:500],
            **kwargs,
        )

    def post(self, request):
        unit = self.units.first()
        if "file" in request.FILES:
            form = WordingForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    count = services.wording_import(
                        actor=request.user,
                        unit=unit,
                        text=form.cleaned_data["file"],
                        replace=form.cleaned_data["replace"],
                    )
                except DomainError as error:
                    form.add_error(None, str(error))
                else:
                    return self._done(f"已导入{count}个词条。", request.path)
            return self.render_to_response(self.get_context_data(wording_form=form))
        form = self._scoring(request.POST)
        if form.is_valid():
            try:
                services.scoring_set(actor=request.user, unit=unit, points=form.points())
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                return self._done("已保存扣分分值。", request.path)
        return self.render_to_response(self.get_context_data(scoring_form=form))
