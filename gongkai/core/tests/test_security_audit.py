"""Security tests of the audit log (issue 14, finding 4): an attacker who can write to the database
but does not hold the audit key cannot change, remove, re-order or rewrite entries unnoticed;
one who removes the newest entries and lowers the head, or who holds the key, is caught by
anchors kept outside the server. One test per kind of tampering, then keys, anchors, rotation and
the migration of the unkeyed chains of earlier versions."""

import hashlib
import json
import os
import stat
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from gongkai.core import audit_keys
from gongkai.core.audit import audit_anchor, audit_record, audit_verify
from gongkai.core.domain.audit_chain import GENESIS_HASH, ChainEntry, entry_content
from gongkai.core.models import AuditChainHead, AuditEntry
from gongkai.core.periodic import JOBS

COLUMNS = ChainEntry._fields


@pytest.fixture
def keys_dir(settings, tmp_path):
    """Each test signs with keys of its own (a data dir of its own), as a server would."""
    settings.DATA_DIR = tmp_path
    settings.GONGKAI_AUDIT_KEY = ""
    return tmp_path


@pytest.fixture
def chain(keys_dir, unit_tree):
    """Seven entries written by the services."""
    assert AuditEntry.objects.count() == 7
    return unit_tree


def _raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))


def _stored(seq: int) -> ChainEntry:
    row = AuditEntry.objects.filter(seq=seq).values_list(*COLUMNS).get()
    return ChainEntry(row[0], row[1].isoformat(), *row[2:])


def _overwrite(old_seq: int, entry: ChainEntry) -> None:
    _raw(
        "UPDATE core_auditentry SET seq = %s, object_repr = %s, prev_hash = %s, hash = %s, "
        "key_id = %s WHERE seq = %s",
        [entry.seq, entry.object_repr, entry.prev_hash, entry.hash, entry.key_id, old_seq],
    )


