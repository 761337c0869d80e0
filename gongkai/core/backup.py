"""Backing up a whole installation into a folder and restoring it into an empty one.

A backup holds what cannot be made again: the database (a consistent snapshot taken while the
server runs: SQLite's online backup, or ``pg_dump`` of one exported snapshot), the uploaded
files (from MEDIA_ROOT, or from the media bucket when ``GONGKAI_MEDIA_STORAGE`` names one), the
key files of the data dir (the session key and the audit keys) and the audit anchors, with a
manifest of checksums and versions written last, so that a folder without it is an unfinished
backup. Collected static files are not kept (``gongkai serve`` collects them again).

Restoring checks every checksum before it changes anything, fills an empty data dir (or an
empty PostgreSQL database), and then verifies the audit chain against the anchors: a backup
that was tampered with, or a database restored without its audit keys, shows at once.

Key material is copied but never printed; a backup must be kept like the server itself, since
whoever holds one holds the audit keys (which is why anchors are best kept elsewhere too).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from .audit import VerifyResult, audit_verify
from .domain.errors import DomainError
from .files import write_file
from .storage import shared_storage

FORMAT = "gongkai-backup/1"
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA, KEYS, ANCHORS = "media", "keys", "anchors"
# What a backup folder holds; ``--force`` replaces these and nothing else.
OWNED = (MANIFEST, *DATABASE_FILES.values(), MEDIA, KEYS, ANCHORS)
# Key files are the data dir's top-level files whose name ends so (secret_key, audit_keys): a
# module that keeps a key of its own in the data dir names it that way to have it backed up.
KEY_SUFFIXES = ("key", "keys", ".key")
# Keys that can come from the environment instead of a file (then the backup cannot hold them),
# and what is lost when the restored server runs without the same value.
KEY_VARIABLES = {
    "SECRET_KEY": "否则已登录的会话和密码重置链接失效",
    "GONGKAI_AUDIT_KEY": "否则审计日志无法核对，也不能再写入",
}
_CHUNK = 1 << 20
_PROGRESS_EVERY = 500

Progress = Callable[[str], None]


class BackupError(DomainError):
    """The backup or restore cannot be done as asked; nothing was changed."""


@dataclass
class RestoreResult:
    verify: VerifyResult
    manifest_head: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def key_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.iterdir() if p.is_file() and p.name.endswith(KEY_SUFFIXES))


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy(source: Path, target: Path) -> dict[str, Any]:
    """Copy one file, hashing it on the way; returns its manifest record."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with source.open("rb") as reader, target.open("wb") as writer:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
            writer.write(chunk)
    shutil.copystat(source, target)
    return {"size": target.stat().st_size, "sha256": digest.hexdigest()}


def _walk_files(root: Path) -> Iterator[Path]:
    # Links are not followed: an uploaded file is a plain file, and a link could lead anywhere.
    for folder, _dirs, names in os.walk(root):
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path


def _versions() -> dict[str, str]:
    return {
        "gongkai": metadata.version("gongkai"),
        "django": metadata.version("django"),
        "wagtail": metadata.version("wagtail"),
        "python": platform.python_version(),
    }


def _pg_environment() -> dict[str, str]:
    """libpq's variables for the configured database: the password never on a command line."""
    database = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    if sslmode := database.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"找不到 {name}：请安装 PostgreSQL 客户端（Debian：apt install postgresql-client）。"
        )
    return path


