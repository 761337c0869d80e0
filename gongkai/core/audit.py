"""The audit log: every service records its write here, in the same transaction.

Entries are signed with the audit key (``audit_keys``) and chained; the rules of the chain and of
its anchors are in ``domain/audit_chain.py``. ``audit_verify`` checks the chain, the head and
anchors kept outside the server; ``audit_anchor`` makes such an anchor.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from . import audit_keys
from .counters import count_up
from .domain.audit_chain import (
    GENESIS_HASH,
    Anchor,
    AnchorFormatError,
    ChainEntry,
    Head,
    anchor_from_json,
    anchor_make,
    anchor_to_json,
    entry_content,
    verify_chain,
)
from .domain.errors import DomainError
from .files import write_file
from .models import AuditChainHead, AuditEntry, Unit

ANCHOR_SUFFIX = ".json"


def _json_safe(value: Any) -> Any:
    # Changes are stored as JSON and signed; dates, decimals and model instances become text.
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)


def _chain_entry(entry: AuditEntry) -> ChainEntry:
    return ChainEntry(
        entry.seq,
        entry.at.isoformat(),
        entry.actor_id,
        entry.actor_name,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.object_repr,
        entry.unit_id,
        entry.changes,
        entry.prev_hash,
        entry.key_id,
        entry.hash,
    )


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
    seq, prev_hash, prev_key_id = count_up(
        AuditChainHead, "last_seq", returning=("last_hash", "last_key_id"), id=1
    )
    # Read under the head's lock: a key added by `audit rotate-key` before it recorded the
    # rotation is seen here, so no entry after the rotation is signed with the old key.
    keyring = audit_keys.keyring()
    if prev_key_id and not keyring.knows(prev_key_id):
        raise ImproperlyConfigured(
            f"本机的审计密钥中没有签名上一条日志的密钥（编号 {prev_key_id}），为免日志链分叉而无法"
            "核对，本次操作未执行：共用一个数据库的服务器须使用同一个 GONGKAI_AUDIT_KEY；"
            "数据目录中的 audit_keys 文件须与数据库一起迁移或恢复。"
        )
    actor_id = getattr(actor, "pk", None)
    entry = AuditEntry(
        seq=seq,
        # Microseconds are dropped so the signed timestamp reads back identically everywhere.
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
        key_id=keyring.current_id,
    )
    entry.hash = keyring.sign(entry.key_id, entry_content(_chain_entry(entry)))
    entry.save(force_insert=True)
    _set_head(entry)
    return entry


def _set_head(entry: AuditEntry) -> None:
    # SQL for the reason `count_up` gives: this runs in every write of the platform.
    table = connection.ops.quote_name(AuditChainHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_hash = %s, last_key_id = %s WHERE id = 1",
            [entry.hash, entry.key_id],
        )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose values differ, as ``{field: [old, new]}``."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    last_seq: int
    anchors_checked: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


# The stored fields the chain is made of, in ChainEntry's order.
_COLUMNS = ChainEntry._fields


def _iso(value: datetime | str) -> str:
    # SQLite hands back the stored UTC time without a zone (as text, or parsed by the converter
    # Django registers), PostgreSQL an aware datetime.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def _entries_up_to(seq: int | None) -> Iterator[ChainEntry]:
    """Every entry, in sequence order, as signed. Plain SQL on a chunked cursor: the ORM's
    per-row conversions took about half of the time of a verification of millions of entries."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(AuditEntry._meta.get_field(name).column) for name in _COLUMNS)
    where, params = ("WHERE seq <= %s", [seq]) if seq is not None else ("", [])
    table = quote(AuditEntry._meta.db_table)
    with connection.chunked_cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} {where} ORDER BY seq", params)
        while rows := cursor.fetchmany(5000):
            for row in rows:
                # Both backends hand JSON over as text (Django asks psycopg for that, too).
                changes = json.loads(row[9]) if isinstance(row[9], str) else row[9]
                yield ChainEntry(row[0], _iso(row[1]), *row[2:9], changes, *row[10:])


def _head() -> Head | None:
    row = AuditChainHead.objects.filter(pk=1).values_list("last_seq", "last_hash").first()
    return Head(*row) if row else None


