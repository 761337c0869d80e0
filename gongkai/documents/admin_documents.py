"""Admin screens for registering, reviewing and publishing documents (公文台账, 政策解读).

Both are Wagtail snippets with revisions and locking; the register also carries the review
workflow (``workflow.py``). The house pattern of ``gongkai.core.admin_views`` applies: lists are
scoped by the unit permission policy, every object URL outside the user's scope answers 404,
and every save calls a service, whose Chinese refusals are shown on the form.

Publishing is never a button of its own (授权发布): Wagtail's "Publish" and "Restart workflow"
are taken off the edit screen, the leader publishes by approving the last step on the
document's 审核与发布 page, and unpublishing asks for a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.models import TaskState, WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser, snippets
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from gongkai.core.admin_components import RemindersPanel
from gongkai.core.admin_views import (
    ChineseValuesMixin,
    ScopedDeleteView,
    ScopedIndexView,
    ScopedObjectMixin,
    ServiceFormMixin,
)
from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.personal_data import KIND_LABELS, redact
from gongkai.core.domain.publication_gate import number_key
from gongkai.core.permissions import can, scope, units_for

from . import gate, selectors, services, workflow
from .domain.attributes import DISCLOSURE_LABELS
from .forms import (
    ApproveForm,
    InterpretationAdminForm,
    OfficialDocumentForm,
    OverrideForm,
    SignOffForm,
    UnpublishForm,
)
from .models import CheckOverride, DocumentKind, Interpretation, OfficialDocument
from .selectors import EXPIRY_REMINDER_DAYS, documents_expiring, documents_withheld
from .text import interpretation_texts

# Wagtail actions taken off the edit screens: publishing is the leader's, through the workflow,
# and restarting a workflow would skip 呈签's checks. Task decisions are made on the 审核与发布
# page, where the checks before publication are shown beside them.
_WITHHELD_ACTIONS = frozenset({"publish", "restart-workflow", "workflow-action"})
_WITHHELD_MENU_ITEMS = frozenset({"action-publish", "action-restart-workflow", "approve", "reject"})


# In place of a 密级 choice: a platform on the internet must not hold classified documents.
CLASSIFIED_STATEMENT = format_html(
    "<p><strong>{}</strong>{}</p>",
    _("密级："),
    _(
        "本平台连接互联网，不登记涉密公文。标有秘密、机密、绝密的文件不得在此录入或导入，"
        "请按保密规定在涉密载体上办理。"
    ),
)


def _forbid_if_denied(error: DomainError):
    if isinstance(error, PermissionDeniedError):
        raise PermissionDenied(str(error)) from error


def _scoped_pattern(pattern: URLPattern, model) -> URLPattern:
    """404 for an object URL outside the user's units, before the view looks the object up:
    many of Wagtail's snippet views (history, revisions, preview, workflow actions, unpublish…)
    fetch the object without asking the permission policy."""
    view = pattern.callback

    @wraps(view)
    def scoped(request, *args, **kwargs):
        if "pk" in kwargs:
            try:
                visible = scope(
                    model.objects.filter(pk=kwargs["pk"]), request.user, "document.view"
                ).exists()
            except (ValueError, TypeError):
                visible = False
            if not visible:
                raise Http404
        return view(request, *args, **kwargs)

    return URLPattern(pattern.pattern, scoped, pattern.default_args, pattern.name)


def _without_bulk_actions(columns):
    # Bulk deletion would skip the services' rules and the audit log.
    return [c for c in columns if not isinstance(c, BulkActionsCheckboxColumn)]


def _document_url(name: str, document) -> str:
    return reverse(OfficialDocument.snippet_viewset.get_url_name(name), args=[document.pk])


# --- The register (公文台账) ------------------------------------------------------------------


def _year_choices():
    this_year = timezone.localdate().year
    return [(year, f"{year}年") for year in range(this_year, this_year - 20, -1)]


class DocumentFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=_("发文单位（含下级）"),
        queryset=lambda request: units_for(request.user, "document.view"),
        method="filter_unit",
    )
    year = django_filters.TypedChoiceFilter(
        label=_("年度"), choices=_year_choices, coerce=int, field_name="written_on__year"
    )
    kind = django_filters.ChoiceFilter(label=_("文件类型"), choices=DocumentKind.choices)
    disclosure = django_filters.ChoiceFilter(
        label=_("公开属性"), choices=[(k.value, v) for k, v in DISCLOSURE_LABELS.items()]
    )
    live = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[("1", _("已发布或已签发")), ("0", _("未发布"))],
        method="filter_live",
    )

    class Meta:
        model = OfficialDocument
        fields = ["unit", "year", "kind", "disclosure", "live"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=value.path)

    def filter_live(self, queryset, name, value):
        return queryset.filter(live=value == "1")


class DocumentIndexView(ScopedIndexView, snippets.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("unit")

    @cached_property
    def columns(self):
        return [
            Column("index_number", label=_("索引号"), sort_key="index_number"),
            Column("doc_number", label=_("发文字号")),
            self._get_title_column("title"),
            Column("written_on", label=_("成文日期"), sort_key="written_on"),
            Column("disclosure", label=_("公开属性"), accessor="get_disclosure_display"),
            Column("status", label=_("状态"), accessor=workflow.document_status),
        ]

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            Button(
                _("发布前检查"),
                url=_document_url("checks", instance),
                icon_name="warning",
                priority=25,
            ),
        ]


class _NoAutosaveMixin:
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Every save is an audited service call and a new revision: not one every few seconds.
        self.autosave_enabled = False


class _WorkflowOnlyPublishingMixin:
    def get_available_actions(self):
        return [a for a in super().get_available_actions() if a not in _WITHHELD_ACTIONS]


class _SubmitMixin:
    def get_success_url(self):
        # After 呈签 the editor lands on the document's 审核与发布 page, which shows where it
        # now stands and who acts next, instead of the list.
        if self.action == "submit" and self.object.current_workflow_state is not None:
            return _document_url("inspect", self.object)
        return super().get_success_url()

    def submit_action(self):
        try:
            workflow.document_submit(actor=self.request.user, document=self.object)
        except DomainError as error:
            _forbid_if_denied(error)
            # The draft itself was saved; only its submission is refused.
            messages.error(self.request, f"已保存为草稿。{error}")
            return redirect(_document_url("edit", self.object))
        return None


class DocumentCreateView(
    _NoAutosaveMixin,
    _WorkflowOnlyPublishingMixin,
    _SubmitMixin,
    ServiceFormMixin,
    snippets.CreateView,
):
    def save_instance(self):
        form = self.form
        if form.cleaned_data.get("unit") is None:
            raise DomainError("请选择发文单位。")
        document = services.document_create(
            actor=self.request.user, unit=form.cleaned_data["unit"], **form.service_values()
        )
        document = services.document_set_related(
            actor=self.request.user,
            document=document,
            co_issuers=list(form.cleaned_data.get("co_issuers") or []),
            attachments=form.attachment_values(),
        )
        self.new_revision = document.latest_revision
        return document


class DocumentEditView(
    _NoAutosaveMixin,
    _WorkflowOnlyPublishingMixin,
    _SubmitMixin,
    ServiceFormMixin,
    ScopedObjectMixin,
    snippets.EditView,
):
    def get(self, request, *args, **kwargs):
        if self.live_object.live:
            messages.warning(request, services.LIVE_DOCUMENT_UNCHANGEABLE)
        else:
            _warn_gate(request, services.document_gate(self.live_object))
        state = self.object.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            step = state.current_task_state
            who = step.finished_by.get_username() if step.finished_by else ""
            messages.warning(
                request,
                f"“{step.task.name}”环节退回修改（{who}，"
                f"{timezone.localtime(step.finished_at):%Y-%m-%d %H:%M}）：{step.comment}"
                "。修改后请再次呈签。",
            )
        return super().get(request, *args, **kwargs)

    def save_instance(self):
        form = self.form
        document = services.document_update(
            actor=self.request.user, document=self.live_object, **form.service_values()
        )
        document = services.document_set_related(
            actor=self.request.user,
            document=document,
            co_issuers=list(form.cleaned_data.get("co_issuers") or []),
            attachments=form.attachment_values(),
        )
        self.new_revision = document.latest_revision
        return document

    def cancel_workflow_action(self):
        try:
            workflow.document_withdraw(actor=self.request.user, document=self.object)
        except DomainError as error:
            _forbid_if_denied(error)
            messages.error(self.request, str(error))

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("审核与发布"),
                url=_document_url("inspect", self.object),
                icon_name="tasks",
                priority=5,
            ),
            Button(
                _("发布前检查"),
                url=_document_url("checks", self.object),
                icon_name="warning",
                priority=6,
            ),
            Button(
                _("上级文件"),
                url=_document_url("links", self.object),
                icon_name="link",
                priority=7,
            ),
        ]


class DocumentDeleteView(ScopedDeleteView, snippets.DeleteView):
    def delete_action(self):
        services.document_delete(actor=self.request.user, document=self.object)


class DocumentReviewView(ChineseValuesMixin, snippets.InspectView):
    """审核与发布: the document, where it stands in the chain, every decision so far, and the
    forms of whoever may act now (呈签, 通过/退回, 签发 with an optional time, 撤下)."""

    template_name = "documents/admin/review.html"
    page_title = _("审核与发布")

    def _step(self) -> TaskState | None:
        return self.object.current_workflow_task_state

    def _decision_form_class(self, step: TaskState):
        return SignOffForm if step.workflow_state.is_at_final_task else ApproveForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document, user = self.object, self.request.user
        step = self._step()
        may_decide = bool(step and step.task.specific.get_actions(document, user))
        decision_form = kwargs.get("decision_form")
        if decision_form is None and may_decide:
            decision_form = self._decision_form_class(step)()
        state = document.current_workflow_state
        may_edit = can(user, "document.edit", document.unit)
        may_publish = can(user, "document.publish", document.unit)
        context.update(
            document=document,
            status=workflow.document_status(document),
            step=step,
            decision_form=decision_form,
            is_sign_off=bool(step and step.workflow_state.is_at_final_task),
            history=workflow.review_history(document),
            problems=services.submission_problems(document),
            blockers=[] if document.live else services.blockers_for(document),
            may_submit=may_edit
            and not document.live
            and not document.approved_schedule
            and (state is None or state.status == WorkflowState.STATUS_NEEDS_CHANGES),
            may_unschedule=may_publish and document.approved_schedule,
            unpublish_url=_document_url("unpublish", document)
            if may_publish and document.live
            else None,
            edit_url=_document_url("edit", document) if may_edit else None,
            checks_url=_document_url("checks", document),
            links_url=_document_url("links", document),
            add_interpretation_url=(
                reverse(Interpretation.snippet_viewset.get_url_name("add"))
                + f"?document={document.pk}"
            )
            if may_edit and document.is_policy_document and not document.live
            else None,
            interpretations=document.interpretations.select_related("unit"),
            withheld=document.withheld_reason if document.withheld_at else "",
            error=kwargs.get("error"),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        document = self.object
        try:
            if action == "submit":
                workflow.document_submit(actor=request.user, document=document)
                messages.success(request, _("已呈签，进入审核。"))
            elif action == "unschedule":
                services.document_unschedule(actor=request.user, document=document)
                messages.success(request, _("已取消定时发布，公文回到草稿状态。"))
            elif action in ("approve", "reject"):
                return self._decide(action)
            else:
                raise Http404
        except DomainError as error:
            _forbid_if_denied(error)
            return self.render_to_response(self.get_context_data(error=str(error)))
        return redirect(request.path)

    def _decide(self, action: str):
        request, document = self.request, self.object
        step = self._step()
        if step is None or str(step.pk) != request.POST.get("task_state"):
            raise DomainError("该审核环节已经处理过了，请刷新页面查看最新状态。")
        form = self._decision_form_class(step)(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(decision_form=form))
        comment = form.cleaned_data["comment"]
        if action == "reject":
            workflow.document_reject(
                actor=request.user, document=document, comment=comment, task_state=step
            )
            messages.success(request, _("已退回起草人修改。"))
        else:
            workflow.document_approve(
                actor=request.user,
                document=document,
                comment=comment,
                go_live_at=form.cleaned_data.get("go_live_at"),
                task_state=step,
            )
            messages.success(request, f"“{step.task.name}”已通过。")
        return redirect(request.path)


@dataclass(frozen=True)
class FindingRow:
    where: str
    kind: str
    masked: str
    position: int  # 1-based character offset in the field's plain text
    context: str  # the surrounding text, every finding in it masked
    exception: CheckOverride | None  # the exception that lets it be published, if any


OVERRIDE_LABELS = {"personal_data": "个人信息", "interpretation": "政策解读"}


def _finding_rows(document: OfficialDocument) -> list[FindingRow]:
    result = services.document_gate(document)
    exceptions = gate.exceptions_for(document.unit, result.excepted_keys)
    rows = []
    for field in result.fields:
        masked_text = redact(field.text, list(field.findings))
        for f in field.findings:
            context = masked_text[max(0, f.start - 12) : f.end + 12].replace("\n", " ")
            rows.append(
                FindingRow(
                    field.label,
                    KIND_LABELS[f.kind],
                    f.masked,
                    f.start + 1,
                    context,
                    exceptions.get(number_key(f)),
                )
            )
    return rows


def _warn_gate(request, result) -> None:
    """The editor sees what the gate finds as soon as a draft is saved (warned, not blocked)."""
    if text := gate.warning(result):
        messages.warning(request, text)


class _DocumentScreenMixin(BaseObjectMixin, WagtailAdminTemplateMixin):
    """A back-office screen about one document of the user's units, under the document's
    breadcrumbs."""

    def get_base_object_queryset(self):
        return scope(OfficialDocument.objects.all(), self.request.user, "document.view")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        index = reverse(OfficialDocument.snippet_viewset.get_url_name("list"))
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("首页")},
            {"url": index, "label": OfficialDocument._meta.verbose_name_plural},
            {"url": _document_url("inspect", self.object), "label": str(self.object)},
            {"url": "", "label": self.page_title},
        ]


class DocumentChecksView(_DocumentScreenMixin, TemplateView):
    """发布前检查: what still blocks publication, the personal data found (masked, with where it
    is), one-click redaction of the body, and reviewers' recorded exceptions."""

    model = OfficialDocument
    template_name = "documents/admin/checks.html"
    page_title = _("发布前检查")
    header_icon = "warning"
    breadcrumbs_items = []

    def _override_kinds(self, blockers) -> list[tuple[str, str]]:
        kinds = dict.fromkeys(b.kind for b in blockers if b.overridable)
        return [(kind, OVERRIDE_LABELS.get(kind, kind)) for kind in kinds]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document, user = self.object, self.request.user
        blockers = services.blockers_for(document)
        kinds = self._override_kinds(blockers)
        may_override = bool(kinds) and can(user, "document.override_check", document.unit)
        context.update(
            document=document,
            blockers=blockers,
            findings=_finding_rows(document),
            may_redact=not document.live
            and (
                can(user, "document.edit", document.unit)
                or can(user, "document.override_check", document.unit)
            ),
            override_form=kwargs.get("override_form")
            or (OverrideForm(kinds=kinds) if may_override else None),
            overrides=[
                (OVERRIDE_LABELS.get(o.kind, o.kind), o)
                for o in document.check_overrides.select_related("by").order_by("at")
            ],
            review_url=_document_url("inspect", document),
            error=kwargs.get("error"),
        )
        return context

    def post(self, request, *args, **kwargs):
        document = self.object
        action = request.POST.get("action")
        try:
            if action == "redact":
                masked = services.document_redact(actor=request.user, document=document)
                messages.success(request, f"已将 {masked} 处个人信息替换为掩码。")
            elif action == "override":
                kinds = self._override_kinds(services.blockers_for(document))
                form = OverrideForm(request.POST, kinds=kinds)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(override_form=form))
                services.document_override_check(
                    actor=request.user,
                    document=document,
                    kind=form.cleaned_data["kind"],
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("已登记例外，理由已记入审计日志。"))
            else:
                raise Http404
        except DomainError as error:
            _forbid_if_denied(error)
            return self.render_to_response(self.get_context_data(error=str(error)))
        return redirect(request.path)


