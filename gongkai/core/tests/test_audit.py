import pytest
from django.db import connection

from gongkai.core.audit import audit_verify
from gongkai.core.models import AppendOnlyError, AuditEntry


def test_chain_verifies(unit_tree):
    result = audit_verify()
    assert result.ok and result.checked == AuditEntry.objects.count() > 0


def test_entries_cannot_be_changed_or_deleted_through_the_orm(unit_tree):
    entry = AuditEntry.objects.order_by("seq").first()
    entry.action = "x"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_changed_entry_is_detected(unit_tree):
    _raw("UPDATE core_auditentry SET object_repr = %s WHERE seq = %s", ["篡改", 2])
    result = audit_verify()
    assert not result.ok
    assert "第 2 条日志的内容与其哈希值不符" in result.problems[0]


def test_a_deleted_entry_in_the_middle_is_detected(unit_tree):
    _raw("DELETE FROM core_auditentry WHERE seq = %s", [3])
    problems = audit_verify().problems
    assert any("第 3 至 3 条日志缺失" in p for p in problems)


def test_a_deleted_last_entry_is_detected(unit_tree):
    last = AuditEntry.objects.order_by("-seq").first().seq
    _raw("DELETE FROM core_auditentry WHERE seq = %s", [last])
    assert any("末尾日志被删除" in p for p in audit_verify().problems)
