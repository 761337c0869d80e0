"""The public side of policies for enterprises, plain Django views under ``/qyzc/``.

- ``""``, ``<code>/``: the policies in force and each policy with its sources (public only).
- ``jsq/``: 政策计算器: a profile typed in (GET, nothing stored) → the matching policies.
- ``zc/``: self-registration. The public-form protections of the disclosure-request form: CSRF,
  a one-time key bound to the browser (`core.form_tokens`), a honeypot, a minimum fill time,
  registrations per client address and hour (`core.ratelimit`). The page after says the same
  whatever the code was (no one learns whether an enterprise is registered).
- ``qr/<token>/``: the e-mail's confirmation link; GET shows a button and POST confirms (a mail
  scanner that opens links confirms nothing).
- ``wo/<token>/``: the enterprise's private page (a signed link, no password): its profile and
  matching policies; POST subscribes or unsubscribes. ``lj/``: ask for a new link by mail.

Pages holding a token or an enterprise's data are ``Cache-Control: private, no-store`` and
``noindex``; the contact e-mail is never shown on any page.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.core import ratelimit
from gongkai.core.clients import client_address
from gongkai.core.domain.errors import DomainError
from gongkai.core.form_tokens import browser_binding, new_form_token, read_form_token
from gongkai.core.models import Unit
from gongkai.core.public_tracking import see_other

from .. import conf, links, services
from ..domain.matching import Profile
from ..domain.rules import SIZE_LABELS, SUBJECT_TYPE_LABELS, Size, SubjectType
from ..domain.uscc import normalize
from ..selectors import (
    current_policy_items,
    matching_policy_items,
    profile_of,
    public_policy_items,
    public_sources,
    region_units,
)
from .forms import FORM_TOKEN_SALT, LinkForm, ProfileForm, RegisterForm

COLUMN = {"column_name": "惠企政策", "column_type": "惠企政策"}
SESSION_REGISTERED = "policies_public.registered"


def _site_unit() -> Unit | None:
    return Unit.objects.filter(parent__isnull=True, is_active=True).order_by("path").first()


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> TemplateResponse:
    crumbs = [(_("惠企政策"), reverse("policies_public:index"))]
    if context.get("crumb"):
        crumbs.append((context["crumb"], None))
    return TemplateResponse(
        request,
        template,
        {**COLUMN, "title_unit": _site_unit(), "crumbs": crumbs, **context},
        status=status,
    )


def policy_labels(policy) -> tuple[list[str], list[str]]:
    return (
        [SIZE_LABELS[Size(v)] for v in policy.sizes],
        [SUBJECT_TYPE_LABELS[SubjectType(v)] for v in policy.subject_types],
    )


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return _render(
        request,
        "policies/public/index.html",
        {
            "policies": current_policy_items(today).order_by("apply_deadline", "code"),
            "today": today,
            "page_title": _("惠企政策"),
        },
    )


@require_GET
def detail(request: HttpRequest, code: str) -> HttpResponse:
    policy = get_object_or_404(public_policy_items(), code=code)
    today = timezone.localdate()
    in_force = policy.valid_from <= today and (policy.valid_to is None or today <= policy.valid_to)
    return _render(
        request,
        "policies/public/detail.html",
        {
            "policy": policy,
            "sources": _source_links(policy),
            "sizes": "、".join(policy_labels(policy)[0]),
            "subject_types": "、".join(policy_labels(policy)[1]),
            "regions": policy.regions.order_by("path"),
            "in_force": in_force,
            "page_title": policy.title,
            "crumb": policy.title,
        },
    )


def _source_links(policy) -> list[tuple[str, str, str]]:
    """(title, URL, doc number) of the policy's public documents and interpretations, where the
    platform's routes read them (the portal is read lazily: it sits above this module)."""
    from gongkai.portal.selectors import live_platform

    documents, interpretations = public_sources(policy)
    platform = live_platform()
    found = []
    for document in documents:
        url = platform.document_url(document.unit.code, document.pk) if platform else ""
        found.append((document.title, url, document.doc_number))
    for interpretation in interpretations:
        url = (
            f"{platform.unit_url(interpretation.unit)}interpretations/{interpretation.pk}/"
            if platform
            else ""
        )
        found.append((interpretation.title, url, ""))
    return found


@require_GET
def calculator(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.GET or None, units=region_units())
    found = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        region = Unit.objects.get(code=data["region"])
        profile = Profile(data["industry"], data["size"], region.path, data["subject_type"])
        found = matching_policy_items(profile, timezone.localdate())
    return _render(
        request,
        "policies/public/calculator.html",
        {
            "form": form,
            "found": found,
            "page_title": _("政策计算器"),
            "crumb": _("政策计算器"),
        },
    )


# --- Self-registration -------------------------------------------------------------------------


