"""Writes of policies and enterprises: each one transaction, one permission check and one audit
entry (``actor=None`` is the system: the command line, the portal's self-registration, the
periodic job)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.publication_gate import PublicText
from gongkai.core.models import Unit
from gongkai.core.permissions import require
from gongkai.documents import gate
from gongkai.search.index import sync_object

from . import links
from .domain.checks import EnterpriseFields, check_validity
from .domain.rules import ApplyMode
from .models import Enterprise, EnterpriseSource, NoticeKind, PolicyItem, PolicyNotice, PolicyState
from .selectors import matching_policy_items, profile_of, region_units

POLICY_FIELDS = (
    "title",
    "benefits",
    "industries",
    "sizes",
    "subject_types",
    "apply_mode",
    "how_to_apply",
    "apply_deadline",
    "valid_from",
    "valid_to",
    "contact",
)


@dataclass
class PolicyInput:
    title: str
    valid_from: date
    valid_to: date | None = None
    benefits: str = ""
    industries: list[str] = field(default_factory=list)
    sizes: list[str] = field(default_factory=list)
    subject_types: list[str] = field(default_factory=list)
    regions: list[Unit] = field(default_factory=list)
    apply_mode: str = ApplyMode.APPLY
    how_to_apply: str = ""
    apply_deadline: date | None = None
    contact: str = ""
    documents: list = field(default_factory=list)
    interpretations: list = field(default_factory=list)


def _check_policy(data: PolicyInput) -> None:
    problems = check_validity(data.valid_from, data.valid_to)
    if not data.title.strip():
        problems.append("请填写政策名称。")
    if data.apply_mode == ApplyMode.AUTOMATIC and data.apply_deadline is not None:
        problems.append("免申即享的政策无需申报，不能填写申报截止日。")
    if data.apply_deadline is not None and data.valid_to and data.apply_deadline > data.valid_to:
        problems.append("申报截止日不能晚于有效期截止日。")
    if problems:
        raise DomainError("".join(problems))


def _public_texts(policy: PolicyItem) -> list[PublicText]:
    return [
        PublicText("政策名称", policy.title),
        PublicText("政策内容", policy.benefits),
        PublicText("申报方式", policy.how_to_apply),
        PublicText("咨询方式", policy.contact),
    ]


def _snapshot(policy: PolicyItem) -> dict:
    values = {name: getattr(policy, name) for name in POLICY_FIELDS}
    values["regions"] = sorted(policy.regions.values_list("code", flat=True))
    return values


def _apply(policy: PolicyItem, data: PolicyInput) -> None:
    for name in POLICY_FIELDS:
        value = getattr(data, name)
        setattr(policy, name, value.strip() if isinstance(value, str) else value)
    policy.save()
    policy.regions.set(data.regions)
    policy.documents.set(data.documents)
    policy.interpretations.set(data.interpretations)


def policy_create(*, actor, unit: Unit, code: str, data: PolicyInput) -> PolicyItem:
    if actor is not None:
        require(actor, "policy.edit", unit)
    code = code.strip()
    if not code:
        raise DomainError("请填写政策编号。")
    _check_policy(data)
    with transaction.atomic():
        if PolicyItem.objects.filter(code=code).exists():
            raise DomainError(f"政策编号 {code} 已存在。")
        policy = PolicyItem(unit=unit, code=code)
        _apply(policy, data)
        audit_record(
            actor=actor, action="policy.create", obj=policy, unit=unit, changes=_snapshot(policy)
        )
    return policy


def policy_update(*, actor, policy: PolicyItem, data: PolicyInput) -> PolicyItem:
    if actor is not None:
        require(actor, "policy.edit", policy.unit)
    _check_policy(data)
    with transaction.atomic():
        policy = PolicyItem.objects.select_for_update().get(pk=policy.pk)
        before = _snapshot(policy)
        _apply(policy, data)
        if policy.state == PolicyState.PUBLISHED:
            # A published item is public at once: its new text passes the gate first.
            gate.refuse_unless_clean(
                unit=policy.unit, texts=_public_texts(policy), action="保存已发布的政策"
            )
        audit_record(
            actor=actor,
            action="policy.update",
            obj=policy,
            unit=policy.unit,
            changes={"before": before, "after": _snapshot(policy)},
        )
    sync_object(policy)
    return policy


def policy_publish(*, actor, policy: PolicyItem) -> PolicyItem:
    if actor is not None:
        require(actor, "policy.publish", policy.unit)
    with transaction.atomic():
        policy = PolicyItem.objects.select_for_update().get(pk=policy.pk)
        if policy.state == PolicyState.PUBLISHED:
            raise DomainError("该政策已发布。")
        gate.refuse_unless_clean(unit=policy.unit, texts=_public_texts(policy), action="发布政策")
        policy.state = PolicyState.PUBLISHED
        policy.published_at = timezone.now()
        policy.save(update_fields=["state", "published_at", "updated_at"])
        audit_record(actor=actor, action="policy.publish", obj=policy, unit=policy.unit)
    sync_object(policy)
    return policy


def policy_withdraw(*, actor, policy: PolicyItem) -> PolicyItem:
    if actor is not None:
        require(actor, "policy.publish", policy.unit)
    with transaction.atomic():
        policy = PolicyItem.objects.select_for_update().get(pk=policy.pk)
        if policy.state != PolicyState.PUBLISHED:
            raise DomainError("只有已发布的政策可以撤回。")
        policy.state = PolicyState.WITHDRAWN
        policy.save(update_fields=["state", "updated_at"])
        audit_record(actor=actor, action="policy.withdraw", obj=policy, unit=policy.unit)
    sync_object(policy)
    return policy


# --- Enterprises ------------------------------------------------------------------------------


def _region(code: str) -> Unit:
    unit = region_units().filter(code=code).first()
    if unit is None:
        raise DomainError(
            f"所在区域（单位代码）{code} 不存在，或不是县（区）、乡镇（街道）、村（社区）。"
        )
    return unit


def _enterprise_snapshot(enterprise: Enterprise) -> dict:
    return {
        "uscc": enterprise.uscc,
        "name": enterprise.name,
        "industry": enterprise.industry,
        "size": enterprise.size,
        "region": enterprise.region.code,
        "subject_type": enterprise.subject_type,
        # The address itself stays out of the log: whether one is on record is what matters.
        "email": bool(enterprise.email),
        "subscribed": enterprise.subscribed,
    }


def _set_fields(enterprise: Enterprise, fields: EnterpriseFields, region: Unit) -> None:
    enterprise.uscc = fields.uscc
    enterprise.name = fields.name
    enterprise.industry = fields.industry
    enterprise.size = fields.size
    enterprise.region = region
    enterprise.subject_type = fields.subject_type


def _mark_known(enterprise: Enterprise, today: date) -> None:
    """What the enterprise matches when it joins is on its page; the digest brings only what
    comes later."""
    PolicyNotice.objects.bulk_create(
        [
            PolicyNotice(enterprise=enterprise, policy=policy, kind=NoticeKind.MATCHED)
            for policy in matching_policy_items(profile_of(enterprise), today)
        ],
        ignore_conflicts=True,
    )


def enterprise_create(
    *,
    actor,
    fields: EnterpriseFields,
    email: str = "",
    source: str = EnterpriseSource.STAFF,
) -> Enterprise:
    region = _region(fields.region)
    if actor is not None:
        require(actor, "enterprise.edit", region)
    with transaction.atomic():
        if Enterprise.objects.filter(uscc=fields.uscc).exists():
            raise DomainError(f"统一社会信用代码 {fields.uscc} 的企业已登记。")
        enterprise = Enterprise(email=email.strip(), source=source, confirmed_at=timezone.now())
        _set_fields(enterprise, fields, region)
        enterprise.save()
        _mark_known(enterprise, timezone.localdate())
        audit_record(
            actor=actor,
            action="enterprise.create",
            obj=enterprise,
            unit=region,
            changes=_enterprise_snapshot(enterprise),
        )
    return enterprise


def enterprise_update(
    *, actor, enterprise: Enterprise, fields: EnterpriseFields, email: str, subscribed: bool
) -> Enterprise:
    region = _region(fields.region)
    if actor is not None:
        require(actor, "enterprise.edit", enterprise.region)
        require(actor, "enterprise.edit", region)
    with transaction.atomic():
        enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
        if Enterprise.objects.filter(uscc=fields.uscc).exclude(pk=enterprise.pk).exists():
            raise DomainError(f"统一社会信用代码 {fields.uscc} 的企业已登记。")
        before = _enterprise_snapshot(enterprise)
        _set_fields(enterprise, fields, region)
        enterprise.email = email.strip()
        enterprise.subscribed = subscribed
        enterprise.save()
        audit_record(
            actor=actor,
            action="enterprise.update",
            obj=enterprise,
            unit=region,
            changes={"before": before, "after": _enterprise_snapshot(enterprise)},
        )
    return enterprise


def _mail(enterprise: Enterprise, template: str, subject: str, context: dict) -> None:
    body = render_to_string(
        f"policies/mail/{template}.txt", {"enterprise": enterprise, **context}
    ).strip()
    send_mail(subject, body, None, [enterprise.email])


def enterprise_register(*, fields: EnterpriseFields, email: str) -> Enterprise | None:
    """A self-registration from the portal: the profile waits for the e-mail's confirmation.

    The page says the same whatever happens here (no one learns whether a code is registered):
    a registered enterprise's own address is sent its private link instead, and the new
    registration is dropped (None)."""
    region = _region(fields.region)
    email = email.strip()
    with transaction.atomic():
        existing = Enterprise.objects.select_for_update().filter(uscc=fields.uscc).first()
        if existing is not None and existing.confirmed_at is not None:
            if existing.email:
                _mail(
                    existing,
                    "already_registered",
                    "您的企业已在惠企政策平台登记",
                    {"page_url": links.page_url(existing)},
                )
            audit_record(
                actor=None, action="enterprise.register_again", obj=existing, unit=existing.region
            )
            return None
        # An unconfirmed registration proved nothing: a new one replaces it and voids its link.
        enterprise = existing or Enterprise(source=EnterpriseSource.SELF)
        if existing is not None:
            enterprise.link_version += 1
        _set_fields(enterprise, fields, region)
        enterprise.email = email
        enterprise.subscribed = True
        enterprise.save()
        _mail(
            enterprise,
            "confirm",
            "请确认您在惠企政策平台的企业登记",
            {"confirm_url": links.confirm_url(enterprise)},
        )
        audit_record(
            actor=None,
            action="enterprise.register",
            obj=enterprise,
            unit=region,
            changes=_enterprise_snapshot(enterprise),
        )
    return enterprise


def enterprise_confirm(*, token: str) -> Enterprise:
    found = links.read_confirm_token(token)
    refusal = DomainError("确认链接无效或已过期（有效期3天），请重新登记。")
    if found is None:
        raise refusal
    with transaction.atomic():
        enterprise = (
            Enterprise.objects.select_for_update()
            .select_related("region")
            .filter(pk=found[0])
            .first()
        )
        if enterprise is None or enterprise.link_version != found[1]:
            raise refusal
        if enterprise.confirmed_at is not None:
            return enterprise
        enterprise.confirmed_at = timezone.now()
        enterprise.save(update_fields=["confirmed_at", "updated_at"])
        _mark_known(enterprise, timezone.localdate())
        audit_record(
            actor=None, action="enterprise.confirm", obj=enterprise, unit=enterprise.region
        )
    return enterprise


def enterprise_from_page_token(token: str) -> Enterprise | None:
    found = links.read_page_token(token)
    if found is None:
        return None
    enterprise = (
        Enterprise.objects.select_related("region")
        .filter(pk=found[0], link_version=found[1], confirmed_at__isnull=False)
        .first()
    )
    return enterprise


def enterprise_subscribe(*, enterprise: Enterprise, subscribed: bool) -> Enterprise:
    """The enterprise's own choice, from its private page."""
    with transaction.atomic():
        enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
        if enterprise.subscribed == subscribed:
            return enterprise
        enterprise.subscribed = subscribed
        enterprise.save(update_fields=["subscribed", "updated_at"])
        audit_record(
            actor=None,
            action="enterprise.subscribe" if subscribed else "enterprise.unsubscribe",
            obj=enterprise,
            unit=enterprise.region,
        )
    return enterprise


def enterprise_send_link(*, uscc: str, email: str) -> bool:
    """Mail a new private link when the code and address are those on record (the old links
    stop working). Whether they were is never shown to the asker."""
    with transaction.atomic():
        enterprise = (
            Enterprise.objects.select_for_update()
            .filter(uscc=uscc, confirmed_at__isnull=False)
            .first()
        )
        if enterprise is None or not enterprise.email or enterprise.email.lower() != email.lower():
            return False
        enterprise.link_version += 1
        enterprise.save(update_fields=["link_version", "updated_at"])
        _mail(
            enterprise,
            "new_link",
            "您的惠企政策专属页面新链接",
            {"page_url": links.page_url(enterprise)},
        )
        audit_record(
            actor=None, action="enterprise.new_link", obj=enterprise, unit=enterprise.region
        )
    return True
