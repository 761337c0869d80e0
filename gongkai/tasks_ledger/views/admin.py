"""Staff screens of the task ledger (工作台账), in the Wagtail admin. Thin: reads come from
``selectors``, every write goes through ``services``, and every object is looked up in what
the user may see, so a URL outside the user's scope answers 404."""

from __future__ import annotations

from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.models import Unit
from gongkai.core.permissions import can, units_for
from gongkai.documents.selectors import public_documents

from .. import selectors, services
from ..domain.status import TaskStatus
from ..domain.tree import task_tree
from ..forms import (
    AliasForm,
    CloseoutDecisionForm,
    CloseoutRequestForm,
    ProgressForm,
    UnitChoiceForm,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(request, *, title: str, tasks, obj, unit: Unit) -> HttpResponse:
    try:
        content = services.tasks_export(
            actor=request.user,
            title=title,
            tasks=list(tasks.prefetch_related("progress_reports__unit")),
            obj=obj,
            unit=unit,
        )
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(title)}.xlsx"
    return response


class LedgerView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("task_ledger:plans"), "label": _("工作台账")},
            {"url": "", "label": self.get_page_title()},
        ]


class PlanIndexView(LedgerView):
    page_title = _("工作要点台账")
    template_name = "ledger/admin/plans.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("工作台账")}]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        plans = []
        for plan in selectors.visible_plans(self.request.user).order_by("-year", "-id"):
            tasks = selectors.with_statuses(selectors.plan_tasks(plan), today)
            plans.append((plan, len(tasks), _count(tasks)))
        # Plans come from importing their documents: the upload is offered where they are listed,
        # to those who may register documents (the importer's own rule).
        may_import = units_for(self.request.user, "document.edit").exists()
        return super().get_context_data(
            plans=plans,
            import_url=reverse("importer:upload") if may_import else "",
            **kwargs,
        )


def _count(tasks: list) -> dict[str, int]:
    """How many of the tasks (from `selectors.with_statuses`) are in each status."""
    return {status.value: sum(t.status == status for t in tasks) for status in TaskStatus}


class PlanView(LedgerView):
    template_name = "ledger/admin/plan.html"

    def get(self, request, pk):
        self.plan = get_object_or_404(selectors.visible_plans(request.user), pk=pk)
        tasks = selectors.plan_tasks(self.plan)
        if request.GET.get("export") == "xlsx":
            return _xlsx(
                request,
                title=f"{self.plan.title}落实情况台账",
                tasks=tasks,
                obj=self.plan,
                unit=self.plan.unit,
            )
        return super().get(request, pk=pk)

    def get_page_title(self):
        return self.plan.title

    def get_context_data(self, **kwargs):
        tasks = selectors.with_statuses(selectors.plan_tasks(self.plan), timezone.localdate())
        return super().get_context_data(
            plan=self.plan,
            tree=task_tree(tasks),
            counts=_count(tasks),
            plan_is_published=public_documents().filter(pk=self.plan.document_id).exists(),
            can_manage=can(self.request.user, "task.manage", self.plan.unit),
            **kwargs,
        )


class PlanPublicView(View):
    def post(self, request, pk):
        plan = get_object_or_404(selectors.visible_plans(request.user), pk=pk)
        is_public = request.POST.get("is_public") == "1"
        try:
            services.work_plan_set_public(actor=request.user, plan=plan, is_public=is_public)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                "已在门户网站公开落实情况。" if is_public else "已撤下门户网站上的落实情况。",
            )
        return redirect("task_ledger:plan", pk=plan.pk)


