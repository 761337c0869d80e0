"""The one visibility rule: a role on a unit covers its subtree and nothing else."""

import pytest

from gongkai.core.domain.roles import ACTION_ROLES, Role
from gongkai.core.models import AuditEntry, Unit
from gongkai.core.permissions import can, scope, units_for


def codes(qs):
    return sorted(qs.values_list("code", flat=True))


def test_township_role_covers_its_subtree_only(unit_tree, make_user):
    user = make_user("town_a_editor", (Role.EDITOR, unit_tree["town_a"]))
    assert codes(units_for(user, "unit.view")) == ["T-A", "V-A"]
    assert can(user, "unit.view", unit_tree["village_a"])
    assert not can(user, "unit.view", unit_tree["town_b"])
    assert not can(user, "unit.view", unit_tree["county"])
    assert not can(user, "unit.manage", unit_tree["town_a"])


def test_county_role_covers_the_whole_county(unit_tree, make_user):
    user = make_user("county_admin", (Role.ADMINISTRATOR, unit_tree["county"]))
    assert codes(units_for(user, "unit.manage")) == sorted(
        Unit.objects.values_list("code", flat=True)
    )


def test_scope_filters_unit_owned_records(unit_tree, make_user):
    auditor = make_user("auditor_b", (Role.AUDITOR, unit_tree["town_b"]))
    visible = scope(AuditEntry.objects.all(), auditor, "audit.view")
    assert visible.exists()
    assert {e.unit_id for e in visible} <= {unit_tree["town_b"].pk, unit_tree["village_b"].pk}


@pytest.mark.parametrize("action", sorted(ACTION_ROLES))
def test_users_without_roles_and_anonymous_users_get_nothing(unit_tree, make_user, action):
    from django.contrib.auth.models import AnonymousUser

    nobody = make_user("nobody")
    for user in (nobody, AnonymousUser()):
        assert not units_for(user, action).exists()
        assert not can(user, action, unit_tree["county"])


def test_superuser_sees_everything(unit_tree, make_user):
    root = make_user("root", superuser=True)
    assert units_for(root, "unit.manage").count() == Unit.objects.count()
