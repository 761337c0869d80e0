"""The public side of disclosure requests (网络受理平台), as plain Django views under ``/ysqgk/``.

- ``<unit code>/apply/``: the application form. It carries a signed one-time token (submission
  key + time handed out + the browser it was handed to), so a double click or a retry after a timeout finds the request the
  first POST created (`services.request_submit_online` is idempotent per key) while a form
  replayed from another browser only gets a new form, and a bot that
  posts faster than `GONGKAI_REQUEST_MIN_FILL_SECONDS` or fills the hidden honeypot field
  creates nothing. New requests per client address are limited per hour
  (`GONGKAI_REQUEST_SUBMIT_LIMIT`, counted in `ratelimit` across worker processes).
- ``<unit code>/apply/done/``: the tracking number and the private lookup code, read from the
  session: nothing about the applicant is ever put in a URL.
- ``track/``: tracking number + code by POST (`GONGKAI_REQUEST_LOOKUP_LIMIT` per address and
  hour); on success the request's id is kept in the session, under a new session key.
- ``track/status/``: the applicant's page: state, receipt date, due date and how it was
  computed, history, notices and letters, online correction and withdrawal.
- ``track/letters/<id>/<docx|pdf>/``: a letter to the applicant of the request in the session
  (`letters.letter_response_for_applicant`).

Every response carries ``Cache-Control: private, no-store`` (`never_cache`): the form holds a
one-time key and the other pages personal data, so neither the portal's page cache nor a proxy
may keep them.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.core import ratelimit
from gongkai.core.clients import client_address
from gongkai.core.domain.errors import DomainError
from gongkai.core.form_tokens import browser_binding, new_form_token, read_form_token
from gongkai.core.models import Unit
from gongkai.core.public_tracking import leave_tracking, open_tracking, see_other

from ..domain.intake import Channel, accepts_requests
from ..domain.states import Action, State, allowed_actions
from ..letters import letter_response_for_applicant
from ..models import AttachmentKind, DisclosureRequest, RequestLetter
from ..portal_column import procedure_facts
from ..selectors import find_by_lookup
from ..services import (
    reply_deadline,
    request_correct_online,
    request_submit_online,
    request_withdraw,
)
from .forms import (
    FORM_TOKEN_SALT,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    ApplicationForm,
    CorrectionForm,
    LookupForm,
    WithdrawForm,
)

COLUMN = {"column_name": "依申请公开", "column_type": "依申请公开"}
SESSION_TRACKING = "requests_public.tracking"  # id of the request the applicant opened
SESSION_SUBMITTED = "requests_public.submitted"  # {"id", "code"} for the confirmation page
# Room for the form's text besides the largest allowed attachments.
MAX_BODY_BYTES = MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 1024 * 1024
# A body too large is still read, its files thrown away as they arrive, to give the citizen
# back what they typed; beyond this it is not read at all (the form comes back empty).
MAX_READ_BYTES = 4 * MAX_BODY_BYTES


def _body_length(request: HttpRequest) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


class _DiscardFiles(FileUploadHandler):
    """Reads a multipart body's fields and drops its files chunk by chunk: nothing of an
    oversized upload is kept in memory or on disk."""

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


def _too_large_message(*, kept: bool) -> str:
    limits = _("附件最多%(count)d个、每个不超过5MB") % {"count": MAX_ATTACHMENTS}
    if kept:
        return _(
            "附件过大（%(limits)s），申请未提交。已为您保留填写的内容，"
            "请减少或压缩附件后重新选择，再提交。"
        ) % {"limits": limits}
    return _("提交的内容过大（%(limits)s），未能提交。请返回上一页，减少或压缩附件后重新提交。") % {
        "limits": limits
    }


def _platform_crumbs(unit: Unit) -> tuple[list[tuple[str, str | None]], str]:
    """Breadcrumbs into the unit's 依申请公开 column, and the platform's address."""
    from gongkai.portal.models import DisclosurePlatformPage

    platform = DisclosurePlatformPage.objects.live().first()
    if platform is None:
        return [(unit.display_name, None)], ""
    return [
        (platform.title, platform.url),
        (unit.display_name, platform.unit_url(unit)),
        (_("依申请公开"), platform.unit_url(unit, "on-request")),
    ], platform.url


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> TemplateResponse:
    return TemplateResponse(request, template, {**COLUMN, **context}, status=status)


def _unit(code: str) -> Unit:
    unit = get_object_or_404(Unit, code=code, is_active=True)
    if not accepts_requests(unit.kind):
        raise Http404
    return unit


def _tracked(request: HttpRequest) -> DisclosureRequest | None:
    pk = request.session.get(SESSION_TRACKING)
    if pk is None:
        return None
    return DisclosureRequest.objects.select_related("unit").filter(pk=pk).first()


# --- The application form -------------------------------------------------------------------


@csrf_exempt  # checked by _apply, after the size check: CSRF would read the whole body first
@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(code)
    if request.method == "POST":
        length = _body_length(request)
        if length is not None and MAX_BODY_BYTES < length <= MAX_READ_BYTES:
            # Set before anything parses the body (the CSRF check does, in _too_large).
            request.upload_handlers = [_DiscardFiles(request)]
            return _too_large(request, unit)
        if length is None or length > MAX_BODY_BYTES:
            form = ApplicationForm(
                initial={
                    "form_token": new_form_token(browser_binding(request), salt=FORM_TOKEN_SALT)
                }
            )
            return _apply_page(
                request, unit, form, refusal=_too_large_message(kept=False), status=413
            )
    return _apply(request, unit)


@csrf_protect
def _too_large(request: HttpRequest, unit: Unit) -> HttpResponse:
    """The form again with what was typed (the files dropped unread), saying why."""
    browser = browser_binding(request)
    data = request.POST.copy()
    token = read_form_token(data.get("form_token", ""), salt=FORM_TOKEN_SALT)
    if token is None or token.browser != browser:
        data["form_token"] = new_form_token(browser, salt=FORM_TOKEN_SALT)
    data["leave_blank"] = ""
    refusal = _too_large_message(kept=True)
    return _apply_page(request, unit, ApplicationForm(data), refusal=refusal, status=413)


@csrf_protect
def _apply(request: HttpRequest, unit: Unit) -> HttpResponse:
    browser = browser_binding(request)
    if request.method != "POST":
        form = ApplicationForm(
            initial={"form_token": new_form_token(browser, salt=FORM_TOKEN_SALT)}
        )
        return _apply_page(request, unit, form)
    token = read_form_token(request.POST.get("form_token", ""), salt=FORM_TOKEN_SALT)
    if token is None or token.browser != browser:
        data = request.POST.copy()
        data["form_token"] = new_form_token(browser, salt=FORM_TOKEN_SALT)
        if token is None:
            refusal = _(
                "表单已过期（超过24小时）或无效。已为您保留填写的内容，请核对后重新提交；附件需要重新选择。"
            )
        else:
            # A form handed to another browser: its key may belong to somebody's application.
            refusal = _(
                "该表单不是在本浏览器中打开的（或浏览器的Cookie已被清除）。"
                "已为您保留填写的内容，请核对后重新提交；附件需要重新选择。"
            )
        return _apply_page(request, unit, ApplicationForm(data), refusal=refusal, status=400)
    if request.POST.get("leave_blank"):
        data = request.POST.copy()
        data["leave_blank"] = ""
        refusal = _("提交未成功，请核对后重新提交；如仍不成功，请以当面、邮寄或传真方式提交申请。")
        return _apply_page(request, unit, ApplicationForm(data), refusal=refusal, status=400)
    form = ApplicationForm(request.POST, request.FILES)
    if time.time() - token.issued_at < settings.GONGKAI_REQUEST_MIN_FILL_SECONDS:
        refusal = _("提交过快，申请未提交。请核对填写的内容后再次提交。")
        return _apply_page(request, unit, form, refusal=refusal, status=400)
    if not form.is_valid():
        return _apply_page(request, unit, form)
    return _submit(request, unit, form, token.key)


def _submit(request: HttpRequest, unit: Unit, form: ApplicationForm, key: str) -> HttpResponse:
    address = client_address(request)
    # A retry of a form already received finds its request; it is not a new application.
    repeat = DisclosureRequest.objects.filter(submission_key=key).exists()
    counted = not repeat
    if counted and not ratelimit.consume("submit", address, settings.GONGKAI_REQUEST_SUBMIT_LIMIT):
        refusal = _(
            "您在一小时内提交的申请已达%(limit)d件，请稍后再提交；"
            "也可以当面、邮寄或传真向受理机关提交申请。"
        ) % {"limit": settings.GONGKAI_REQUEST_SUBMIT_LIMIT}
        return _apply_page(request, unit, form, refusal=refusal, status=429)
    try:
        submitted = request_submit_online(
            unit=unit, application=form.application(), submission_key=key
        )
    except DomainError as error:
        if counted:
            ratelimit.give_back("submit", address)
        form.add_error(None, str(error))
        return _apply_page(request, unit, form)
    if counted and not submitted.created:
        # Its twin (a double click) got there first and was counted.
        ratelimit.give_back("submit", address)
    open_tracking(request, SESSION_TRACKING, submitted.request.pk)
    request.session[SESSION_SUBMITTED] = {
        "id": submitted.request.pk,
        "code": submitted.lookup_code,
    }
    # The request's own unit: a form retried under another unit's address found this one.
    return see_other(reverse("requests_public:done", args=[submitted.request.unit.code]))


def _apply_page(
    request: HttpRequest,
    unit: Unit,
    form: ApplicationForm,
    *,
    refusal: str = "",
    status: int = 200,
) -> TemplateResponse:
    crumbs, platform_url = _platform_crumbs(unit)
    return _render(
        request,
        "requests/public/apply.html",
        {
            "unit": unit,
            "form": form,
            "refusal": refusal,
            "crumbs": [*crumbs, (_("在线申请"), None)],
            "platform_url": platform_url,
            "page_title": _("在线申请政府信息公开"),
        },
        status=status,
    )


@never_cache
@require_GET
def done(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(code)
    submitted = request.session.get(SESSION_SUBMITTED) or {}
    found = DisclosureRequest.objects.filter(pk=submitted.get("id"), unit=unit).first()
    if found is None:
        return see_other(reverse("requests_public:apply", args=[unit.code]))
    crumbs, platform_url = _platform_crumbs(unit)
    printing = request.GET.get("print") == "1"
    return _render(
        request,
        "requests/public/done.html",
        {
            "unit": unit,
            "submitted": found,
            "lookup_code": submitted["code"],
            "crumbs": [*crumbs, (_("申请已提交"), None)],
            "platform_url": platform_url,
            "page_title": _("申请已提交"),
            "printing": printing,
            "base_template": "portal/print_base.html" if printing else "base.html",
            **procedure_facts(),
        },
    )


# --- The applicant's page -------------------------------------------------------------------


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.POST if request.method == "POST" else None)
    if not form.is_bound or not form.is_valid():
        return _track_page(request, form)
    if not ratelimit.consume(
        "lookup", client_address(request), settings.GONGKAI_REQUEST_LOOKUP_LIMIT
    ):
        refusal = _("查询次数过多，请一小时后再试。如需帮助，请联系受理机关。")
        return _track_page(request, form, refusal=refusal, status=429)
    found = find_by_lookup(form.cleaned_data["tracking_no"], form.cleaned_data["code"])
    if found is None:
        # One message whatever was wrong: saying which would help guess the other.
        refusal = _("申请编号或查询码不正确，请核对后重新输入。")
        return _track_page(request, form, refusal=refusal, status=400)
    open_tracking(request, SESSION_TRACKING, found.pk)
    return see_other(reverse("requests_public:status"))


def _track_page(
    request: HttpRequest, form: LookupForm, *, refusal: str = "", status: int = 200
) -> TemplateResponse:
    return _render(
        request,
        "requests/public/track.html",
        {
            "form": form,
            "refusal": refusal,
            "crumbs": [(_("依申请公开办理进度查询"), None)],
            "page_title": _("依申请公开办理进度查询"),
        },
        status=status,
    )


@csrf_exempt  # checked by _status_post, after the size check (the correction has attachments)
@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    found = _tracked(request)
    if found is None:
        return see_other(reverse("requests_public:track"))
    if request.method == "POST":
        length = _body_length(request)
        if length is None or length > MAX_BODY_BYTES:
            return _status_page(request, found, refusal=_too_large_message(kept=False), status=413)
        return _status_post(request, found)
    return _status_page(request, found)


@csrf_protect
def _status_post(request: HttpRequest, found: DisclosureRequest) -> HttpResponse:
    action = request.POST.get("action")
    if action == "leave":
        leave_tracking(request, SESSION_TRACKING, SESSION_SUBMITTED)
        messages.info(request, _("已退出查询。"))
        return see_other(reverse("requests_public:track"))
    if action == "correct":
        form = CorrectionForm(request.POST, request.FILES)
        if not form.is_valid():
            return _status_page(request, found, correction_form=form)
        try:
            request_correct_online(
                request=found,
                description=form.cleaned_data["description"],
                attachments=[
                    (AttachmentKind.CORRECTION, f) for f in form.cleaned_data["attachments"]
                ],
            )
        except DomainError as error:
            return _status_page(request, found, refusal=str(error), status=409)
        messages.success(request, _("补正已提交，受理机关自今日起重新计算答复期限。"))
        return see_other(reverse("requests_public:status"))
    if action == "withdraw":
        form = WithdrawForm(request.POST)
        if not form.is_valid() or request.POST.get("confirm") != "yes":
            return _withdraw_page(request, found, form)
        try:
            request_withdraw(actor=None, request=found, reason=form.cleaned_data["reason"])
        except DomainError as error:
            return _status_page(request, found, refusal=str(error), status=409)
        messages.success(request, _("申请已撤回。"))
        return see_other(reverse("requests_public:status"))
    return see_other(reverse("requests_public:status"))


def _clock_note(found: DisclosureRequest) -> str:
    """Why no due date is shown, when none is."""
    if found.state == State.SUBMITTED:
        return _(
            "受理机关确认受理后显示答复期限：网上提交的申请，以双方确认之日为收到申请之日"
            "（条例第三十一条第（三）项）。"
        )
    if found.state == State.CORRECTION_REQUESTED:
        return _("答复期限自受理机关收到补正后的申请之日起重新计算（条例第三十条）。")
    if found.is_paused:
        return _(
            "征求第三方或其他机关意见、缴纳信息处理费所需的时间不计算在答复期限内；"
            "恢复计时后将重新显示答复期限。"
        )
    return ""


def _letters(found: DisclosureRequest) -> QuerySet[RequestLetter]:
    return found.letters.filter(to_applicant=True).exclude(docx="", pdf="")


def _status_page(
    request: HttpRequest,
    found: DisclosureRequest,
    *,
    correction_form: CorrectionForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> TemplateResponse:
    correcting = found.state == State.CORRECTION_REQUESTED
    if correcting and correction_form is None:
        correction_form = CorrectionForm(initial={"description": found.description})
    open_pause = found.pauses.filter(ended_on__isnull=True).last() if found.is_paused else None
    return _render(
        request,
        "requests/public/status.html",
        {
            "found": found,
            "deadline": reply_deadline(found),
            "clock_note": _clock_note(found),
            "receipt_rule": Channel(found.channel).receipt_rule if found.channel else "",
            "open_pause": open_pause,
            "events": found.events.exclude(public_note="").order_by("at", "id"),
            "fee_notices": found.fee_notices.all(),
            "letters": _letters(found),
            "correction_form": correction_form if correcting else None,
            "can_withdraw": Action.WITHDRAW in allowed_actions(found.state),
            "refusal": refusal,
            "crumbs": [
                (_("依申请公开办理进度查询"), reverse("requests_public:track")),
                (found.tracking_no, None),
            ],
            "page_title": _("申请办理进度"),
        },
        status=status,
    )


def _withdraw_page(
    request: HttpRequest, found: DisclosureRequest, form: WithdrawForm
) -> TemplateResponse:
    return _render(
        request,
        "requests/public/withdraw.html",
        {
            "found": found,
            "form": form,
            "crumbs": [
                (_("依申请公开办理进度查询"), reverse("requests_public:track")),
                (found.tracking_no, reverse("requests_public:status")),
                (_("撤回申请"), None),
            ],
            "page_title": _("撤回申请"),
        },
    )


# --- Letters --------------------------------------------------------------------------------


@never_cache
@require_GET
def letter(request: HttpRequest, pk: str, fmt: str) -> HttpResponse:
    found = _tracked(request)
    if found is None:
        raise Http404
    return letter_response_for_applicant(request=found, letter_id=int(pk), fmt=fmt)
