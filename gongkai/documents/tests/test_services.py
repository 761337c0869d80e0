"""The register's services: index numbers, attribute at source, checks before publication,
publication and what the public may see, validity."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.documents.models import Interpretation, OfficialDocument
from gongkai.documents.selectors import public_documents
from gongkai.documents.services import (
    blockers_for,
    document_create,
    document_override_check,
    document_publish,
    document_schedule,
    document_set_related,
    document_set_validity,
    document_unpublish,
    document_update,
    ensure_revision,
    submission_problems,
)

BASE = {"title": "关于做好2025年政务公开工作的通知", "written_on": date(2025, 3, 3)}


def make(unit, **fields):
    return document_create(actor=None, unit=unit, **{**BASE, **fields})


def test_index_numbers_count_up_per_unit_and_year(unit_tree):
    county, town = unit_tree["county"], unit_tree["town_a"]
    first, second = make(county), make(county)
    other_year = make(county, written_on=date(2024, 12, 31))
    assert (first.index_number, second.index_number) == ("C/2025-00001", "C/2025-00002")
    assert other_year.index_number == "C/2024-00001"
    assert make(town).index_number == "T-A/2025-00001"


def test_deleted_numbers_are_never_reused(unit_tree):
    doc = make(unit_tree["county"])
    OfficialDocument.objects.filter(pk=doc.pk).delete()
    assert make(unit_tree["county"]).index_number == "C/2025-00002"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("甘政办发[2020]83号", "甘政办发〔2020〕83号"),
        ("积县政办发（2021）45號", "积县政办发〔2021〕45号"),
    ],
)
def test_doc_numbers_are_normalised(unit_tree, typed, stored):
    assert make(unit_tree["county"], doc_number=typed).doc_number == stored


def test_a_malformed_doc_number_is_refused_and_nothing_is_written(unit_tree):
    before = OfficialDocument.objects.count()
    with pytest.raises(DomainError, match="发文字号“甘政办发〔20〕83号”格式不正确"):
        make(unit_tree["county"], doc_number="甘政办发〔20〕83号")
    assert OfficialDocument.objects.count() == before


def test_attribute_must_be_chosen_before_sign_off(unit_tree):
    doc = make(unit_tree["county"])
    assert "尚未确定公开属性" in submission_problems(doc)[0]
    doc = document_update(actor=None, document=doc, disclosure="not_disclosed")
    problems = submission_problems(doc)
    assert any("须选择《政府信息公开条例》规定的理由" in p for p in problems)
    assert any("须写明具体理由" in p for p in problems)
    doc = document_update(
        actor=None, document=doc, withholding_ground="process_info", withholding_reason="内部请示"
    )
    assert submission_problems(doc) == []


def test_policy_documents_need_an_interpretation_draft(unit_tree):
    doc = make(unit_tree["county"], disclosure="proactive", is_policy_document=True)
    assert any("政策解读稿" in p for p in submission_problems(doc))
    Interpretation.objects.create(document=doc, unit=doc.unit, title="解读")
    assert submission_problems(doc) == []


def test_personal_data_blocks_publication_until_redacted_or_overridden(unit_tree, make_user):
    doc = make(
        unit_tree["county"],
        disclosure="proactive",
        body="<p>联系人张三，身份证号11010519491231002X，电话13800138000。</p>",
    )
    blockers = blockers_for(doc)
    assert [b.kind for b in blockers] == ["personal_data"]
    assert "1101**********002X" in blockers[0].message and "138****8000" in blockers[0].message
    with pytest.raises(DomainError, match="不能发布"):
        document_publish(actor=None, document=doc)
    assert not public_documents().exists()

    editor = make_user("ed", (Role.EDITOR, unit_tree["county"]))
    with pytest.raises(PermissionDeniedError):
        document_override_check(actor=editor, document=doc, kind="personal_data", reason="x")
    reviewer = make_user("rv", (Role.REVIEWER, unit_tree["county"]))
    with pytest.raises(DomainError, match="须写明理由"):
        document_override_check(actor=reviewer, document=doc, kind="personal_data", reason=" ")
    document_override_check(
        actor=reviewer, document=doc, kind="personal_data", reason="号码为公开的举报电话示例"
    )
    document_publish(actor=None, document=doc, published_on=date(2025, 3, 10))
    assert list(public_documents()) == [doc]
    assert AuditEntry.objects.filter(action="document.override_check").exists()


def test_only_proactive_documents_are_ever_public(unit_tree):
    for disclosure in ("on_request", "not_disclosed", ""):
        doc = make(unit_tree["county"], disclosure=disclosure)
        with pytest.raises(DomainError, match="只有公开属性为“主动公开”的公文才能发布"):
            document_publish(actor=None, document=doc)
    assert not public_documents().exists()


def test_publish_then_unpublish_hides_it_again(unit_tree):
    doc = make(unit_tree["town_a"], disclosure="proactive")
    document_publish(actor=None, document=doc)
    assert public_documents(unit_tree["county"], subtree=True).count() == 1
    assert public_documents(unit_tree["town_b"]).count() == 0
    with pytest.raises(DomainError, match="须写明理由"):
        document_unpublish(actor=None, document=doc, reason="")
    document_unpublish(actor=None, document=doc, reason="内容有误")
    assert not public_documents().exists()


def test_interpretation_is_published_with_its_document(unit_tree):
    doc = make(unit_tree["county"], disclosure="proactive", is_policy_document=True)
    interpretation = Interpretation.objects.create(
        document=doc, unit=doc.unit, title="图解", live=False
    )
    document_publish(actor=None, document=doc, published_on=date(2025, 3, 5))
    interpretation.refresh_from_db()
    assert interpretation.live and interpretation.published_on == date(2025, 3, 5)


def test_validity_of_rules(unit_tree):
    old = make(unit_tree["county"], kind="normative", disclosure="proactive")
    new = make(unit_tree["county"], kind="normative", disclosure="proactive")
    assert old.validity == "in_force"
    with pytest.raises(DomainError, match="须关联修改或废止它的文件"):
        document_set_validity(
            actor=None, document=old, validity="repealed", changed_on=date(2025, 6, 1)
        )
    document_set_validity(
        actor=None, document=old, validity="repealed", changed_on=date(2025, 6, 1), replaced_by=new
    )
    old.refresh_from_db()
    assert old.validity == "repealed" and old.replaced_by == new
    other = make(unit_tree["county"])
    assert other.validity == ""
    with pytest.raises(DomainError, match="只有规章和行政规范性文件"):
        document_set_validity(
            actor=None, document=other, validity="expired", changed_on=date(2025, 6, 1)
        )


def test_editor_of_another_township_cannot_register_or_change(unit_tree, make_user):
    editor_b = make_user("eb", (Role.EDITOR, unit_tree["town_b"]))
    with pytest.raises(PermissionDeniedError):
        document_create(actor=editor_b, unit=unit_tree["town_a"], **BASE)
    doc = make(unit_tree["town_a"])
    with pytest.raises(PermissionDeniedError):
        document_update(actor=editor_b, document=doc, title="改")


def test_co_issuers_are_stored(unit_tree):
    doc = make(unit_tree["county"], co_issuers=[unit_tree["finance"], unit_tree["office"]])
    stored = OfficialDocument.objects.get(pk=doc.pk)
    assert {u.code for u in stored.co_issuers.all()} == {"C-FIN", "C-OFF"}


def test_publishing_an_old_revision_keeps_the_registers_own_facts(unit_tree):
    old = make(unit_tree["county"], kind="normative", disclosure="proactive")
    new = make(unit_tree["county"], kind="normative", disclosure="proactive")
    document_set_validity(
        actor=None, document=old, validity="repealed", changed_on=date(2025, 6, 1), replaced_by=new
    )
    # As the scheduled-publishing job does: a revision saved before the change, loaded afresh.
    Revision.objects.get(pk=old.latest_revision_id).publish(log_action=False)
    old.refresh_from_db()
    assert old.live and old.validity == "repealed" and old.replaced_by == new


# A draft registered without its first revision (as the importer registers it, for speed).


def test_a_live_document_is_changed_only_after_withdrawal(unit_tree):
    """先审后发: what the public reads is not changed by an edit, only withdrawn and signed again."""
    doc = document_publish(actor=None, document=make(unit_tree["county"], disclosure="proactive"))
    audited = AuditEntry.objects.count()
    with pytest.raises(DomainError, match="请由签发人撤下后修改，再重新呈签"):
        document_update(actor=None, document=doc, title="改后的标题")
    with pytest.raises(DomainError, match="请由签发人撤下后修改，再重新呈签"):
        document_set_related(
            actor=None, document=doc, co_issuers=[unit_tree["finance"]], attachments=[]
        )
    doc.refresh_from_db()
    assert doc.title == BASE["title"] and not doc.co_issuers.exists()
    assert AuditEntry.objects.count() == audited

    doc = document_unpublish(actor=None, document=doc, reason="标题有误")
    doc = document_update(actor=None, document=doc, title="改后的标题")
    assert doc.title == "改后的标题" and not public_documents().filter(pk=doc.pk).exists()


def test_a_draft_without_a_first_revision_gets_it_as_registered_when_needed(unit_tree, make_user):
    editor = make_user("e", (Role.EDITOR, unit_tree["county"]))
    doc = make(unit_tree["county"], first_revision=False)
    assert doc.latest_revision is None
    assert AuditEntry.objects.filter(action="document.create", object_id=str(doc.pk)).exists()
    first = ensure_revision(OfficialDocument.objects.get(pk=doc.pk))
    doc.refresh_from_db()
    assert doc.latest_revision == first and first.content["title"] == BASE["title"]
    assert first.created_at == doc.created_at and first.user is None
    # Once there is one, nothing more is saved.
    assert ensure_revision(doc) == first and Revision.objects.count() == 1
    document_update(actor=editor, document=doc, title="改后的标题")
    titles = [r.content["title"] for r in Revision.objects.order_by("created_at", "pk")]
    assert titles == [BASE["title"], "改后的标题"]


def test_a_draft_without_a_first_revision_is_scheduled_and_published_on_time(unit_tree):
    doc = make(unit_tree["county"], first_revision=False, disclosure="proactive")
    go_live_at = timezone.now() + timedelta(days=1)
    document_schedule(actor=None, document=doc, go_live_at=go_live_at)
    doc.refresh_from_db()
    assert Revision.objects.for_instance(doc).count() == 2 and not doc.live
    with time_machine.travel(go_live_at + timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)
    doc.refresh_from_db()
    assert doc.live and list(public_documents()) == [doc]
