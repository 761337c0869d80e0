"""One-time keys for public forms (the disclosure-request form, and any later form a citizen
submits: messages, comments): a signed token carrying a new random key, the time the form was
handed out and the browser it was handed to.

- The key makes a submission idempotent: a double click or a retry after a timeout posts the same
  key, and the service finds what the first POST created.
- The time lets a form refuse posts faster than a person fills it in, and tokens older than a
  day.
- The browser binding (an HMAC of the browser's CSRF cookie) keeps a copied or replayed form from
  finding, and showing, what somebody else's first POST created.

Signed with a salt per form, so a token of one form is worth nothing on another; a bot can
neither pick its own key nor pretend it loaded the form long ago.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from django.core import signing
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.crypto import salted_hmac

# A form older than this is refused: its page may have sat in a shared computer's history.
FORM_MAX_AGE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class FormToken:
    key: str
    issued_at: float
    browser: str


def browser_binding(request: HttpRequest) -> str:
    """A value only the browser that holds this CSRF cookie can present with a form."""
    get_token(request)  # gives a browser without the cookie one, sent with this response
    return salted_hmac("gongkai.form_tokens", request.META["CSRF_COOKIE"]).hexdigest()[:32]


def new_form_token(browser: str, *, salt: str) -> str:
    return signing.dumps([secrets.token_urlsafe(24), time.time(), browser], salt=salt)


def read_form_token(token: str, *, salt: str) -> FormToken | None:
    """The token's contents, or None when it was altered, is another form's or older than a day."""
    try:
        key, issued_at, browser = signing.loads(token, salt=salt, max_age=FORM_MAX_AGE_SECONDS)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return FormToken(str(key), float(issued_at), str(browser))
