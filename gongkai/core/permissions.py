"""The one place that decides who may see or change what.

A role held on a unit covers that unit and its whole subtree. Every staff view, command and
service asks here (``units_for``, ``scope``, ``require``) instead of filtering on its own, so a
township's user can never reach another township's non-public records by a forgotten filter.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import policy_registry

from .domain.errors import PermissionDeniedError
from .domain.roles import ROLE_LABELS, Role, roles_for
from .models import RoleAssignment, Unit


def _is_superuser(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


def _scope_paths(user, roles: Iterable[Role]) -> list[str]:
    if not (user and user.is_authenticated and user.is_active):
        return []
    cache = user.__dict__.setdefault("_gongkai_role_paths", {})
    key = frozenset(roles)
    if key not in cache:
        cache[key] = list(
            RoleAssignment.objects.filter(user=user, role__in=[r.value for r in key]).values_list(
                "unit__path", flat=True
            )
        )
    return cache[key]


def _paths_q(paths: list[str], prefix: str) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def units_for(user, action: str) -> QuerySet[Unit]:
    """The units on which ``user`` may perform ``action``."""
    if _is_superuser(user):
        return Unit.objects.all()
    return Unit.objects.filter(_paths_q(_scope_paths(user, roles_for(action)), ""))


def scope(queryset: QuerySet, user, action: str, *, unit_field: str = "unit") -> QuerySet:
    """Narrow any queryset of unit-owned records to what ``user`` may ``action``."""
    if _is_superuser(user):
        return queryset
    prefix = f"{unit_field}__" if unit_field else ""
    return queryset.filter(_paths_q(_scope_paths(user, roles_for(action)), prefix))


def can(user, action: str, unit: Unit | None) -> bool:
    if _is_superuser(user):
        return True
    if unit is None:
        return False
    return any(unit.path.startswith(p) for p in _scope_paths(user, roles_for(action)))


def require(user, action: str, unit: Unit | None) -> None:
    if not can(user, action, unit):
        allowed = "、".join(ROLE_LABELS[r] for r in sorted(roles_for(action)))
        where = unit.name if unit else "该单位"
        raise PermissionDeniedError(f"您没有在“{where}”执行此操作的权限（需要角色：{allowed}）。")


# What Wagtail's own policies (stored files, pages, users…) call acting on an object.
WAGTAIL_ACTIONS = ("add", "change", "delete", "view", "choose", "publish", "lock", "unlock")


def admin_visible(user, model) -> QuerySet:
    """The records of ``model`` the admin may show ``user``: those the model's permission
    policy gives the user any action on; for a unit-owned model, the records of the units the
    user holds a role on for one of its actions."""
    policy = policy_registry.get_by_type(model)
    actions = (
        list(policy.action_map)
        if isinstance(policy, UnitScopedPermissionPolicy)
        else list(WAGTAIL_ACTIONS)
    )
    return policy.instances_user_has_any_permission_for(user, actions)


def has_any_role(user) -> bool:
    return _is_superuser(user) or bool(_scope_paths(user, frozenset(Role)))


class UnitScopedPermissionPolicy(BasePermissionPolicy):
    """Wagtail permission policy for models owned by a unit (``unit_field``) or for Unit itself.

    ``action_map`` maps Wagtail's actions (add, change, delete, view) to gongkai actions.
    """

    def __init__(self, model, *, action_map: dict[str, str], unit_field: str | None = "unit"):
        super().__init__(model)
        self.action_map = action_map
        self.unit_field = unit_field

    def _unit_of(self, instance) -> Unit | None:
        return instance if self.unit_field is None else getattr(instance, self.unit_field)

    def user_has_permission(self, user, action):
        gk_action = self.action_map.get(action)
        if gk_action is None:
            return False
        return _is_superuser(user) or bool(_scope_paths(user, roles_for(gk_action)))

    def user_has_permission_for_instance(self, user, action, instance):
        gk_action = self.action_map.get(action)
        return gk_action is not None and can(user, gk_action, self._unit_of(instance))

    def instances_user_has_any_permission_for(self, user, actions):
        result = self.model.objects.none()
        for action in actions:
            gk_action = self.action_map.get(action)
            if gk_action is None:
                continue
            if self.unit_field is None:
                result = result | units_for(user, gk_action)
            else:
                result = result | scope(
                    self.model.objects.all(), user, gk_action, unit_field=self.unit_field
                )
        return result.distinct()

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        roles = set()
        for action in actions:
            if gk_action := self.action_map.get(action):
                roles |= {r.value for r in roles_for(gk_action)}
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(role_assignments__role__in=roles))
            .filter(is_active=True)
            .distinct()
        )