def _sha256(entry: ChainEntry) -> str:
    # What was enough before: recompute the hash the way the unkeyed chain did.
    content = json.dumps(
        entry_content(entry), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(content.encode()).hexdigest()


def _rewrite_from(seq: int, sign) -> None:
    """Change entry ``seq`` and re-link every later one, each signed by ``sign(entry)``."""
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    prev = _stored(seq - 1).hash if seq > 1 else GENESIS_HASH
    for n in range(seq, last + 1):
        entry = _stored(n)
        if n == seq:
            entry = entry._replace(object_repr="被改写的记录")
        entry = entry._replace(prev_hash=prev)
        entry = entry._replace(hash=sign(entry))
        _overwrite(n, entry)
        prev = entry.hash


def _set_head(seq: int, hash: str) -> None:
    _raw("UPDATE core_auditchainhead SET last_seq = %s, last_hash = %s WHERE id = 1", [seq, hash])


def _problems() -> str:
    return "\n".join(audit_verify().problems)


def test_entries_are_signed_with_the_audit_key_and_the_head_names_the_last(chain):
    keyring = audit_keys.keyring()
    assert set(AuditEntry.objects.values_list("key_id", flat=True)) == {keyring.current_id}
    head = AuditChainHead.objects.get()
    last = AuditEntry.objects.order_by("-seq").first()
    assert (head.last_seq, head.last_hash, head.last_key_id) == (7, last.hash, last.key_id)
    result = audit_verify()
    assert result.ok and result.checked == 7


def test_a_edited_entry_rehashed_with_plain_sha256_is_detected(chain):
    entry = _stored(3)._replace(object_repr="篡改后的单位")
    entry = entry._replace(hash=_sha256(entry))
    _overwrite(3, entry)
    # Linking entry 4 to the forgery changes what entry 4's signature covers, too.
    _raw("UPDATE core_auditentry SET prev_hash = %s WHERE seq = 4", [entry.hash])
    assert audit_verify().problems == [
        "第 3 至 4 条日志的内容与其签名不符（内容被修改，或签名不是用本系统的审计密钥算出的）。"
    ]


def test_b_entries_deleted_in_the_middle_are_detected(chain):
    _raw("DELETE FROM core_auditentry WHERE seq IN (3, 4)")
    problems = _problems()
    assert "第 3 至 4 条日志缺失（被删除）。" in problems
    assert "第 5 条日志与前一条的链接不符" in problems


def test_c_deleted_newest_entries_show_against_the_head_and_with_a_lowered_head_against_anchors(
    chain, tmp_path
):
    anchor_dir = tmp_path / "anchors"
    call_command("audit", "anchor", "--dir", str(anchor_dir), stdout=open(os.devnull, "w"))  # noqa: SIM115
    _raw("DELETE FROM core_auditentry WHERE seq > 5")
    assert "链头记录最后一条是第 7 条，日志却只到第 5 条（末尾的日志被删除）。" in _problems()
    # The head lowered as well: the shorter chain is consistent in itself ...
    _set_head(5, _stored(5).hash)
    assert audit_verify().ok
    # ... but the anchor kept elsewhere remembers entry 7.
    problems = audit_verify(anchors=anchor_dir).problems
    assert len(problems) == 1
    assert "记录日志已到第 7 条，现在只到第 5 条：其后的日志被删除（链头也被改小）。" in problems[0]


def test_d_a_rewrite_from_an_entry_on_is_detected(chain, tmp_path):
    _rewrite_from(3, _sha256)
    # One message for the whole run; the head still names the true last signature.
    assert audit_verify().problems[0] == (
        "第 3 至 7 条日志的内容与其签名不符（内容被修改，或签名不是用本系统的审计密钥算出的）。"
    )


def test_d_a_rewrite_by_someone_holding_the_key_is_caught_by_an_anchor(chain, tmp_path):
    anchor_dir = tmp_path / "anchors"
    call_command("audit", "anchor", "--dir", str(anchor_dir), stdout=open(os.devnull, "w"))  # noqa: SIM115
    keyring = audit_keys.keyring()
    _rewrite_from(3, lambda e: keyring.sign(e.key_id, entry_content(e)))
    _set_head(7, _stored(7).hash)
    assert audit_verify().ok
    problems = audit_verify(anchors=anchor_dir).problems
    assert len(problems) == 1
    assert problems[0].startswith("第 7 条日志与锚点 audit-anchor-")
    assert problems[0].endswith("记录的不符：该条或更早的日志在锚定之后被改写。")


def test_e_reordered_entries_are_detected(chain):
    _raw("UPDATE core_auditentry SET seq = 1000 WHERE seq = 3")
    _raw("UPDATE core_auditentry SET seq = 3 WHERE seq = 4")
    _raw("UPDATE core_auditentry SET seq = 4 WHERE seq = 1000")
    problems = _problems()
    assert "第 3 至 4 条日志的内容与其签名不符" in problems
    assert "第 3 至 5 条日志与前一条的链接不符" in problems


def test_the_head_is_compared_with_the_last_entry(chain):
    _set_head(7, "f" * 64)
    assert "链头记录的最后一条日志签名与第 7 条日志不符" in _problems()
    _set_head(5, _stored(5).hash)
    assert audit_verify().problems == [
        "日志已到第 7 条，链头却记录最后一条是第 5 条（链头被改小）。"
    ]


def test_verify_exits_1_with_the_problems_in_chinese(chain, capsys):
    call_command("audit", "verify")
    assert "审计日志完整：共 7 条" in capsys.readouterr().out
    _raw("DELETE FROM core_auditentry WHERE seq = 2")
    with pytest.raises(CommandError, match="审计日志校验失败：核对了 6 条") as caught:
        call_command("audit", "verify")
    assert caught.value.returncode == 1
    assert "第 2 至 2 条日志缺失（被删除）。" in capsys.readouterr().err


def test_the_key_is_kept_outside_the_database_and_readable_only_by_its_owner(chain, keys_dir):
    key_file = keys_dir / "audit_keys"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    keys = [line for line in key_file.read_text().splitlines() if not line.startswith("#")]
    assert len(keys) == 1 and len(keys[0]) >= 32
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            dump.append(repr(cursor.fetchall()))
    dump = "\n".join(dump)
    assert audit_keys.keyring().current_id in dump  # the dump is real: key ids are stored
    assert keys[0] not in dump


def test_keys_from_the_environment(settings, keys_dir, db):
    settings.GONGKAI_AUDIT_KEY = "k" * 40
    from gongkai.core.services import unit_create

    unit_create(actor=None, code="C", name="测试县人民政府", kind="government")
    assert AuditEntry.objects.get().key_id == audit_keys.keyring().current_id
    assert not (keys_dir / "audit_keys").exists()
    assert audit_verify().ok
    settings.GONGKAI_AUDIT_KEY = "short"
    with pytest.raises(ImproperlyConfigured, match="第 1 个审计密钥太短"):
        unit_create(actor=None, code="D", name="某部门", kind="department")


def test_a_server_with_another_key_refuses_to_write_and_verify_names_the_key(chain, settings):
    settings.GONGKAI_AUDIT_KEY = "z" * 40
    with (
        pytest.raises(ImproperlyConfigured, match="本机的审计密钥中没有签名上一条日志的密钥"),
        transaction.atomic(),
    ):
        audit_record(actor=None, action="unit.viewed", obj=chain["county"])
    assert AuditEntry.objects.count() == 7
    assert "本机没有这个密钥" in _problems()


def test_rotating_the_key_file(chain, keys_dir, capsys):
    old = audit_keys.keyring().current_id
    call_command("audit", "rotate-key")
    new = audit_keys.keyring().current_id
    assert new != old and audit_keys.keyring().ids == (old, new)
    assert f"编号 {old} → {new}，已记入第 8 条日志" in capsys.readouterr().out
    rotation = AuditEntry.objects.get(seq=8)
    assert (rotation.action, rotation.key_id, rotation.changes) == (
        "audit.key_rotate",
        new,
        {"key_id": [old, new]},
    )
    assert stat.S_IMODE((keys_dir / "audit_keys").stat().st_mode) == 0o600
    # Old entries still check with the retired key; new ones are signed with the new key.
    from gongkai.core.services import unit_update

    unit_update(actor=None, unit=chain["county"], name="测试县人民政府（新）")
    assert AuditEntry.objects.get(seq=9).key_id == new
    assert audit_verify().ok
    # Someone who kept the old key rewrites the entries since the rotation with it: caught.
    keyring = audit_keys.keyring()
    _rewrite_from(8, lambda e: keyring.sign(old, entry_content(e._replace(key_id=old))))
    _raw("UPDATE core_auditentry SET key_id = %s WHERE seq >= 8", [old])
    _set_head(9, _stored(9).hash)
    assert "最新一条日志（第 9 条）不是用当前的审计密钥签名的" in _problems()


def test_rotating_keys_given_in_the_environment(settings, keys_dir, db):
    first, second = "a" * 40, "b" * 40
    settings.GONGKAI_AUDIT_KEY = first
    from gongkai.core.services import unit_create

    unit_create(actor=None, code="C", name="测试县人民政府", kind="government")
    with pytest.raises(CommandError, match="已在使用，没有需要记录的更换") as caught:
        call_command("audit", "rotate-key")
    assert caught.value.returncode == 2
    settings.GONGKAI_AUDIT_KEY = f"{first},{second}"
    call_command("audit", "rotate-key", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert AuditEntry.objects.get(seq=2).key_id == audit_keys.keyring().current_id
    assert audit_verify().ok


def test_anchor_prints_writes_and_never_overwrites(chain, tmp_path, capsys):
    call_command("audit", "anchor")
    printed = json.loads(capsys.readouterr().out)
    head = AuditChainHead.objects.get()
    assert (printed["seq"], printed["hash"], printed["key_id"]) == (
        7,
        head.last_hash,
        audit_keys.keyring().current_id,
    )
    assert printed["anchored_at"] and printed["mac"]
    target = tmp_path / "elsewhere" / "today.json"
    call_command("audit", "anchor", "--output", str(target))
    assert "已记下审计日志链头（第 7 条）" in capsys.readouterr().out
    with pytest.raises(CommandError, match="文件已存在，未覆盖") as caught:
        call_command("audit", "anchor", "--output", str(target))
    assert caught.value.returncode == 2
    call_command("audit", "verify", "--anchors", str(target))
    assert "与 1 个锚点相符" in capsys.readouterr().out


def test_a_changed_or_unreadable_anchor_is_reported(chain, tmp_path):
    folder = tmp_path / "anchors"
    folder.mkdir()
    made = audit_anchor()
    anchor = made.content() | {"mac": made.mac}
    (folder / "good.json").write_text(json.dumps(anchor))
    (folder / "edited.json").write_text(json.dumps(anchor | {"seq": 6}))
    (folder / "broken.json").write_text("{")
    (folder / "notes.txt").write_text("not an anchor, not read")
    problems = audit_verify(anchors=folder).problems
    assert problems == [
        "锚点文件 broken.json 格式不对：不是 JSON 文件。",
        "锚点 edited.json 的签名不符（锚点文件被修改，或不是本系统生成的），未用它核对日志。",
    ]
    with pytest.raises(CommandError, match="找不到审计锚点目录或文件") as caught:
        call_command("audit", "verify", "--anchors", str(tmp_path / "missing"))
    assert caught.value.returncode == 2


def test_the_daily_job_anchors_the_head_once(chain, settings, tmp_path):
    settings.GONGKAI_AUDIT_ANCHOR_DIR = tmp_path / "other-disk" / "anchors"
    job = JOBS["audit.anchor"]
    job.run()
    job.run()
    files = list(settings.GONGKAI_AUDIT_ANCHOR_DIR.iterdir())
    assert len(files) == 1 and files[0].name.endswith("-7.json")
    from gongkai.core.services import unit_update

    unit_update(actor=None, unit=chain["county"], name="测试县人民政府（新）")
    job.run()
    assert len(list(settings.GONGKAI_AUDIT_ANCHOR_DIR.iterdir())) == 2
    assert audit_verify(anchors=settings.GONGKAI_AUDIT_ANCHOR_DIR).anchors_checked == 2


# The migration of the unkeyed chains of earlier versions.

BEFORE = [("core", "0002_alter_roleassignment_role")]


def _legacy_chain(apps, count: int, *, break_at: int | None = None) -> str:
    """Entries as earlier versions wrote them (plain SHA-256, computed here as they did)."""
    Entry = apps.get_model("core", "AuditEntry")
    Head = apps.get_model("core", "AuditChainHead")
    prev = GENESIS_HASH
    for seq in range(1, count + 1):
        at = datetime(2025, 3, seq, 8, tzinfo=UTC)
        fields = {
            "seq": seq,
            "at": at.isoformat(),
            "actor_id": None,
            "actor_name": "系统",
            "action": "unit.create",
            "object_type": "core.unit",
            "object_id": str(seq),
            "object_repr": f"单位{seq}",
            "unit_id": seq,
            "changes": {"name": f"单位{seq}"},
            "prev_hash": prev,
        }
        text = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        digest = hashlib.sha256(text.encode()).hexdigest()
        if seq == break_at:
            fields["object_repr"] = "事后改动"
        Entry.objects.create(**{**fields, "at": at, "hash": digest})
        prev = digest
    Head.objects.create(pk=1, last_seq=count, last_hash=prev)
    return prev


@pytest.fixture
def legacy_database(keys_dir, transactional_db):
    """The database as it stood before the keyed chain; migrated forward again afterwards."""
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("core")
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps

    def upgrade():
        executor = MigrationExecutor(connection)
        executor.migrate(latest)

    yield old_apps, upgrade
    executor = MigrationExecutor(connection)
    if executor.migration_plan(latest):
        # A test left a chain the migration refuses: the next tests need the schema, not it.
        old_apps.get_model("core", "AuditEntry").objects.all().delete()
    # Going back to BEFORE also unapplied every app whose migrations depend on core's later
    # ones (gazette, supervision …); the tests after this one need all of them.
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_an_intact_legacy_chain_is_checked_and_signed_again(legacy_database):
    old_apps, upgrade = legacy_database
    legacy_last = _legacy_chain(old_apps, 5)
    upgrade()
    keyring = audit_keys.keyring()
    assert set(AuditEntry.objects.values_list("key_id", flat=True)) == {keyring.current_id}
    rekey = AuditEntry.objects.get(seq=6)
    assert (rekey.action, rekey.actor_name) == ("audit.rekey", "系统")
    assert rekey.changes == {"entries": 5, "legacy_last": [5, legacy_last], "legacy_problems": []}
    head = AuditChainHead.objects.get()
    assert (head.last_seq, head.last_hash, head.last_key_id) == (6, rekey.hash, keyring.current_id)
    assert audit_verify().ok
    # No unkeyed hash is left for an attacker to recompute.
    assert legacy_last not in AuditEntry.objects.values_list("hash", flat=True)
    entry = _stored(2)._replace(object_repr="篡改")
    _overwrite(2, entry._replace(hash=_sha256(entry)))
    assert "第 2 条日志的内容与其签名不符" in _problems()


def test_a_broken_legacy_chain_stops_the_upgrade_and_changes_nothing(legacy_database):
    old_apps, upgrade = legacy_database
    _legacy_chain(old_apps, 4, break_at=2)
    with pytest.raises(CommandError) as caught:
        upgrade()
    message = str(caught.value)
    assert "审计日志升级中止，本次迁移未改动任何数据" in message
    assert "第 2 条日志的内容与其哈希值不符（内容被修改）。" in message
    assert "GONGKAI_AUDIT_REKEY_BROKEN_CHAIN=record" in message
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes("core"))  # still to apply
    Entry = old_apps.get_model("core", "AuditEntry")
    assert Entry.objects.count() == 4


def test_a_broken_legacy_chain_accepted_on_purpose_is_recorded(legacy_database, monkeypatch):
    old_apps, upgrade = legacy_database
    _legacy_chain(old_apps, 4, break_at=2)
    monkeypatch.setenv("GONGKAI_AUDIT_REKEY_BROKEN_CHAIN", "record")
    upgrade()
    rekey = AuditEntry.objects.get(action="audit.rekey")
    assert rekey.changes["legacy_problems"] == ["第 2 条日志的内容与其哈希值不符（内容被修改）。"]
    assert audit_verify().ok
