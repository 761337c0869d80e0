"""Fixtures shared by every test: a small unit tree and users holding roles in it."""

from __future__ import annotations

import pytest

from gongkai.core.domain.roles import Role


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    """Each test's transaction is rolled back, but the process-wide calendar cache would outlive
    it and carry a year loaded by one test into the next."""
    from gongkai.calendar.selectors import invalidate_calendar_cache

    invalidate_calendar_cache()
    yield
    invalidate_calendar_cache()


@pytest.fixture
def unit_tree(db):
    """County → office, finance; townships A and B → a village each (built by the services)."""
    from gongkai.core.services import unit_create

    county = unit_create(actor=None, code="C", name="测试县人民政府", kind="government")
    tree = {"county": county}
    tree["office"] = unit_create(
        actor=None, parent=county, code="C-OFF", name="测试县人民政府办公室", kind="department"
    )
    tree["finance"] = unit_create(
        actor=None, parent=county, code="C-FIN", name="测试县财政局", kind="department"
    )
    tree["town_a"] = unit_create(
        actor=None, parent=county, code="T-A", name="甲镇人民政府", kind="township"
    )
    tree["town_b"] = unit_create(
        actor=None, parent=county, code="T-B", name="乙乡人民政府", kind="township"
    )
    tree["village_a"] = unit_create(
        actor=None, parent=tree["town_a"], code="V-A", name="甲镇一村村民委员会", kind="village"
    )
    tree["village_b"] = unit_create(
        actor=None, parent=tree["town_b"], code="V-B", name="乙乡二村村民委员会", kind="village"
    )
    return tree


@pytest.fixture
def make_user(db):
    """``make_user("name", (Role.EDITOR, unit), ...)`` → a user holding those roles."""
    from django.contrib.auth import get_user_model

    from gongkai.core.services import role_grant

    def make(username: str, *grants: tuple[Role, object], superuser: bool = False):
        User = get_user_model()
        if superuser:
            return User.objects.create_superuser(username, f"{username}@example.invalid", "pw")
        user = User.objects.create_user(username, password="pw")
        for role, unit in grants:
            role_grant(actor=None, user=user, unit=unit, role=role)
        return user

    return make
