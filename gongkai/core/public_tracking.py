"""How a citizen follows what they submitted on a public form (a disclosure request, a message):
a tracking number shown on the confirmation, a private lookup code only they receive, and a
tracking session opened once both were given.

- The code is derived from the form's one-time key (`core.form_tokens`), so that a retried
  submission (double click, timeout) shows the same code for the one record it finds; the
  platform stores only a keyed digest of it (`lookup_code_digest`), never the code.
- A successful lookup keeps the record's id in the session, under a new session key (whoever
  planted or saw the old cookie cannot follow the record), for an hour when the visitor is not
  logged in: a citizen on a shared computer in a service hall should not leave the next person
  a way in. Nothing about the citizen is ever put in a URL.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect

LOOKUP_CODE_LENGTH = 10
_LOOKUP_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
TRACKING_SESSION_SECONDS = 3600


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


def lookup_code_for(submission_key: str) -> str:
    """The citizen's private code, derived from the submission's one-time key."""
    mac = hmac.new(settings.SECRET_KEY.encode(), f"lookup:{submission_key}".encode(), "sha256")
    number = int.from_bytes(mac.digest(), "big")
    chars = []
    for _ in range(LOOKUP_CODE_LENGTH):
        number, index = divmod(number, len(_LOOKUP_ALPHABET))
        chars.append(_LOOKUP_ALPHABET[index])
    return "".join(chars)


def lookup_code_digest(code: str) -> str:
    """What is stored for a code: a keyed digest, the same however the code was typed."""
    normalised = plain_text(code).upper().replace(" ", "")
    return hmac.new(
        settings.SECRET_KEY.encode(), f"digest:{normalised}".encode(), hashlib.sha256
    ).hexdigest()


def lookup_code_matches(digest: str, code: str) -> bool:
    return hmac.compare_digest(digest, lookup_code_digest(code))


def plain_text(value: str) -> str:
    """Full-width digits and letters (common in Chinese input methods) as ASCII, trimmed."""
    return unicodedata.normalize("NFKC", value).strip()


def open_tracking(request: HttpRequest, session_key: str, pk: int) -> None:
    """Let this browser follow record ``pk`` (under ``session_key``) after a lookup or a
    submission."""
    if request.session.session_key:
        request.session.cycle_key()
    request.session[session_key] = pk
    if not request.user.is_authenticated:
        request.session.set_expiry(TRACKING_SESSION_SECONDS)


def leave_tracking(request: HttpRequest, *session_keys: str) -> None:
    """退出查询: only what the module keeps goes; a staff login in the same browser stays."""
    for key in session_keys:
        request.session.pop(key, None)


def see_other(url: str) -> HttpResponseRedirect:
    """303: the browser fetches the next page with GET, so reloading it never re-posts."""
    return HttpResponseRedirect(url, status=303)
