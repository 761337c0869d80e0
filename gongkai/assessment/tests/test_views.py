"""The admin screens: who sees what, downloads, and the writes through their forms."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal as D

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from gongkai.assessment import registry
from gongkai.assessment.models import Objection, Problem
from gongkai.assessment.services import problem_create
from gongkai.core.domain.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 1, 20), tick=False):
        yield


@pytest.fixture
def supervisor(unit_tree, make_user):
    return make_user("supervisor", (Role.SUPERVISING_STAFF, unit_tree["county"]))


@pytest.fixture
def finance_head(unit_tree, make_user):
    return make_user("head", (Role.DISCLOSURE_OFFICE_HEAD, unit_tree["finance"]))


def test_the_office_sees_the_ranking_and_downloads_the_bulletin_and_export(
    client, unit_tree, scheme, figures, supervisor
):
    figures[unit_tree["finance"].pk] = registry.Measure(numerator=9, denominator=10)
    client.force_login(supervisor)
    page = client.get(reverse("assessment:scheme", args=[scheme.pk]))
    assert page.status_code == 200
    assert "测试县财政局" in page.content.decode()
    docx = client.get(reverse("assessment:scheme", args=[scheme.pk]) + "?format=docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "关于2025年度政务公开工作考核结果的通报" in text
    assert "不适用" in text
    xlsx = client.get(reverse("assessment:scheme", args=[scheme.pk]) + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("年度", "单位代码", "单位名称")
    finance_rate = next(r for r in rows if r[1] == "C-FIN" and r[6] == "testing.rate")
    assert finance_rate[8:13] == (0.9, 9, 10, 40, 40)


def test_a_unit_sees_its_own_page_only(client, unit_tree, scheme, figures, finance_head):
    figures[unit_tree["finance"].pk] = registry.Measure(numerator=45, denominator=100)
    client.force_login(finance_head)
    own = client.get(reverse("assessment:unit", args=[scheme.pk, unit_tree["finance"].pk]))
    assert own.status_code == 200
    body = own.content.decode()
    assert "失分项和整改建议" in body and "提高测试比率。" in body
    assert (
        client.get(reverse("assessment:unit", args=[scheme.pk, unit_tree["office"].pk])).status_code
        == 404
    )
    assert client.get(reverse("assessment:scheme", args=[scheme.pk])).status_code == 404
    item = scheme.items.get(key="testing.rate")
    drill = client.get(
        reverse("assessment:evidence", args=[scheme.pk, unit_tree["finance"].pk, item.pk])
    )
    assert drill.status_code == 200


def test_objection_and_decision_through_the_forms(
    client, unit_tree, scheme, figures, finance_head, supervisor, make_user
):
    finance = unit_tree["finance"]
    figures[finance.pk] = registry.Measure(numerator=45, denominator=100)
    item = scheme.items.get(key="testing.rate")
    leader = make_user("leader", (Role.LEADER, finance))
    client.force_login(leader)
    url = reverse("assessment:object", args=[scheme.pk, finance.pk, item.pk])
    client.post(url, {"reason": ""})
    assert not Objection.objects.exists()  # refused at the edge, nothing written
    client.post(url, {"reason": "部分文件不属于主动公开范围"})
    objection = Objection.objects.get()
    # The unit cannot decide its own objection.
    assert client.post(reverse("assessment:decide", args=[objection.pk]), {}).status_code == 404
    client.force_login(supervisor)
    client.post(
        reverse("assessment:decide", args=[objection.pk]),
        {"upheld": "1", "corrected_points": "36", "decision": "部分成立"},
    )
    objection.refresh_from_db()
    assert (objection.state, objection.corrected_points) == ("upheld", D(36))


def test_closing_a_problem_with_proof(client, unit_tree, scheme, finance_head):
    problem = problem_create(
        actor=None,
        scheme=scheme,
        unit=unit_tree["finance"],
        title="指南未更新",
        found_on=date(2025, 12, 1),
        deadline=date(2026, 1, 31),
    )
    client.force_login(finance_head)
    client.post(
        reverse("assessment:close", args=[problem.pk]),
        {"closed_on": "2026-01-19", "proof": "已更新指南"},
    )
    problem.refresh_from_db()
    assert (problem.state, problem.closed_on) == ("closed", date(2026, 1, 19))
    other = problem_create(
        actor=None,
        scheme=scheme,
        unit=unit_tree["office"],
        title="他人问题",
        found_on=date(2025, 12, 1),
        deadline=date(2026, 1, 31),
    )
    response = client.post(
        reverse("assessment:close", args=[other.pk]), {"closed_on": "2026-01-19", "proof": "x"}
    )
    assert response.status_code == 404
    assert Problem.objects.get(pk=other.pk).state == "open"
