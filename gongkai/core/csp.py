"""Content-Security-Policy: the browser runs only the scripts this site serves.

The policy is ``settings.GONGKAI_CSP`` (directive → sources). A stored cross-site script that got
past escaping still cannot run: ``script-src`` allows files from this site and inline scripts that
carry the response's nonce, nothing else (no ``'unsafe-inline'``, no ``'unsafe-eval'``).

The portal has no inline script at all. Wagtail's admin writes a few: date and time pickers,
inline panels and chooser widgets initialise themselves with a ``<script>`` next to their markup.
Their templates are overridden in ``core/templates/wagtailadmin/`` to carry the nonce, and the
chooser widgets, which build their ``<script>`` in Python, are given it in `nonce_choosers`.
Widgets are rendered without the request, so the nonce of the response being built is kept in
a context variable for the duration of the request (`current_nonce`).

The nonce is made when something first asks for it, and only then appears in the header, so
pages without inline scripts (the portal, also when served from its page cache) send a policy
without one. Django 6 has the same mechanism built in; moving to it changes this module only.
"""

from __future__ import annotations

import secrets
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

HEADER = "Content-Security-Policy"
NONCE_SOURCE = "'nonce'"  # in GONGKAI_CSP: replaced by the response's nonce, if one was used


class LazyNonce:
    """A nonce made on first use; ``str(nonce)`` is its value."""

    __slots__ = ("_value",)

    def __init__(self) -> None:
        self._value: str | None = None

    @property
    def used(self) -> bool:
        return self._value is not None

    def __str__(self) -> str:
        if self._value is None:
            self._value = secrets.token_urlsafe(18)
        return self._value


_current: ContextVar[LazyNonce | None] = ContextVar("gongkai_csp_nonce", default=None)


def current_nonce() -> str:
    """The nonce of the response being rendered ("" outside a request: a management command
    rendering a template needs none)."""
    nonce = _current.get()
    return str(nonce) if nonce is not None else ""


def nonce_attribute() -> SafeString:
    """`` nonce="…"`` for an inline ``<script>`` tag, or nothing outside a request."""
    nonce = current_nonce()
    return format_html(' nonce="{}"', nonce) if nonce else mark_safe("")


def policy_header(policy: dict[str, list[str]], nonce: LazyNonce) -> str:
    directives = []
    for name, sources in policy.items():
        values = []
        for source in sources:
            if source == NONCE_SOURCE:
                if nonce.used:
                    values.append(f"'nonce-{nonce}'")
            else:
                values.append(source)
        directives.append(" ".join([name, *values]))
    return "; ".join(directives)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = LazyNonce()
        request.csp_nonce = nonce
        token = _current.set(nonce)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        # Template responses are rendered by now; the header can say whether a nonce was used.
        if HEADER not in response:
            response[HEADER] = policy_header(settings.GONGKAI_CSP, nonce)
        return response


def nonce_choosers() -> None:
    """Give the ``<script>`` that Wagtail's chooser widgets write after their markup the nonce.

    `BaseChooser.render` builds it in Python, so no template override reaches it. Its body is
    Wagtail 8's, with the nonce added; `core/tests/test_csp.py` fails if Wagtail changes it.
    """
    from wagtail.admin.widgets.chooser import BaseChooser

    def render(self, name, value, attrs=None, renderer=None):
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as error:
            raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
        value_data = self.get_value_data(value)
        widget_html = self.render_html(name, value_data, attrs)
        js = self.render_js_init(id_, name, value_data)
        return mark_safe(f"{widget_html}<script{nonce_attribute()}>{js}</script>")

    if not hasattr(BaseChooser.render, "__wrapped__"):
        render.__wrapped__ = BaseChooser.render
        BaseChooser.render = render
