import json

import pytest
from django.core.management import CommandError, call_command

from gongkai.importer.seed_documents import SEED_DIR

SEEDS = SEED_DIR


def test_parse_json_of_a_seed(capsys):
    seed = sorted(SEEDS.glob("000_*.txt"))[0]
    call_command("parse", str(seed), "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["doc_number"] == "甘政办发〔2020〕83号"
    assert data["disclosure"] == "主动公开"
    assert data["tasks"][0]["title"] == "推进权责清单公开"


def test_parse_summary_is_readable(capsys):
    seed = sorted(SEEDS.glob("000_*.txt"))[0]
    call_command("parse", str(seed))
    assert "发文字号：甘政办发〔2020〕83号" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"), [(b"", "不是可以导入的文档"), (None, "无法读取文件")]
)
def test_bad_input_exits_2(tmp_path, content, message):
    path = tmp_path / "x.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as caught:
        call_command("parse", str(path))
    assert caught.value.returncode == 2
