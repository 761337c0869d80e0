"""Writes to units and roles. Each service checks permission, changes state and records one audit
entry, all in one transaction; views, commands and admin screens call these and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .audit import audit_record, diff
from .domain.errors import DomainError
from .domain.roles import Role
from .domain.unit_tree import (
    UnitTreeError,
    check_unit_rows,
    order_parents_first,
)
from .models import RoleAssignment, Unit
from .permissions import require
from .validation import full_clean_or_refuse

STAFF_GROUP = "工作人员"

UNIT_FIELDS = (
    "code",
    "name",
    "short_name",
    "kind",
    "sort_order",
    "is_active",
    "supervising_office",
    "disclosure_office",
    "address",
    "postcode",
    "office_hours",
    "phone",
    "fax",
    "web_contact",
    "functions",
    "guide_supplement",
    "disclosure_rules",
)


def _snapshot(unit: Unit) -> dict[str, Any]:
    data = {f: getattr(unit, f) for f in UNIT_FIELDS if f != "supervising_office"}
    data["supervising_office"] = unit.supervising_office_id
    data["parent"] = unit.parent_id
    return data


def _place(unit: Unit, parent: Unit | None) -> None:
    """Set parent, path and depth; refuse to hang a unit below itself."""
    if parent is not None and unit.pk is not None and parent.path.startswith(unit.path):
        raise DomainError(f"不能把“{unit.name}”移到它自己的下级单位“{parent.name}”之下。")
    unit.parent = parent
    unit.depth = 0 if parent is None else parent.depth + 1


def _rewrite_paths(unit: Unit, old_path: str) -> None:
    unit.path = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
    Unit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    if old_path and old_path != unit.path:
        shift = unit.depth - (old_path.count("/") - 2)
        for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old_path) :]
            child.depth += shift
            Unit.objects.filter(pk=child.pk).update(path=child.path, depth=child.depth)


@transaction.atomic
def unit_create(*, actor, parent: Unit | None = None, **fields: Any) -> Unit:
    # Creating a root unit is a platform-wide act; a unit below needs rights on its parent.
    if parent is None:
        if not (actor is None or actor.is_superuser):
            raise DomainError("只有平台管理员可以创建顶级单位。")
    elif actor is not None:
        require(actor, "unit.manage", parent)
    unit = Unit(**fields)
    _place(unit, parent)
    full_clean_or_refuse(unit, exclude=["path", "depth"])
    unit.save()
    _rewrite_paths(unit, "")
    audit_record(actor=actor, action="unit.create", obj=unit, changes=_snapshot(unit), unit=unit)
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, parent: Unit | object | None = ..., **fields: Any) -> Unit:
    """Change a unit's facts; pass ``parent`` to move it (with its subtree)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if actor is not None:
        require(actor, "unit.manage", unit)
    before = _snapshot(unit)
    old_path = unit.path
    for name, value in fields.items():
        if name not in UNIT_FIELDS:
            raise TypeError(f"unit_update got an unknown field {name!r}")
        setattr(unit, name, value)
    if parent is not ...:
        if actor is not None and parent is not None:
            require(actor, "unit.manage", parent)
        if parent is None and actor is not None and not actor.is_superuser:
            raise DomainError("只有平台管理员可以把单位设为顶级单位。")
        _place(unit, parent)
    full_clean_or_refuse(unit, exclude=["path", "depth"])
    unit.save()
    if unit.parent_id != before["parent"]:
        _rewrite_paths(unit, old_path)
    changes = diff(before, _snapshot(unit))
    if changes:
        audit_record(actor=actor, action="unit.update", obj=unit, changes=changes, unit=unit)
    return unit


@dataclass
class UnitImportSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


@transaction.atomic
def units_import(*, actor, rows: list) -> UnitImportSummary:
    """Create or update units by code from checked CSV rows; all or nothing."""
    existing = {u.code: u for u in Unit.objects.select_related("parent")}
    check_unit_rows(
        rows, {code: (u.parent.code if u.parent else None) for code, u in existing.items()}
    )
    summary = UnitImportSummary()
    try:
        for r in order_parents_first(rows):
            parent = existing.get(r.parent_code) if r.parent_code else None
            values = {"name": r.name, "short_name": r.short_name, "kind": r.kind}
            unit = existing.get(r.code)
            if unit is None:
                unit = unit_create(actor=actor, parent=parent, code=r.code, **values)
                summary.created.append(r.code)
            elif all(getattr(unit, k) == v for k, v in values.items()) and (
                unit.parent_id == (parent.pk if parent else None)
            ):
                summary.unchanged.append(r.code)
            else:
                unit = unit_update(actor=actor, unit=unit, parent=parent, **values)
                summary.updated.append(r.code)
            existing[r.code] = unit
    except DomainError as error:
        raise UnitTreeError([f"第 {r.row} 行：{error}"]) from error
    return summary


def units_export() -> list[dict[str, str]]:
    return [
        {
            "code": u.code,
            "name": u.name,
            "short_name": u.short_name,
            "kind": u.kind,
            "parent_code": u.parent.code if u.parent else "",
        }
        for u in Unit.objects.select_related("parent").order_by("path")
    ]


def staff_group() -> Group:
    """Wagtail admin access comes with any role; what a user sees there is scoped by the roles."""
    group, created = Group.objects.get_or_create(name=STAFF_GROUP)
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


def _forget_cached_roles(user) -> None:
    user.__dict__.pop("_gongkai_role_paths", None)


@transaction.atomic
def role_grant(*, actor, user, unit: Unit, role: Role) -> RoleAssignment:
    if actor is not None:
        require(actor, "role.manage", unit)
    role = Role(role)
    assignment, created = RoleAssignment.objects.get_or_create(user=user, unit=unit, role=role)
    user.groups.add(staff_group())
    _forget_cached_roles(user)
    if created:
        audit_record(
            actor=actor,
            action="role.grant",
            obj=assignment,
            changes={"user": user.get_username(), "role": role.value},
            unit=unit,
        )
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    if actor is not None:
        require(actor, "role.manage", assignment.unit)
    user = assignment.user
    audit_record(
        actor=actor,
        action="role.revoke",
        obj=assignment,
        changes={"user": user.get_username(), "role": assignment.role},
        unit=assignment.unit,
    )
    assignment.delete()
    _forget_cached_roles(user)
    if not user.role_assignments.exists():
        user.groups.remove(*Group.objects.filter(name=STAFF_GROUP))