def _run_pg_tool(arguments: list[str], what: str) -> None:
    result = subprocess.run(arguments, env=_pg_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        # libpq's messages name hosts, databases and files, never the password.
        detail = result.stderr.strip().splitlines()[-3:]
        raise BackupError(f"{what}失败：" + " ".join(detail))


# Media: the files under MEDIA_ROOT, or the media bucket's (GONGKAI_MEDIA_STORAGE)

# The bucket's files that are no stored record's: written again daily (the API's dumps) or
# transient (uploads awaiting confirmation); on local disk they live outside MEDIA_ROOT.
_NOT_BACKED_UP = ("api-dumps/", "import-staging/")


def _bucket_keys(storage, folder: str = "") -> Iterator[str]:
    folders, names = storage.listdir(folder)
    prefix = f"{folder}/" if folder else ""
    for name in sorted(names):
        yield prefix + name
    for name in sorted(folders):
        if f"{prefix}{name}/" not in _NOT_BACKED_UP:
            yield from _bucket_keys(storage, prefix + name)


def _backup_media(target: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Copy every stored file into ``target``/media; yields each one's manifest entry."""
    shared = shared_storage()
    if shared is None:
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.is_dir():
            for path in _walk_files(media_root):
                relative = Path(MEDIA) / path.relative_to(media_root)
                yield relative.as_posix(), _copy(path, target / relative)
        return
    for key in _bucket_keys(shared):
        relative = Path(MEDIA) / key
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with shared.open(key, "rb") as reader, destination.open("wb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                writer.write(chunk)
        yield (
            relative.as_posix(),
            {"size": destination.stat().st_size, "sha256": digest.hexdigest()},
        )


def _restore_media(source: Path, manifest: dict[str, Any]) -> Iterator[str]:
    """Put the backup's stored files back (to MEDIA_ROOT or the media bucket); yields each."""
    shared = shared_storage()
    media_root = Path(settings.MEDIA_ROOT)
    for relative, record in manifest["files"].items():
        if not relative.startswith(f"{MEDIA}/"):
            continue
        name = Path(relative).relative_to(MEDIA).as_posix()
        if shared is not None:
            with (source / relative).open("rb") as reader:
                shared.save(name, File(reader, name=Path(name).name))
        else:
            path = media_root / name
            if not (path.is_file() and _sha256(path) == record["sha256"]):
                _copy(source / relative, path)
        yield relative


# Backup


def backup_create(*, target: Path, force: bool, progress: Progress) -> dict[str, Any]:
    """Write a backup of this installation into ``target``; returns the manifest."""
    target = target.expanduser().resolve()
    data_dir = Path(settings.DATA_DIR).resolve()
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"只能备份 SQLite 和 PostgreSQL 数据库，当前为 {vendor}。")
    if target == data_dir or data_dir in target.parents:
        raise BackupError("备份目录不能在数据目录之内，请换一个目录（最好在另一块磁盘上）。")
    if target.exists() and not target.is_dir():
        raise BackupError(f"{target} 不是目录。")
    if target.is_dir() and any(target.iterdir()):
        if not force:
            raise BackupError(
                f"目录 {target} 不为空。如果这是上次没有完成的备份，或要覆盖其中的旧备份，请加 --force。"
            )
        # The manifest goes first: a folder left half-replaced must not pass for a backup.
        for name in OWNED:
            path = target / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    progress(f"正在备份到 {target}")

    files: dict[str, dict[str, Any]] = {}
    database_file = target / DATABASE_FILES[vendor]
    progress(f"[1/4] 数据库（{'SQLite' if vendor == 'sqlite' else 'PostgreSQL'}）……")
    snapshot = (_sqlite_backup if vendor == "sqlite" else _pg_backup)(database_file)
    files[database_file.name] = {
        "size": database_file.stat().st_size,
        "sha256": _sha256(database_file),
    }
    database_file.chmod(0o600)
    progress(
        f"      完成：{_megabytes(database_file.stat().st_size)}，审计日志到第 {snapshot['audit']['seq']} 条。"
    )

    progress("[2/4] 上传文件……")
    count = size = 0
    for relative, record in _backup_media(target):
        files[relative] = record
        count += 1
        size += record["size"]
        if count % _PROGRESS_EVERY == 0:
            progress(f"      已复制 {count} 个文件……")
    progress(f"      完成：{count} 个文件，{_megabytes(size)}。")

    progress("[3/4] 密钥文件（内容不显示）……")
    keys_dir = target / KEYS
    keys_dir.mkdir(mode=0o700, exist_ok=True)
    for path in key_files(data_dir):
        relative = Path(KEYS) / path.name
        files[relative.as_posix()] = _copy(path, target / relative)
        (target / relative).chmod(0o600)
        progress(f"      {path.name}")
    in_environment = [name for name in KEY_VARIABLES if os.environ.get(name, "").strip()]
    for name in in_environment:
        progress(
            f"      注意：{name} 来自环境变量，没有备份：恢复后的服务器须设置同样的值"
            f"（{KEY_VARIABLES[name]}）。"
        )

    progress("[4/4] 审计锚点……")
    anchor_dir = Path(settings.GONGKAI_AUDIT_ANCHOR_DIR)
    anchors = sorted(anchor_dir.glob("*.json")) if anchor_dir.is_dir() else []
    for path in anchors:
        relative = Path(ANCHORS) / path.name
        files[relative.as_posix()] = _copy(path, target / relative)
    progress(f"      完成：{len(anchors)} 个。")

    manifest = {
        "format": FORMAT,
        "created_at": timezone.localtime().replace(microsecond=0).isoformat(),
        "versions": _versions(),
        **snapshot,
        "keys_in_environment": in_environment,
        "files": files,
    }
    write_file(
        target / MANIFEST,
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        replace=True,
    )
    total = sum(f["size"] for f in files.values())
    progress(f"备份完成：{len(files)} 个文件，共 {_megabytes(total)}，清单见 {target / MANIFEST}。")
    return manifest


def _sqlite_backup(destination: Path) -> dict[str, Any]:
    source_path = Path(settings.DATABASES["default"]["NAME"])
    if not source_path.is_file():
        raise BackupError(f"找不到数据库文件 {source_path}：请先运行 gongkai migrate。")
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with (
            closing(sqlite3.connect(source_path, timeout=20)) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            # One step (pages=-1) reads the database in a single read transaction: under WAL
            # the server keeps writing meanwhile, and the copy is the database as of its start.
            source.backup(copy, pages=-1)
            # A copy that is one self-contained file, whatever journal the server uses.
            copy.execute("PRAGMA journal_mode=DELETE")
            if copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError("数据库副本的完整性检查未通过，备份中止。")
            snapshot = _snapshot_facts(copy.cursor(), "sqlite", sqlite3.sqlite_version)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(destination)
    return snapshot


def _pg_backup(destination: Path) -> dict[str, Any]:
    pg_dump = _pg_tool("pg_dump")
    version = subprocess.run([pg_dump, "--version"], capture_output=True, text=True).stdout.strip()
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    with transaction.atomic(), connection.cursor() as cursor:
        # pg_dump joins this transaction's snapshot, so the facts read here (the audit head,
        # the migrations) describe exactly the data in the dump.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot_id = cursor.fetchone()[0]
        version_number = connection.pg_version  # e.g. 150018 for 15.18
        server_version = f"{version_number // 10000}.{version_number % 10000}"
        snapshot = _snapshot_facts(cursor, "postgresql", server_version)
        try:
            _run_pg_tool(
                [pg_dump, "--format=custom", f"--snapshot={snapshot_id}", f"--file={partial}"],
                "pg_dump 导出数据库",
            )
        except BackupError:
            partial.unlink(missing_ok=True)
            raise
    partial.replace(destination)
    snapshot["database"]["pg_dump"] = version
    return snapshot


def _snapshot_facts(cursor, vendor: str, server_version: str) -> dict[str, Any]:
    cursor.execute("SELECT last_seq, last_hash, last_key_id FROM core_auditchainhead WHERE id = 1")
    seq, hash_, key_id = cursor.fetchone() or (0, "", "")
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return {
        "database": {
            "vendor": vendor,
            "file": DATABASE_FILES[vendor],
            "server_version": server_version,
        },
        "audit": {"seq": seq, "hash": hash_, "key_id": key_id},
        "migrations": [f"{app}.{name}" for app, name in cursor.fetchall()],
    }


# Restore


def read_manifest(source: Path) -> dict[str, Any]:
    path = source / MANIFEST
    if not source.is_dir():
        raise BackupError(f"找不到备份目录 {source}。")
    if not path.is_file():
        raise BackupError(f"{source} 不是完整的备份：缺少 {MANIFEST}（备份可能没有完成）。")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise BackupError(f"{MANIFEST} 无法读取，备份已损坏。") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{MANIFEST} 不是 gongkai 的备份清单（应为 {FORMAT}）。")
    try:
        well_formed = (
            manifest["database"]["file"] == DATABASE_FILES[manifest["database"]["vendor"]]
            and isinstance(manifest["audit"]["seq"], int)
            and isinstance(manifest["audit"]["hash"], str)
            and isinstance(manifest["keys_in_environment"], list)
            and manifest["database"]["file"] in manifest["files"]
            and all(
                isinstance(r["size"], int) and isinstance(r["sha256"], str)
                for r in manifest["files"].values()
            )
        )
    except (KeyError, TypeError, AttributeError):
        well_formed = False
    if not well_formed:
        raise BackupError(f"{MANIFEST} 缺少内容或格式不对，备份已损坏。")
    return manifest


def check_files(source: Path, manifest: dict[str, Any], progress: Progress) -> None:
    """Every file the manifest names is in the backup with its size and checksum; raises
    before anything is changed."""
    files = manifest["files"]
    total = sum(f["size"] for f in files.values())
    progress(f"[1/5] 核对校验和：{len(files)} 个文件，{_megabytes(total)}……")
    bad = []
    for relative, record in files.items():
        path = source / relative
        # A manifest naming a path outside the backup would make restore read anywhere.
        if ".." in Path(relative).parts or Path(relative).is_absolute():
            bad.append(relative)
        elif not path.is_file():
            bad.append(f"{relative}（缺失）")
        elif path.stat().st_size != record["size"] or _sha256(path) != record["sha256"]:
            bad.append(relative)
    if bad:
        listed = "、".join(bad[:10]) + (f" 等 {len(bad)} 个" if len(bad) > 10 else "")
        raise BackupError(f"备份文件与清单不符，未作任何改动：{listed}。")
    progress("      全部一致。")


def _database_state(manifest: dict[str, Any]) -> str:
    """'empty', 'restored' (already holds this backup: a re-run) or 'other'."""
    vendor = connection.vendor
    if vendor == "sqlite":
        path = Path(settings.DATABASES["default"]["NAME"])
        if not path.exists():
            return "empty"
    tables = connection.introspection.table_names()
    if not tables:
        return "empty"
    head = manifest["audit"]
    row = None
    if "core_auditchainhead" in tables:
        with connection.cursor() as cursor:
            cursor.execute("SELECT last_seq, last_hash FROM core_auditchainhead WHERE id = 1")
            row = cursor.fetchone()
    connections.close_all()
    if head["seq"] and row is not None and (row[0], row[1]) == (head["seq"], head["hash"]):
        return "restored"
    return "other"


def backup_restore(*, source: Path, progress: Progress) -> RestoreResult:
    """Restore the backup in ``source`` into this (empty) data dir and database."""
    source = source.expanduser().resolve()
    manifest = read_manifest(source)
    vendor = connection.vendor
    backed_up = manifest["database"]["vendor"]
    if backed_up != vendor:
        raise BackupError(
            f"备份中的数据库是 {backed_up}，当前配置的是 {vendor}（DATABASE_URL）：只能恢复到同一种数据库。"
        )
    data_dir = Path(settings.DATA_DIR)
    progress(f"正在从 {source} 恢复到数据目录 {data_dir}（备份时间 {manifest['created_at']}）")
    check_files(source, manifest, progress)
    state = _database_state(manifest)
    if state == "other":
        raise BackupError(
            "数据库不是空的，未作任何改动：恢复只能在空的数据目录（PostgreSQL 为空的数据库）中进行。"
            "请设置 GONGKAI_DATA_DIR（和 DATABASE_URL）指向新的位置后再运行。"
        )
    result = RestoreResult(verify=VerifyResult(0, 0, 0, []), manifest_head=manifest["audit"])

    progress("[2/5] 密钥文件（内容不显示）……")
    for relative in sorted(r for r in manifest["files"] if r.startswith(f"{KEYS}/")):
        name = Path(relative).name
        write_file(data_dir / name, (source / relative).read_bytes(), replace=True)
        progress(f"      {name}")
    for name in manifest["keys_in_environment"]:
        if name in KEY_VARIABLES and not os.environ.get(name, "").strip():
            result.notes.append(
                f"备份时 {name} 来自环境变量，备份中没有它：请为恢复后的服务器设置与原服务器相同的值，"
                f"{KEY_VARIABLES[name]}。"
            )
    progress("[3/5] 上传文件……")
    count = 0
    for _ in _restore_media(source, manifest):
        count += 1
        if count % _PROGRESS_EVERY == 0:
            progress(f"      已恢复 {count} 个文件……")
    progress(f"      完成：{count} 个文件。")

    progress("[4/5] 审计锚点……")
    anchor_dir = Path(settings.GONGKAI_AUDIT_ANCHOR_DIR)
    anchors = [r for r in manifest["files"] if r.startswith(f"{ANCHORS}/")]
    for relative in anchors:
        path = anchor_dir / Path(relative).name
        if not path.exists():
            anchor_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / relative, path)
    progress(f"      完成：{len(anchors)} 个。")

    database_file = source / manifest["database"]["file"]
    if state == "restored":
        progress("[5/5] 数据库已是这份备份的内容（此前恢复过），跳过。")
    else:
        progress(f"[5/5] 数据库（{_megabytes(database_file.stat().st_size)}）……")
        connections.close_all()
        if vendor == "sqlite":
            _sqlite_restore(database_file)
        else:
            _pg_restore(database_file)
        progress("      完成。")

    connections.close_all()
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        result.notes.append("备份来自较早的版本：请运行 gongkai migrate 升级数据库结构。")
    progress("核对审计日志……")
    result.verify = audit_verify(anchors=anchor_dir if anchor_dir.is_dir() else None)
    head = manifest["audit"]
    if result.verify.last_seq != head["seq"]:
        result.verify.problems.append(
            f"恢复后的日志到第 {result.verify.last_seq} 条，备份清单记录的是第 {head['seq']} 条。"
        )
    return result


def _sqlite_restore(backup_file: Path) -> None:
    path = Path(settings.DATABASES["default"]["NAME"])
    # An empty database file left by an earlier start (and its journal) is replaced whole.
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    with (
        closing(sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)) as source,
        closing(sqlite3.connect(partial)) as target,
    ):
        source.backup(target)
    partial.chmod(0o600)
    partial.replace(path)


def _pg_restore(backup_file: Path) -> None:
    _run_pg_tool(
        [
            _pg_tool("pg_restore"),
            "--exit-on-error",
            # One transaction: a failed restore leaves the database empty, ready for a re-run.
            "--single-transaction",
            "--no-owner",
            "--no-privileges",
            f"--dbname={settings.DATABASES['default']['NAME']}",
            str(backup_file),
        ],
        "pg_restore 恢复数据库",
    )
