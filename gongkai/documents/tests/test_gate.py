"""The publication gate on the document register: every public field of a document and of its
interpretations is checked before publication, scheduling and go-live; exceptions are recorded
per number and unit, audited, and cover the units below; 一键脱敏 masks every field it safely
can; nothing changes on a refusal."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.core.periodic import publish_scheduled_pages
from gongkai.documents import periodic  # noqa: F401  (registers the check before go-live)
from gongkai.documents.gate import (
    exceptions_for,
    fingerprint,
    publication_exception_create,
)
from gongkai.documents.models import CheckOverride, OfficialDocument
from gongkai.documents.selectors import documents_withheld, public_documents
from gongkai.documents.services import (
    blockers_for,
    document_create,
    document_gate,
    document_override_check,
    document_publish,
    document_redact,
    document_schedule,
    document_set_related,
    document_update,
    interpretation_create,
)
from gongkai.documents.workflow import document_status

MOBILE = "13800138000"
OTHER_MOBILE = "13900139000"
ID = "11010519491231002X"


def make(unit, **fields):
    values = {
        "title": "关于做好2025年政务公开工作的通知",
        "written_on": date(2025, 3, 3),
        "disclosure": "proactive",
        "body": "<p>各单位：请做好政务公开工作。</p>",
        **fields,
    }
    return document_create(actor=None, unit=unit, **values)


def attach(document, *, title="", name="fujian.txt", content=b"plain text"):
    file = get_document_model().objects.create(
        title=title or "附件", file=ContentFile(content, name=name)
    )
    return document_set_related(
        actor=None, document=document, co_issuers=[], attachments=[(file, title)]
    )


@pytest.fixture
def people(unit_tree, make_user):
    town_a = unit_tree["town_a"]
    return {
        "editor": make_user("editor", (Role.EDITOR, town_a)),
        "reviewer": make_user("reviewer", (Role.REVIEWER, town_a)),
        "county_reviewer": make_user("county_reviewer", (Role.REVIEWER, unit_tree["county"])),
    }


def leak_in(field: str, unit):
    """A document of ``unit`` whose ``field`` holds a mobile number, and the label the gate
    gives that field."""
    nbsp = "\u00a0"
    if field == "title":
        return make(unit, title=f"关于张三（138{nbsp}0013{nbsp}8000）的通知"), "标题"
    if field == "summary":
        return make(unit, summary=f"联系人张三，电话{MOBILE}"), "内容概述"
    if field == "recipients":
        return make(unit, recipients=f"张三（{MOBILE}）"), "主送机关"
    if field == "cc":
        return make(unit, cc=f"李四 {MOBILE}"), "抄送机关"
    if field == "body_link":
        body = f'<p>咨询请<a href="tel:{MOBILE}">致电联系人</a></p>'
        return make(unit, body=body), "正文中的链接和图片说明"
    if field == "attachment_name":
        document = attach(make(unit), title=f"张三{MOBILE}的申请表")
        return document, "附件1“张三138****8000的申请表”的名称"
    if field == "attachment_file_name":
        document = attach(make(unit), title="申请表", name=f"zhangsan_{MOBILE}.txt")
        return document, "附件1“申请表”的文件名"
    if field == "attachment_content":
        content = f"申请人张三，手机{MOBILE}".encode()
        return attach(make(unit), title="申请表", content=content), "附件1“申请表”的内容"
    if field == "interpretation_body":
        document = make(unit, is_policy_document=True)
        interpretation_create(
            actor=None, document=document, title="解读", body=f"<p>咨询电话{MOBILE}</p>"
        )
        return document, "政策解读“解读”的解读内容"
    if field == "interpretation_title":
        document = make(unit, is_policy_document=True)
        interpretation_create(
            actor=None, document=document, title=f"张三{MOBILE}答记者问", body="<p>解读</p>"
        )
        return document, "政策解读“张三138****8000答记者问”的标题"
    raise AssertionError(field)


FIELDS = [
    "title",
    "summary",
    "recipients",
    "cc",
    "body_link",
    "attachment_name",
    "attachment_file_name",
    "attachment_content",
    "interpretation_body",
    "interpretation_title",
]


def audit_actions(document) -> list[str]:
    return list(
        AuditEntry.objects.filter(
            object_id=str(document.pk), object_type="documents.officialdocument"
        )
        .order_by("seq")
        .values_list("action", flat=True)
    )


@pytest.mark.parametrize("field", FIELDS)
def test_every_public_field_blocks_publication(unit_tree, field):
    document, label = leak_in(field, unit_tree["town_a"])
    before = audit_actions(document)
    with pytest.raises(DomainError, match=re.escape(f"不能发布：{label}中有疑似个人信息：138")):
        document_publish(actor=None, document=document)
    document.refresh_from_db()
    assert not document.live and document.published_on is None
    assert list(public_documents()) == [] and audit_actions(document) == before


@pytest.mark.parametrize("field", ["title", "attachment_content", "interpretation_body"])
def test_every_public_field_blocks_scheduling(unit_tree, field):
    document, label = leak_in(field, unit_tree["town_a"])
    with pytest.raises(DomainError, match=re.escape(label)):
        document_schedule(
            actor=None, document=document, go_live_at=timezone.now() + timedelta(days=1)
        )
    document.refresh_from_db()
    assert not document.approved_schedule and document.go_live_at is None


def test_messages_never_show_the_number(unit_tree):
    document, _label = leak_in("attachment_name", unit_tree["town_a"])
    message = " ".join(b.message for b in blockers_for(document))
    assert "138****8000" in message and MOBILE not in message


def test_an_exception_is_per_number_audited_and_covers_the_units_below(unit_tree, people):
    town_a = unit_tree["town_a"]
    document = make(town_a, body=f"<p>举报电话{MOBILE}</p>")
    with pytest.raises(PermissionDeniedError):
        document_override_check(
            actor=people["editor"], document=document, kind="personal_data", reason="公开电话"
        )
    with pytest.raises(DomainError, match="须写明理由"):
        document_override_check(
            actor=people["reviewer"], document=document, kind="personal_data", reason=" "
        )
    (override,) = document_override_check(
        actor=people["reviewer"], document=document, kind="personal_data", reason="公开的举报电话"
    )
    assert (override.unit, override.masked, override.number_kind) == (
        town_a,
        "138****8000",
        "mobile",
    )
    assert override.fingerprint == fingerprint("mobile", MOBILE) and MOBILE not in str(
        CheckOverride.objects.values().get(pk=override.pk)
    )
    entry = AuditEntry.objects.get(action="document.override_check")
    assert (
        entry.changes["numbers"] == ["138****8000"] and entry.changes["reason"] == "公开的举报电话"
    )
    document_publish(actor=None, document=document)
    # Written another way, in another document of the township and of its village: still
    # excepted. In the other township: not.
    village_doc = make(unit_tree["village_a"], summary="举报电话：138-0013-8000")
    assert document_gate(village_doc).clean and document_gate(village_doc).excepted
    assert not document_gate(make(unit_tree["town_b"], summary=f"电话{MOBILE}")).clean
    # A number added later blocks again; the excepted one is still listed, not blocking.
    later = make(town_a, body=f"<p>举报电话{MOBILE}，联系人{OTHER_MOBILE}</p>")
    result = document_gate(later)
    assert [f.value for field in result.blocking for f in field.findings] == [OTHER_MOBILE]
    assert [f.value for field in result.excepted for f in field.findings] == [MOBILE]


def test_an_exception_for_a_typed_number(unit_tree, people):
    town_a = unit_tree["town_a"]
    with pytest.raises(PermissionDeniedError):
        publication_exception_create(
            actor=people["editor"], unit=town_a, number=MOBILE, reason="村委会电话"
        )
    for typed in ("张三13800138000", "12345", f"{MOBILE} {OTHER_MOBILE}"):
        with pytest.raises(DomainError, match="请输入一个完整的"):
            publication_exception_create(
                actor=people["reviewer"], unit=town_a, number=typed, reason="村委会电话"
            )
    override = publication_exception_create(
        actor=people["reviewer"], unit=town_a, number="+86 138 0013 8000", reason="村委会电话"
    )
    assert exceptions_for(unit_tree["village_a"], [("mobile", MOBILE)]) == {
        ("mobile", MOBILE): override
    }
    assert exceptions_for(unit_tree["town_b"], [("mobile", MOBILE)]) == {}
    with pytest.raises(DomainError, match="已登记"):
        publication_exception_create(
            actor=people["county_reviewer"], unit=town_a, number=MOBILE, reason="再次"
        )
    entry = AuditEntry.objects.get(action="publication.exception_create")
    assert entry.changes == {"kind": "mobile", "number": "138****8000", "reason": "村委会电话"}


def test_the_interpretation_exception_stays_per_document(unit_tree, people):
    document = make(unit_tree["town_a"], is_policy_document=True)
    assert [b.kind for b in blockers_for(document)] == ["interpretation"]
    document_override_check(
        actor=people["reviewer"], document=document, kind="interpretation", reason="解读另行发布"
    )
    assert blockers_for(document) == []
    assert [b.kind for b in blockers_for(make(unit_tree["town_a"], is_policy_document=True))] == [
        "interpretation"
    ]


def test_redaction_masks_every_field_it_safely_can(unit_tree, people):
    town_a = unit_tree["town_a"]
    document = make(
        town_a,
        title=f"关于张三{MOBILE}的通知",
        summary=f"联系人{OTHER_MOBILE}",
        recipients=f"张三（{ID}）",
        body=f'<p>电话{MOBILE}</p><p><a href="tel:{OTHER_MOBILE}">拨打</a></p>',
    )
    document = attach(
        document, title=f"申请表{MOBILE}", name=f"list_{OTHER_MOBILE}.txt", content=b"none"
    )
    interpretation = interpretation_create(
        actor=None, document=document, title="解读", body=f"<p>咨询{OTHER_MOBILE}</p>"
    )
    publication_exception_create(
        actor=people["reviewer"], unit=town_a, number=OTHER_MOBILE, reason="政务服务热线"
    )
    masked = document_redact(actor=people["editor"], document=document)
    document.refresh_from_db()
    interpretation.refresh_from_db()
    assert masked == 4  # title, recipients, body text, attachment name: not the excepted number
    assert document.title == "关于张三138****8000的通知"
    assert document.recipients == "张三（1101**********002X）"
    assert document.summary == f"联系人{OTHER_MOBILE}"
    assert f'href="tel:{OTHER_MOBILE}"' in document.body and "电话138****8000" in document.body
    assert str(document.attachments.get()) == "申请表138****8000"
    assert OTHER_MOBILE in interpretation.body
    assert document.latest_revision.content["title"] == document.title
    entry = AuditEntry.objects.filter(action="document.redact").get()
    assert entry.changes["fields"] == sorted(["主送机关", "正文", "附件名称", "标题"])
    # The excepted number in the file name passes; nothing left to mask.
    assert document_gate(document).clean
    with pytest.raises(DomainError, match="没有可以自动脱敏"):
        document_redact(actor=people["editor"], document=document)


def test_redaction_leaves_what_it_cannot_mask_blocking(unit_tree, people):
    document = attach(make(unit_tree["town_a"]), title="申请表", name=f"a_{MOBILE}.txt")
    with pytest.raises(DomainError, match="须修改原文件后重新上传"):
        document_redact(actor=people["editor"], document=document)
    assert [b.message for b in blockers_for(document)] == [
        "附件1“申请表”的文件名中有疑似个人信息：138****8000。请脱敏后再发布。"
    ]


def test_the_gate_runs_again_at_go_live(unit_tree, people):
    town_a = unit_tree["town_a"]
    document = make(town_a, summary=f"举报电话{MOBILE}")
    clean = make(town_a, title="关于春耕的通知")
    (override,) = document_override_check(
        actor=people["reviewer"], document=document, kind="personal_data", reason="举报电话"
    )
    go_live_at = timezone.now() + timedelta(hours=1)
    document_schedule(actor=None, document=document, go_live_at=go_live_at)
    document_schedule(actor=None, document=clean, go_live_at=go_live_at)
    # Edits after scheduling are not what goes live; the exception is gone by then.
    document_update(actor=None, document=OfficialDocument.objects.get(pk=document.pk), cc="无")
    override.delete()
    with time_machine.travel(go_live_at + timedelta(minutes=1)):
        publish_scheduled_pages()
    document.refresh_from_db()
    clean.refresh_from_db()
    assert clean.live and not document.live and not document.approved_schedule
    assert "定时发布：内容概述中有疑似个人信息：138****8000" in document.withheld_reason
    assert document_status(document) == "定时发布未执行"
    entry = AuditEntry.objects.get(action="document.withhold_schedule")
    assert entry.actor_name == "系统" and "138****8000" in entry.changes["reason"]
    assert list(documents_withheld(people["editor"])) == [document]
    assert list(documents_withheld(people["county_reviewer"])) == []  # neither edits nor publishes
    # Scheduled again once it passes: the reason is cleared.
    document_override_check(
        actor=people["reviewer"], document=document, kind="personal_data", reason="举报电话"
    )
    document_schedule(actor=None, document=document, go_live_at=timezone.now() + timedelta(hours=1))
    document.refresh_from_db()
    assert document.withheld_at is None and document.withheld_reason == ""


def test_a_replaced_attachment_file_is_caught_at_go_live(unit_tree):
    document = attach(make(unit_tree["town_a"]), title="名单", content="名单：王五".encode())
    go_live_at = timezone.now() + timedelta(hours=1)
    document_schedule(actor=None, document=document, go_live_at=go_live_at)
    # The library's file is replaced after the schedule was approved.
    file = document.attachments.get().file
    file.file.save("list.txt", ContentFile(f"名单：王五 {MOBILE}".encode()))
    with time_machine.travel(go_live_at + timedelta(minutes=1)):
        publish_scheduled_pages()
    document.refresh_from_db()
    assert not document.live
    assert "附件1“名单”的内容中有疑似个人信息：138****8000" in document.withheld_reason
