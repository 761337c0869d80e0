import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from gongkai.core.models import AuditEntry, Unit

HEADER = "code,name,short_name,kind,parent_code\n"


def test_gongkai_help_works_without_a_database(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert "gongkai <命令>" in result.stdout and "units" in result.stdout


def test_units_import_and_export(tmp_path, db, capsys):
    source = tmp_path / "units.csv"
    source.write_text(HEADER + "C,某县人民政府,某县,government,\nT,某镇人民政府,,township,C\n")
    call_command("units", "import", str(source))
    assert "新增 2 个" in capsys.readouterr().out
    out = tmp_path / "out.csv"
    call_command("units", "export", "-o", str(out))
    assert out.read_text() == source.read_text()


def test_units_import_of_a_bad_file_exits_2_and_writes_nothing(tmp_path, db):
    source = tmp_path / "units.csv"
    source.write_text(HEADER + "C,某县人民政府,,government,\nC,重复,,department,\n")
    with pytest.raises(CommandError, match="第 3 行：单位代码“C”与第 2 行重复") as caught:
        call_command("units", "import", str(source))
    assert caught.value.returncode == 2
    assert not Unit.objects.exists()


def test_units_import_of_a_missing_file(tmp_path, db):
    with pytest.raises(CommandError, match="无法读取文件"):
        call_command("units", "import", str(tmp_path / "nope.csv"))


def test_audit_verify_command(unit_tree, capsys):
    call_command("audit", "verify")
    assert f"共 {AuditEntry.objects.count()} 条" in capsys.readouterr().out


def test_demo_is_idempotent(db, capsys):
    call_command("demo")
    first = capsys.readouterr().out
    assert "admin" in first and "密码" in first
    counts = (Unit.objects.count(), AuditEntry.objects.count())
    call_command("demo")
    assert "演示数据已存在" in capsys.readouterr().out
    assert (Unit.objects.count(), AuditEntry.objects.count()) == counts
    county = Unit.objects.get(code="013901000").children
    assert county.filter(kind="department").count() == 3
    assert county.filter(kind="township").count() == 2
    assert Unit.objects.filter(kind="village", parent__parent__code="013901000").count() == 2


def test_demo_has_documents_in_every_state(db):
    from gongkai.documents.models import OfficialDocument

    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    docs = OfficialDocument.objects
    assert docs.count() >= 30
    assert docs.filter(live=True, disclosure="proactive").count() >= 20
    assert docs.filter(disclosure__in=["on_request", "not_disclosed"], live=False).count() >= 4
    assert docs.filter(validity="repealed", replaced_by__isnull=False).count() == 1
    assert docs.filter(doc_number="甘政办发〔2020〕83号", live=True).exists()
    assert docs.filter(interpretations__live=True).count() >= 3
