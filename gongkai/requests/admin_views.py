"""Staff screens of disclosure requests (依申请公开) in the Wagtail admin.

Thin views over the services: every write is one service call, whose `DomainError` is shown on
the form that caused it, with nothing changed. Every request is looked up in
`selectors.visible_requests` (the handling unit's handlers and the supervising office), so a
request outside the user's scope answers 404, its files included.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, NoReturn

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Max, Min, Q, QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import roles_for
from gongkai.core.models import Unit
from gongkai.core.permissions import can, units_for
from gongkai.documents.ledger import ART44_BASIS, art44_threshold
from gongkai.documents.models import OfficialDocument

from . import exports, selectors, services
from .appeals import appeal_record, appeal_update
from .domain.fees import FeeBreakdown, FeeError, compute_fee
from .domain.intake import Channel
from .domain.outcomes import Outcome
from .domain.states import Action, State, allowed_actions
from .forms import (
    STEP_FORMS,
    AppealForm,
    AssignForm,
    FilterForm,
    RegisterForm,
    StepForm,
)
from .letters import available_kinds, letter_create, pdf_unavailable_reason
from .models import Appeal, DisclosureRequest, LetterKind, RequestAttachment

VIEW = "request.view"
HANDLE = "request.handle"
PER_PAGE = 50
FILTER_SESSION_KEY = "gongkai_requests_filter"
CODE_SESSION_KEY = "gongkai_requests_lookup_codes"
# Where applicants follow their request (the portal's tracking page).
TRACKING_PATH = "/ysqgk/track/"

STEP_PERMISSIONS: dict[Action, str] = {Action.EXTEND: "request.extend"}
# History entries not made by a step of the state machine.
EVENT_LABELS: dict[str, str] = {
    "submit": "网上提交申请",
    "register": "登记申请",
    **{a.value: a.label for a in Action},
}


def _deny(error: PermissionDeniedError) -> NoReturn:
    # Wagtail's admin turns PermissionDenied into a redirect home with the message shown.
    raise PermissionDenied(str(error)) from error


def _home_unit(user, action: str) -> Unit | None:
    """The highest unit the user holds ``action`` on: where a screen starts before a choice."""
    return units_for(user, action).order_by("depth", "path").first()


def _handlers(unit: Unit) -> QuerySet:
    """People who may handle the unit's requests: a role on the unit or on one of its parents."""
    ids = [i for i in unit.path.strip("/").split("/") if i]
    prefixes = ["/" + "/".join(ids[: n + 1]) + "/" for n in range(len(ids))]
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role__in=[r.value for r in roles_for(HANDLE)],
            role_assignments__unit__path__in=prefixes,
        )
        .distinct()
        .order_by("username")
    )


class RequestsAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("requests_admin:index"), "label": _("依申请公开")},
            {"url": "", "label": self.get_page_title()},
        ]


# --- The list and its queues -----------------------------------------------------------------


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    empty: str


QUEUES = (
    Queue("open", _("全部在办"), _("没有在办的申请。")),
    Queue("submitted", _("待确认受理"), _("没有待确认受理的网上申请。")),
    Queue("due_soon", _("5个工作日内到期"), _("没有5个工作日内到期的申请。")),
    Queue("overdue", _("已超期"), _("没有超过答复期限的申请。")),
    Queue("awaiting_correction", _("待补正"), _("没有等待补正的申请。")),
    Queue("paused", _("暂停计时"), _("没有暂停计时的申请。")),
    Queue("all", _("全部申请"), _("没有符合条件的申请。")),
)
QUEUE_KEYS = {q.key: q for q in QUEUES}


def _years(requests: QuerySet[DisclosureRequest], today) -> range:
    bounds = requests.aggregate(first=Min("received_on"), last=Max("received_on"))
    first = bounds["first"].year if bounds["first"] else today.year
    return range(today.year, min(first, today.year) - 1, -1)


