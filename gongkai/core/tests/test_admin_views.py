"""Staff screens: each list and each object URL is scoped by the unit permission policy."""

import pytest
from django.urls import reverse

from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry, RoleAssignment, Unit


@pytest.fixture
def town_a_admin(unit_tree, make_user, client):
    user = make_user("town_a_admin", (Role.ADMINISTRATOR, unit_tree["town_a"]))
    client.force_login(user)
    return user


def test_unit_list_shows_only_the_users_subtree(town_a_admin, client):
    page = client.get(reverse("units:index")).content.decode()
    assert "甲镇人民政府" in page and "甲镇一村村民委员会" in page
    assert "乙乡人民政府" not in page and "测试县财政局" not in page


def test_unit_outside_scope_cannot_be_opened_or_changed(town_a_admin, unit_tree, client):
    url = reverse("units:edit", args=[unit_tree["town_b"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "改名"}).status_code == 404
    assert Unit.objects.get(code="T-B").name == "乙乡人民政府"


def test_unit_edit_in_scope_goes_through_the_service(town_a_admin, unit_tree, client):
    village = unit_tree["village_a"]
    url = reverse("units:edit", args=[village.pk])
    form = {
        "parent": unit_tree["town_a"].pk,
        "code": "V-A",
        "name": "甲镇一村村民委员会",
        "short_name": "一村",
        "kind": "village",
        "sort_order": 0,
        "is_active": "on",
        "phone": "0930-7654321",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Unit.objects.get(pk=village.pk).phone == "0930-7654321"
    assert AuditEntry.objects.filter(action="unit.update", object_id=str(village.pk)).exists()


def test_moving_a_unit_out_of_scope_is_refused(town_a_admin, unit_tree, client):
    village = unit_tree["village_a"]
    form = {
        "parent": unit_tree["town_b"].pk,
        "code": "V-A",
        "name": "甲镇一村村民委员会",
        "kind": "village",
        "sort_order": 0,
        "is_active": "on",
    }
    response = client.post(reverse("units:edit", args=[village.pk]), form)
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert Unit.objects.get(pk=village.pk).parent_id == unit_tree["town_a"].pk


def test_units_cannot_be_deleted(town_a_admin, unit_tree, client):
    url = reverse("units:delete", args=[unit_tree["village_a"].pk])
    response = client.post(url, follow=True)
    assert "单位不能删除" in response.content.decode()
    assert Unit.objects.filter(code="V-A").exists()


def test_role_assignments_are_scoped(town_a_admin, unit_tree, make_user, client):
    make_user("b_editor", (Role.EDITOR, unit_tree["town_b"]))
    make_user("a_editor", (Role.EDITOR, unit_tree["village_a"]))
    page = client.get(reverse("roles:index")).content.decode()
    assert "a_editor" in page and "b_editor" not in page
    other = RoleAssignment.objects.get(user__username="b_editor")
    assert client.post(reverse("roles:delete", args=[other.pk])).status_code == 404


def test_granting_a_role_outside_scope_is_refused(town_a_admin, unit_tree, make_user, client):
    target = make_user("target")
    response = client.post(
        reverse("roles:add"),
        {"user": target.pk, "unit": unit_tree["town_b"].pk, "role": "editor"},
    )
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(user=target).exists()


def test_audit_log_is_scoped_and_read_only(unit_tree, make_user, client):
    client.force_login(make_user("aud", (Role.AUDITOR, unit_tree["town_b"])))
    page = client.get(reverse("audit:index")).content.decode()
    assert "乙乡二村村民委员会" in page and "甲镇一村村民委员会" not in page
    with pytest.raises(Exception):  # noqa: B017 - there is no edit route at all
        reverse("audit:edit", args=[1])


def test_editor_cannot_manage_units(unit_tree, make_user, client):
    client.force_login(make_user("ed", (Role.EDITOR, unit_tree["county"])))
    assert client.get(reverse("units:add")).status_code in (302, 403)
