"""Staff screens of the assessment, in the Wagtail admin. Thin: reads come from ``selectors``,
writes go through ``services``. The office that runs a scheme (``assessment.manage`` on its
unit) sees every result; a unit's own staff (``assessment.view``) see their unit's page only.
Every object is looked up in what the user may see, so a URL outside it answers 404."""

from __future__ import annotations

from decimal import Decimal as D
from urllib.parse import quote

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit
from gongkai.core.pdf import PdfUnavailable
from gongkai.core.permissions import can, units_for

from .. import registry, selectors, services
from ..domain.scoring import Rule, RuleKind
from ..domain.states import OBJECTION_STATE_LABELS, PROBLEM_STATE_LABELS
from ..forms import (
    CloseForm,
    DecisionForm,
    EnteredScoreForm,
    HeadingForm,
    ItemEditForm,
    ItemForm,
    ObjectionForm,
    ProblemForm,
    ReopenForm,
    SchemeForm,
)
from ..models import Item, Objection, Problem, Scheme
from ..render import bulletin, bulletin_docx, bulletin_pdf, results_xlsx, value_text

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _managed_schemes(user):
    return Scheme.objects.filter(unit__in=units_for(user, "assessment.manage")).select_related(
        "unit"
    )


def _may_see_unit(user, scheme: Scheme, unit: Unit) -> bool:
    return can(user, "assessment.manage", scheme.unit) or can(user, "assessment.view", unit)


class AssessmentView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "clipboard-list"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("assessment:schemes"), "label": _("年度考核")},
            {"url": "", "label": self.get_page_title()},
        ]


class SchemeIndexView(AssessmentView):
    page_title = _("年度考核")
    template_name = "assessment/admin/schemes.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("年度考核")}]

    def get_context_data(self, **kwargs):
        user = self.request.user
        managed = list(_managed_schemes(user).order_by("-year"))
        # A unit's staff: their own pages in the schemes that assess their units.
        own_units = units_for(user, "assessment.view")
        own = []
        for scheme in Scheme.objects.select_related("unit").order_by("-year"):
            if scheme in managed:
                continue
            for unit in selectors.assessed_units(scheme).filter(pk__in=own_units):
                own.append((scheme, unit))
        offices = units_for(user, "assessment.manage")
        return super().get_context_data(
            managed=managed,
            own=own,
            scheme_form=SchemeForm(units=offices) if offices.exists() else None,
            **kwargs,
        )


class SchemeView(AssessmentView):
    template_name = "assessment/admin/scheme.html"

    def get(self, request, pk):
        self.scheme = get_object_or_404(_managed_schemes(request.user), pk=pk)
        fmt = request.GET.get("format")
        if fmt in CONTENT_TYPES:
            return self._download(fmt)
        return super().get(request, pk=pk)

    def _download(self, fmt: str) -> HttpResponse:
        scheme = self.scheme
        results = selectors.scheme_results(scheme)
        name = f"{scheme.year}年度政务公开考核"
        if fmt == "xlsx":
            content = results_xlsx(results)
            name += "得分"
        else:
            document = bulletin(
                results, list(selectors.problems(scheme)), list(selectors.objections(scheme))
            )
            try:
                content = bulletin_docx(document) if fmt == "docx" else bulletin_pdf(document)
            except PdfUnavailable as error:
                messages.error(self.request, str(error))
                return redirect("assessment:scheme", pk=scheme.pk)
            name += "结果通报"
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{fmt}"
        return response

    def get_page_title(self):
        return self.scheme.title

    def get_context_data(self, **kwargs):
        results = selectors.scheme_results(self.scheme)
        return super().get_context_data(
            scheme=self.scheme,
            groups=results.groups(),
            items=self.scheme.items.select_related("heading"),
            problems=selectors.problems(self.scheme),
            objections=selectors.objections(self.scheme),
            problem_labels=PROBLEM_STATE_LABELS,
            objection_labels=OBJECTION_STATE_LABELS,
            decision_form=DecisionForm(),
            reopen_form=ReopenForm(),
            problem_form=ProblemForm(units=selectors.assessed_units(self.scheme)),
            **kwargs,
        )