def _filtered(requests: QuerySet[DisclosureRequest], data: dict) -> QuerySet[DisclosureRequest]:
    if data.get("unit"):
        requests = requests.filter(unit__path__startswith=data["unit"].path)
    if query := (data.get("q") or "").strip():
        requests = requests.filter(
            Q(tracking_no__icontains=query) | Q(applicant_name__icontains=query)
        )
    if data.get("state"):
        requests = requests.filter(state=data["state"])
    if data.get("outcome"):
        requests = requests.filter(outcome=data["outcome"])
    if year := data.get("year"):
        # Online submissions not yet accepted have no receipt date; their filing year counts.
        requests = requests.filter(
            Q(received_on__year=year) | Q(received_on__isnull=True, submitted_at__year=year)
        )
    return requests


class RequestIndexView(RequestsAdminView):
    page_title = _("依申请公开办理")
    template_name = "requests/admin/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("依申请公开")}]

    def dispatch(self, request, *args, **kwargs):
        if not units_for(request.user, VIEW).exists():
            raise PermissionDenied("您没有查看政府信息公开申请的权限。")
        self.today = timezone.localdate()
        self.visible = selectors.visible_requests(request.user)
        self.years = _years(self.visible, self.today)
        return super().dispatch(request, *args, **kwargs)

    def _form(self, data) -> FilterForm:
        return FilterForm(data, units=units_for(self.request.user, VIEW), years=self.years)

    def post(self, request):
        if "clear" in request.POST:
            request.session.pop(FILTER_SESSION_KEY, None)
            return redirect("requests_admin:index")
        form = self._form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        request.session[FILTER_SESSION_KEY] = {
            name: request.POST.get(name, "") for name in form.fields
        }
        return redirect(reverse("requests_admin:index") + f"?queue={self._queue().key}")

    def get(self, request):
        if "unit" in request.GET:
            # A link from another screen (the city's roll-up across counties) narrows the list
            # to one unit's subtree, as choosing it in the filter would; a unit code or id is
            # no personal data, so it may travel in the URL.
            request.session[FILTER_SESSION_KEY] = {
                **dict.fromkeys(self._form(None).fields, ""),
                "unit": request.GET["unit"],
            }
        stored = request.session.get(FILTER_SESSION_KEY)
        form = self._form(stored)
        if stored is not None and not form.is_valid():
            # A unit or year no longer offered: start again rather than show an empty list.
            request.session.pop(FILTER_SESSION_KEY, None)
            form = self._form(None)
        fmt = request.GET.get("export")
        if fmt is not None:
            return self._export(fmt, form)
        return self.render_to_response(self.get_context_data(form=form))

    def _queue(self) -> Queue:
        return QUEUE_KEYS.get(self.request.GET.get("queue", ""), QUEUES[0])

    def _requests(self, form: FilterForm) -> tuple[QuerySet, dict[str, QuerySet]]:
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        requests = _filtered(self.visible, data)
        lists = selectors.queues(requests, self.today)
        by_key = {q.key: getattr(lists, q.key) for q in QUEUES if q.key != "all"}
        by_key["all"] = requests
        return requests, by_key

    def _export(self, fmt: str, form: FilterForm) -> HttpResponse:
        if fmt not in exports.FORMATS:
            raise Http404
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        unit = data.get("unit") or _home_unit(self.request.user, "request.export")
        if unit is None:
            raise PermissionDenied("您没有导出政府信息公开申请的权限。")
        _, by_key = self._requests(form)
        queue = self._queue()
        filters = {
            "queue": queue.key,
            **{k: (v.code if isinstance(v, Unit) else v) for k, v in data.items() if v},
        }
        try:
            content = exports.requests_export(
                actor=self.request.user,
                unit=unit,
                requests=by_key[queue.key],
                fmt=fmt,
                filters=filters,
            )
        except PermissionDeniedError as error:
            _deny(error)
        response = HttpResponse(content, content_type=exports.FORMATS[fmt].content_type)
        response["Content-Disposition"] = content_disposition_header(
            True, exports.export_filename(unit, fmt)
        )
        return response

    def get_context_data(self, form=None, **kwargs):
        queue = self._queue()
        _, by_key = self._requests(form)
        page = Paginator(by_key[queue.key].prefetch_related("pauses"), PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        rows = [(r, services.reply_deadline(r)) for r in page.object_list]
        return super().get_context_data(
            form=form,
            filtered=form is not None
            and form.is_bound
            and form.is_valid()
            and any(form.cleaned_data.values()),
            queues=[(q, by_key[q.key].count(), q.key == queue.key) for q in QUEUES],
            queue=queue,
            page=page,
            rows=rows,
            exports=[
                (f.label, f"?queue={queue.key}&export={key}") for key, f in exports.FORMATS.items()
            ]
            if units_for(self.request.user, "request.export").exists()
            else [],
            can_register=units_for(self.request.user, HANDLE).exists(),
            **kwargs,
        )


# --- Registration of a request received on paper ---------------------------------------------


class RegisterView(RequestsAdminView):
    page_title = _("登记申请")
    template_name = "requests/admin/register.html"

    def dispatch(self, request, *args, **kwargs):
        self.units = units_for(request.user, HANDLE)
        if not self.units.exists():
            raise PermissionDenied("您没有登记政府信息公开申请的权限。")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = RegisterForm(units=self.units, initial={"unit": _home_unit(request.user, HANDLE)})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request):
        form = RegisterForm(request.POST, request.FILES, units=self.units)
        if form.is_valid():
            data = form.cleaned_data
            application = services.Application(
                **{
                    f.name: data[f.name]
                    for f in fields(services.Application)
                    if f.name != "attachments"
                },
                attachments=[("identity", data["identity_proof"])]
                if data["identity_proof"]
                else [],
            )
            try:
                submitted = services.request_register(
                    actor=request.user,
                    unit=data["unit"],
                    application=application,
                    channel=data["channel"],
                    submitted_on=data["submitted_on"],
                    signed_on=data["signed_on"],
                    confirmed_on=data["confirmed_on"],
                )
            except PermissionDeniedError as error:
                _deny(error)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                # Kept only until the receipt is shown: only its digest is stored.
                codes = request.session.get(CODE_SESSION_KEY, {})
                codes[str(submitted.request.pk)] = submitted.lookup_code
                request.session[CODE_SESSION_KEY] = codes
                return redirect("requests_admin:receipt", pk=submitted.request.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            receipt_rules=[(c.label, c.receipt_rule) for c in Channel if c is not Channel.ONLINE],
            **kwargs,
        )


