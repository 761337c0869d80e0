"""An imported draft is registered without a Wagtail revision (a third of the cost of a bulk
import, docs/subsystems/importer.md “Speed”). Whatever needs one saves the draft as it was
imported first (`documents.services.ensure_revision`), so for the people using the register an
imported draft is edited, reviewed, published and shown in its history like any other."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ReferenceIndex, Revision, TaskState
from wagtail.signal_handlers import disable_reference_index_auto_update

from gongkai.core.domain.errors import PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.core.services import unit_create
from gongkai.documents.models import OfficialDocument
from gongkai.documents.selectors import public_documents
from gongkai.documents.services import (
    document_publish,
    document_redact,
    document_set_related,
    document_update,
)
from gongkai.documents.tests.test_admin import form_data
from gongkai.documents.workflow import document_approve, document_submit, ensure_document_workflow
from gongkai.importer.candidate import read_candidate
from gongkai.importer.services import Register, document_import
from gongkai.tasks_ledger.selectors import unit_name_index

PLAN = """平凉市人民政府办公室文件

平政办发〔2024〕{number}号

平凉市人民政府办公室关于印发平凉市2024年政务公开工作要点的通知

各县（市、区）人民政府，市直各部门：

现将《平凉市2024年政务公开工作要点》印发给你们，请认真贯彻落实。

平凉市人民政府办公室
2024年3月1日

（此件公开发布）

平凉市2024年政务公开工作要点

一、深化主动公开

（一）推进法定主动公开。全面公开法定主动公开内容，及时更新政府信息公开专栏。{extra}\
（牵头单位：市政府办；责任单位：市市场监管局；完成时限：2024年6月底前）

