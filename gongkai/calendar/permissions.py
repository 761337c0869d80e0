"""Who may change the working-day calendar.

Calendar data is platform-wide: one year's holidays move the deadlines of every unit. So it is
changed only by superusers and by users who hold the administrator role over the whole unit
tree, that is on every top-level unit (usually the one county or city government). An
administrator of a department or township cannot change it. ``actor=None`` (the command line,
the system) may.
"""

from __future__ import annotations

from wagtail.permission_policies.base import BasePermissionPolicy

from gongkai.core.domain.errors import PermissionDeniedError
from gongkai.core.models import Unit
from gongkai.core.permissions import can

ACTION = "calendar.manage"


def can_manage_calendar(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    roots = list(Unit.objects.filter(parent__isnull=True))
    return bool(roots) and all(can(user, ACTION, root) for root in roots)


def require_calendar_manager(actor) -> None:
    """`actor` None is the command line or the system, which may always."""
    if actor is not None and not can_manage_calendar(actor):
        raise PermissionDeniedError(
            "只有平台管理员或最上级单位的管理员可以修改工作日日历（它影响所有单位的期限）。"
        )


class CalendarPermissionPolicy(BasePermissionPolicy):
    """Every admin action on calendar years (list, add, edit, delete) needs `can_manage_calendar`."""

    def user_has_permission(self, user, action):
        return can_manage_calendar(user)

    def user_has_any_permission(self, user, actions):
        return can_manage_calendar(user)