def _scheme_and_unit(request, pk: int, unit_pk: int) -> tuple[Scheme, Unit]:
    scheme = get_object_or_404(Scheme.objects.select_related("unit"), pk=pk)
    unit = get_object_or_404(selectors.assessed_units(scheme), pk=unit_pk)
    if not _may_see_unit(request.user, scheme, unit):
        raise Http404
    return scheme, unit


class UnitView(AssessmentView):
    """A unit's own page: its score and rank, where it loses points and what to do, its
    problems to fix and its objections."""

    template_name = "assessment/admin/unit.html"

    def get(self, request, pk, unit_pk):
        self.scheme, self.unit = _scheme_and_unit(request, pk, unit_pk)
        return super().get(request, pk=pk, unit_pk=unit_pk)

    def get_page_title(self):
        return f"{self.unit.name}：{self.scheme.year}年度考核"

    def get_context_data(self, **kwargs):
        user = self.request.user
        results = selectors.scheme_results(self.scheme)
        mine = next(r for r in results.units if r.unit.pk == self.unit.pk)
        group_size = sum(1 for r in results.units if r.group == mine.group and r.rank)
        lines = [(line, value_text(line)) for line in mine.indicators]
        losing = sorted((line for line in mine.indicators if line.lost > 0), key=lambda x: -x.lost)
        return super().get_context_data(
            scheme=self.scheme,
            unit=self.unit,
            result=mine,
            group_size=group_size,
            lines=lines,
            losing=losing,
            problems=selectors.problems(self.scheme, self.unit),
            objections=selectors.objections(self.scheme, self.unit),
            problem_labels=PROBLEM_STATE_LABELS,
            objection_labels=OBJECTION_STATE_LABELS,
            may_object=can(user, "assessment.object", self.unit),
            may_rectify=can(user, "assessment.rectify", self.unit),
            may_manage=can(user, "assessment.manage", self.scheme.unit),
            objection_form=ObjectionForm(),
            close_form=CloseForm(),
            score_form=EnteredScoreForm(),
            **kwargs,
        )


class EvidenceView(AssessmentView):
    """The records behind one figure (drill-down)."""

    template_name = "assessment/admin/evidence.html"

    def get(self, request, pk, unit_pk, item_pk):
        self.scheme, self.unit = _scheme_and_unit(request, pk, unit_pk)
        self.item = get_object_or_404(self.scheme.items, pk=item_pk)
        if self.unit.kind not in self.item.groups:
            raise Http404
        return super().get(request, pk=pk, unit_pk=unit_pk, item_pk=item_pk)

    def get_page_title(self):
        return f"{self.unit.name}：{self.item.label}"

    def get_context_data(self, **kwargs):
        indicator = registry.get_indicator(self.item.key) if self.item.key else None
        rows = (
            list(indicator.evidence(year=self.scheme.year, unit_id=self.unit.pk))
            if indicator
            else []
        )
        entries = self.item.entered_scores.filter(unit=self.unit) if self.item.entered else []
        return super().get_context_data(
            scheme=self.scheme,
            unit=self.unit,
            item=self.item,
            indicator=indicator,
            rows=rows,
            entries=entries,
            **kwargs,
        )


class _Action(View):
    """A POST that calls one service; a DomainError comes back as the page's message."""

    form_class = None

    def post(self, request, **kwargs):
        form = self.form_class(request.POST, request.FILES)
        target = self.target(request, **kwargs)
        if not form.is_valid():
            errors = "；".join(str(e) for field in form.errors.values() for e in field)
            messages.error(request, errors)
            return redirect(self.back)
        try:
            self.act(request, target, form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, self.done)
        return redirect(self.back)


class ObjectionFileView(_Action):
    form_class = ObjectionForm
    done = _("异议已提交，等待考核办处理。")

    def target(self, request, pk, unit_pk, item_pk):
        scheme, unit = _scheme_and_unit(request, pk, unit_pk)
        self.back = reverse("assessment:unit", args=[pk, unit_pk])
        return get_object_or_404(scheme.items, pk=item_pk), unit

    def act(self, request, target, data):
        item, unit = target
        services.objection_file(actor=request.user, item=item, unit=unit, reason=data["reason"])