class TaskView(LedgerView):
    template_name = "ledger/admin/task.html"

    def dispatch(self, request, pk):
        tasks = selectors.with_progress(selectors.visible_tasks(request.user))
        self.task = get_object_or_404(tasks.select_related("plan__unit"), pk=pk)
        return super().dispatch(request, pk=pk)

    def get_page_title(self):
        return self.task.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("task_ledger:plans"), "label": _("工作台账")},
            {
                "url": reverse("task_ledger:plan", args=[self.task.plan_id]),
                "label": self.task.plan.title,
            },
            {"url": "", "label": self.task.title},
        ]

    def _forms(self, data=None, files=None, which: str = ""):
        user, task = self.request.user, self.task
        report_units = [
            u for u in units_for(user, "task.report") if selectors.may_report_for(task, u)
        ]
        close_units = [u for u in selectors.accountable_units(task) if can(user, "task.close", u)]
        pending = task.closeout_requested_at is not None and task.closed_at is None

        def bound(name: str) -> dict:
            # Prefixed, so that the forms of one page have distinct field ids.
            given = {"data": data, "files": files} if which == name else {}
            return {**given, "prefix": name}

        forms = {}
        if report_units:
            forms["progress"] = ProgressForm(
                **bound("progress"),
                units=Unit.objects.filter(pk__in=[u.pk for u in report_units]),
                documents=public_documents().filter(unit__in=units_for(user, "task.report")),
            )
        if close_units and task.closed_at is None and not pending:
            forms["closeout"] = CloseoutRequestForm(
                **bound("closeout"),
                units=Unit.objects.filter(pk__in=[u.pk for u in close_units]),
            )
        if pending and can(user, "task.confirm", task.plan.unit):
            forms["decision"] = CloseoutDecisionForm(**bound("decision"))
        return forms

    def get_context_data(self, forms=None, **kwargs):
        task = self.task
        # Where the shared status badge (`_status.html`) reads it, as `with_statuses` sets it.
        task.status = selectors.status_of(task, timezone.localdate())
        return super().get_context_data(
            task=task,
            reports=task.progress_reports.select_related(
                "unit", "evidence_file", "published_document"
            ),
            accountable=selectors.accountable_units(task),
            forms=forms if forms is not None else self._forms(),
            **kwargs,
        )

    def post(self, request, pk):
        which = request.POST.get("form", "")
        forms = self._forms(request.POST, request.FILES, which)
        form = forms.get(which)
        if form is None:
            raise PermissionDenied("您不能在此任务上执行该操作。")
        if form.is_valid():
            try:
                message = self._save(which, form.cleaned_data)
            except PermissionDeniedError as error:
                raise PermissionDenied(str(error)) from error
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, message)
                return redirect("task_ledger:task", pk=self.task.pk)
        return self.render_to_response(self.get_context_data(forms=forms))

    def _save(self, which: str, data: dict) -> str:
        user, task = self.request.user, self.task
        if which == "progress":
            services.progress_report_create(actor=user, task=task, **data)
            return "已报送进展情况。"
        if which == "closeout":
            services.task_request_closeout(actor=user, task=task, **data)
            return "已申请销号，等待政务公开主管部门确认。"
        if data["decision"] == "confirm":
            services.task_confirm_closeout(actor=user, task=task)
            return "已确认销号，该任务已完成。"
        services.task_reject_closeout(actor=user, task=task, reason=data["reason"])
        return "已退回销号申请。"


class UnitTasksView(LedgerView):
    page_title = _("本单位任务")
    template_name = "ledger/admin/unit_tasks.html"

    def get(self, request):
        units = units_for(request.user, "task.view")
        form = UnitChoiceForm(request.GET or None, units=units)
        self.unit = (form.is_valid() and form.cleaned_data["unit"]) or _home_unit(request.user)
        if self.unit is None:
            raise PermissionDenied("您没有可查看台账的单位。")
        self.form = (
            form if form.is_bound else UnitChoiceForm(initial={"unit": self.unit}, units=units)
        )
        if request.GET.get("export") == "xlsx":
            return _xlsx(
                request,
                title=f"{self.unit.name}工作任务台账",
                tasks=selectors.unit_tasks(self.unit),
                obj=self.unit,
                unit=self.unit,
            )
        return super().get(request)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            form=self.form,
            unit=self.unit,
            lead=selectors.with_statuses(selectors.unit_tasks(self.unit, lead=True), today),
            responsible=selectors.with_statuses(selectors.unit_tasks(self.unit, lead=False), today),
            **kwargs,
        )


def _home_unit(user) -> Unit | None:
    """The highest unit the user holds a role on: where a list starts before a choice."""
    return units_for(user, "task.view").order_by("depth", "path").first()


class OverdueView(LedgerView):
    page_title = _("逾期任务")
    template_name = "ledger/admin/overdue.html"

    def get(self, request):
        self.unit = units_for(request.user, "task.confirm").order_by("depth", "path").first()
        if self.unit is None:
            raise PermissionDenied("只有政务公开主管部门可以查看逾期任务。")
        if request.GET.get("export") == "xlsx":
            return _xlsx(
                request,
                title="逾期任务台账",
                tasks=selectors.overdue_tasks(request.user, timezone.localdate()),
                obj=self.unit,
                unit=self.unit,
            )
        return super().get(request)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            tasks=selectors.with_statuses(selectors.overdue_tasks(self.request.user, today), today),
            pending=selectors.pending_closeouts(self.request.user),
            today=today,
            **kwargs,
        )


class UnitNamesView(LedgerView):
    page_title = _("单位名称对应")
    template_name = "ledger/admin/names.html"

    def dispatch(self, request, *args, **kwargs):
        self.units = units_for(request.user, "task.manage")
        if not self.units.exists():
            raise PermissionDenied("只有政务公开主管部门和管理员可以对应单位名称。")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        rows = []
        for name, count in selectors.unmatched_names(self.request.user):
            # The form just posted for this name keeps its errors; the others start empty.
            if form is None or form.data.get("name") != name:
                row_form = AliasForm(initial={"name": name}, units=self.units)
            else:
                row_form = form
            rows.append((name, count, row_form))
        return super().get_context_data(names=rows, **kwargs)

    def post(self, request):
        form = AliasForm(request.POST, units=self.units)
        if form.is_valid():
            try:
                alias = services.unit_alias_create(
                    actor=request.user,
                    name=form.cleaned_data["name"],
                    unit=form.cleaned_data["unit"],
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"已将“{alias.name}”对应到“{alias.unit.name}”。")
                return redirect("task_ledger:names")
        if not form.data.get("name"):
            raise Http404
        return self.render_to_response(self.get_context_data(form=form))
