import pytest

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
