"""Fixtures shared by every test: a small unit tree and users holding roles in it."""

from __future__ import annotations

import os

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


@pytest.fixture(scope="class")
def class_demo(django_db_setup, django_db_blocker):
    """The whole demo (``gongkai demo``) loaded once for a class of tests that read it: inside a
    transaction rolled back after the class's last test, in which each test's own transaction
    is a savepoint, so what one test changes the next never sees. Loading the demo builds PDFs
    and thousands of rows; a test that only reads it need not pay that again. Not for
    transactional tests (their flush would empty the shared rows)."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        try:
            call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
            yield
        finally:
            transaction.set_rollback(True)
