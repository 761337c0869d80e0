"""Staff screens of messages (政民互动) and policy questions in the Wagtail admin.

Thin views over the services: every write is one service call, whose `DomainError` is shown on
the form that caused it, with nothing changed. Every message is looked up in
`selectors.visible_messages` (the unit it is with and the units above it), every question in
the user's `qa.edit` scope, so a record outside the user's units answers 404, files included.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
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
from gongkai.core.domain.personal_data import redact
from gongkai.core.models import Unit
from gongkai.core.permissions import can, scope, units_for
from gongkai.core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from gongkai.documents.gate import check, warning
from gongkai.documents.selectors import public_documents, public_interpretations

from . import selectors, services
from .domain.imports import MessageImportError
from .domain.kinds import ACCEPTING_UNIT_KINDS, Channel
from .domain.states import Action, State, allowed_actions
from .downloads import reply_file_response
from .forms import (
    STEP_FORMS,
    FilterForm,
    HotlineExportForm,
    HotlineImportForm,
    PublishForm,
    QuestionForm,
    RegisterForm,
    StepForm,
    ToQuestionForm,
    UnpublishForm,
)
from .imports import hotline_export, hotline_import
from .models import Message, PolicyQuestion, TransferKind

VIEW, HANDLE = "message.view", "message.handle"
PER_PAGE = 50
CODE_SESSION_KEY = "gongkai_messages_lookup_codes"
TRACKING_PATH = "/hdjl/ly/track/"
EVENT_LABELS: dict[str, str] = {
    "submit": "网站留言",
    "register": "登记留言",
    "import": "导入",
    "rate": "留言人评价",
    "publish": "公开",
    "unpublish": "撤回公开",
    "feed_back": "反馈热线平台",
    **{a.value: a.label for a in Action},
}


def _deny(error: PermissionDeniedError) -> NoReturn:
    # Wagtail's admin turns PermissionDenied into a redirect home with the message shown.
    raise PermissionDenied(str(error)) from error


def _units(user, action: str) -> QuerySet[Unit]:
    return units_for(user, action).filter(is_active=True).order_by("path")


class InteractionAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "comment"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("interaction_admin:index"), "label": _("政民互动")},
            {"url": "", "label": self.get_page_title()},
        ]


# --- The list and its queues -----------------------------------------------------------------


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    empty: str


QUEUES = (
    Queue("new", _("待签收"), _("没有待签收的留言。")),
    Queue("due_soon", _("1个工作日内到期"), _("没有1个工作日内到期的留言。")),
    Queue("overdue", _("已超期"), _("没有超过答复期限的留言。")),
    Queue("awaiting", _("等待他单位签收"), _("没有转出后等待其他单位签收的留言。")),
    Queue("needs_routing", _("待分办"), _("没有待分办的留言。")),
    Queue("handling", _("办理中"), _("没有办理中的留言。")),
    Queue("reopened", _("重新办理"), _("没有重新办理的留言。")),
    Queue("answered", _("已答复"), _("没有已答复的留言。")),
    Queue("invalid", _("无效留言"), _("没有无效留言。")),
    Queue("all", _("全部留言"), _("没有符合条件的留言。")),
)
QUEUE_KEYS = {q.key: q for q in QUEUES}


class MessageIndexView(InteractionAdminView):
    page_title = _("留言办理")
    template_name = "interaction/admin/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("政民互动")}]

    def dispatch(self, request, *args, **kwargs):
        if not units_for(request.user, VIEW).exists():
            raise PermissionDenied("您没有查看留言的权限。")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user, today = self.request.user, timezone.localdate()
        form = FilterForm(self.request.GET or None, units=_units(user, VIEW))
        visible = selectors.visible_messages(user)
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        if data.get("unit"):
            visible = visible.filter(unit__path__startswith=data["unit"].path)
        for name in ("kind", "channel", "state"):
            if data.get(name):
                visible = visible.filter(**{name: data[name]})
        if query := (data.get("q") or "").strip():
            visible = visible.filter(Q(number__icontains=query) | Q(title__icontains=query))
        lists = selectors.queues(visible, today)
        by_key: dict[str, QuerySet] = {q.key: getattr(lists, q.key, None) for q in QUEUES}
        by_key["all"] = selectors.with_current_due(visible)
        by_key["awaiting"] = selectors.awaiting_other_unit(user)
        queue = QUEUE_KEYS.get(self.request.GET.get("queue", ""), QUEUES[0])
        page = Paginator(by_key[queue.key], PER_PAGE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            form=form,
            queues=[(q, by_key[q.key].count(), q.key == queue.key) for q in QUEUES],
            queue=queue,
            page=page,
            today=today,
            query=self.request.GET.urlencode(),
            can_register=units_for(user, HANDLE).exists(),
            can_oversee=units_for(user, "message.oversee").exists(),
            can_import=units_for(user, "message.import").exists(),
            **kwargs,
        )


# --- Registration of a message taken down by staff -------------------------------------------


class RegisterView(InteractionAdminView):
    page_title = _("登记留言")
    template_name = "interaction/admin/register.html"

    def dispatch(self, request, *args, **kwargs):
        self.units = _units(request.user, HANDLE)
        if not self.units.exists():
            raise PermissionDenied("您没有登记留言的权限。")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = RegisterForm(units=self.units, initial={"unit": self.units.first()})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request):
        form = RegisterForm(request.POST, units=self.units)
        if form.is_valid():
            data = form.cleaned_data
            try:
                submitted = services.message_register(
                    actor=request.user,
                    unit=data["unit"],
                    data=form.message_input(),
                    channel=data["channel"],
                    received_at=data["received_at"],
                )
            except PermissionDeniedError as error:
                _deny(error)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                # Kept only until the receipt is shown: only its digest is stored.
                codes = request.session.get(CODE_SESSION_KEY, {})
                codes[str(submitted.message.pk)] = submitted.lookup_code
                request.session[CODE_SESSION_KEY] = codes
                return redirect("interaction_admin:receipt", pk=submitted.message.pk)
        return self.render_to_response(self.get_context_data(form=form))


class ReceiptView(InteractionAdminView):
    """The number and code to tell the citizen, shown this once."""

    page_title = _("留言登记回执")
    template_name = "interaction/admin/receipt.html"

    def get(self, request, pk):
        message = get_object_or_404(selectors.visible_messages(request.user), pk=pk)
        codes = request.session.get(CODE_SESSION_KEY, {})
        code = codes.pop(str(pk), None)
        request.session[CODE_SESSION_KEY] = codes
        response = self.render_to_response(
            self.get_context_data(
                message=message,
                code=code,
                tracking_url=request.build_absolute_uri(TRACKING_PATH),
            )
        )
        # The code must not outlive this page in any cache.
        response["Cache-Control"] = "private, no-store"
        return response


# --- One message -------------------------------------------------------------------------------

StepService = Callable[[Any, Message, dict[str, Any]], object]

STEP_SERVICES: dict[Action, StepService] = {
    Action.ACCEPT: lambda user, m, d: services.message_accept(actor=user, message=m),
    Action.TRANSFER: lambda user, m, d: services.message_transfer(
        actor=user, message=m, to_unit=d["to_unit"], reason=d["reason"]
    ),
    Action.RETURN: lambda user, m, d: services.message_return(
        actor=user, message=m, reason=d["reason"]
    ),
    Action.CLASSIFY: lambda user, m, d: services.message_classify(
        actor=user, message=m, kind=d["kind"]
    ),
    Action.REPLY: lambda user, m, d: services.message_reply(
        actor=user,
        message=m,
        text=d["text"],
        attachment=d["attachment"],
        answered_at=d["answered_at"],
    ),
    Action.REOPEN: lambda user, m, d: services.message_reopen(
        actor=user, message=m, reason=d["reason"]
    ),
    Action.CLOSE_INVALID: lambda user, m, d: services.message_close_invalid(
        actor=user, message=m, reason=d["reason"], note=d["note"]
    ),
    Action.RESTORE: lambda user, m, d: services.message_restore(
        actor=user, message=m, note=d["note"]
    ),
}


@dataclass
class StepPanel:
    action: Action
    form: StepForm
    url: str


def _transfer_targets(message: Message) -> QuerySet[Unit]:
    return (
        Unit.objects.filter(is_active=True, kind__in=ACCEPTING_UNIT_KINDS)
        .exclude(pk=message.unit_id)
        .order_by("path")
    )


def _question_documents(user) -> QuerySet:
    """Public documents a question of the user's units may be about: their own and their parent
    units' (a township answers questions about the county's policy)."""
    # A unit's path lists the ids from the root to itself: its own and its parents'.
    paths = units_for(user, "qa.edit").values_list("path", flat=True)
    return public_documents().filter(
        unit_id__in={int(i) for path in paths for i in path.strip("/").split("/") if i}
    )


class MessageView(InteractionAdminView):
    """The message page: everything about it, and one form per step the user may take now."""

    template_name = "interaction/admin/detail.html"
    model = Message

    def dispatch(self, request, pk, **kwargs):
        self.message = get_object_or_404(selectors.visible_messages(request.user), pk=pk)
        return super().dispatch(request, pk=pk, **kwargs)

    def get_page_title(self):
        return f"{self.message.number} {self.message.title}"

    def get(self, request, pk):
        return self.render_page()

    def _may(self, action: str) -> bool:
        return can(self.request.user, action, self.message.unit)

    def step_actions(self) -> list[Action]:
        may_handle = self._may(HANDLE)
        actions = []
        for action in allowed_actions(self.message.state):
            if action is Action.TRANSFER:
                allowed = may_handle or self._may("message.route")
            elif action is Action.RETURN:
                last = self.message.transfers.order_by("-at", "-id").first()
                allowed = (
                    may_handle
                    and last is not None
                    and last.to_unit_id == self.message.unit_id
                    and last.kind != TransferKind.RETURN
                )
            else:
                allowed = may_handle
            if allowed:
                actions.append(action)
        return actions

    def step_form(self, action: Action, data=None, files=None) -> StepForm:
        kwargs: dict[str, Any] = {"prefix": action.value}
        if action is Action.TRANSFER:
            kwargs["units"] = _transfer_targets(self.message)
        if action is Action.CLASSIFY:
            kwargs["initial"] = {"kind": self.message.kind}
        return STEP_FORMS[action](data, files, **kwargs)

    def publish_form(self, data=None) -> PublishForm | None:
        message = self.message
        if not (
            self._may("message.publish")
            and message.answered_at is not None
            and message.state != State.INVALID
            and message.may_publish
        ):
            return None
        if data is not None:
            return PublishForm(data, prefix="publish")
        last = message.replies.order_by("-at", "-id").first()
        return PublishForm(
            prefix="publish",
            initial={
                "title": message.public_title or message.title,
                "excerpt": message.public_excerpt or message.text,
                "answer": message.public_answer or (last.text if last else ""),
            },
        )

    def render_page(self, *, bound: dict[str, Any] | None = None, gate_text: str = ""):
        bound = bound or {}
        steps = [
            StepPanel(
                action=a,
                form=bound.get(a.value) or self.step_form(a),
                url=reverse("interaction_admin:step", args=[self.message.pk, a.value]),
            )
            for a in self.step_actions()
        ]
        publish_form = bound.get("publish") or self.publish_form()
        if publish_form is not None and not gate_text:
            values = publish_form.data if publish_form.is_bound else publish_form.initial
            prefix = "publish-" if publish_form.is_bound else ""
            result = check(
                unit=self.message.unit,
                texts=services.public_texts(
                    values.get(f"{prefix}title", ""),
                    values.get(f"{prefix}excerpt", ""),
                    values.get(f"{prefix}answer", ""),
                ),
            )
            gate_text = warning(result)
        return self.render_to_response(
            self.get_context_data(
                steps=steps, publish_form=publish_form, gate_text=gate_text, bound=bound
            )
        )

    def get_context_data(self, steps=(), bound=None, **kwargs):
        message, bound = self.message, bound or {}
        may_publish = self._may("message.publish")
        return super().get_context_data(
            message=message,
            deadline=services.message_deadline(message),
            hotline_overdue=message.hotline_due_on is not None
            and message.is_open
            and message.hotline_due_on < timezone.localdate(),
            replies=message.replies.select_related("unit", "by"),
            transfers=message.transfers.select_related("from_unit", "to_unit", "by"),
            events=[
                (e, EVENT_LABELS.get(e.action, e.action))
                for e in message.events.select_related("actor", "unit")
            ],
            steps=steps,
            unpublish_form=(bound.get("unpublish") or UnpublishForm(prefix="unpublish"))
            if may_publish and message.published_at is not None
            else None,
            can_feed_back=message.channel == Channel.HOTLINE
            and message.state == State.ANSWERED
            and message.fed_back_at is None
            and self._may(HANDLE),
            to_question_form=(
                bound.get("to_question")
                or ToQuestionForm(
                    prefix="to_question", documents=_question_documents(self.request.user)
                )
            )
            if units_for(self.request.user, "qa.edit").exists()
            and message.answered_at is not None
            and message.may_publish
            and message.state != State.INVALID
            else None,
            questions=message.policy_questions.all(),
            today=timezone.localdate(),
            **kwargs,
        )

    def done(self, text: str):
        messages.success(self.request, text)
        return redirect("interaction_admin:detail", pk=self.message.pk)


class StepView(MessageView):
    """POST of one step's form: exactly one service call."""

    http_method_names = ["post"]

    def post(self, request, pk, action):
        try:
            action = Action(action)
        except ValueError:
            raise Http404 from None
        if action not in self.step_actions():
            if action in allowed_actions(self.message.state):
                raise PermissionDenied(f"您没有在“{self.message.unit.name}”{action.label}的权限。")
            messages.error(
                request, f"留言当前状态为“{self.message.state_label}”，不能{action.label}。"
            )
            return redirect("interaction_admin:detail", pk=self.message.pk)
        form = self.step_form(action, request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(bound={action.value: form})
        try:
            STEP_SERVICES[action](request.user, self.message, form.cleaned_data)
        except PermissionDeniedError as error:
            _deny(error)
        except DomainError as error:
            form.add_error(None, str(error))
            return self.render_page(bound={action.value: form})
        if action in (Action.TRANSFER, Action.RETURN) and not can(
            request.user, VIEW, Message.objects.get(pk=self.message.pk).unit
        ):
            messages.success(request, f"已{action.label}。")
            return redirect("interaction_admin:index")
        return self.done(f"已{action.label}。")


class PublishView(MessageView):
    """公开 (or update the public copy); ``redact`` masks personal data in the form first."""

    http_method_names = ["post"]

    def post(self, request, pk):
        form = self.publish_form(request.POST)
        if form is None:
            raise PermissionDenied("您不能公开这条留言。")
        if "redact" in request.POST:
            data = request.POST.copy()
            for name in ("title", "excerpt", "answer"):
                data[f"publish-{name}"] = redact(data.get(f"publish-{name}", ""))
            return self.render_page(bound={"publish": PublishForm(data, prefix="publish")})
        if not form.is_valid():
            return self.render_page(bound={"publish": form})
        try:
            services.message_publish(actor=request.user, message=self.message, **form.cleaned_data)
        except PermissionDeniedError as error:
            _deny(error)
        except DomainError as error:
            form.add_error(None, str(error))
            return self.render_page(bound={"publish": form}, gate_text=" ")
        return self.done("已在“留言选登”中公开。")


class UnpublishView(MessageView):
    http_method_names = ["post"]

    def post(self, request, pk):
        form = UnpublishForm(request.POST, prefix="unpublish")
        if not form.is_valid():
            return self.render_page(bound={"unpublish": form})
        try:
            services.message_unpublish(
                actor=request.user, message=self.message, reason=form.cleaned_data["reason"]
            )
        except PermissionDeniedError as error:
            _deny(error)
        except DomainError as error:
            form.add_error(None, str(error))
            return self.render_page(bound={"unpublish": form})
        return self.done("已撤回公开。")


class FeedBackView(MessageView):
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            services.message_mark_fed_back(actor=request.user, message=self.message)
        except PermissionDeniedError as error:
            _deny(error)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("interaction_admin:detail", pk=self.message.pk)
        return self.done("已标记为已反馈热线平台。")


class ToQuestionView(MessageView):
    http_method_names = ["post"]

    def post(self, request, pk):
        form = ToQuestionForm(
            request.POST, prefix="to_question", documents=_question_documents(request.user)
        )
        if not form.is_valid():
            return self.render_page(bound={"to_question": form})
        try:
            entry = services.question_from_message(
                actor=request.user,
                message=self.message,
                document=form.cleaned_data["document"],
                unit=self.message.unit
                if can(request.user, "qa.edit", self.message.unit)
                else _units(request.user, "qa.edit").first(),
            )
        except PermissionDeniedError as error:
            _deny(error)
        except DomainError as error:
            form.add_error(None, str(error))
            return self.render_page(bound={"to_question": form})
        messages.success(request, "已生成政策问答草稿，请编辑后发布。")
        return redirect("interaction_admin:question", pk=entry.pk)


class ReplyFileView(View):
    """An answer's attachment: never a public URL."""

    def get(self, request, pk, reply_pk):
        message = get_object_or_404(selectors.visible_messages(request.user), pk=pk)
        reply = get_object_or_404(message.replies.exclude(attachment=""), pk=reply_pk)
        return reply_file_response(reply)


# --- 12345 hotline -----------------------------------------------------------------------------


class HotlineView(InteractionAdminView):
    """Import the hotline's work orders; export the answers back (双反馈)."""

    page_title = _("12345热线工单")
    template_name = "interaction/admin/hotline.html"

    def dispatch(self, request, *args, **kwargs):
        self.import_units = _units(request.user, "message.import")
        self.export_units = _units(request.user, HANDLE)
        if not (self.import_units.exists() or self.export_units.exists()):
            raise PermissionDenied("您没有办理12345热线工单的权限。")
        return super().dispatch(request, *args, **kwargs)

    def _export_form(self, data=None) -> HotlineExportForm:
        today = timezone.localdate()
        return HotlineExportForm(
            data,
            units=self.export_units,
            initial={
                "unit": self.export_units.first(),
                "start": today.replace(day=1),
                "end": today,
                "fmt": "xlsx",
            },
        )

    def get(self, request):
        return self.render_page()

    def render_page(self, *, import_form=None, export_form=None, summary=None, problems=()):
        return self.render_to_response(
            self.get_context_data(
                import_form=(import_form or HotlineImportForm())
                if self.import_units.exists()
                else None,
                export_form=(export_form or self._export_form())
                if self.export_units.exists()
                else None,
                summary=summary,
                problems=problems,
            )
        )

    def post(self, request):
        if request.POST.get("form") == "export":
            return self._export(request)
        if not self.import_units.exists():
            raise PermissionDenied("您没有导入热线工单的权限。")
        form = HotlineImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(import_form=form)
        upload = form.cleaned_data["file"]
        try:
            summary = hotline_import(actor=request.user, data=upload.read(), filename=upload.name)
        except MessageImportError as error:
            return self.render_page(import_form=form, problems=error.problems)
        return self.render_page(summary=summary)

    def _export(self, request) -> HttpResponse:
        form = self._export_form(request.POST)
        if not form.is_valid():
            return self.render_page(export_form=form)
        data = form.cleaned_data
        try:
            content = hotline_export(
                actor=request.user,
                unit=data["unit"],
                start=data["start"],
                end=data["end"],
                fmt=data["fmt"],
            )
        except PermissionDeniedError as error:
            _deny(error)
        content_type = CSV_CONTENT_TYPE if data["fmt"] == "csv" else XLSX_CONTENT_TYPE
        response = HttpResponse(content, content_type=content_type)
        name = f"12345工单答复_{data['unit'].code}_{data['start']:%Y%m%d}-{data['end']:%Y%m%d}.{data['fmt']}"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response


# --- The supervising office's overview -----------------------------------------------------------


class OversightView(InteractionAdminView):
    """督办: open, overdue and three-month messages of every unit the office oversees."""

    page_title = _("留言督办")
    template_name = "interaction/admin/oversight.html"

    def dispatch(self, request, *args, **kwargs):
        self.units = _units(request.user, "message.oversee")
        if not self.units.exists():
            raise PermissionDenied("您没有督办留言的权限。")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        subtree = Unit.objects.filter(_paths(self.units.values_list("path", flat=True)))
        overdue = (
            selectors.with_current_due(
                scope(Message.objects.all(), self.request.user, "message.oversee")
            )
            .filter(state__in=[State.NEW, State.HANDLING], current_due__lt=today)
            .select_related("unit")
            .order_by("current_due")
        )
        flags = [
            flag
            for top in self.units.filter(pk__in=_tops(self.units))
            for flag in selectors.open_over_three_months(top, on=today)
        ]
        return super().get_context_data(
            loads=selectors.load_by_unit(subtree, today),
            overdue=overdue[:200],
            overdue_count=overdue.count(),
            flags=flags,
            today=today,
            **kwargs,
        )


def _paths(paths) -> Q:
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(path__startswith=path)
    return query


def _tops(units: QuerySet[Unit]) -> list[int]:
    """The units of the list that no other unit of the list lies above."""
    paths = sorted(units.values_list("pk", "path"), key=lambda row: row[1])
    tops: list[tuple[int, str]] = []
    for pk, path in paths:
        if not any(path.startswith(top) for _, top in tops):
            tops.append((pk, path))
    return [pk for pk, _ in tops]


# --- Policy questions ---------------------------------------------------------------------------


def _visible_questions(user) -> QuerySet[PolicyQuestion]:
    return scope(
        PolicyQuestion.objects.select_related("unit", "document"), user, "qa.edit"
    ) | scope(PolicyQuestion.objects.select_related("unit", "document"), user, "qa.publish")


class QuestionIndexView(InteractionAdminView):
    page_title = _("政策问答")
    template_name = "interaction/admin/questions.html"

    def dispatch(self, request, *args, **kwargs):
        if not (
            units_for(request.user, "qa.edit").exists()
            or units_for(request.user, "qa.publish").exists()
        ):
            raise PermissionDenied("您没有管理政策问答的权限。")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        entries = _visible_questions(self.request.user).distinct().order_by("-updated_at")
        page = Paginator(entries, PER_PAGE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page=page, can_add=units_for(self.request.user, "qa.edit").exists(), **kwargs
        )


class QuestionEditView(InteractionAdminView):
    """New (no pk) or edit; the publish and withdraw buttons post here too."""

    template_name = "interaction/admin/question.html"

    def dispatch(self, request, pk=None, **kwargs):
        self.entry = None
        if pk is not None:
            self.entry = get_object_or_404(_visible_questions(request.user).distinct(), pk=pk)
        elif not units_for(request.user, "qa.edit").exists():
            raise PermissionDenied("您没有编写政策问答的权限。")
        return super().dispatch(request, **kwargs)

    def get_page_title(self):
        return self.entry.question if self.entry else _("新建政策问答")

    def _form(self, data=None) -> QuestionForm:
        documents = _question_documents(self.request.user)
        if self.entry is not None:
            documents = documents | public_documents().filter(pk=self.entry.document_id)
        initial = {}
        if self.entry is not None:
            initial = {
                "unit": self.entry.unit,
                "question": self.entry.question,
                "answer": self.entry.answer,
                "document": self.entry.document,
                "interpretation": self.entry.interpretation,
                "sort_order": self.entry.sort_order,
            }
        return QuestionForm(
            data,
            units=_units(self.request.user, "qa.edit"),
            documents=documents,
            interpretations=public_interpretations().filter(document__in=documents),
            initial=initial,
        )

    def get(self, request, **kwargs):
        return self.render_page(self._form())

    def render_page(self, form: QuestionForm, error: str = ""):
        entry = self.entry
        gate_text = ""
        if entry is not None:
            gate_text = warning(
                check(unit=entry.unit, texts=services._question_texts(entry.question, entry.answer))
            )
        user = self.request.user
        return self.render_to_response(
            self.get_context_data(
                form=form if entry is None or can(user, "qa.edit", entry.unit) else None,
                entry=entry,
                error=error,
                gate_text=gate_text,
                can_publish=entry is not None and can(user, "qa.publish", entry.unit),
            )
        )

    def post(self, request, **kwargs):
        action = request.POST.get("action", "save")
        if action in ("publish", "unpublish") and self.entry is not None:
            service = (
                services.question_publish if action == "publish" else services.question_unpublish
            )
            try:
                service(actor=request.user, entry=self.entry)
            except PermissionDeniedError as error:
                _deny(error)
            except DomainError as error:
                return self.render_page(self._form(), error=str(error))
            messages.success(request, "已发布。" if action == "publish" else "已撤回发布。")
            return redirect("interaction_admin:question", pk=self.entry.pk)
        form = self._form(request.POST)
        if not form.is_valid():
            return self.render_page(form)
        try:
            entry = services.question_save(
                actor=request.user, existing=self.entry, **form.cleaned_data
            )
        except PermissionDeniedError as error:
            _deny(error)
        except DomainError as error:
            form.add_error(None, str(error))
            return self.render_page(form)
        messages.success(request, "已保存。")
        return redirect("interaction_admin:question", pk=entry.pk)
