"""Backup and restore of a whole installation, through the real ``gongkai`` command in subprocesses:
an installation with the demo data, an uploaded file and an audit anchor is backed up, restored
into an empty data dir (and, on PostgreSQL, an empty database), and must serve the same pages
with an intact audit chain. The suite's own database decides which kind is tested: CI runs the
suite on SQLite and again on PostgreSQL."""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from gongkai.core.backup import BackupError, backup_create, check_files, read_manifest

GONGKAI = Path(sys.executable).parent / "gongkai"
VENDOR = connection.vendor
# An attachment of a published document: the public may download it (core/file_access.py).
UPLOAD = """
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from gongkai.documents.models import DocumentAttachment
from gongkai.documents.selectors import public_documents

document = get_document_model()(title="备份测试附件")
document.file.save("backup-test.txt", ContentFile("附件内容：政府信息公开".encode()), save=True)
DocumentAttachment(document=public_documents().first(), file=document, title="附件").save()
print(document.url)
"""


def _admin_connection():
    import psycopg

    database = settings.DATABASES["default"]
    return psycopg.connect(
        host=database["HOST"],
        port=database["PORT"] or 5432,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


@dataclass
class Installation:
    """A data dir (and, on PostgreSQL, a database of its own) used through the command line."""

    data_dir: Path
    database: str | None = None

    @classmethod
    def new(cls, data_dir: Path) -> "Installation":
        if VENDOR != "postgresql":
            return cls(data_dir)
        name = f"gongkai_backup_{uuid.uuid4().hex[:12]}"
        with _admin_connection() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return cls(data_dir, name)

    @property
    def env(self) -> dict[str, str]:
        env = {
            **os.environ,
            "GONGKAI_DATA_DIR": str(self.data_dir),
            "DJANGO_SETTINGS_MODULE": "gongkai.settings.test",
        }
        for name in ("DATABASE_URL", "SECRET_KEY", "GONGKAI_AUDIT_KEY", "GONGKAI_AUDIT_ANCHOR_DIR"):
            env.pop(name, None)
        if self.database:
            db = settings.DATABASES["default"]
            password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
            env["DATABASE_URL"] = (
                f"postgres://{quote(db['USER'], safe='')}{password}@{db['HOST']}:"
                f"{db['PORT'] or 5432}/{self.database}"
            )
        return env

    def run(self, *args: str, code: int = 0) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(GONGKAI), *args],
            capture_output=True,
            text=True,
            env=self.env,
            cwd=self.data_dir.parent,
        )
        assert result.returncode == code, result.stdout + result.stderr
        return result

    def pages(self, *urls: str) -> dict:
        result = subprocess.run(
            [sys.executable, "-m", "gongkai.core.tests.portal_pages", *urls],
            capture_output=True,
            text=True,
            env=self.env,
            check=True,
        )
        return json.loads(result.stdout)

    def key_material(self) -> list[str]:
        """Every key in the data dir's key files, to look for in what the commands print."""
        keys = [(self.data_dir / "secret_key").read_text().strip()]
        keys += [
            line.strip()
            for line in (self.data_dir / "audit_keys").read_text().splitlines()
            if line.strip() and not line.startswith("#")
        ]
        return keys

    def drop(self) -> None:
        if self.database:
            with _admin_connection() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


@pytest.fixture
def installations(tmp_path):
    made: list[Installation] = []

    def new(name: str) -> Installation:
        installation = Installation.new(tmp_path / name)
        made.append(installation)
        return installation

    yield new
    for installation in made:
        installation.drop()


def _assert_no_key_material(installation: Installation, *results) -> None:
    text = "".join(r.stdout + r.stderr for r in results)
    for key in installation.key_material():
        assert key not in text


def _forge(backup: Path, copy: Path) -> None:
    """What someone holding the backup might do: edit an audit entry and fix the manifest."""
    shutil.copytree(backup, copy)
    database = copy / "database.sqlite3"
    db = sqlite3.connect(database)
    with db:
        db.execute("UPDATE core_auditentry SET object_repr = '篡改' WHERE seq = 3")
    db.close()
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["files"]["database.sqlite3"] = {
        "size": database.stat().st_size,
        "sha256": hashlib.sha256(database.read_bytes()).hexdigest(),
    }
    (copy / "manifest.json").write_text(json.dumps(manifest))