class DocumentLinksView(_DocumentScreenMixin, TemplateView):
    """上级文件: the documents of its own unit or the units above that the document implements
    (配套、贯彻落实; 互设跳转链接), those its text cites by doc number (suggested), a search of the
    candidates by title or doc number, and the documents that implement it. Links are register
    facts, not reviewed content: they are set here for drafts and published documents alike."""

    model = OfficialDocument
    template_name = "documents/admin/links.html"
    page_title = _("上级文件")
    header_icon = "link"
    breadcrumbs_items = []
    SHOWN = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        query = self.request.GET.get("q", "").strip()[:100]
        found = None
        if query:
            found = list(
                selectors.link_candidates(document, query)
                .select_related(None)
                .select_related("unit")[: self.SHOWN + 1]
            )
        context.update(
            document=document,
            links=selectors.implementation_links(document),
            suggestions=selectors.suggested_targets(document),
            query=query,
            found=found[: self.SHOWN] if found is not None else None,
            more_found=found is not None and len(found) > self.SHOWN,
            implementations=selectors.implementing_documents(document),
            may_edit=can(self.request.user, "document.edit", document.unit),
            review_url=_document_url("inspect", document),
            error=kwargs.get("error"),
        )
        return context

    def post(self, request, *args, **kwargs):
        document = self.object
        action = request.POST.get("action")
        if action not in ("link", "unlink"):
            raise Http404
        try:
            target_id = int(request.POST.get("target", ""))
        except ValueError:
            target_id = 0
        # Only what the screen offers, so that an id typed in tells nothing of other documents.
        if action == "link":
            offered = selectors.link_candidates(document)
        else:
            offered = OfficialDocument.objects.filter(implemented_by_links__document=document)
        target = offered.filter(pk=target_id).first()
        try:
            if target is None:
                raise DomainError(
                    "请从列表中选择本单位或上级单位已公开的文件。"
                    if action == "link"
                    else "本文件未关联该文件。"
                )
            if action == "link":
                services.document_link_implementation(
                    actor=request.user, document=document, target=target
                )
                messages.success(request, _("已关联上级文件。"))
            else:
                services.document_unlink_implementation(
                    actor=request.user, document=document, target=target
                )
                messages.success(request, _("已取消关联。"))
        except DomainError as error:
            _forbid_if_denied(error)
            return self.render_to_response(self.get_context_data(error=str(error)))
        return redirect(request.get_full_path())


