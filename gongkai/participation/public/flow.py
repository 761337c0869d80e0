"""The steps every public form of this module takes before its service runs, as the
disclosure-request form does (`gongkai/requests/public/views.py`):

1. the one-time key (`core.form_tokens`): signed, salted per form, bound to the browser it was
   handed to, at most a day old; it makes the submission idempotent;
2. the honeypot field (``leave_blank``), which a person never sees or fills;
3. the least time a person takes (``GONGKAI_PARTICIPATION_MIN_FILL_SECONDS``);
4. submissions per client address and hour (``GONGKAI_PARTICIPATION_SUBMIT_LIMIT``, counted in
   `core.ratelimit` across worker processes); a retry of a form already received is not counted,
   and a refused submission gives its count back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from gongkai.core import ratelimit
from gongkai.core.clients import client_address
from gongkai.core.domain.errors import DomainError
from gongkai.core.form_tokens import browser_binding, new_form_token, read_form_token

from .. import conf

T = TypeVar("T")


def new_token(request: HttpRequest, salt: str) -> str:
    return new_form_token(browser_binding(request), salt=salt)


@dataclass(frozen=True)
class Checked:
    key: str | None
    refusal: str
    status: int
    fresh_token: str
    """A token to put back into a refused form."""


def check_post(request: HttpRequest, salt: str) -> Checked:
    """Steps 1–3: the key of a form a person filled in this browser, or why not."""
    browser = browser_binding(request)
    fresh = new_form_token(browser, salt=salt)
    token = read_form_token(request.POST.get("form_token", ""), salt=salt)
    if token is None:
        refusal = _("表单已过期（超过24小时）或无效。已为您保留填写的内容，请核对后重新提交。")
        return Checked(None, refusal, 400, fresh)
    if token.browser != browser:
        refusal = _(
            "该表单不是在本浏览器中打开的（或浏览器的Cookie已被清除）。"
            "已为您保留填写的内容，请核对后重新提交。"
        )
        return Checked(None, refusal, 400, fresh)
    if request.POST.get("leave_blank"):
        return Checked(None, _("提交未成功，请核对后重新提交。"), 400, fresh)
    if time.time() - token.issued_at < conf.min_fill_seconds():
        # The same token: a person refused for speed just submits again.
        posted = request.POST.get("form_token", "")
        return Checked(None, _("提交过快，未能提交。请核对填写的内容后再次提交。"), 400, posted)
    return Checked(token.key, "", 200, request.POST.get("form_token", ""))


@dataclass(frozen=True)
class Outcome:
    result: object | None
    refusal: str
    status: int


def submit_counted(
    request: HttpRequest,
    *,
    scope: str,
    repeat: bool,
    submit: Callable[[], tuple[T, bool]],
) -> Outcome:
    """Step 4 and the service: ``submit`` returns (what it made or found, whether it made it)."""
    address = client_address(request)
    counted = not repeat
    limit = conf.submit_limit()
    if counted and not ratelimit.consume(f"participation-{scope}", address, limit):
        refusal = _("您在一小时内的提交已达%(limit)d次，请稍后再试。") % {"limit": limit}
        return Outcome(None, refusal, 429)
    try:
        result, created = submit()
    except DomainError as error:
        if counted:
            ratelimit.give_back(f"participation-{scope}", address)
        return Outcome(None, str(error), 409)
    if counted and not created:
        ratelimit.give_back(f"participation-{scope}", address)
    return Outcome(result, "", 200)


def run_form(
    request: HttpRequest,
    *,
    salt: str,
    make_form: Callable[..., Form],
    page: Callable[[Form, str, int], HttpResponse],
    scope: str,
    already: Callable[[str], bool],
    submit: Callable[[Form, str], tuple[T, bool]],
    initial: dict | None = None,
) -> HttpResponse | T:
    """A public form from GET to the service: the page (``page(form, refusal, status)``) when
    there is something to show, else what ``submit(form, key)`` made or found (the caller
    redirects). ``already(key)`` says whether the key's submission was received before."""
    if request.method != "POST":
        return page(
            make_form(initial={"form_token": new_token(request, salt), **(initial or {})}), "", 200
        )
    checked = check_post(request, salt)
    data = request.POST.copy()
    data["form_token"], data["leave_blank"] = checked.fresh_token, ""
    form = make_form(data)
    if checked.key is None:
        return page(form, checked.refusal, checked.status)
    if not form.is_valid():
        return page(form, "", 200)
    key = checked.key
    outcome = submit_counted(
        request, scope=scope, repeat=already(key), submit=lambda: submit(form, key)
    )
    if outcome.result is None:
        return page(form, outcome.refusal, outcome.status)
    return outcome.result
