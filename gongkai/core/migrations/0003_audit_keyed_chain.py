"""Sign the audit log with a key kept outside the database.

Earlier versions chained entries with plain SHA-256, which anyone able to write to the database
could recompute. This migration checks that old chain first and refuses to go on if it is broken
(a re-signed chain would make a tampered log look intact). When it holds, every entry is signed
again with HMAC-SHA256 under the audit key, in the same order, and the re-signing is itself
recorded as a new entry with the old chain's last hash, so an anchor kept from before the
upgrade can still be related to the new chain. The whole migration is one transaction.
"""

import os

from django.core.management.base import CommandError
from django.db import migrations, models
from django.utils import timezone

from gongkai.core import audit_keys
from gongkai.core.domain.audit_chain import (
    GENESIS_HASH,
    ChainEntry,
    Head,
    entry_content,
    verify_legacy_chain,
)

BATCH = 2000
ACCEPT_BROKEN = "GONGKAI_AUDIT_REKEY_BROKEN_CHAIN"
COLUMNS = (
    "seq", "at", "actor_id", "actor_name", "action", "object_type", "object_id",
    "object_repr", "unit_id", "changes", "prev_hash", "key_id", "hash",
)


def _entries(AuditEntry, using):
    # Pages by sequence number, so that the entries already read can be rewritten meanwhile.
    last = 0
    while True:
        page = list(
            AuditEntry.objects.using(using)
            .filter(seq__gt=last)
            .order_by("seq")
            .values_list(*COLUMNS)[:BATCH]
        )
        if not page:
            return
        for row in page:
            yield ChainEntry(row[0], row[1].isoformat(), *row[2:])
        last = page[-1][0]


def _refusal(problems):
    listed = "\n".join(f"  {p}" for p in problems[:10])
    return (
        "审计日志升级中止，本次迁移未改动任何数据：早期版本的日志链（未加密哈希）校验发现问题——\n"
        f"{listed}\n"
        "请先查明原因（可用升级前的版本运行 gongkai audit verify）。如确认接受现状，设置环境变量 "
        f"{ACCEPT_BROKEN}=record 后重新运行 gongkai migrate：日志将用审计密钥重新签名，这些问题"
        "写入日志中的升级记录；缺失的序号仍会被 gongkai audit verify 报告。"
    )


def rechain(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    connection = schema_editor.connection
    using = connection.alias
    if not AuditEntry.objects.using(using).exists():
        return
    head_row = AuditChainHead.objects.using(using).filter(pk=1).first()
    head = Head(head_row.last_seq, head_row.last_hash) if head_row else None
    legacy = verify_legacy_chain(_entries(AuditEntry, using), head=head)
    if legacy.problems and os.environ.get(ACCEPT_BROKEN) != "record":
        raise CommandError(_refusal(legacy.problems))

    keyring = audit_keys.keyring()
    key_id = keyring.current_id
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    update = f"UPDATE {table} SET prev_hash = %s, hash = %s, key_id = %s WHERE seq = %s"
    prev_hash = GENESIS_HASH
    count = 0
    pending = []
    with connection.cursor() as cursor:
        for entry in _entries(AuditEntry, using):
            signed = entry._replace(prev_hash=prev_hash, key_id=key_id)
            new_hash = keyring.sign(key_id, entry_content(signed))
            pending.append((prev_hash, new_hash, key_id, entry.seq))
            prev_hash = new_hash
            count += 1
            if len(pending) == BATCH:
                cursor.executemany(update, pending)
                pending = []
        cursor.executemany(update, pending)

    seq = legacy.last_seq + 1
    at = timezone.now().replace(microsecond=0)
    changes = {
        "entries": count,
        "legacy_last": [legacy.last_seq, legacy.last_hash],
        "legacy_problems": legacy.problems,
    }
    record = ChainEntry(
        seq, at.isoformat(), None, "系统", "audit.rekey", "core.auditchainhead", "1",
        f"audit chain at #{seq}", None, changes, prev_hash, key_id, "",
    )
    new_hash = keyring.sign(key_id, entry_content(record))
    AuditEntry.objects.using(using).create(
        seq=seq, at=at, actor_id=None, actor_name="系统", action="audit.rekey",
        object_type="core.auditchainhead", object_id="1", object_repr=f"audit chain at #{seq}",
        unit_id=None, changes=changes, prev_hash=prev_hash, hash=new_hash, key_id=key_id,
    )
    AuditChainHead.objects.using(using).update_or_create(
        pk=1, defaults={"last_seq": seq, "last_hash": new_hash, "last_key_id": key_id}
    )


def refuse_to_unsign(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    if AuditEntry.objects.using(schema_editor.connection.alias).exists():
        raise CommandError("审计日志已用审计密钥签名，不能退回到未加密哈希的版本。")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_alter_roleassignment_role'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditchainhead',
            name='last_key_id',
            field=models.CharField(default='', max_length=16),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='key_id',
            field=models.CharField(default='', editable=False, max_length=16),
        ),
        migrations.RunPython(rechain, refuse_to_unsign),
    ]
