"""``gongkai assessment``: the JSON of compute, the bulletin files and the refusals."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from gongkai.assessment import registry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 1, 20), tick=False):
        yield


def _run(*args) -> str:
    out = io.StringIO()
    call_command("assessment", *args, stdout=out)
    return out.getvalue()


def test_compute_json_has_the_issues_shape(unit_tree, scheme, figures):
    figures[unit_tree["office"].pk] = registry.Measure(numerator=9, denominator=10)
    data = json.loads(_run("compute", "--year", "2025", "--unit", "C-OFF", "--json"))
    assert data["year"] == 2025
    [unit] = data["units"]
    assert unit["unit"] == "C-OFF"
    assert unit["score"] == 70  # 40 + 0 (training not entered) + 30
    first = unit["indicators"][0]
    assert first == {
        "key": "testing.rate",
        "label": "测试比率",
        "value": 0.9,
        "points": 40,
        "max_points": 40,
        "applicable": True,
        "evidence_count": 10,
    }
    assert [i["key"] for i in unit["indicators"]][1:] == [
        f"entered.{scheme.items.get(label='组织政务公开培训').pk}",
        "assessment.problems_overdue",
    ]
    everyone = json.loads(_run("compute", "--year", "2025", "--json"))
    assert {u["unit"] for u in everyone["units"]} == {"C-OFF", "C-FIN", "T-A", "T-B"}


def test_bulletin_docx_and_refusals(unit_tree, scheme, tmp_path):
    target = tmp_path / "通报.docx"
    _run("bulletin", "--year", "2025", "--format", "docx", "--output", str(target))
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "关于2025年度政务公开工作考核结果的通报" in text
    with pytest.raises(CommandError, match="已存在"):
        _run("bulletin", "--year", "2025", "--format", "docx", "--output", str(target))
    with pytest.raises(CommandError, match="没有2019年度的考核方案"):
        _run("compute", "--year", "2019")
    with pytest.raises(CommandError, match="没有代码为"):
        _run("compute", "--year", "2025", "--unit", "NOPE")
    with pytest.raises(CommandError, match="不是2025年度考核方案的考核对象"):
        _run("compute", "--year", "2025", "--unit", "V-A")