class ReceiptView(TemplateView):
    """The receipt to hand to the applicant, printable on its own page. The lookup code is shown
    this once: the platform keeps only its digest."""

    template_name = "requests/admin/receipt.html"

    def get(self, request, pk):
        self.req = get_object_or_404(selectors.visible_requests(request.user), pk=pk)
        codes = request.session.get(CODE_SESSION_KEY, {})
        code = codes.pop(str(pk), None)
        request.session[CODE_SESSION_KEY] = codes
        response = self.render_to_response(
            {
                "req": self.req,
                "code": code,
                "channel": Channel(self.req.channel) if self.req.channel else None,
                "tracking_url": request.build_absolute_uri(TRACKING_PATH),
            }
        )
        # The code must not outlive this page in any cache.
        response["Cache-Control"] = "private, no-store"
        return response


# --- One request ------------------------------------------------------------------------------


def _fee_preview(data: dict[str, Any]) -> FeeBreakdown:
    """The fee the notice would charge, computed by the domain without issuing anything."""
    return compute_fee(
        data["method"],
        requests_this_month_before=data["requests_before"],
        requests_in_this_application=data["requests_in_application"],
        pages=data["pages"],
    )


StepService = Callable[[Any, DisclosureRequest, dict[str, Any]], object]

STEP_SERVICES: dict[Action, StepService] = {
    Action.ACCEPT: lambda user, req, d: services.request_accept(
        actor=user, request=req, confirmed_on=d["on"]
    ),
    Action.REQUEST_CORRECTION: lambda user, req, d: services.request_ask_correction(
        actor=user, request=req, items=d["items"], until=d["until"], on=d["on"]
    ),
    Action.RECORD_CORRECTION: lambda user, req, d: services.request_record_correction(
        actor=user,
        request=req,
        corrected_on=d["on"],
        description=d["description"],
        attachments=[("correction", d["attachment"])] if d["attachment"] else [],
    ),
    Action.ABANDON: lambda user, req, d: services.request_abandon(
        actor=user, request=req, on=d["on"], note=d["note"]
    ),
    Action.START_HANDLING: lambda user, req, d: services.request_start_handling(
        actor=user, request=req, on=d["on"]
    ),
    Action.CONSULT_THIRD_PARTY: lambda user, req, d: services.request_consult(
        actor=user, request=req, third_party=True, party=d["party"], on=d["on"], note=d["note"]
    ),
    Action.CONSULT_OTHER_ORGAN: lambda user, req, d: services.request_consult(
        actor=user, request=req, third_party=False, party=d["party"], on=d["on"], note=d["note"]
    ),
    Action.ISSUE_FEE_NOTICE: lambda user, req, d: services.request_issue_fee_notice(
        actor=user,
        request=req,
        method=d["method"],
        requests_before=d["requests_before"],
        requests_in_application=d["requests_in_application"],
        pages=d["pages"],
        on=d["on"],
    ),
    Action.END_CONSULTATION: lambda user, req, d: services.request_end_consultation(
        actor=user, request=req, on=d["on"], note=d["note"]
    ),
    Action.RECORD_PAYMENT: lambda user, req, d: services.request_record_payment(
        actor=user, request=req, on=d["on"], receipt_no=d["receipt_no"]
    ),
    Action.EXTEND: lambda user, req, d: services.request_extend(
        actor=user, request=req, reason=d["reason"], on=d["on"]
    ),
    Action.REPLY: lambda user, req, d: services.request_reply(
        actor=user,
        request=req,
        outcome=d["outcome"],
        reply_text=d["reply_text"],
        withheld_content=d["withheld_content"],
        withheld_reason=d["withheld_reason"],
        referred_to=d["referred_to"],
        document=d["document"],
        on=d["on"],
    ),
    Action.DELIVER: lambda user, req, d: services.request_deliver(
        actor=user,
        request=req,
        method=d["method"],
        on=d["on"],
        recipient=d["recipient"],
        tracking_ref=d["tracking_ref"],
        proof=d["proof"],
        note=d["note"],
    ),
    Action.ARCHIVE: lambda user, req, d: services.request_archive(
        actor=user, request=req, on=d["on"]
    ),
    Action.WITHDRAW: lambda user, req, d: services.request_withdraw(
        actor=user, request=req, reason=d["reason"], on=d["on"]
    ),
}


