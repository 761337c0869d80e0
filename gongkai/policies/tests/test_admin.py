"""The admin: scoping of policies and enterprises, saving through the services, publishing
through the gate, and the coverage page."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.domain.roles import Role
from gongkai.policies import services
from gongkai.policies.models import Enterprise, PolicyItem, PolicyState

from .test_services import code, fields


@pytest.fixture
def records(unit_tree):
    made = {}
    for key, unit in (("A", unit_tree["town_a"]), ("B", unit_tree["town_b"])):
        data = services.PolicyInput(title=f"{key}镇政策", valid_from=date(2026, 1, 1))
        policy = services.policy_create(actor=None, unit=unit, code=f"P-{key}", data=data)
        made[f"policy_{key}"] = services.policy_publish(actor=None, policy=policy)
    made["enterprise_A"] = services.enterprise_create(
        actor=None, fields=fields(1, "T-A"), email="a@example.com"
    )
    made["enterprise_B"] = services.enterprise_create(
        actor=None, fields=fields(2, "T-B"), email="b@example.com"
    )
    return made


def test_a_township_sees_only_its_own(client, unit_tree, make_user, records):
    user = make_user("ea", (Role.EDITOR, unit_tree["town_a"]))
    client.force_login(user)
    html = client.get("/admin/policy_items/").content.decode()
    assert "A镇政策" in html and "B镇政策" not in html
    html = client.get("/admin/enterprises/").content.decode()
    assert "测试企业1" in html and "测试企业2" not in html and "b@example.com" not in html
    assert client.get(f"/admin/enterprises/edit/{records['enterprise_B'].pk}/").status_code == 404
    assert client.get(f"/admin/policy_items/edit/{records['policy_B'].pk}/").status_code == 404


def test_create_through_the_service(client, unit_tree, make_user):
    user = make_user("ea", (Role.EDITOR, unit_tree["town_a"]))
    client.force_login(user)
    response = client.post(
        "/admin/policy_items/new/",
        {
            "unit": unit_tree["town_a"].pk,
            "code": "NEW-1",
            "title": "新政策",
            "industries": "C26; F",
            "sizes": ["small"],
            "apply_mode": "apply",
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    policy = PolicyItem.objects.get(code="NEW-1")
    assert policy.industries == ["C26", "F"] and policy.state == PolicyState.DRAFT
    refused = client.post(
        "/admin/policy_items/new/",
        {
            "unit": unit_tree["town_a"].pk,
            "code": "NEW-2",
            "title": "坏政策",
            "industries": "C99",
            "apply_mode": "apply",
            "valid_from": "2026-01-01",
        },
    )
    assert "大类99" in refused.content.decode()
    enterprise = client.post(
        "/admin/enterprises/new/",
        {
            "uscc": code(5),
            "name": "新企业",
            "industry": "C2641",
            "size": "micro",
            "region": unit_tree["village_a"].pk,
            "subject_type": "enterprise",
            "email": "",
            "subscribed": "on",
        },
    )
    assert enterprise.status_code == 302
    assert Enterprise.objects.get(uscc=code(5)).confirmed_at is not None


def test_publish_through_the_gate_and_coverage(client, unit_tree, make_user, records):
    leader = make_user("la", (Role.LEADER, unit_tree["town_a"]))
    data = services.PolicyInput(
        title="草稿", valid_from=date(2026, 1, 1), contact="联系13912345678"
    )
    draft = services.policy_create(actor=None, unit=unit_tree["town_a"], code="D-1", data=data)
    client.force_login(leader)
    client.post(f"/admin/qyzc/{draft.pk}/state/", {"action": "publish"})
    draft.refresh_from_db()
    assert draft.state == PolicyState.DRAFT
    html = client.get("/admin/qyzc/coverage/").content.decode()
    assert "P-A" in html and "P-B" not in html
    assert (
        client.post(
            f"/admin/qyzc/{records['policy_B'].pk}/state/", {"action": "withdraw"}
        ).status_code
        == 404
    )