# One test, because building the installation (migrate, demo) is most of its time: split up,
# each part would build it again on its own test worker.
def test_backup_and_restore_into_an_empty_data_dir(installations, tmp_path):
    source = installations("source")
    source.run("migrate", "--noinput", "-v0")
    source.run("demo")
    document_url = source.run("shell", "--no-imports", "-c", UPLOAD).stdout.strip()
    source.run("audit", "anchor", "--dir", str(source.data_dir / "audit-anchors"))
    backup = tmp_path / "backup"
    printed = source.run("backup", str(backup))
    assert "备份完成" in printed.stdout
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == VENDOR
    assert {"keys/secret_key", "keys/audit_keys", "media/documents/backup-test.txt"} <= set(
        manifest["files"]
    )
    assert any(name.startswith("anchors/audit-anchor-") for name in manifest["files"])

    # Restored into an empty data dir (and database): the same pages, an intact chain.
    target = installations("target")
    restored = target.run("restore", str(backup))
    assert "恢复完成。审计日志完整" in restored.stdout
    assert "与 1 个锚点相符" in restored.stdout
    _assert_no_key_material(source, printed, restored)
    before, after = source.pages(document_url), target.pages(document_url)
    assert len(before) > 20 and before[document_url][0] == 200
    assert after == before

    # Restoring again (say, after an interruption) changes nothing and verifies again.
    again = target.run("restore", str(backup))
    assert "数据库已是这份备份的内容（此前恢复过），跳过" in again.stdout
    assert "恢复完成" in again.stdout
    # Once the restored installation has moved on, it is no longer empty: refused.
    target.run("audit", "rotate-key")
    assert "数据库不是空的，未作任何改动" in target.run("restore", str(backup), code=2).stderr

    # A backup that does not match its manifest, or has none, changes nothing.
    damaged = tmp_path / "damaged"
    shutil.copytree(backup, damaged)
    (damaged / "media" / "documents" / "backup-test.txt").write_text("被替换的附件")
    refused = installations("refused")
    message = refused.run("restore", str(damaged), code=2).stderr
    assert "备份文件与清单不符，未作任何改动：media/documents/backup-test.txt" in message
    assert not (refused.data_dir / "media").exists()
    (damaged / "manifest.json").unlink()
    assert "缺少 manifest.json" in refused.run("restore", str(damaged), code=2).stderr

    # A backup folder in use is not overwritten unless asked; other files in it stay.
    (damaged / "notes.txt").write_text("kept")
    assert "--force" in source.run("backup", str(damaged), code=2).stderr
    source.run("backup", str(damaged), "--force")
    assert (damaged / "notes.txt").read_text() == "kept"
    assert json.loads((damaged / "manifest.json").read_text())["format"] == "gongkai-backup/1"

    if VENDOR == "sqlite":
        _forge(backup, tmp_path / "forged")
        forged = installations("forged").run("restore", str(tmp_path / "forged"), code=1)
        assert "第 3 条日志的内容与其签名不符" in forged.stderr
        assert "数据已恢复，但审计日志校验发现 1 处问题" in forged.stderr


def test_a_backup_inside_the_data_dir_is_refused(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    with pytest.raises(BackupError, match="备份目录不能在数据目录之内"):
        backup_create(target=tmp_path / "backups" / "today", force=False, progress=print)
    assert not (tmp_path / "backups").exists()


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        (None, "缺少 manifest.json"),
        ("{", "无法读取，备份已损坏"),
        ({"format": "other"}, "不是 gongkai 的备份清单"),
        ({"format": "gongkai-backup/1"}, "缺少内容或格式不对"),
        (
            {
                "format": "gongkai-backup/1",
                "database": {"vendor": "sqlite", "file": "../../etc/passwd"},
                "audit": {"seq": 1, "hash": "x"},
                "keys_in_environment": [],
                "files": {"../../etc/passwd": {"size": 1, "sha256": "x"}},
            },
            "缺少内容或格式不对",
        ),
    ],
)
def test_a_damaged_manifest_is_refused(tmp_path, manifest, message):
    if manifest is not None:
        text = manifest if isinstance(manifest, str) else json.dumps(manifest)
        (tmp_path / "manifest.json").write_text(text)
    with pytest.raises(BackupError, match=message):
        read_manifest(tmp_path)


def test_files_outside_the_backup_are_never_read(tmp_path):
    manifest = {"files": {"media/../../secret": {"size": 1, "sha256": "x"}}}
    expected = re.escape("备份文件与清单不符，未作任何改动：media/../../secret")
    with pytest.raises(BackupError, match=expected):
        check_files(tmp_path, manifest, progress=lambda line: None)
