"""The audit log: every service records its write here, in the same transaction."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from .counters import count_up
from .models import AuditChainHead, AuditEntry, Unit

GENESIS_HASH = "0" * 64


def _entry_hash(fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _hashed_fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor_id": entry.actor_id,
        "actor_name": entry.actor_name,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "unit_id": entry.unit_id,
        "changes": entry.changes,
        "prev_hash": entry.prev_hash,
    }


def _json_safe(value: Any) -> Any:
    # Changes are stored as JSON and hashed; dates, decimals and model instances become text.
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    unit: Unit | None = None,
) -> AuditEntry:
    """Append one entry for a write. Must run inside the service's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside transaction.atomic()")
    # Counting the chain's head up locks it until the service's transaction ends: two writers
    # never chain onto the same predecessor.
    seq, prev_hash = count_up(AuditChainHead, "last_seq", returning=("last_hash",), id=1)
    actor_id = getattr(actor, "pk", None)
    entry = AuditEntry(
        seq=seq,
        # Microseconds are dropped so the hashed timestamp reads back identically everywhere.
        at=timezone.now().replace(microsecond=0),
        actor_id=actor_id,
        actor_name=actor.get_username() if actor_id else "系统",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        unit_id=unit.pk if unit is not None else None,
        changes=_json_safe(changes or {}),
        prev_hash=prev_hash,
    )
    entry.hash = _entry_hash(_hashed_fields(entry))
    entry.save(force_insert=True)
    _set_head_hash(entry.hash)
    return entry


def _set_head_hash(value: str) -> None:
    # SQL for the reason `count_up` gives: this runs in every write of the platform.
    table = connection.ops.quote_name(AuditChainHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET last_hash = %s WHERE id = 1", [value])


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose values differ, as ``{field: [old, new]}``."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def audit_verify() -> VerifyResult:
    """Walk the chain from the first entry and report every break in Chinese."""
    problems: list[str] = []
    prev_hash = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        checked += 1
        if entry.seq != expected_seq:
            problems.append(f"第 {expected_seq} 至 {entry.seq - 1} 条日志缺失（可能被删除）。")
        if entry.prev_hash != prev_hash:
            problems.append(f"第 {entry.seq} 条日志与前一条的链接不符（前一条被修改或删除）。")
        if _entry_hash(_hashed_fields(entry)) != entry.hash:
            problems.append(f"第 {entry.seq} 条日志的内容与其哈希值不符（内容被修改）。")
        prev_hash = entry.hash
        expected_seq = entry.seq + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_seq != expected_seq - 1:
        problems.append(
            f"日志链末尾应为第 {head.last_seq} 条，实际为第 {expected_seq - 1} 条（末尾日志被删除）。"
        )
    return VerifyResult(checked=checked, problems=problems)
