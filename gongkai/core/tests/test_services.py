import pytest

from gongkai.core.audit import audit_verify
from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.domain.unit_tree import UnitTreeError, parse_unit_csv
from gongkai.core.models import AuditEntry, RoleAssignment, Unit
from gongkai.core.services import (
    role_grant,
    role_revoke,
    unit_create,
    unit_update,
    units_export,
    units_import,
)

HEADER = "code,name,short_name,kind,parent_code\n"


def test_unit_create_sets_path_and_audits(unit_tree):
    village = unit_tree["village_a"]
    assert village.path == f"/{unit_tree['county'].pk}/{unit_tree['town_a'].pk}/{village.pk}/"
    assert village.depth == 2
    entry = AuditEntry.objects.filter(action="unit.create", object_id=str(village.pk)).get()
    assert entry.changes["code"] == "V-A"
    assert audit_verify().ok


def test_moving_a_unit_moves_its_subtree(unit_tree):
    town_a = unit_update(actor=None, unit=unit_tree["town_a"], parent=unit_tree["office"])
    village = Unit.objects.get(code="V-A")
    assert village.path == f"{town_a.path}{village.pk}/"
    assert village.depth == 3
    assert AuditEntry.objects.filter(action="unit.update", object_id=str(town_a.pk)).exists()


def test_a_unit_cannot_move_below_itself(unit_tree):
    with pytest.raises(DomainError, match="不能把“甲镇人民政府”移到它自己的下级单位"):
        unit_update(actor=None, unit=unit_tree["town_a"], parent=unit_tree["village_a"])
    assert Unit.objects.get(code="T-A").parent == unit_tree["county"]


def test_duplicate_code_is_refused_in_chinese(unit_tree):
    with pytest.raises(DomainError, match="单位代码"):
        unit_create(
            actor=None, parent=unit_tree["county"], code="T-A", name="重复", kind="township"
        )
    assert Unit.objects.filter(code="T-A").count() == 1


def test_update_without_change_writes_no_audit_entry(unit_tree):
    before = AuditEntry.objects.count()
    unit_update(actor=None, unit=unit_tree["finance"], name="测试县财政局")
    assert AuditEntry.objects.count() == before


def test_township_administrator_cannot_change_another_township(unit_tree, make_user):
    admin_a = make_user("admin_a", (Role.ADMINISTRATOR, unit_tree["town_a"]))
    unit_update(actor=admin_a, unit=unit_tree["village_a"], phone="0930-1234567")
    with pytest.raises(PermissionDeniedError, match="乙乡二村村民委员会"):
        unit_update(actor=admin_a, unit=unit_tree["village_b"], phone="0930-1234567")
    with pytest.raises(DomainError, match="只有平台管理员可以创建顶级单位"):
        unit_create(actor=admin_a, code="NEW", name="新县", kind="government")


def test_import_creates_then_updates_by_code_and_is_idempotent(db):
    csv_text = HEADER + "C,某县人民政府,某县,government,\nT,某镇人民政府,,township,C\n"
    first = units_import(actor=None, rows=parse_unit_csv(csv_text))
    assert first.created == ["C", "T"]
    again = units_import(actor=None, rows=parse_unit_csv(csv_text))
    assert again.unchanged == ["C", "T"] and not again.created and not again.updated
    renamed = units_import(
        actor=None, rows=parse_unit_csv(HEADER + "T,某镇人民政府（新）,,township,C\n")
    )
    assert renamed.updated == ["T"]
    assert Unit.objects.get(code="T").name == "某镇人民政府（新）"


def test_import_with_a_bad_row_writes_nothing(db):
    csv_text = HEADER + "C,某县人民政府,,government,\nT,某镇,,town,C\n"
    entries = AuditEntry.objects.count()
    with pytest.raises(UnitTreeError, match="第 3 行"):
        units_import(actor=None, rows=parse_unit_csv(csv_text))
    assert not Unit.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_export_round_trips(unit_tree):
    exported = units_export()
    assert exported[0] == {
        "code": "C",
        "name": "测试县人民政府",
        "short_name": "",
        "kind": "government",
        "parent_code": "",
    }
    assert {r["code"]: r["parent_code"] for r in exported}["V-B"] == "T-B"


def test_role_grant_and_revoke_are_audited_and_give_admin_access(unit_tree, make_user):
    user = make_user("u")
    assignment = role_grant(actor=None, user=user, unit=unit_tree["town_a"], role=Role.EDITOR)
    assert user.has_perm("wagtailadmin.access_admin")
    role_revoke(actor=None, assignment=assignment)
    assert not RoleAssignment.objects.filter(user=user).exists()
    actions = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-2:] == ["role.grant", "role.revoke"]
