"""The public side of messages (政民互动), plain Django views under ``/hdjl/``.

- ``ly/new/``: leave a message. The form has the disclosure-request form's protections: CSRF, a
  signed one-time key bound to the browser (`core.form_tokens`; a double click finds the first
  message), a honeypot, a minimum fill time and new messages per client address and hour
  (`core.ratelimit`). Before sending, it shows answered questions and policy Q&A like the one
  being written: while the citizen types (``static/interaction/suggest.js``, from ``ly/suggest/``)
  or, without JavaScript, as a second step before the message is sent.
- ``ly/new/done/``: the message number and the private lookup code, from the session.
- ``ly/track/`` and ``ly/track/status/``: the citizen's page (number + code by POST): state,
  due day and how it was counted, history, answers and their files, the rating.
- ``ly/``, ``ly/<number>/``: 留言选登, answered messages published through the gate.
- ``zcwd/``, ``zcwd/<id>/``: 政策问答. ``tj/``: statistics per unit and year.

Pages holding a form key or a citizen's data are ``Cache-Control: private, no-store``.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.calendar.conf import day_count_overrides
from gongkai.calendar.domain.rules import resolve_day_counts
from gongkai.core import ratelimit
from gongkai.core.clients import client_address
from gongkai.core.domain.errors import DomainError
from gongkai.core.form_tokens import browser_binding, new_form_token, read_form_token
from gongkai.core.models import Unit
from gongkai.core.public_tracking import leave_tracking, open_tracking, see_other
from gongkai.documents.selectors import public_documents, public_interpretations
from gongkai.search.selectors import similar

from .. import conf
from ..domain.kinds import ACCEPTING_UNIT_KINDS, MessageKind
from ..domain.states import State
from ..downloads import reply_file_response
from ..models import Message, MessageReply
from ..selectors import find_by_lookup, public_messages, public_questions, statistics
from ..services import message_deadline, message_rate, message_submit_online
from .forms import FORM_TOKEN_SALT, ListFilterForm, LookupForm, MessageForm, RatingForm

COLUMN = {"column_name": "互动交流", "column_type": "互动交流"}
SESSION_TRACKING = "interaction_public.tracking"  # id of the message the citizen opened
SESSION_SUBMITTED = "interaction_public.submitted"  # {"id", "code"} for the confirmation page
PER_PAGE = 20
SUGGESTIONS_SHOWN = 5
# Shorter texts find nothing worth showing.
SUGGEST_MIN_CHARS = 4


def _site_unit() -> Unit | None:
    """The top of the unit tree: whose site this is, for page titles without a unit."""
    return Unit.objects.filter(parent__isnull=True, is_active=True).order_by("path").first()


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> TemplateResponse:
    unit = context.get("unit") or _site_unit()
    return TemplateResponse(
        request, template, {**COLUMN, "title_unit": unit, **context}, status=status
    )


def _accepting_units():
    return Unit.objects.filter(is_active=True, kind__in=ACCEPTING_UNIT_KINDS).order_by("path")


# --- Similar questions ----------------------------------------------------------------------


def _similar(text: str) -> dict[str, list]:
    if len(text.strip()) < SUGGEST_MIN_CHARS:
        return {"questions": [], "answered": []}
    return {
        "questions": similar(text, kind="qa", limit=SUGGESTIONS_SHOWN),
        "answered": similar(text, kind="message", limit=SUGGESTIONS_SHOWN),
    }


@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    """The similar questions for what the citizen is typing, as a fragment of the form page."""
    if not ratelimit.consume("message-suggest", client_address(request), conf.suggest_limit()):
        return HttpResponse(status=429)
    found = _similar(request.GET.get("q", "")[:500])
    response = TemplateResponse(request, "interaction/public/_suggestions.html", found)
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Leaving a message ----------------------------------------------------------------------


def _new_form(request: HttpRequest, data=None, *, initial=None) -> MessageForm:
    return MessageForm(data, units=_accepting_units(), initial=initial)


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def message_new(request: HttpRequest) -> HttpResponse:
    browser = browser_binding(request)
    if request.method != "POST":
        initial = {"form_token": new_form_token(browser, salt=FORM_TOKEN_SALT)}
        if code := request.GET.get("unit", ""):
            initial["unit"] = code
        if kind := request.GET.get("kind", ""):
            initial["kind"] = kind
        return _form_page(request, _new_form(request, initial=initial))
    token = read_form_token(request.POST.get("form_token", ""), salt=FORM_TOKEN_SALT)
    if token is None or token.browser != browser:
        data = request.POST.copy()
        data["form_token"] = new_form_token(browser, salt=FORM_TOKEN_SALT)
        if token is None:
            refusal = _("表单已过期（超过24小时）或无效。已为您保留填写的内容，请核对后重新提交。")
        else:
            # A form handed to another browser: its key may belong to somebody's message.
            refusal = _(
                "该表单不是在本浏览器中打开的（或浏览器的Cookie已被清除）。"
                "已为您保留填写的内容，请核对后重新提交。"
            )
        return _form_page(request, _new_form(request, data), refusal=refusal, status=400)
    if request.POST.get("leave_blank"):
        data = request.POST.copy()
        data["leave_blank"] = ""
        refusal = _("提交未成功，请核对后重新提交；如仍不成功，请拨打12345政务服务便民热线。")
        return _form_page(request, _new_form(request, data), refusal=refusal, status=400)
    form = _new_form(request, request.POST)
    if time.time() - token.issued_at < conf.min_fill_seconds():
        refusal = _("提交过快，留言未提交。请核对填写的内容后再次提交。")
        return _form_page(request, form, refusal=refusal, status=400)
    if not form.is_valid():
        return _form_page(request, form)
    data = form.cleaned_data
    if not data["suggestions_seen"] and request.POST.get("confirmed") != "yes":
        # The second step without JavaScript: answers that may already help, before sending.
        found = _similar(f"{data['title']} {data['text']}")
        if found["questions"] or found["answered"]:
            return _form_page(request, form, suggestions=found)
    return _submit(request, form, token.key)


def _submit(request: HttpRequest, form: MessageForm, key: str) -> HttpResponse:
    address = client_address(request)
    # A retry of a form already received finds its message; it is not a new one.
    counted = not Message.objects.filter(submission_key=key).exists()
    if counted and not ratelimit.consume("message-submit", address, conf.submit_limit()):
        refusal = _(
            "您在一小时内提交的留言已达%(limit)d条，请稍后再提交；也可以拨打12345政务服务便民热线。"
        ) % {"limit": conf.submit_limit()}
        return _form_page(request, form, refusal=refusal, status=429)
    try:
        submitted = message_submit_online(
            unit=form.chosen_unit(), data=form.message_input(), submission_key=key
        )
    except DomainError as error:
        if counted:
            ratelimit.give_back("message-submit", address)
        form.add_error(None, str(error))
        return _form_page(request, form)
    if counted and not submitted.created:
        # Its twin (a double click) got there first and was counted.
        ratelimit.give_back("message-submit", address)
    open_tracking(request, SESSION_TRACKING, submitted.message.pk)
    request.session[SESSION_SUBMITTED] = {
        "id": submitted.message.pk,
        "code": submitted.lookup_code,
    }
    return see_other(reverse("interaction_public:done"))


def _form_page(
    request: HttpRequest,
    form: MessageForm,
    *,
    refusal: str = "",
    suggestions: dict[str, list] | None = None,
    status: int = 200,
) -> TemplateResponse:
    return _render(
        request,
        "interaction/public/new.html",
        {
            "form": form,
            "refusal": refusal,
            "suggestions": suggestions,
            "deadline_days": _deadline_days(),
            "crumbs": [
                (_("互动交流"), reverse("interaction_public:messages")),
                (_("我要留言"), None),
            ],
            "page_title": _("我要留言"),
        },
        status=status,
    )


def _deadline_days() -> list[tuple[str, int]]:
    """The answer times this deployment promises, by kind (the deadline engine's counts)."""
    counts = resolve_day_counts(day_count_overrides())
    return [(kind.label, counts[kind.rule_key]) for kind in MessageKind]


@never_cache
@require_GET
def message_done(request: HttpRequest) -> HttpResponse:
    submitted = request.session.get(SESSION_SUBMITTED) or {}
    found = Message.objects.select_related("unit").filter(pk=submitted.get("id")).first()
    if found is None:
        return see_other(reverse("interaction_public:new"))
    printing = request.GET.get("print") == "1"
    return _render(
        request,
        "interaction/public/done.html",
        {
            "submitted": found,
            "lookup_code": submitted["code"],
            "deadline": message_deadline(found),
            "crumbs": [
                (_("互动交流"), reverse("interaction_public:messages")),
                (_("留言已提交"), None),
            ],
            "page_title": _("留言已提交"),
            "printing": printing,
            "base_template": "portal/print_base.html" if printing else "base.html",
        },
    )


# --- The citizen's page ---------------------------------------------------------------------


def _tracked(request: HttpRequest) -> Message | None:
    pk = request.session.get(SESSION_TRACKING)
    if pk is None:
        return None
    return Message.objects.select_related("unit").filter(pk=pk).first()


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.POST if request.method == "POST" else None)
    if not form.is_bound or not form.is_valid():
        return _track_page(request, form)
    if not ratelimit.consume("message-lookup", client_address(request), conf.lookup_limit()):
        refusal = _("查询次数过多，请一小时后再试。")
        return _track_page(request, form, refusal=refusal, status=429)
    found = find_by_lookup(form.cleaned_data["number"], form.cleaned_data["code"])
    if found is None:
        # One message whatever was wrong: saying which would help guess the other.
        refusal = _("留言编号或查询码不正确，请核对后重新输入。")
        return _track_page(request, form, refusal=refusal, status=400)
    open_tracking(request, SESSION_TRACKING, found.pk)
    return see_other(reverse("interaction_public:status"))