class DocumentUnpublishView(snippets.UnpublishView):
    """撤下 with a reason, through ``services.document_unpublish``."""

    template_name = "documents/admin/confirm_unpublish.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or UnpublishForm()
        return context

    def post(self, request, *args, **kwargs):
        form = UnpublishForm(request.POST)
        if form.is_valid():
            try:
                services.document_unpublish(
                    actor=request.user, document=self.object, reason=form.cleaned_data["reason"]
                )
            except DomainError as error:
                _forbid_if_denied(error)
                form.add_error(None, str(error))
            else:
                messages.success(request, f"已撤下“{self.object}”。")
                return redirect(_document_url("inspect", self.object))
        return self.render_to_response(self.get_context_data(form=form))


class DocumentUnscheduleView(snippets.RevisionsUnscheduleView):
    def post(self, request, *args, **kwargs):
        document = self.object
        if isinstance(document, Interpretation):
            # An interpretation is scheduled with its document (三同步): both are cancelled.
            document = document.document
        try:
            services.document_unschedule(actor=request.user, document=document)
        except DomainError as error:
            _forbid_if_denied(error)
            messages.error(request, str(error))
        else:
            messages.success(request, _("已取消定时发布。"))
        return redirect(_document_url("inspect", document))


class DocumentWorkflowActionView(snippets.WorkflowActionView):
    """Wagtail's own route to a task decision (e.g. from the dashboard): a refusal is shown on
    the document's 审核与发布 page instead of failing."""

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except DomainError as error:
            _forbid_if_denied(error)
            messages.error(request, str(error))
            url = _document_url("inspect", self.object)
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(request, {"step": "success", "redirect": url})
            return redirect(url)


