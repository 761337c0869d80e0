"""Who may edit the search synonyms.

The dictionary is platform-wide: a group changes what every unit's records are found by. So,
as with the working-day calendar, it is edited by superusers and by users who hold the action's
role (政务公开主管部门 or 管理员) over the whole unit tree, that is on every top-level unit. The
command line (``actor=None``) may.
"""

from __future__ import annotations

from wagtail.permission_policies.base import BasePermissionPolicy

from gongkai.core.domain.errors import PermissionDeniedError
from gongkai.core.models import Unit
from gongkai.core.permissions import can

ACTION = "search.synonyms"


def can_manage_synonyms(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    roots = list(Unit.objects.filter(parent__isnull=True))
    return bool(roots) and all(can(user, ACTION, root) for root in roots)


def require_synonym_manager(actor) -> None:
    """``actor`` None is the command line, which may always."""
    if actor is not None and not can_manage_synonyms(actor):
        raise PermissionDeniedError(
            "只有平台管理员、最上级单位的管理员或政务公开主管部门可以修改检索同义词"
            "（它影响所有单位信息的查找）。"
        )


class SynonymPermissionPolicy(BasePermissionPolicy):
    """Every admin action on synonym groups (list, add, edit, delete) needs
    ``can_manage_synonyms``."""

    def user_has_permission(self, user, action):
        return can_manage_synonyms(user)

    def user_has_any_permission(self, user, actions):
        return can_manage_synonyms(user)