class ObjectionDecideView(_Action):
    form_class = DecisionForm
    done = _("已记录处理意见。")

    def target(self, request, pk):
        objection = get_object_or_404(
            Objection.objects.filter(item__scheme__in=_managed_schemes(request.user)), pk=pk
        )
        self.back = reverse("assessment:scheme", args=[objection.item.scheme_id])
        return objection

    def act(self, request, objection, data):
        services.objection_decide(
            actor=request.user,
            objection=objection,
            upheld=data["upheld"],
            decision=data["decision"],
            corrected_points=data["corrected_points"],
        )


def _visible_problem(request, pk: int) -> Problem:
    problem = get_object_or_404(Problem.objects.select_related("scheme__unit", "unit"), pk=pk)
    if not _may_see_unit(request.user, problem.scheme, problem.unit):
        raise Http404
    return problem


class ProblemCloseView(_Action):
    form_class = CloseForm
    done = _("问题已销号。")

    def target(self, request, pk):
        problem = _visible_problem(request, pk)
        self.back = reverse("assessment:unit", args=[problem.scheme_id, problem.unit_id])
        return problem

    def act(self, request, problem, data):
        services.problem_close(
            actor=request.user,
            problem=problem,
            closed_on=data["closed_on"],
            proof=data["proof"],
            proof_upload=data["proof_file"],
        )


class ProblemReopenView(_Action):
    form_class = ReopenForm
    done = _("问题已重新打开，等待整改。")

    def target(self, request, pk):
        problem = _visible_problem(request, pk)
        self.back = reverse("assessment:scheme", args=[problem.scheme_id])
        return problem

    def act(self, request, problem, data):
        services.problem_reopen(
            actor=request.user,
            problem=problem,
            rechecked_on=data["rechecked_on"],
            reason=data["reason"],
        )


class ScoreEnterView(_Action):
    form_class = EnteredScoreForm
    done = _("得分已录入。")

    def target(self, request, pk, unit_pk, item_pk):
        scheme, unit = _scheme_and_unit(request, pk, unit_pk)
        self.back = reverse("assessment:unit", args=[pk, unit_pk])
        return get_object_or_404(Item.objects.filter(scheme=scheme), pk=item_pk), unit

    def act(self, request, target, data):
        item, unit = target
        services.score_enter(
            actor=request.user,
            item=item,
            unit=unit,
            points=data["points"],
            not_applicable=data["not_applicable"],
            note=data["note"],
            evidence=data["evidence"],
        )


class SchemeSetupView(AssessmentView):
    """The office sets up its scheme: headings, indicators, weights, rules and unit groups,
    while no score has been entered and no unit has objected (``services.scheme_editable``)."""

    template_name = "assessment/admin/setup.html"

    def get(self, request, pk):
        self.scheme = get_object_or_404(_managed_schemes(request.user), pk=pk)
        return super().get(request, pk=pk)

    def get_page_title(self):
        return _("设置考核办法：%(title)s") % {"title": self.scheme.title}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            scheme=self.scheme,
            headings=self.scheme.headings.prefetch_related("items"),
            editable=services.scheme_editable(self.scheme),
            heading_form=HeadingForm(),
            item_form=ItemForm(scheme=self.scheme),
            **kwargs,
        )


class SchemeCreateView(_Action):
    done = _("考核方案已创建，请设置考核项目和指标。")
    back = ""

    def post(self, request, **kwargs):
        self.form_class = lambda *args: SchemeForm(
            *args, units=units_for(request.user, "assessment.manage")
        )
        return super().post(request, **kwargs)

    def target(self, request):
        self.back = reverse("assessment:schemes")

    def act(self, request, target, data):
        if data["copy_last_year"]:
            source = Scheme.objects.filter(unit=data["unit"], year=data["year"] - 1).first()
            if source is None:
                raise DomainError(
                    f"“{data['unit'].name}”没有{data['year'] - 1}年度的考核方案，无法复制。"
                )
            scheme = services.scheme_copy(
                actor=request.user, source=source, year=data["year"], title=data["title"]
            )
        else:
            scheme = services.scheme_create(
                actor=request.user,
                unit=data["unit"],
                year=data["year"],
                title=data["title"],
                full_score=data["full_score"],
                basis=data["basis"],
            )
        self.back = reverse("assessment:setup", args=[scheme.pk])


class _SchemeAction(_Action):
    def target(self, request, pk):
        scheme = get_object_or_404(_managed_schemes(request.user), pk=pk)
        self.back = reverse("assessment:setup", args=[scheme.pk])
        return scheme