class _ScopedChooseMixin:
    def get_object_list(self):
        return scope(super().get_object_list(), self.request.user, "document.view")


class ScopedChooseView(_ScopedChooseMixin, chooser.ChooseView):
    pass


class ScopedChooseResultsView(_ScopedChooseMixin, chooser.ChooseResultsView):
    pass


class ScopedChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return scope(self.model_class.objects.all(), self.request.user, "document.view").get(pk=pk)


class ScopedChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView


class OfficialDocumentViewSet(SnippetViewSet):
    model = OfficialDocument
    icon = "doc-full"
    menu_label = _("公文")
    admin_url_namespace = "official_documents"
    base_url_path = "official-documents"
    index_view_class = DocumentIndexView
    add_view_class = DocumentCreateView
    edit_view_class = DocumentEditView
    delete_view_class = DocumentDeleteView
    inspect_view_class = DocumentReviewView
    inspect_view_enabled = True
    inspect_view_fields = [
        "index_number",
        "doc_number",
        "unit",
        "title",
        "written_on",
        "kind",
        "disclosure",
        "withholding_ground",
        "withholding_reason",
        "is_policy_document",
        "published_on",
    ]
    unpublish_view_class = DocumentUnpublishView
    revisions_unschedule_view_class = DocumentUnscheduleView
    workflow_action_view_class = DocumentWorkflowActionView
    chooser_viewset_class = ScopedChooserViewSet
    copy_view_enabled = False
    filterset_class = DocumentFilterSet
    search_fields = ["title", "doc_number", "index_number"]

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("unit"),
                    FieldPanel("co_issuers"),
                    FieldPanel("doc_number"),
                    FieldPanel("signer"),
                    FieldPanel("urgency"),
                    HelpPanel(content=CLASSIFIED_STATEMENT),
                ],
                heading=_("版头"),
                help_text=_(
                    "GB/T 9704：发文机关、发文字号（如“甘政办发〔2020〕83号”，年份用六角括号，"
                    "序号不编虚位）、签发人、紧急程度。"
                ),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("title"),
                    FieldPanel("recipients"),
                    FieldPanel("body"),
                    FieldPanel("written_on"),
                    FieldPanel("kind"),
                    FieldPanel("subject_class"),
                    FieldPanel("summary"),
                ],
                heading=_("主体"),
            ),
            InlinePanel(
                "attachments",
                heading=_("附件"),
                label=_("附件"),
                panels=[FieldPanel("file"), FieldPanel("title")],
            ),
            MultiFieldPanel(
                [FieldPanel("cc"), FieldPanel("printed_on")],
                heading=_("版记"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("disclosure"),
                    FieldPanel("withholding_ground"),
                    FieldPanel("withholding_reason"),
                    FieldPanel("is_policy_document"),
                ],
                heading=_("公开属性（源头认定）"),
                help_text=_(
                    "先确定公开属性、再运转呈签：拟稿时即选择主动公开、依申请公开或不予公开；"
                    "依申请公开、不予公开须选择《政府信息公开条例》规定的理由并写明具体说明。"
                    "政策性文件须同步起草政策解读（谁起草、谁解读），否则不能呈签。"
                ),
            ),
            MultiFieldPanel(
                [FieldPanel("validity"), FieldPanel("valid_from"), FieldPanel("valid_until")],
                heading=_("有效性"),
                help_text=_(
                    "仅规章和行政规范性文件填写；新文件默认“现行有效”。修改、废止、失效在文件发布后登记。"
                ),
            ),
        ],
        base_form_class=OfficialDocumentForm,
    )

    @cached_property
    def checks_view(self):
        return DocumentChecksView.as_view()

    @cached_property
    def links_view(self):
        return DocumentLinksView.as_view()

    def get_urlpatterns(self):
        patterns = [
            *super().get_urlpatterns(),
            path("checks/<int:pk>/", self.checks_view, name="checks"),
            path("links/<int:pk>/", self.links_view, name="links"),
        ]
        return [_scoped_pattern(p, self.model) for p in patterns]


