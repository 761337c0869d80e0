"""The mail an enterprise gets without asking: a digest of policies that newly match it, and
reminders of application deadlines. Run daily by the periodic job; idempotent, because each
(enterprise, policy, kind) is recorded once (`PolicyNotice`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit_record

from . import links
from .domain.matching import Profile
from .domain.rules import REMINDER_DAYS_BEFORE, ApplyMode
from .models import Enterprise, NoticeKind, PolicyItem, PolicyNotice
from .selectors import current_policy_items, policy_index, registered_enterprises
from .services import _mail


@dataclass
class Sent:
    digests: int = 0
    reminders: int = 0


def _recipients():
    return registered_enterprises().filter(subscribed=True).exclude(email="")


def _known(kind: str) -> set[tuple[int, int]]:
    return set(PolicyNotice.objects.filter(kind=kind).values_list("enterprise_id", "policy_id"))


def digests_send(today: date | None = None) -> int:
    """One mail per subscribed enterprise listing the policies that match it today and that it
    was never told of; the number of mails queued."""
    today = today or timezone.localdate()
    index = policy_index(today)
    by_code = current_policy_items(today).in_bulk(index.codes, field_name="code")
    known = _known(NoticeKind.MATCHED)
    sent = 0
    for enterprise in _recipients().select_related("region").iterator(chunk_size=2000):
        profile = Profile(
            enterprise.industry, enterprise.size, enterprise.region.path, enterprise.subject_type
        )
        new = [
            by_code[code]
            for code in index.match(profile)
            if (enterprise.pk, by_code[code].pk) not in known
        ]
        if new:
            _send(enterprise, new, NoticeKind.MATCHED, "digest", "有新的惠企政策适用于您的企业")
            sent += 1
    return sent


def reminders_send(today: date | None = None) -> int:
    """Reminders of the application deadlines of matching policies: a week before, and on the
    last day; the number of mails queued."""
    today = today or timezone.localdate()
    index = policy_index(today)
    due = {
        p.code: p
        for p in current_policy_items(today).filter(
            apply_mode=ApplyMode.APPLY,
            apply_deadline__gte=today,
            apply_deadline__lte=today + timedelta(days=REMINDER_DAYS_BEFORE),
        )
    }
    if not due:
        return 0
    known = {
        NoticeKind.REMINDER: _known(NoticeKind.REMINDER),
        NoticeKind.LAST_DAY: _known(NoticeKind.LAST_DAY),
    }
    sent = 0
    for enterprise in _recipients().select_related("region").iterator(chunk_size=2000):
        profile = Profile(
            enterprise.industry, enterprise.size, enterprise.region.path, enterprise.subject_type
        )
        for kind in (NoticeKind.LAST_DAY, NoticeKind.REMINDER):
            policies = [
                due[code]
                for code in index.match(profile)
                if code in due
                and (due[code].apply_deadline == today) == (kind == NoticeKind.LAST_DAY)
                and (enterprise.pk, due[code].pk) not in known[kind]
            ]
            if policies:
                _send(enterprise, policies, kind, "reminder", "惠企政策申报即将截止")
                sent += 1
    return sent


def _send(
    enterprise: Enterprise, policies: list[PolicyItem], kind: str, template: str, subject: str
) -> None:
    with transaction.atomic():
        PolicyNotice.objects.bulk_create(
            [
                PolicyNotice(enterprise=enterprise, policy=p, kind=kind, mailed=True)
                for p in policies
            ]
        )
        _mail(
            enterprise,
            template,
            subject,
            {
                "items": [(p, links.policy_url(p)) for p in policies],
                "last_day": kind == NoticeKind.LAST_DAY,
                "page_url": links.page_url(enterprise),
            },
        )
        audit_record(
            actor=None,
            action=f"enterprise.notice.{kind}",
            obj=enterprise,
            unit=enterprise.region,
            changes={"policies": [p.code for p in policies]},
        )
