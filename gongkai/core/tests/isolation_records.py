"""A unit's own staff member, for the isolation walk (``test_security_isolation.py``): the
role assignment, with the audit entries every other app's records write, is the core's."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from gongkai.core.domain.roles import Role
from gongkai.core.services import role_grant


def make_records(*, unit, marker: str, actor) -> None:
    user = get_user_model().objects.create_user(
        f"{marker}_staff", first_name=f"{marker}员工", password="pw"
    )
    role_grant(actor=None, user=user, unit=unit, role=Role.EDITOR)