# --- Interpretations (政策解读) ---------------------------------------------------------------


class InterpretationIndexView(ScopedIndexView, snippets.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("document", "unit")

    @cached_property
    def columns(self):
        return _without_bulk_actions(super().columns)


class InterpretationCreateView(
    _NoAutosaveMixin, _WorkflowOnlyPublishingMixin, ServiceFormMixin, snippets.CreateView
):
    def get_initial(self):
        initial = super().get_initial()
        # The 审核与发布 page links here with ?document=<id>: only a document the user may
        # edit is pre-filled, another unit's title is never shown.
        if document := self.request.GET.get("document", "").strip():
            editable = scope(OfficialDocument.objects.all(), self.request.user, "document.edit")
            initial["document"] = (
                editable.filter(pk=document).first() if document.isdigit() else None
            )
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        interpretation = services.interpretation_create(
            actor=self.request.user,
            document=data["document"],
            unit=data.get("unit"),
            **self.form.service_values(),
        )
        self.new_revision = interpretation.latest_revision
        return interpretation


class InterpretationEditView(
    _NoAutosaveMixin,
    _WorkflowOnlyPublishingMixin,
    ServiceFormMixin,
    ScopedObjectMixin,
    snippets.EditView,
):
    def get(self, request, *args, **kwargs):
        interpretation = self.live_object
        if not interpretation.live:
            texts = interpretation_texts(interpretation)
            _warn_gate(request, gate.check(unit=interpretation.unit, texts=texts))
        return super().get(request, *args, **kwargs)

    def save_instance(self):
        interpretation = services.interpretation_update(
            actor=self.request.user,
            interpretation=self.live_object,
            **self.form.service_values(),
        )
        self.new_revision = interpretation.latest_revision
        return interpretation


class InterpretationUnpublishView(snippets.UnpublishView):
    def dispatch(self, request, *args, **kwargs):
        messages.error(request, _("政策解读随文件发布，不单独撤下；请在文件的“审核与发布”页处理。"))
        return redirect(_document_url("inspect", self.object.document))


class InterpretationViewSet(SnippetViewSet):
    model = Interpretation
    icon = "help"
    menu_label = _("政策解读")
    admin_url_namespace = "document_interpretations"
    base_url_path = "interpretations"
    index_view_class = InterpretationIndexView
    add_view_class = InterpretationCreateView
    edit_view_class = InterpretationEditView
    unpublish_view_class = InterpretationUnpublishView
    revisions_unschedule_view_class = DocumentUnscheduleView
    chooser_viewset_class = ScopedChooserViewSet
    copy_view_enabled = False
    list_display = [
        "title",
        "document",
        "unit",
        "form",
        Column("status", label=_("状态"), accessor=lambda i: "已发布" if i.live else "草稿"),
    ]
    list_filter = ["form"]
    search_fields = ["title", "document__title", "document__doc_number"]

    edit_handler = ObjectList(
        [
            FieldPanel("document"),
            FieldPanel("unit"),
            FieldPanel("title"),
            FieldPanel("form"),
            FieldPanel("body", help_text=_("文字解读、问答解读必填。")),
            MultiFieldPanel(
                [FieldPanel("image"), FieldPanel("image_alt")],
                heading=_("图解"),
                help_text=_("图解须上传图片，并用文字完整说明图片内容，供看不到图片的读者使用。"),
            ),
            FieldPanel("video_url"),
        ],
        base_form_class=InterpretationAdminForm,
    )

    # Interpretations are deleted with their (never published) document, never on their own.
    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(delete_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return [
            _scoped_pattern(p, self.model) for p in super().get_urlpatterns() if p.name != "delete"
        ]


class DocumentRegisterGroup(SnippetViewSetGroup):
    menu_label = _("公文台账")
    menu_icon = "doc-full-inverse"
    menu_order = 300
    items = (OfficialDocumentViewSet, InterpretationViewSet)


register_snippet(DocumentRegisterGroup)


@hooks.register("construct_snippet_action_menu")
def publish_only_through_the_workflow(menu_items, request, context):
    model = context["model"]
    if model not in (OfficialDocument, Interpretation):
        return
    withheld = _WITHHELD_MENU_ITEMS | ({"action-unpublish"} if model is Interpretation else set())
    menu_items[:] = [item for item in menu_items if item.name not in withheld]


@hooks.register("before_bulk_action")
def no_bulk_actions_on_the_register(request, action_type, objects, action_class_instance):
    model = action_class_instance.model
    if model not in (OfficialDocument, Interpretation):
        return None
    messages.error(
        request, _("公文和政策解读须逐件处理：删除和发布都要经过规则检查并记入审计日志。")
    )
    return redirect(reverse(model.snippet_viewset.get_url_name("list")))


class ExpiringDocumentsPanel(Component):
    """Home-page reminder: normative documents whose 有效期 ends within 90 days (清理)."""

    name = "expiring_documents"
    template_name = "documents/admin/expiring_panel.html"
    order = 60

    def __init__(self, documents: list):
        self.documents = documents

    def get_context_data(self, parent_context):
        return {"documents": self.documents, "days": EXPIRY_REMINDER_DAYS}


@hooks.register("construct_homepage_panels")
def add_expiring_documents_panel(request, panels):
    documents = list(documents_expiring(request.user, timezone.localdate())[:20])
    if documents:
        panels.append(ExpiringDocumentsPanel(documents))


@hooks.register("construct_homepage_panels")
def add_withheld_documents_panel(request, panels):
    """Scheduled publications the check at go-live withheld, and why."""
    documents = list(documents_withheld(request.user)[:20])
    if documents:
        panels.append(
            RemindersPanel(
                documents,
                name="withheld_documents",
                template_name="documents/admin/withheld_panel.html",
                order=55,
            )
        )
