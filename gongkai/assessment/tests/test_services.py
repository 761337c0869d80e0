"""Schemes, entered scores, the problem list, objections and the computed results."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.assessment import registry
from gongkai.assessment.domain.scoring import Rule, RuleKind
from gongkai.assessment.models import Problem
from gongkai.assessment.selectors import scheme_results
from gongkai.assessment.services import (
    heading_add,
    item_add,
    objection_decide,
    objection_file,
    problem_close,
    problem_create,
    problem_reopen,
    scheme_create,
    score_enter,
)
from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 1, 20), tick=False):
        yield


def _by_unit(results):
    return {r.unit.code: r for r in results.units}


def _line(result, label):
    return next(i for i in result.indicators if i.label == label)


def test_a_scheme_scores_and_ranks_each_group_apart(unit_tree, scheme, figures):
    figures[unit_tree["office"].pk] = registry.Measure(numerator=9, denominator=10)
    figures[unit_tree["finance"].pk] = registry.Measure(numerator=45, denominator=100)
    figures[unit_tree["town_a"].pk] = registry.Measure(numerator=3, denominator=4)
    training = scheme.items.get(label="组织政务公开培训")
    for code in ("office", "finance", "town_a", "town_b"):
        score_enter(actor=None, item=training, unit=unit_tree[code], points=D(30), note="已培训")

    results = scheme_results(scheme)
    units = _by_unit(results)
    # Villages are not assessed (no indicator applies to them); the county is the assessor.
    assert set(units) == {"C-OFF", "C-FIN", "T-A", "T-B"}
    office = units["C-OFF"]
    rate = _line(office, "测试比率")
    assert (rate.numerator, rate.denominator, rate.value, rate.points) == (
        9,
        10,
        D("0.9"),
        D("40.00"),
    )
    assert rate.evidence_count == 10
    assert office.score == D("100.00")
    assert units["C-FIN"].score == D("80.00")  # 20 + 30 + 30
    # 乙乡 has no record for the rate: 不适用, its 40 points go to the other 60.
    town_b = units["T-B"]
    assert not _line(town_b, "测试比率").applicable
    assert _line(town_b, "测试比率").note == "无相关记录，不适用"
    assert town_b.score == D("100.00")
    assert [i.weighted_max for i in town_b.indicators] == [None, D("50.00"), D("50.00")]
    # 甲镇: 0.75 / 0.9 × 40 = 33.33 → 93.33
    assert units["T-A"].score == D("93.33")
    groups = {
        kind: [(r.unit.code, r.rank) for r in members] for kind, _label, members in results.groups()
    }
    assert groups == {
        "department": [("C-OFF", 1), ("C-FIN", 2)],
        "township": [("T-B", 1), ("T-A", 2)],
    }


def test_an_entered_indicator_not_entered_scores_nothing_and_not_applicable_moves_weight(
    unit_tree, scheme
):
    training = scheme.items.get(label="组织政务公开培训")
    units = _by_unit(scheme_results(scheme))
    assert _line(units["C-OFF"], "组织政务公开培训").points == D(0)
    score_enter(
        actor=None,
        item=training,
        unit=unit_tree["office"],
        points=None,
        note="本年新组建",
        not_applicable=True,
    )
    units = _by_unit(scheme_results(scheme))
    # Only the problem list (30 of 30) applies now.
    assert units["C-OFF"].score == D("100.00")


def test_entering_needs_a_reason_points_in_range_and_the_office_role(unit_tree, scheme, make_user):
    training = scheme.items.get(label="组织政务公开培训")
    office = unit_tree["office"]
    with pytest.raises(DomainError, match="评分理由"):
        score_enter(actor=None, item=training, unit=office, points=D(10), note=" ")
    with pytest.raises(DomainError, match="0至30"):
        score_enter(actor=None, item=training, unit=office, points=D(31), note="多")
    editor = make_user("editor", (Role.EDITOR, office))
    with pytest.raises(PermissionDeniedError):
        score_enter(actor=editor, item=training, unit=office, points=D(10), note="自评")
    computed = scheme.items.get(key="testing.rate")
    with pytest.raises(DomainError, match="不能录入"):
        score_enter(actor=None, item=computed, unit=office, points=D(10), note="改分")
    with pytest.raises(DomainError, match="不是"):
        score_enter(actor=None, item=training, unit=unit_tree["county"], points=D(10), note="本级")
    assert not training.entered_scores.exists()


def test_entered_scores_keep_their_evidence_and_every_change_is_audited(
    unit_tree, scheme, make_user
):
    staff = make_user("staff", (Role.SUPERVISING_STAFF, unit_tree["county"]))
    training = scheme.items.get(label="组织政务公开培训")
    office = unit_tree["office"]
    pdf = SimpleUploadedFile("签到表.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    score_enter(actor=staff, item=training, unit=office, points=D(20), note="培训1次", evidence=pdf)
    entry = score_enter(actor=staff, item=training, unit=office, points=D(30), note="补充培训记录")
    assert entry.evidence_file is not None  # the earlier evidence stays
    entries = AuditEntry.objects.filter(action="assessment.score_enter").order_by("seq")
    assert [e.changes["points"] for e in entries] == ["20", "30"]
    assert entries.last().changes["before"] == {"points": "20.00", "not_applicable": False}
    fake = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError):
        score_enter(
            actor=staff, item=training, unit=office, points=D(5), note="假文件", evidence=fake
        )
    entry.refresh_from_db()
    assert entry.points == D(30)


def test_problem_list_close_reopen_and_overdue_deductions(unit_tree, scheme, make_user):
    office = unit_tree["office"]
    found = date(2025, 11, 3)
    late = problem_create(
        actor=None,
        scheme=scheme,
        unit=office,
        title="栏目长期未更新",
        found_on=found,
        deadline=date(2025, 12, 1),
    )
    on_time = problem_create(
        actor=None,
        scheme=scheme,
        unit=office,
        title="链接失效",
        found_on=found,
        deadline=date(2026, 2, 1),
    )
    head = make_user("head", (Role.DISCLOSURE_OFFICE_HEAD, office))
    problem_close(actor=head, problem=on_time, closed_on=date(2026, 1, 10), proof="已修复链接")
    line = lambda: _line(_by_unit(scheme_results(scheme))["C-OFF"], "问题清单逾期未整改")  # noqa: E731
    assert (line().value, line().points, line().evidence_count) == (D(1), D("20.00"), 2)

    problem_reopen(
        actor=None, problem=on_time, rechecked_on=date(2026, 1, 15), reason="复查仍有失效链接"
    )
    on_time.refresh_from_db()
    assert (on_time.state, on_time.closed_on) == ("reopened", None)
    with pytest.raises(DomainError, match="不能改为"):
        problem_reopen(actor=None, problem=on_time, rechecked_on=date(2026, 1, 16), reason="再次")
    # Reopened but its deadline is still ahead: not yet overdue.
    assert line().value == D(1)
    with time_machine.travel(date(2026, 2, 5), tick=False):
        assert line().value == D(2)
    problem_close(actor=head, problem=late, closed_on=date(2026, 1, 18), proof="已更新")
    assert line().value == D(1)  # closed after its deadline: still late


def test_problem_rules(unit_tree, scheme, make_user):
    office = unit_tree["office"]
    with pytest.raises(DomainError, match="整改期限"):
        problem_create(
            actor=None,
            scheme=scheme,
            unit=office,
            title="x",
            found_on=date(2025, 5, 2),
            deadline=date(2025, 5, 1),
        )
    problem = problem_create(
        actor=None,
        scheme=scheme,
        unit=office,
        title="x",
        found_on=date(2025, 5, 2),
        deadline=date(2025, 6, 1),
    )
    with pytest.raises(DomainError, match="整改情况"):
        problem_close(actor=None, problem=problem, closed_on=date(2025, 5, 20), proof="")
    with pytest.raises(DomainError, match="不晚于今天"):
        problem_close(actor=None, problem=problem, closed_on=date(2026, 5, 20), proof="已改")
    other = make_user("other", (Role.DISCLOSURE_OFFICE_HEAD, unit_tree["finance"]))
    with pytest.raises(PermissionDeniedError):
        problem_close(actor=other, problem=problem, closed_on=date(2025, 5, 20), proof="已改")
    assert Problem.objects.get(pk=problem.pk).state == "open"


def test_objection_upheld_replaces_the_figure_rejected_keeps_it(
    unit_tree, scheme, figures, make_user
):
    finance = unit_tree["finance"]
    figures[finance.pk] = registry.Measure(numerator=45, denominator=100)
    rate = scheme.items.get(key="testing.rate")
    leader = make_user("leader", (Role.LEADER, finance))
    objection = objection_file(
        actor=leader, item=rate, unit=finance, reason="有55件系涉密文件，不应计入"
    )
    with pytest.raises(DomainError, match="尚在处理"):
        objection_file(actor=leader, item=rate, unit=finance, reason="再提")
    staff = make_user("staff", (Role.SUPERVISING_STAFF, unit_tree["county"]))
    with pytest.raises(DomainError, match="0至40"):
        objection_decide(
            actor=staff, objection=objection, upheld=True, decision="成立", corrected_points=D(50)
        )
    objection_decide(
        actor=staff,
        objection=objection,
        upheld=True,
        decision="经核实55件为依申请公开文件",
        corrected_points=D(40),
    )
    with pytest.raises(DomainError, match="已处理"):
        objection_decide(actor=staff, objection=objection, upheld=False, decision="改判")
    line = _line(_by_unit(scheme_results(scheme))["C-FIN"], "测试比率")
    assert (line.points, line.overridden) == (D(40), True)
    assert line.note == "异议成立：经核实55件为依申请公开文件"

    second = objection_file(actor=leader, item=rate, unit=finance, reason="再议")
    objection_decide(actor=staff, objection=second, upheld=False, decision="维持")
    second.refresh_from_db()
    assert (second.state, second.corrected_points) == ("rejected", None)
    assert AuditEntry.objects.filter(action="assessment.objection_decide").count() == 2


def test_a_unit_may_object_only_for_itself(unit_tree, scheme, make_user):
    rate = scheme.items.get(key="testing.rate")
    leader = make_user("leader", (Role.LEADER, unit_tree["finance"]))
    with pytest.raises(PermissionDeniedError):
        objection_file(actor=leader, item=rate, unit=unit_tree["office"], reason="替别人提")


def test_scheme_items_are_checked(unit_tree, scheme):
    heading = scheme.headings.first()
    with pytest.raises(DomainError, match="没有名为"):
        item_add(
            actor=None,
            heading=heading,
            key="nope.nothing",
            rule=Rule(RuleKind.LINEAR, D(5)),
            groups=["department"],
        )
    with pytest.raises(DomainError, match="不能用"):
        item_add(
            actor=None,
            heading=heading,
            key="testing.rate",
            rule=Rule(RuleKind.DEDUCT, D(5), per_item=D(1)),
            groups=["department"],
            label="另一个",
        )
    with pytest.raises(DomainError, match="单位类型"):
        item_add(
            actor=None,
            heading=heading,
            label="x",
            rule=Rule(RuleKind.ENTERED, D(5)),
            groups=["village"],
        )
    with pytest.raises(DomainError, match="已有"):
        scheme_create(actor=None, unit=unit_tree["county"], year=2025, title="重复")


def test_last_year_comparison(unit_tree, scheme, figures):
    before = scheme_create(actor=None, unit=unit_tree["county"], year=2024, title="2024年度")
    heading = heading_add(actor=None, scheme=before, title="公开质量")
    item_add(
        actor=None,
        heading=heading,
        key="testing.rate",
        rule=Rule(RuleKind.LINEAR, D(100)),
        groups=["department"],
    )
    figures[unit_tree["office"].pk] = registry.Measure(numerator=1, denominator=2)
    office = _by_unit(scheme_results(scheme))["C-OFF"]
    assert office.last_year == D("50.00")
    assert office.score == D("52.22")  # 0.5 / 0.9 × 40 + 0 (training not entered) + 30
    assert office.change == D("2.22")