@dataclass
class StepPanel:
    action: Action
    form: StepForm
    url: str
    preview: Any = None
    """The fee computed for a 预览 of the fee form, not yet issued."""


# The handling forms of the 办理 section, of which one is shown at a time.
_STEP_NAMES = frozenset({*(a.value for a in Action), "assign"})


class RequestView(RequestsAdminView):
    """The request page: everything about it, and one form per step the user may take now."""

    template_name = "requests/admin/detail.html"

    def dispatch(self, request, pk, **kwargs):
        self.req = get_object_or_404(
            selectors.visible_requests(request.user).prefetch_related("pauses"), pk=pk
        )
        return super().dispatch(request, pk=pk, **kwargs)

    def get_page_title(self):
        return f"{self.req.tracking_no} {self.req.applicant_name}"

    def get(self, request, pk):
        return self.render_page(chosen=request.GET.get("step", ""))

    def _may(self, action: str) -> bool:
        return can(self.request.user, action, self.req.unit)

    def step_actions(self) -> list[Action]:
        return [
            a for a in allowed_actions(self.req.state) if self._may(STEP_PERMISSIONS.get(a, HANDLE))
        ]

    def step_form(self, action: Action, data=None, files=None) -> StepForm:
        kwargs: dict[str, Any] = {"prefix": action.value}
        if action is Action.REPLY:
            kwargs["documents"] = OfficialDocument.objects.filter(unit=self.req.unit)
        if action is Action.ISSUE_FEE_NOTICE:
            kwargs["counted_before"] = selectors.requests_this_month(self.req)
        return STEP_FORMS[action](data, files, **kwargs)

    def render_page(
        self,
        *,
        bound: dict[str, Any] | None = None,
        preview=None,
        letter_error: str = "",
        chosen: str = "",
    ):
        """``bound``: forms just posted, by name (an action's value, ``assign``, ``appeal``,
        ``appeal-<id>``), which keep what was typed and their errors. ``chosen``: the step
        whose form is shown (``?step=``); the page lists the others as buttons, so that only
        one handling form is on the page at a time and its button cannot be mistaken for
        another's. A step form just posted is the one shown."""
        bound = bound or {}
        chosen = next((name for name in bound if name in _STEP_NAMES), chosen)
        steps = [
            StepPanel(
                action=a,
                form=bound.get(a.value) or self.step_form(a),
                url=reverse("requests_admin:step", args=[self.req.pk, a.value]),
                preview=preview if a is Action.ISSUE_FEE_NOTICE else None,
            )
            for a in self.step_actions()
        ]
        names = {step.action.value for step in steps} | {"assign"}
        return self.render_to_response(
            self.get_context_data(
                steps=steps,
                bound=bound,
                letter_error=letter_error,
                chosen=chosen if chosen in names else "",
            )
        )

    def get_context_data(self, steps=(), bound=None, **kwargs):
        req, bound = self.req, bound or {}
        may_handle, may_appeal = self._may(HANDLE), self._may("appeal.record")
        appeals = list(req.appeals.all())
        art44 = None
        if req.document_id:
            art44 = {
                "applicants": selectors.distinct_applicants_by_document().get(req.document_id, 0),
                "threshold": art44_threshold(),
                "basis": ART44_BASIS,
            }
        return super().get_context_data(
            req=req,
            deadline=services.reply_deadline(req),
            attachments=req.attachments.all(),
            pauses=req.pauses.all(),
            fee_notices=req.fee_notices.all(),
            letters=[
                (letter, pdf_unavailable_reason(letter))
                for letter in req.letters.select_related("created_by")
            ],
            letter_kinds=available_kinds(req) if may_handle else [],
            deliveries=req.deliveries.all(),
            events=[
                (
                    e,
                    EVENT_LABELS.get(e.action, e.action),
                    State(e.state_before).label if e.state_before else "",
                    State(e.state_after).label,
                )
                for e in req.events.select_related("actor")
            ],
            appeals=[
                (a, bound.get(f"appeal-{a.pk}") or self.appeal_form(a)) if may_appeal else (a, None)
                for a in appeals
            ],
            appeal_form=(bound.get("appeal") or AppealForm(prefix="appeal"))
            if may_appeal
            else None,
            earlier=selectors.earlier_answers(req),
            requests_this_month=selectors.requests_this_month(req),
            volume_flag=selectors.volume_flag(req),
            art44=art44,
            outcome=Outcome(req.outcome) if req.outcome else None,
            outcome_facts=[(o, o.facts) for o in Outcome if o.facts.reason or o.facts.articles],
            steps=steps,
            assign_form=(bound.get("assign") or self.assign_form())
            if may_handle and not req.is_closed
            else None,
            **kwargs,
        )

    def assign_form(self, data=None) -> AssignForm:
        return AssignForm(
            data,
            prefix="assign",
            handlers=_handlers(self.req.unit),
            initial={"handler": self.req.handler_id},
        )

    def appeal_form(self, appeal: Appeal, data=None) -> AppealForm:
        return AppealForm(
            data,
            prefix=f"appeal-{appeal.pk}",
            editing=True,
            initial={
                "authority": appeal.authority,
                "case_number": appeal.case_number,
                "filed_on": appeal.filed_on,
                "result": appeal.result,
                "decided_on": appeal.decided_on,
                "note": appeal.note,
            },
        )

    def done(self, message: str):
        messages.success(self.request, message)
        return redirect("requests_admin:detail", pk=self.req.pk)


