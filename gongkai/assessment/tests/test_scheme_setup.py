"""Setting up a scheme (考核办法) and adding problems by hand: the services and the admin forms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from gongkai.assessment.domain.scoring import Rule, RuleKind
from gongkai.assessment.models import Heading, Item, Problem, Scheme
from gongkai.assessment.services import (
    heading_add,
    item_add,
    item_remove,
    item_update,
    objection_file,
    scheme_copy,
    scheme_editable,
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


@pytest.fixture
def supervisor(unit_tree, make_user):
    return make_user("supervisor", (Role.SUPERVISING_STAFF, unit_tree["county"]))


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# Services


def test_copying_last_years_scheme_copies_headings_and_items_only(unit_tree, scheme, supervisor):
    problem_count = Problem.objects.count()
    new = scheme_copy(actor=supervisor, source=scheme, year=2026, title="2026年度政务公开考核")
    assert (new.unit, new.full_score) == (scheme.unit, scheme.full_score)
    assert list(new.headings.values_list("title", flat=True)) == ["公开质量", "工作保障"]
    copied = list(new.items.values_list("heading__title", "key", "label", "rule", "max_points"))
    original = list(
        scheme.items.values_list("heading__title", "key", "label", "rule", "max_points")
    )
    assert copied == original
    assert Problem.objects.count() == problem_count
    assert AuditEntry.objects.filter(action="assessment.scheme_copy").count() == 1
    with pytest.raises(DomainError, match="已有2026年度"):
        scheme_copy(actor=None, source=scheme, year=2026, title="再来一次")
    with pytest.raises(DomainError, match="名称"):
        scheme_copy(actor=None, source=scheme, year=2027, title=" ")
    assert Scheme.objects.count() == 2


def test_a_scheme_is_fixed_once_a_score_is_entered(unit_tree, scheme):
    heading = scheme.headings.first()
    assert scheme_editable(scheme)
    extra = item_add(
        actor=None,
        heading=heading,
        label="领导研究部署",
        rule=Rule(RuleKind.ENTERED, D(5)),
        groups=["department"],
    )
    item_remove(actor=None, item=extra)
    assert not Item.objects.filter(pk=extra.pk).exists()
    training = scheme.items.get(label="组织政务公开培训")
    score_enter(actor=None, item=training, unit=unit_tree["office"], points=D(20), note="已培训")
    assert not scheme_editable(scheme)
    items = scheme.items.count()
    with pytest.raises(DomainError, match="不能再修改"):
        heading_add(actor=None, scheme=scheme, title="新项目")
    with pytest.raises(DomainError, match="不能再修改"):
        item_add(
            actor=None,
            heading=heading,
            label="新指标",
            rule=Rule(RuleKind.ENTERED, D(5)),
            groups=["department"],
        )
    with pytest.raises(DomainError, match="不能再修改"):
        item_remove(actor=None, item=training)
    assert (scheme.headings.count(), scheme.items.count()) == (2, items)


def test_a_scheme_is_fixed_once_a_unit_objects(unit_tree, scheme, figures):
    from gongkai.assessment import registry

    figures[unit_tree["finance"].pk] = registry.Measure(numerator=1, denominator=2)
    objection_file(
        actor=None,
        item=scheme.items.get(key="testing.rate"),
        unit=unit_tree["finance"],
        reason="统计有误",
    )
    with pytest.raises(DomainError, match="不能再修改"):
        heading_add(actor=None, scheme=scheme, title="新项目")


def test_only_the_office_edits_a_scheme(unit_tree, scheme, make_user):
    head = make_user("head", (Role.DISCLOSURE_OFFICE_HEAD, unit_tree["finance"]))
    with pytest.raises(PermissionDeniedError):
        heading_add(actor=head, scheme=scheme, title="新项目")
    with pytest.raises(PermissionDeniedError):
        item_remove(actor=head, item=scheme.items.first())
    with pytest.raises(PermissionDeniedError):
        scheme_copy(actor=head, source=scheme, year=2026, title="2026")
    assert Scheme.objects.count() == 1


# Admin forms


def test_the_office_creates_a_scheme_with_headings_and_indicators(client, unit_tree, supervisor):
    client.force_login(supervisor)
    index = client.get(reverse("assessment:schemes"))
    assert "新建考核方案" in index.content.decode()
    response = client.post(
        reverse("assessment:create"),
        {
            "unit": unit_tree["county"].pk,
            "year": "2026",
            "title": "2026年度政务公开考核",
            "full_score": "100",
            "basis": "县政府办公室通知",
        },
    )
    scheme = Scheme.objects.get(year=2026)
    setup = reverse("assessment:setup", args=[scheme.pk])
    assert response.url == setup
    client.post(reverse("assessment:heading_add", args=[scheme.pk]), {"title": "公开质量"})
    heading = Heading.objects.get(scheme=scheme)
    add = reverse("assessment:item_add", args=[scheme.pk])
    client.post(
        add,
        {
            "heading": heading.pk,
            "key": "testing.rate",
            "rule": "linear",
            "max_points": "40",
            "full_at": "95",
            "zero_at": "60",
            "groups": ["department", "township"],
        },
    )
    client.post(
        add,
        {
            "heading": heading.pk,
            "key": "assessment.problems_overdue",
            "rule": "deduct",
            "max_points": "20",
            "per_item": "5",
            "groups": ["department"],
        },
    )
    client.post(
        add,
        {
            "heading": heading.pk,
            "key": "",
            "label": "组织政务公开培训",
            "rule": "entered",
            "max_points": "10",
            "groups": ["township"],
        },
    )
    rate, problems, training = scheme.items.order_by("order")
    assert (rate.key, rate.label, rate.full_at, rate.zero_at) == (
        "testing.rate",
        "测试比率",
        D("0.95"),
        D("0.6"),
    )
    assert (problems.rule, problems.per_item, problems.groups) == ("deduct", D(5), ["department"])
    assert (training.rule, training.max_points, training.groups) == ("entered", D(10), ["township"])
    page = client.get(setup).content.decode()
    assert "组织政务公开培训" in page and "添加考核指标" in page
    # The results page links to the setup page.
    assert setup in client.get(reverse("assessment:scheme", args=[scheme.pk])).content.decode()


def test_bad_indicators_are_refused_with_a_message_and_nothing_written(
    client, unit_tree, scheme, supervisor
):
    client.force_login(supervisor)
    heading = scheme.headings.first()
    count = scheme.items.count()
    add = reverse("assessment:item_add", args=[scheme.pk])
    wrong_rule = client.post(
        add,
        {
            "heading": heading.pk,
            "key": "testing.rate",
            "rule": "deduct",
            "max_points": "10",
            "per_item": "1",
            "groups": ["department"],
        },
    )
    assert any("不能用" in m for m in _messages(wrong_rule))
    unnamed = client.post(
        add, {"heading": heading.pk, "rule": "entered", "max_points": "10", "groups": ["township"]}
    )
    assert any("录入指标的名称" in m for m in _messages(unnamed))
    no_group = client.post(
        add, {"heading": heading.pk, "label": "培训", "rule": "entered", "max_points": "10"}
    )
    assert _messages(no_group)
    assert scheme.items.count() == count
    duplicate = client.post(
        reverse("assessment:create"),
        {"unit": unit_tree["county"].pk, "year": "2025", "title": "重复", "full_score": "100"},
    )
    assert duplicate.url == reverse("assessment:schemes")
    assert any("已有2025年度" in m for m in _messages(duplicate))
    assert Scheme.objects.count() == 1


def test_copying_last_year_through_the_form(client, unit_tree, scheme, supervisor):
    client.force_login(supervisor)
    data = {"unit": unit_tree["county"].pk, "title": "新方案", "full_score": "100"}
    client.post(reverse("assessment:create"), {**data, "year": "2026", "copy_last_year": "on"})
    copied = Scheme.objects.get(year=2026)
    assert copied.items.count() == scheme.items.count()
    refused = client.post(
        reverse("assessment:create"), {**data, "year": "2030", "copy_last_year": "on"}
    )
    assert any("没有2029年度" in m for m in _messages(refused))
    assert not Scheme.objects.filter(year=2030).exists()


def test_a_fixed_scheme_shows_no_forms_and_refuses_posts(client, unit_tree, scheme, supervisor):
    training = scheme.items.get(label="组织政务公开培训")
    score_enter(actor=None, item=training, unit=unit_tree["office"], points=D(20), note="已培训")
    client.force_login(supervisor)
    page = client.get(reverse("assessment:setup", args=[scheme.pk])).content.decode()
    assert "不能再修改" in page and "添加考核指标" not in page
    response = client.post(reverse("assessment:item_remove", args=[training.pk]))
    assert any("不能再修改" in m for m in _messages(response))
    assert Item.objects.filter(pk=training.pk).exists()


def test_the_office_adds_a_problem_by_hand(client, unit_tree, scheme, supervisor):
    client.force_login(supervisor)
    url = reverse("assessment:problem_add", args=[scheme.pk])
    client.post(
        url,
        {
            "unit": unit_tree["finance"].pk,
            "title": "政府信息公开指南未更新",
            "detail": "指南仍为2019年版",
            "source": "check",
            "found_on": "2026-01-10",
            "deadline": "2026-02-28",
        },
    )
    problem = Problem.objects.get()
    assert (problem.unit, problem.source, problem.deadline, problem.created_by) == (
        unit_tree["finance"],
        "check",
        date(2026, 2, 28),
        supervisor,
    )
    late = client.post(
        url,
        {
            "unit": unit_tree["finance"].pk,
            "title": "期限早于发现日期",
            "source": "staff",
            "found_on": "2026-01-10",
            "deadline": "2026-01-01",
        },
    )
    assert any("整改期限不能早于发现日期" in m for m in _messages(late))
    outside = client.post(
        url,
        {
            "unit": unit_tree["county"].pk,
            "title": "本级",
            "source": "staff",
            "found_on": "2026-01-10",
            "deadline": "2026-02-01",
        },
    )
    assert _messages(outside)
    assert Problem.objects.count() == 1


def test_a_units_staff_cannot_reach_the_setup_screens(client, unit_tree, scheme, make_user):
    head = make_user("head", (Role.DISCLOSURE_OFFICE_HEAD, unit_tree["finance"]))
    client.force_login(head)
    assert client.get(reverse("assessment:setup", args=[scheme.pk])).status_code == 404
    heading = scheme.headings.first()
    assert (
        client.post(
            reverse("assessment:heading_add", args=[scheme.pk]), {"title": "自设项目"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("assessment:item_remove", args=[scheme.items.first().pk])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("assessment:problem_add", args=[scheme.pk]),
            {"unit": unit_tree["finance"].pk, "title": "x", "source": "staff"},
        ).status_code
        == 404
    )
    assert "新建考核方案" not in client.get(reverse("assessment:schemes")).content.decode()
    client.post(
        reverse("assessment:create"),
        {"unit": unit_tree["finance"].pk, "year": "2026", "title": "自评", "full_score": "100"},
    )
    assert Scheme.objects.count() == 1
    assert heading.items.count() == 1


def test_changing_an_indicator(unit_tree, scheme, supervisor):
    rate = scheme.items.get(key="testing.rate")
    item_update(
        actor=supervisor,
        item=rate,
        rule=Rule(RuleKind.LINEAR, D(50), full_at=D("0.95"), zero_at=D("0.5")),
        groups=["township"],
    )
    rate.refresh_from_db()
    assert (rate.label, rate.max_points, rate.zero_at, rate.groups) == (
        "测试比率",
        D(50),
        D("0.5"),
        ["township"],
    )
    entry = AuditEntry.objects.get(action="assessment.item_update")
    assert entry.changes["before"]["groups"] == ["department", "township"]
    with pytest.raises(DomainError, match="不能互相改换"):
        item_update(actor=None, item=rate, rule=Rule(RuleKind.ENTERED, D(5)), groups=["township"])
    with pytest.raises(DomainError, match="不能用"):
        item_update(actor=None, item=rate, rule=Rule(RuleKind.FLAG, D(5)), groups=["township"])
    training = scheme.items.get(label="组织政务公开培训")
    with pytest.raises(DomainError, match="已有指标"):
        item_update(
            actor=None,
            item=scheme.items.create(
                heading=training.heading,
                label="另一项",
                rule="entered",
                max_points=D(1),
                groups=["township"],
            ),
            rule=Rule(RuleKind.ENTERED, D(5)),
            groups=["township"],
            label="组织政务公开培训",
        )
    rate.refresh_from_db()
    assert rate.max_points == D(50)


def test_editing_an_indicator_through_its_form(client, unit_tree, scheme, supervisor, make_user):
    training = scheme.items.get(label="组织政务公开培训")
    url = reverse("assessment:item_edit", args=[training.pk])
    client.force_login(supervisor)
    page = client.get(url)
    assert page.status_code == 200 and "组织政务公开培训" in page.content.decode()
    done = client.post(
        url,
        {
            "label": "组织政务公开专题培训",
            "rule": "entered",
            "max_points": "20",
            "groups": ["department"],
        },
    )
    assert done.url == reverse("assessment:setup", args=[scheme.pk])
    training.refresh_from_db()
    assert (training.label, training.max_points, training.groups) == (
        "组织政务公开专题培训",
        D(20),
        ["department"],
    )
    refused = client.post(
        url, {"label": "", "rule": "entered", "max_points": "20", "groups": ["department"]}
    )
    assert any("录入指标的名称" in m for m in _messages(refused))
    training.refresh_from_db()
    assert training.label == "组织政务公开专题培训"
    client.force_login(make_user("head", (Role.DISCLOSURE_OFFICE_HEAD, unit_tree["finance"])))
    assert client.get(url).status_code == 404
    assert client.post(url, {"label": "x"}).status_code == 404