class HeadingAddView(_SchemeAction):
    form_class = HeadingForm
    done = _("考核项目已添加。")

    def act(self, request, scheme, data):
        services.heading_add(actor=request.user, scheme=scheme, title=data["title"])


def _rule(data) -> Rule:
    """The rule an indicator form describes; rates are typed in percent."""
    hundred = D(100)
    return Rule(
        kind=RuleKind(data["rule"]),
        max_points=data["max_points"],
        full_at=(data["full_at"] if data["full_at"] is not None else hundred) / hundred,
        zero_at=(data["zero_at"] or D(0)) / hundred,
        per_item=data["per_item"] or D(0),
        cap=data["cap"],
    )


class ItemAddView(_SchemeAction):
    done = _("考核指标已添加。")

    def post(self, request, pk):
        scheme = get_object_or_404(_managed_schemes(request.user), pk=pk)
        self.form_class = lambda *args: ItemForm(*args, scheme=scheme)
        return super().post(request, pk=pk)

    def act(self, request, scheme, data):
        services.item_add(
            actor=request.user,
            heading=data["heading"],
            rule=_rule(data),
            groups=data["groups"],
            key=data["key"],
            label=data["label"],
            guidance=data["guidance"],
        )


def _managed_item(request, pk: int) -> Item:
    return get_object_or_404(
        Item.objects.filter(scheme__in=_managed_schemes(request.user)).select_related("scheme"),
        pk=pk,
    )


class ItemEditView(AssessmentView):
    """One indicator's form, filled in; saving goes through ``services.item_update``."""

    template_name = "assessment/admin/item_edit.html"

    def dispatch(self, request, pk):
        self.item = _managed_item(request, pk)
        return super().dispatch(request, pk=pk)

    def get_page_title(self):
        return _("修改考核指标：%(label)s") % {"label": self.item.label}

    def get_context_data(self, **kwargs):
        item = self.item
        initial = {
            "label": item.label,
            "guidance": item.guidance,
            "rule": item.rule,
            "max_points": item.max_points,
            "full_at": item.full_at * 100,
            "zero_at": item.zero_at * 100,
            "per_item": item.per_item,
            "cap": item.cap,
            "groups": item.groups,
        }
        return super().get_context_data(
            item=item,
            scheme=item.scheme,
            editable=services.scheme_editable(item.scheme),
            form=ItemEditForm(initial=initial, scheme=item.scheme),
            **kwargs,
        )

    def post(self, request, pk):
        form = ItemEditForm(request.POST, scheme=self.item.scheme)
        if not form.is_valid():
            messages.error(request, "；".join(str(e) for f in form.errors.values() for e in f))
            return redirect("assessment:item_edit", pk=pk)
        data = form.cleaned_data
        try:
            services.item_update(
                actor=request.user,
                item=self.item,
                rule=_rule(data),
                groups=data["groups"],
                label=data["label"],
                guidance=data["guidance"],
            )
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("assessment:item_edit", pk=pk)
        messages.success(request, _("考核指标已修改。"))
        return redirect("assessment:setup", pk=self.item.scheme_id)


class ItemRemoveView(_Action):
    form_class = forms.Form
    done = _("考核指标已删除。")

    def target(self, request, pk):
        item = get_object_or_404(
            Item.objects.filter(scheme__in=_managed_schemes(request.user)), pk=pk
        )
        self.back = reverse("assessment:setup", args=[item.scheme_id])
        return item

    def act(self, request, item, data):
        services.item_remove(actor=request.user, item=item)


class ProblemAddView(_Action):
    done = _("问题已加入问题清单。")

    def post(self, request, pk):
        scheme = get_object_or_404(_managed_schemes(request.user), pk=pk)
        self.form_class = lambda *args: ProblemForm(*args, units=selectors.assessed_units(scheme))
        return super().post(request, pk=pk)

    def target(self, request, pk):
        scheme = get_object_or_404(_managed_schemes(request.user), pk=pk)
        self.back = reverse("assessment:scheme", args=[scheme.pk])
        return scheme

    def act(self, request, scheme, data):
        services.problem_create(
            actor=request.user,
            scheme=scheme,
            unit=data["unit"],
            title=data["title"],
            detail=data["detail"],
            source=data["source"],
            found_on=data["found_on"],
            deadline=data["deadline"],
        )
