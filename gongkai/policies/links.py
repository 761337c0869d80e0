"""The links an enterprise gets by e-mail, signed with ``SECRET_KEY`` (no account, no password).

- The confirmation link of a self-registration: good for `CONFIRMATION_DAYS`.
- The private link to its page of matching policies (which also unsubscribes): carries the
  enterprise's id and ``link_version`` and does not expire, so a digest's link keeps working;
  asking for a new link counts ``link_version`` up and every older link stops working.

The private page shows only what the enterprise typed in and the public policies it matches;
the contact e-mail is never shown on it, so a forwarded link gives away no personal data.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .domain.rules import CONFIRMATION_DAYS
from .models import Enterprise

CONFIRM_SALT = "gongkai.policies.confirm"
PAGE_SALT = "gongkai.policies.page"


def confirm_token(enterprise: Enterprise) -> str:
    # The version binds the link to this registration: a later one (counted up) voids it.
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(
        f"{enterprise.pk}.{enterprise.link_version}"
    )


def read_confirm_token(token: str) -> tuple[int, int] | None:
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            token, max_age=CONFIRMATION_DAYS * 24 * 3600
        )
    except signing.BadSignature:
        return None
    return _pair(value)


def page_token(enterprise: Enterprise) -> str:
    return signing.Signer(salt=PAGE_SALT).sign(f"{enterprise.pk}.{enterprise.link_version}")


def read_page_token(token: str) -> tuple[int, int] | None:
    try:
        value = signing.Signer(salt=PAGE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return _pair(value)


def _pair(value: str) -> tuple[int, int] | None:
    pk, _, version = value.partition(".")
    if not (pk.isdigit() and version.isdigit()):
        return None
    return int(pk), int(version)


def absolute(path: str) -> str:
    return f"{settings.BASE_URL}{path}"


def page_url(enterprise: Enterprise) -> str:
    return absolute(reverse("policies_public:mine", args=[page_token(enterprise)]))


def confirm_url(enterprise: Enterprise) -> str:
    return absolute(reverse("policies_public:confirm", args=[confirm_token(enterprise)]))


def policy_url(policy) -> str:
    return absolute(reverse("policies_public:detail", args=[policy.code]))
