"""``gongkai catalog``: import, export, gaps --json and powers; bad input exits 2 and changes
nothing."""

import io
import json
from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.catalog.models import CatalogItem, PowersListVersion

from .test_services import GOOD, csv_file


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("catalog", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args) -> str:
    with pytest.raises(CommandError) as error:
        run(*args)
    assert error.value.returncode == 2
    return str(error.value)


def test_import_and_export(unit_tree, tmp_path):
    source = tmp_path / "目录.csv"
    source.write_bytes(csv_file(*GOOD))
    out, _ = run("import", str(source), "--unit", "C")
    assert "导入完成：新增 4 项" in out
    exported, _ = run("export", "--unit", "C")
    assert exported.splitlines()[0].startswith("序号,试点领域,一级事项,二级事项")
    assert "部门预算" in exported and "■政府网站" in exported
    target = tmp_path / "out.xlsx"
    _, err = run("export", "--unit", "C", "-o", str(target))
    assert target.read_bytes()[:2] == b"PK" and "已导出到" in err


def test_bad_input_exits_2_and_changes_nothing(unit_tree, tmp_path):
    assert "没有代码为“NOPE”的单位" in refused("export", "--unit", "NOPE")
    assert "无法读取文件" in refused("import", str(tmp_path / "missing.csv"), "--unit", "C")
    wrong = tmp_path / "目录.txt"
    wrong.write_text("x")
    assert "只能导入 .xlsx 或 .csv 文件" in refused("import", str(wrong), "--unit", "C")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_file(GOOD[0], GOOD[1].replace("每季度公开", "批准后十日内")))
    message = refused("import", str(bad), "--unit", "C")
    assert "未写入任何数据" in message and "第3行" in message
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK not really")
    assert "文件可能已损坏" in refused("import", str(broken), "--unit", "C")
    assert not CatalogItem.objects.exists()
    powers = tmp_path / "powers.csv"
    powers.write_text("权力类型,权力名称,设定依据\n行政指导,甲,乙\n", encoding="utf-8")
    assert "权力类型“行政指导”无法识别" in refused(
        "powers", str(powers), "--unit", "C-FIN", "--note", "x"
    )
    assert not PowersListVersion.objects.exists()


def test_gaps_json_prints_exactly_the_agreed_shape(unit_tree, adopted):
    with time_machine.travel("2025-05-06 10:00 +08:00"):
        out, _ = run("gaps", "--json")
        data = json.loads(out)
        assert data == {
            "gaps": [
                {
                    "unit": "C",
                    "area": "财政预决算",
                    "item": "政策文件",
                    "rule": "workdays:20",
                    "last_published": None,
                    "reason": "尚未公开任何内容：该事项自2025-03-03列入目录，应于2025-03-31前公开。",
                }
            ]
        }
        assert json.loads(run("gaps", "--unit", "T-A", "--json")[0]) == {"gaps": []}
        text, _ = run("gaps", "--unit", "C")
        assert "测试县人民政府（C）：1 处" in text
    assert date.today()  # time-machine restored


def test_powers_import_makes_a_version(unit_tree, tmp_path):
    powers = tmp_path / "powers.csv"
    powers.write_text("权力类型,权力名称,设定依据\n行政许可,社会团体登记,条例\n", encoding="utf-8")
    out, _ = run("powers", str(powers), "--unit", "C-FIN", "--note", "首次公布")
    assert "第1版" in out
