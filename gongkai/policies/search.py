"""Published policy items as a search kind (registered from ``PoliciesConfig.ready``); what is
public is read from ``selectors.public_policy_items``."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.search.registry import SearchKind, register_kind

from .models import PolicyItem
from .selectors import public_policy_items

POLICY_ITEMS = SearchKind(
    name="qyzc",
    label=_("惠企政策"),
    model=PolicyItem,
    public=public_policy_items,
    title=lambda policy: policy.title,
    body=lambda policy: "\n".join(filter(None, [policy.benefits, policy.how_to_apply])),
    url=lambda policy: reverse("policies_public:detail", args=[policy.code]),
    units=lambda policy: [policy.unit],
    date=lambda policy: policy.valid_from,
    identifiers=lambda policy: [policy.code],
)


def register() -> None:
    register_kind(POLICY_ITEMS)