def _track_page(
    request: HttpRequest, form: LookupForm, *, refusal: str = "", status: int = 200
) -> TemplateResponse:
    return _render(
        request,
        "interaction/public/track.html",
        {
            "form": form,
            "refusal": refusal,
            "crumbs": [
                (_("互动交流"), reverse("interaction_public:messages")),
                (_("留言办理查询"), None),
            ],
            "page_title": _("留言办理查询"),
        },
        status=status,
    )


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    found = _tracked(request)
    if found is None:
        return see_other(reverse("interaction_public:track"))
    if request.method != "POST":
        return _status_page(request, found)
    action = request.POST.get("action")
    if action == "leave":
        leave_tracking(request, SESSION_TRACKING, SESSION_SUBMITTED)
        flash.info(request, _("已退出查询。"))
        return see_other(reverse("interaction_public:track"))
    if action == "rate":
        form = RatingForm(request.POST)
        if not form.is_valid():
            return _status_page(request, found, rating_form=form)
        try:
            message_rate(
                message=found,
                satisfaction=form.cleaned_data["satisfaction"],
                resolved=form.cleaned_data["resolved"],
                comment=form.cleaned_data["comment"],
            )
        except DomainError as error:
            return _status_page(request, found, refusal=str(error), status=409)
        if form.cleaned_data["resolved"]:
            flash.success(request, _("感谢您的评价。"))
        else:
            flash.success(request, _("感谢您的评价。您的留言已转为重新办理，办理单位将再次答复。"))
        return see_other(reverse("interaction_public:status"))
    return see_other(reverse("interaction_public:status"))