def _register_page(
    request: HttpRequest, form: RegisterForm, *, refusal: str = "", status: int = 200
) -> HttpResponse:
    return _private(
        _render(
            request,
            "policies/public/register.html",
            {
                "form": form,
                "refusal": refusal,
                "page_title": _("企业登记"),
                "crumb": _("企业登记"),
            },
            status=status,
        )
    )


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    browser = browser_binding(request)
    units = region_units()
    if request.method != "POST":
        initial = {"form_token": new_form_token(browser, salt=FORM_TOKEN_SALT)}
        return _register_page(request, RegisterForm(initial=initial, units=units))
    token = read_form_token(request.POST.get("form_token", ""), salt=FORM_TOKEN_SALT)
    data = request.POST.copy()
    if token is None or token.browser != browser:
        data["form_token"] = new_form_token(browser, salt=FORM_TOKEN_SALT)
        refusal = _("表单已过期或不是在本浏览器中打开的。已为您保留填写的内容，请核对后重新提交。")
        return _register_page(request, RegisterForm(data, units=units), refusal=refusal, status=400)
    if request.POST.get("leave_blank"):
        data["leave_blank"] = ""
        refusal = _("提交未成功，请核对后重新提交。")
        return _register_page(request, RegisterForm(data, units=units), refusal=refusal, status=400)
    form = RegisterForm(data, units=units)
    if time.time() - token.issued_at < conf.min_fill_seconds():
        refusal = _("提交过快，登记未提交。请核对填写的内容后再次提交。")
        return _register_page(request, form, refusal=refusal, status=400)
    if not form.is_valid():
        return _register_page(request, form)
    address = client_address(request)
    if not ratelimit.consume("policies-register", address, conf.register_limit()):
        refusal = _("您在一小时内提交的登记已达%(limit)d次，请稍后再试。") % {
            "limit": conf.register_limit()
        }
        return _register_page(request, form, refusal=refusal, status=429)
    try:
        services.enterprise_register(fields=form.profile, email=form.cleaned_data["email"])
    except DomainError as error:
        ratelimit.give_back("policies-register", address)
        form.add_error(None, str(error))
        return _register_page(request, form)
    request.session[SESSION_REGISTERED] = form.cleaned_data["email"]
    return see_other(reverse("policies_public:registered"))


@never_cache
@require_GET
def registered(request: HttpRequest) -> HttpResponse:
    email = request.session.get(SESSION_REGISTERED)
    if email is None:
        return see_other(reverse("policies_public:register"))
    return _private(
        _render(
            request,
            "policies/public/registered.html",
            {"email": email, "page_title": _("请查收确认邮件"), "crumb": _("企业登记")},
        )
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        try:
            enterprise = services.enterprise_confirm(token=token)
        except DomainError as error:
            return _confirm_page(request, refusal=str(error), status=400)
        flash.success(request, _("登记已确认。以下是适用于本企业的惠企政策。"))
        return see_other(reverse("policies_public:mine", args=[links.page_token(enterprise)]))
    return _confirm_page(request)


def _confirm_page(request: HttpRequest, *, refusal: str = "", status: int = 200) -> HttpResponse:
    return _private(
        _render(
            request,
            "policies/public/confirm.html",
            {"refusal": refusal, "page_title": _("确认企业登记"), "crumb": _("确认企业登记")},
            status=status,
        )
    )


# --- The enterprise's page ---------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest, token: str) -> HttpResponse:
    enterprise = services.enterprise_from_page_token(token)
    if enterprise is None:
        raise Http404
    if request.method == "POST":
        subscribed = request.POST.get("subscribed") == "1"
        services.enterprise_subscribe(enterprise=enterprise, subscribed=subscribed)
        flash.success(
            request,
            _("已恢复接收政策推送邮件。")
            if subscribed
            else _("已退订，今后不再向您发送政策推送和提醒邮件。"),
        )
        return see_other(request.path)
    today = timezone.localdate()
    return _private(
        _render(
            request,
            "policies/public/mine.html",
            {
                "enterprise": enterprise,
                "policies": matching_policy_items(profile_of(enterprise), today),
                "today": today,
                "page_title": _("本企业适用的惠企政策"),
                "crumb": _("本企业适用的惠企政策"),
            },
        )
    )


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def new_link(request: HttpRequest) -> HttpResponse:
    form = LinkForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "page_title": _("找回专属页面链接"), "crumb": _("找回专属页面链接")}
    if not form.is_bound or not form.is_valid():
        return _private(_render(request, "policies/public/link.html", context))
    if form.cleaned_data["leave_blank"]:
        context["refusal"] = _("提交未成功，请核对后重新提交。")
        return _private(_render(request, "policies/public/link.html", context, status=400))
    if not ratelimit.consume("policies-link", client_address(request), conf.link_limit()):
        context["refusal"] = _("请求次数过多，请一小时后再试。")
        return _private(_render(request, "policies/public/link.html", context, status=429))
    services.enterprise_send_link(
        uscc=normalize(form.cleaned_data["uscc"]), email=form.cleaned_data["email"]
    )
    context["sent"] = True
    return _private(_render(request, "policies/public/link.html", context))