（二）做好政策解读。政策文件与解读材料同步起草、同步审签、同步发布。（市融媒体中心负责落实）
"""


@pytest.fixture
def office(db):
    city = unit_create(actor=None, code="PL", name="平凉市人民政府", kind="government")
    return unit_create(
        actor=None,
        parent=city,
        code="PL-OFF",
        name="平凉市人民政府办公室",
        short_name="市政府办",
        kind="department",
    )


@pytest.fixture
def people(office, make_user):
    ensure_document_workflow()
    return {
        "editor": make_user("editor", (Role.EDITOR, office)),
        "reviewer": make_user("reviewer", (Role.REVIEWER, office)),
        "secrecy": make_user("secrecy", (Role.CONFIDENTIALITY_REVIEWER, office)),
        "leader": make_user("leader", (Role.LEADER, office)),
    }


def imported(unit, *, number: int = 7, extra: str = "", actor=None, register=None, names=None):
    data = PLAN.format(number=number, extra=extra).encode("utf-8")
    candidate = read_candidate(data, f"{number}.txt", modified=date(2024, 3, 5), source="x")
    result = document_import(
        actor=actor,
        unit=unit,
        candidate=candidate,
        register=register or Register.of(unit),
        names=names,
    )
    assert result.document is not None, result.reason
    return result.document


def stored(document) -> OfficialDocument:
    return OfficialDocument.objects.get(pk=document.pk)


def revision_titles(document) -> list[str]:
    revisions = Revision.objects.for_instance(document).order_by("created_at", "pk")
    return [revision.content["title"] for revision in revisions]


def test_an_imported_draft_is_registered_without_a_revision(office, people):
    document = stored(imported(office, actor=people["editor"]))
    assert document.latest_revision is None and not document.live
    assert not Revision.objects.for_instance(document).exists()
    # The register's own record is complete: index number, creator and one audit entry.
    assert document.index_number == "PL-OFF/2024-00001"
    assert document.created_by == people["editor"]
    entry = AuditEntry.objects.get(action="document.create")
    assert entry.object_id == str(document.pk) and entry.actor_name == "editor"
    assert entry.changes["title"] == document.title


def test_the_permission_check_stays(office, make_user):
    outsider = make_user("outsider")
    with pytest.raises(PermissionDeniedError):
        imported(office, actor=outsider)
    assert not OfficialDocument.objects.exists()


def test_an_imported_document_costs_a_bounded_number_of_queries(office):
    # As the command does: what the unit holds and the unit names are read once per run.
    register, names = Register.of(office), unit_name_index()
    imported(office, number=1, register=register, names=names)  # creates the index serial row
    # Wagtail's reference index is left out of the count: the test settings' task backend runs
    # its task at once (in production, one task row for the worker; see the next test).
    with disable_reference_index_auto_update(), CaptureQueriesContext(connection) as queries:
        imported(office, number=2, register=register, names=names)
    statements = [q["sql"] for q in queries.captured_queries]
    assert not any("wagtailcore_revision" in sql for sql in statements)
    assert not any("search" in sql.lower() for sql in statements)  # drafts are never indexed
    # Document: unit check, index serial, insert, audit (3); import record; plan, tasks and
    # their units (3), audit (3); the savepoints of the nested services (6).
    assert len(statements) <= 19, "\n".join(statements)


def test_an_imported_document_is_in_the_reference_index(office):
    # What the admin's usage view of the unit lists.
    document = imported(office)
    references = ReferenceIndex.get_references_for_object(document)
    assert list(references.values_list("model_path", "to_object_id")) == [("unit", str(office.pk))]


def test_editing_keeps_what_was_imported_as_the_first_revision(office, people):
    document = imported(office, actor=people["editor"])
    title = document.title
    document_update(actor=people["editor"], document=document, title="新标题")
    document = stored(document)
    assert revision_titles(document) == [title, "新标题"]
    first = Revision.objects.for_instance(document).order_by("created_at", "pk").first()
    # Dated when, and by whom, it was registered.
    assert first.created_at == document.created_at and first.user == people["editor"]
    assert document.latest_revision.content["title"] == "新标题"


def test_an_update_that_changes_nothing_still_gives_the_draft_its_revision(office, people):
    document = imported(office)
    document_update(actor=people["editor"], document=document, title=document.title)
    document = stored(document)
    assert revision_titles(document) == [document.title]
    assert AuditEntry.objects.filter(action="document.update").count() == 0


def test_related_objects_and_redaction_save_the_import_first(office, people):
    document = imported(office, extra="联系人张三，电话13800138000。")
    document_set_related(
        actor=people["editor"], document=document, co_issuers=[office.parent], attachments=[]
    )
    assert len(revision_titles(document)) == 2
    other = imported(office, number=8, extra="联系人张三，电话13800138000。")
    assert document_redact(actor=people["editor"], document=other) == 1
    revisions = list(Revision.objects.for_instance(other).order_by("created_at", "pk"))
    assert "13800138000" in revisions[0].content["body"]
    assert "138****8000" in revisions[1].content["body"]


def test_publishing_an_untouched_import_publishes_it_as_imported(office):
    document = document_publish(actor=None, document=imported(office))
    assert document.live and list(public_documents()) == [document]
    assert document.live_revision == document.latest_revision
    assert revision_titles(document) == [document.title]


def test_an_imported_draft_is_edited_submitted_and_published_in_the_admin(office, people, client):
    document = imported(office)
    client.force_login(people["editor"])
    assert client.get(reverse("official_documents:edit", args=[document.pk])).status_code == 200
    response = client.post(
        reverse("official_documents:edit", args=[document.pk]),
        form_data(office, title="平凉市2024年政务公开工作要点", **{"action-submit": "1"}),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    document = stored(document)
    assert document.current_workflow_task.name == "审核"
    # The step reviews the edited version, and the history compares it with the import.
    step = TaskState.objects.get(workflow_state__object_id=str(document.pk))
    assert step.revision == document.latest_revision
    first, edited = Revision.objects.for_instance(document).order_by("created_at", "pk")
    history = client.get(reverse("official_documents:history", args=[document.pk]))
    assert history.status_code == 200 and "工作流：启动" in history.content.decode()
    workflow_history = reverse("official_documents:workflow_history", args=[document.pk])
    assert client.get(workflow_history).status_code == 200
    compare = reverse(
        "official_documents:revisions_compare", args=[document.pk, first.pk, edited.pk]
    )
    assert client.get(compare).status_code == 200

    for user in ("reviewer", "secrecy", "leader"):
        document_approve(actor=people[user], document=document, comment="同意")
    document = stored(document)
    assert document.live and document.title == "平凉市2024年政务公开工作要点"
    assert list(public_documents()) == [document]


def test_an_untouched_imported_draft_is_submitted_and_published(office, people):
    document = imported(office)
    document_submit(actor=people["editor"], document=document)
    document = stored(document)
    step = TaskState.objects.get(workflow_state__object_id=str(document.pk))
    assert step.revision == document.latest_revision
    assert revision_titles(document) == [document.title]
    for user in ("reviewer", "secrecy", "leader"):
        document_approve(actor=people[user], document=document, comment="同意")
    document = stored(document)
    assert document.live and list(public_documents()) == [document]