def audit_verify(*, anchors: Path | None = None) -> VerifyResult:
    """Check the whole chain, the head and, with ``anchors`` (a folder or one file), that every
    anchored entry is still there unchanged. Problems are complete Chinese sentences."""
    loaded, problems = read_anchors(anchors) if anchors is not None else ({}, [])
    # Entries up to the head as it stands now: a server that keeps writing meanwhile appends
    # beyond it, and each append moves entry and head in one transaction.
    head = _head()
    report = verify_chain(
        _entries_up_to(head.seq if head else None),
        keyring=audit_keys.keyring(),
        head=head,
        anchors=loaded,
    )
    problems = problems + report.problems
    # Read the newest entry before the head: a legitimate append moves both at once, so only a
    # head set back below existing entries makes the entry newer.
    newest = AuditEntry.objects.aggregate(newest=Max("seq"))["newest"] or 0
    head_now = _head()
    if head_now is not None and newest > head_now.seq:
        problems.append(
            f"日志已到第 {newest} 条，链头却记录最后一条是第 {head_now.seq} 条（链头被改小）。"
        )
    return VerifyResult(
        checked=report.checked,
        last_seq=report.last_seq,
        anchors_checked=report.anchors_checked,
        problems=problems,
    )


def read_anchors(path: Path) -> tuple[dict[str, Anchor], list[str]]:
    """The anchors in a folder (its ``*.json`` files) or one anchor file, by file name, and a
    problem for each file that is not a readable anchor."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix == ANCHOR_SUFFIX and p.is_file())
    elif path.is_file():
        files = [path]
    else:
        raise DomainError(f"找不到审计锚点目录或文件：{path}")
    anchors: dict[str, Anchor] = {}
    problems: list[str] = []
    for file in files:
        try:
            anchors[file.name] = anchor_from_json(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            problems.append(f"锚点文件 {file.name} 无法读取。")
        except AnchorFormatError as error:
            problems.append(f"锚点文件 {file.name} 格式不对：{error}")
    return anchors, problems


def audit_anchor() -> Anchor:
    """The chain head now, signed. The head, not the newest entry: if entries were removed from
    the end without lowering the head, the anchor keeps that visible."""
    head = _head() or Head(0, GENESIS_HASH)
    return anchor_make(
        seq=head.seq,
        hash=head.hash,
        anchored_at=timezone.localtime().replace(microsecond=0).isoformat(),
        keyring=audit_keys.keyring(),
    )


def anchor_file_name(anchor: Anchor) -> str:
    at = datetime.fromisoformat(anchor.anchored_at)
    return f"audit-anchor-{at:%Y%m%d-%H%M%S}-{anchor.seq}{ANCHOR_SUFFIX}"


def anchor_write(anchor: Anchor, path: Path) -> None:
    """Write an anchor file; an existing file is never replaced (anchors are evidence)."""
    if not write_file(path, anchor_to_json(anchor), replace=False):
        raise DomainError(f"文件已存在，未覆盖：{path}")


def audit_anchor_daily(folder: Path) -> Path | None:
    """The periodic job's anchor: written unless an anchor in ``folder`` already records the
    head as it stands (so a restart or a quiet day adds no file)."""
    anchor = audit_anchor()
    if anchor.seq == 0:
        return None
    if folder.is_dir():
        existing, _ = read_anchors(folder)
        if any((a.seq, a.hash) == (anchor.seq, anchor.hash) for a in existing.values()):
            return None
    path = folder / anchor_file_name(anchor)
    anchor_write(anchor, path)
    return path


def audit_key_rotate() -> AuditEntry:
    """Start signing with a new key and record the change in the log, signed with the new key.

    With keys in the data dir a new key is generated and appended; with ``GONGKAI_AUDIT_KEY``
    the operator appends it there and restarts, and this records that the last key changed."""
    with transaction.atomic():
        head = AuditChainHead.objects.get_or_create(pk=1)[0]
        old_key_id = head.last_key_id
        if audit_keys.from_environment():
            new_key_id = audit_keys.keyring().current_id
            if new_key_id == old_key_id:
                raise DomainError(
                    f"当前的审计密钥（编号 {new_key_id}）已在使用，没有需要记录的更换。如要更换，"
                    "请在 GONGKAI_AUDIT_KEY 的末尾加上新密钥（保留旧密钥，以逗号分隔），"
                    "重启服务后再运行本命令。"
                )
        else:
            new_key_id = audit_keys.add_key()
        return audit_record(
            actor=None,
            action="audit.key_rotate",
            obj=head,
            changes={"key_id": [old_key_id, new_key_id]},
        )