class StepView(RequestView):
    """POST of one step's form: exactly one service call."""

    http_method_names = ["post"]

    def post(self, request, pk, action):
        try:
            action = Action(action)
        except ValueError:
            raise Http404 from None
        if action not in self.step_actions():
            if action in allowed_actions(self.req.state):
                raise PermissionDenied(
                    f"您没有在“{self.req.unit.name}”执行“{action.label}”的权限。"
                )
            messages.error(
                request,
                f"申请当前状态为“{self.req.state_label}”，不能执行“{action.label}”。",
            )
            return redirect("requests_admin:detail", pk=self.req.pk)
        form = self.step_form(action, request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(bound={action.value: form})
        if action is Action.ISSUE_FEE_NOTICE and "preview" in request.POST:
            try:
                preview = _fee_preview(form.cleaned_data)
            except FeeError as error:
                form.add_error(None, str(error))
                preview = None
            return self.render_page(bound={action.value: form}, preview=preview)
        try:
            STEP_SERVICES[action](request.user, self.req, form.cleaned_data)
        except PermissionDeniedError as error:
            _deny(error)
        except DomainError as error:
            form.add_error(None, str(error))
            return self.render_page(bound={action.value: form})
        return self.done(f"已完成“{action.label}”。")


class LetterCreateView(RequestView):
    """生成文书: one letter of the kind asked for, by `letters.letter_create`."""

    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            kind = LetterKind(request.POST.get("kind", ""))
        except ValueError:
            raise Http404 from None
        try:
            letter = letter_create(actor=request.user, request=self.req, kind=kind)
        except PermissionDeniedError as error:
            _deny(error)
        except DomainError as error:
            return self.render_page(letter_error=str(error))
        return self.done(f"已生成“{letter.title}”。")


class AssignView(RequestView):
    http_method_names = ["post"]

    def post(self, request, pk):
        form = self.assign_form(request.POST)
        if not form.is_valid():
            return self.render_page(bound={"assign": form})
        handler = form.cleaned_data["handler"]
        try:
            services.request_assign(actor=request.user, request=self.req, handler=handler)
        except PermissionDeniedError as error:
            _deny(error)
        except DomainError as error:
            form.add_error(None, str(error))
            return self.render_page(bound={"assign": form})
        who = (handler.get_full_name() or handler.username) if handler else None
        return self.done(f"已指定承办人：{who}。" if who else "已取消指定承办人。")


class AppealCreateView(RequestView):
    http_method_names = ["post"]

    def post(self, request, pk):
        form = AppealForm(request.POST, prefix="appeal")
        if not form.is_valid():
            return self.render_page(bound={"appeal": form})
        try:
            appeal = appeal_record(
                actor=request.user,
                request=self.req,
                kind=form.cleaned_data["kind"],
                facts=form.facts(),
            )
        except PermissionDeniedError as error:
            _deny(error)
        except DomainError as error:
            form.add_error(None, str(error))
            return self.render_page(bound={"appeal": form})
        return self.done(f"已登记{appeal.get_kind_display()}案件。")


class AppealUpdateView(RequestView):
    http_method_names = ["post"]

    def post(self, request, pk, appeal_pk):
        appeal = get_object_or_404(self.req.appeals, pk=appeal_pk)
        form = self.appeal_form(appeal, request.POST)
        name = f"appeal-{appeal.pk}"
        if not form.is_valid():
            return self.render_page(bound={name: form})
        try:
            appeal_update(actor=request.user, appeal=appeal, facts=form.facts())
        except PermissionDeniedError as error:
            _deny(error)
        except DomainError as error:
            form.add_error(None, str(error))
            return self.render_page(bound={name: form})
        return self.done(f"已更新{appeal.get_kind_display()}案件。")


# --- Private files ------------------------------------------------------------------------------


class AttachmentView(View):
    """An applicant's upload (identity proof, correction material): never a public URL."""

    def get(self, request, pk, attachment_pk):
        req = get_object_or_404(selectors.visible_requests(request.user), pk=pk)
        attachment: RequestAttachment = get_object_or_404(req.attachments, pk=attachment_pk)
        return _file_response(attachment.file, attachment.original_name, attachment.content_type)


class DeliveryProofView(View):
    def get(self, request, pk, delivery_pk):
        req = get_object_or_404(selectors.visible_requests(request.user), pk=pk)
        delivery = get_object_or_404(req.deliveries.exclude(proof=""), pk=delivery_pk)
        name = delivery.proof.name.rsplit("/", 1)[-1]
        return _file_response(delivery.proof, f"送达凭证_{req.tracking_no}_{name}", "")


def _file_response(field_file, filename: str, content_type: str) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404("文件不存在或已被移除。") from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
