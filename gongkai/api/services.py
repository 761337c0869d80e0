"""Writes of the API module: making and revoking API keys (platform administrators only)."""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit
from gongkai.core.permissions import can, require

from .domain import keys
from .models import ApiKey

ACTION = "api_key.manage"


def _platform_unit(actor) -> Unit | None:
    """A top-level unit the actor administers: keys serve the whole installation."""
    roots = list(Unit.objects.filter(parent__isnull=True).order_by("sort_order", "code"))
    for root in roots:
        if can(actor, ACTION, root):
            return root
    require(actor, ACTION, roots[0] if roots else None)
    return None


def may_manage_keys(user) -> bool:
    return any(can(user, ACTION, root) for root in Unit.objects.filter(parent__isnull=True))


def api_key_create(*, actor, name: str, contact: str, hourly_limit: int) -> tuple[ApiKey, str]:
    """A new key for ``name``; returns the record and the key, which is never stored."""
    name = name.strip()
    if not name:
        raise DomainError("请填写使用方名称。")
    problem = keys.limit_problem(hourly_limit)
    if problem:
        raise DomainError(problem)
    with transaction.atomic():
        unit = _platform_unit(actor)
        plain = keys.new_key()
        key = ApiKey.objects.create(
            name=name,
            contact=contact.strip(),
            prefix=keys.prefix(plain),
            digest=keys.digest(plain),
            hourly_limit=hourly_limit,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="api_key.create",
            obj=key,
            changes={"name": name, "hourly_limit": hourly_limit},
            unit=unit,
        )
    return key, plain


def api_key_revoke(*, actor, key_id: int) -> ApiKey:
    with transaction.atomic():
        unit = _platform_unit(actor)
        key = ApiKey.objects.select_for_update().filter(pk=key_id).first()
        if key is None:
            raise DomainError("没有这个接口密钥。")
        if key.revoked_at is not None:
            raise DomainError("该密钥已停用。")
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="api_key.revoke", obj=key, unit=unit)
    return key


def active_key(plain: str) -> tuple[int, int] | None:
    """The id and hourly limit of the key a client sent, if it is ours and not revoked. Read
    on every request that sends a key, so in plain SQL: the ORM's query building cost more than
    the rest of a cached answer."""
    if not keys.is_well_formed(plain):
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, hourly_limit FROM {ApiKey._meta.db_table} "
            "WHERE digest = %s AND revoked_at IS NULL",
            [keys.digest(plain)],
        )
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None