def _can_rate(message: Message, replies: list[MessageReply]) -> bool:
    if message.state != State.ANSWERED or not replies:
        return False
    return message.rated_at is None or message.rated_at < replies[-1].at


def _status_page(
    request: HttpRequest,
    found: Message,
    *,
    rating_form: RatingForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> TemplateResponse:
    replies = list(found.replies.select_related("unit"))
    can_rate = _can_rate(found, replies)
    return _render(
        request,
        "interaction/public/status.html",
        {
            "found": found,
            "unit": found.unit,
            "deadline": message_deadline(found) if found.is_open else None,
            "replies": replies,
            "events": found.events.exclude(public_note="").order_by("at", "id"),
            "rating_form": (rating_form or RatingForm()) if can_rate else None,
            "refusal": refusal,
            "crumbs": [
                (_("留言办理查询"), reverse("interaction_public:track")),
                (found.number, None),
            ],
            "page_title": _("留言办理情况"),
        },
        status=status,
    )


@never_cache
@require_GET
def reply_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An answer's attachment, for the citizen whose message is in the session only."""
    found = _tracked(request)
    if found is None:
        raise Http404
    reply = get_object_or_404(found.replies.exclude(attachment=""), pk=pk)
    return reply_file_response(reply)


# --- 留言选登 --------------------------------------------------------------------------------


def _page(request: HttpRequest, queryset) -> dict[str, Any]:
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    return {
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
    }


@require_GET
def message_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    units = Unit.objects.filter(
        pk__in=public_messages().values("unit_id"), is_active=True
    ).order_by("path")
    years = range(today.year, today.year - 10, -1)
    form = ListFilterForm(request.GET or None, units=units, years=years)
    messages = public_messages()
    unit = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["unit"]:
            unit = form.units[data["unit"]]
            messages = messages.filter(unit__path__startswith=unit.path)
        if data["kind"]:
            messages = messages.filter(kind=data["kind"])
        if data["year"]:
            messages = messages.filter(answered_on__year=data["year"])
    return _render(
        request,
        "interaction/public/list.html",
        {
            "form": form,
            "unit": unit,
            **_page(request, messages),
            "crumbs": [(_("互动交流"), None)],
            "page_title": _("留言选登"),
        },
    )


@require_GET
def message_detail(request: HttpRequest, number: str) -> HttpResponse:
    message = get_object_or_404(public_messages(), number=number)
    return _render(
        request,
        "interaction/public/detail.html",
        {
            "message": message,
            "unit": message.unit,
            "article_title": message.public_title,
            "pub_date": message.published_at,
            "content_source": message.unit.name,
            "crumbs": [
                (_("留言选登"), reverse("interaction_public:messages")),
                (message.number, None),
            ],
            "page_title": message.public_title,
        },
    )


# --- 政策问答 --------------------------------------------------------------------------------


@require_GET
def questions(request: HttpRequest) -> HttpResponse:
    entries = public_questions()
    document = None
    if (text := request.GET.get("document", "")).isdigit():
        document = public_documents().filter(pk=int(text)).first()
        if document is None:
            raise Http404
        entries = entries.filter(document=document)
    query = request.GET.get("q", "").strip()[:50]
    if query:
        entries = entries.filter(Q(question__icontains=query) | Q(answer__icontains=query))
    return _render(
        request,
        "interaction/public/questions.html",
        {
            "document": document,
            "query": query,
            "documents": public_documents().filter(pk__in=public_questions().values("document_id")),
            **_page(request, entries),
            "crumbs": [
                (_("互动交流"), reverse("interaction_public:messages")),
                (_("政策问答"), None),
            ],
            "page_title": _("政策问答"),
        },
    )


@require_GET
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(public_questions(), pk=pk)
    return _render(
        request,
        "interaction/public/question.html",
        {
            "entry": entry,
            "unit": entry.unit,
            "article_title": entry.question,
            "pub_date": entry.published_at,
            "content_source": entry.unit.name,
            **_document_links(entry),
            "related": public_questions(document_id=entry.document_id).exclude(pk=entry.pk)[:10],
            "crumbs": [
                (_("政策问答"), reverse("interaction_public:questions")),
                (entry.question, None),
            ],
            "page_title": entry.question,
        },
    )


def _document_links(entry) -> dict[str, Any]:
    """Where the question's document and interpretation are read on the platform (the portal's
    routes), the interpretation only while it is public."""
    from gongkai.portal.selectors import live_platform

    platform = live_platform()
    interpretation = (
        public_interpretations().filter(pk=entry.interpretation_id).first()
        if entry.interpretation_id
        else None
    )
    links: dict[str, Any] = {
        "interpretation": interpretation,
        "document_url": "",
        "interpretation_url": "",
    }
    if platform is not None:
        links["document_url"] = platform.document_url(entry.document.unit.code, entry.document_id)
        if interpretation is not None:
            links["interpretation_url"] = (
                f"{platform.unit_url(interpretation.unit)}interpretations/{interpretation.pk}/"
            )
    return links


# --- Statistics -----------------------------------------------------------------------------


@require_GET
def statistics_page(request: HttpRequest) -> HttpResponse:
    """留言办理统计 per unit and year: received, answered, on-time rate, average working days."""
    today = timezone.localdate()
    units = _accepting_units()
    unit = units.filter(code=request.GET.get("unit", "")).first() or _site_unit()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    if not 2000 <= year <= today.year:
        year = today.year
    on = min(today, date(year, 12, 31))
    stats = statistics(unit, date(year, 1, 1), date(year, 12, 31), on=on, satisfaction=True)
    return _render(
        request,
        "interaction/public/statistics.html",
        {
            "unit": unit,
            "units": units,
            "year": year,
            "years": range(today.year, today.year - 6, -1),
            "on": on,
            "stats": stats,
            "rows": [(kind, stats.by_kind[kind]) for kind in MessageKind],
            "crumbs": [
                (_("互动交流"), reverse("interaction_public:messages")),
                (_("留言办理统计"), None),
            ],
            "page_title": _("留言办理统计"),
        },
    )
