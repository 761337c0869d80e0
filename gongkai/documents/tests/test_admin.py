"""The register's admin screens: scoped lists and URLs, saving through the services, the
审核与发布 and 发布前检查 pages, and no way round the workflow."""

import json
import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document as WagtailDocument
from wagtail.models import WorkflowState

from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.documents.models import Interpretation, OfficialDocument
from gongkai.documents.services import document_create, document_publish
from gongkai.documents.workflow import document_approve, document_submit, ensure_document_workflow


@pytest.fixture
def staff(unit_tree, make_user):
    ensure_document_workflow()
    town_a = unit_tree["town_a"]
    return {
        "editor": make_user("editor", (Role.EDITOR, town_a)),
        "reviewer": make_user("reviewer", (Role.REVIEWER, town_a)),
        "secrecy": make_user("secrecy", (Role.CONFIDENTIALITY_REVIEWER, town_a)),
        "leader": make_user("leader", (Role.LEADER, unit_tree["county"])),
        "admin": make_user("admin", (Role.ADMINISTRATOR, town_a)),
        "reviewer_b": make_user("reviewer_b", (Role.REVIEWER, unit_tree["town_b"])),
    }


def url(name, document=None):
    args = [document.pk] if document is not None else []
    return reverse(f"official_documents:{name}", args=args)


def make(unit, **fields):
    values = {"title": "甲镇关于做好春耕生产的通知", "written_on": date(2025, 3, 3), **fields}
    return document_create(actor=None, unit=unit, **values)


def rich_text(text: str) -> str:
    """What Wagtail's rich text editor posts: Draft.js content state."""
    block = {
        "key": "a1b2c",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


def form_data(unit, **overrides):
    data = {
        "unit": unit.pk,
        "doc_number": "",
        "signer": "",
        "urgency": "",
        "title": "甲镇关于做好春耕生产的通知",
        "recipients": "各村民委员会",
        "body": rich_text("各村：请做好春耕生产。"),
        "written_on": "2025-03-03",
        "kind": "other",
        "subject_class": "",
        "summary": "",
        "cc": "",
        "printed_on": "",
        "disclosure": "proactive",
        "withholding_ground": "",
        "withholding_reason": "",
        "validity": "",
        "valid_from": "",
        "valid_until": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def at_step(document, *approvers):
    """呈签 and approve the given steps (by their approvers)."""
    document_submit(actor=None, document=document)
    for user in approvers:
        document_approve(actor=user, document=document, comment=f"{user.username}同意")
    document.refresh_from_db()
    return document


def test_a_township_editor_sees_only_that_townships_documents(unit_tree, staff, client):
    make(unit_tree["town_a"], title="甲镇春耕通知")
    make(unit_tree["village_a"], title="甲镇一村公示")
    make(unit_tree["town_b"], title="乙乡防汛通知")
    client.force_login(staff["editor"])
    page = client.get(url("list")).content.decode()
    assert "甲镇春耕通知" in page and "甲镇一村公示" in page
    assert "乙乡防汛通知" not in page
    for column in ("索引号", "发文字号", "标题", "成文日期", "公开属性", "状态"):
        assert column in page


@pytest.mark.parametrize(
    "name", ["edit", "inspect", "checks", "history", "delete", "usage", "workflow_history"]
)
def test_another_townships_document_is_not_found(unit_tree, staff, client, name):
    other = make(unit_tree["town_b"])
    client.force_login(staff["editor"])
    assert client.get(url(name, other)).status_code == 404


def test_the_list_filters(unit_tree, staff, client):
    make(unit_tree["town_a"], title="二〇二四年的文件", written_on=date(2024, 6, 1))
    make(
        unit_tree["town_a"],
        title="依申请公开的文件",
        disclosure="on_request",
        withholding_ground="process_info",
        withholding_reason="过程稿",
    )
    client.force_login(staff["editor"])
    page = client.get(url("list"), {"year": 2024}).content.decode()
    assert "二〇二四年的文件" in page and "依申请公开的文件" not in page
    page = client.get(url("list"), {"disclosure": "on_request"}).content.decode()
    assert "依申请公开的文件" in page and "二〇二四年的文件" not in page
    page = client.get(url("list"), {"unit": unit_tree["town_a"].pk, "live": "0"}).content.decode()
    assert "依申请公开的文件" in page


def test_registering_goes_through_the_services(unit_tree, staff, client):
    attachment = WagtailDocument.objects.create(
        title="附件", file=ContentFile(b"plain text", name="fujian.txt")
    )
    client.force_login(staff["editor"])
    data = form_data(
        unit_tree["town_a"],
        doc_number="甲政发[2025]3号",
        co_issuers=[unit_tree["finance"].pk],
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-file": attachment.pk,
            "attachments-0-title": "春耕物资清单",
            "attachments-0-ORDER": "1",
            "attachments-0-id": "",
            "attachments-0-DELETE": "",
        },
    )
    response = client.post(url("add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    document = OfficialDocument.objects.get()
    assert document.doc_number == "甲政发〔2025〕3号" and document.index_number == "T-A/2025-00001"
    assert [a.title for a in document.attachments.all()] == ["春耕物资清单"]
    assert list(document.co_issuers.all()) == [unit_tree["finance"]]
    assert document.latest_revision.as_object().attachments.count() == 1
    assert set(
        AuditEntry.objects.filter(object_type="documents.officialdocument").values_list(
            "action", flat=True
        )
    ) == {"document.create", "document.update"}


def test_bad_input_is_refused_in_chinese_and_nothing_is_written(unit_tree, staff, client):
    client.force_login(staff["editor"])
    entries = AuditEntry.objects.count()
    response = client.post(url("add"), form_data(unit_tree["town_a"], doc_number="甲政发〔20〕3号"))
    assert response.status_code == 200
    assert "发文字号“甲政发〔20〕3号”格式不正确" in response.content.decode()
    assert not OfficialDocument.objects.exists() and AuditEntry.objects.count() == entries

    document = make(unit_tree["town_a"])
    response = client.post(
        url("edit", document),
        form_data(unit_tree["town_a"], valid_from="2025-03-01", valid_until="2025-01-01"),
    )
    assert "有效期至不能早于施行日期" in response.content.decode()
    assert AuditEntry.objects.filter(action="document.update").count() == 0


def test_an_edit_is_saved_by_the_service(unit_tree, staff, client):
    document = make(unit_tree["town_a"])
    client.force_login(staff["editor"])
    response = client.post(url("edit", document), form_data(unit_tree["town_a"], title="新标题"))
    assert response.status_code == 302, response.content.decode()[:3000]
    document.refresh_from_db()
    assert document.title == "新标题"
    assert AuditEntry.objects.filter(action="document.update", changes__title__1="新标题").exists()


def test_submission_is_refused_without_an_attribute(unit_tree, staff, client):
    document = make(unit_tree["town_a"])
    client.force_login(staff["editor"])
    response = client.post(
        url("edit", document),
        form_data(unit_tree["town_a"], disclosure="", **{"action-submit": "1"}),
        follow=True,
    )
    page = response.content.decode()
    assert "不能呈签：尚未确定公开属性" in page
    assert not document.workflow_states.exists()
    page = client.get(url("inspect", document)).content.decode()
    assert "还不能呈签" in page and 'value="submit"' not in page

    # Registered and submitted at once: the draft is kept, the submission refused.
    response = client.post(
        url("add"), form_data(unit_tree["town_a"], disclosure="", **{"action-submit": "1"})
    )
    created = OfficialDocument.objects.latest("pk")
    assert response.url == url("edit", created) and not created.workflow_states.exists()


def test_submitting_from_the_editor_starts_the_review(unit_tree, staff, client):
    document = make(unit_tree["town_a"], disclosure="proactive")
    client.force_login(staff["editor"])
    response = client.post(
        url("edit", document), form_data(unit_tree["town_a"], **{"action-submit": "1"})
    )
    assert response.status_code == 302
    assert document.current_workflow_task.name == "审核"
    assert AuditEntry.objects.filter(action="document.submit").exists()
    # The editor lands on the document, which says where it stands and who acts next.
    assert response["Location"] == url("inspect", document)
    page = client.get(response["Location"]).content.decode()
    assert "正在等待“审核”环节处理" in page and "已提交审核" in page


def test_the_review_page_shows_values_in_chinese(unit_tree, staff, client):
    document = make(unit_tree["town_a"], disclosure="proactive")
    client.force_login(staff["editor"])
    page = client.get(url("inspect", document)).content.decode()
    # Not a policy document, not yet published: 否 and 未定, never Python's False and None.
    assert re.search(r"政策性文件（须同步解读）.*?否", page, re.S) and "未定" in page
    for raw in (">False<", ">None<", ">True<"):
        assert raw not in page.replace(" ", "").replace("\n", "")


def test_the_findings_show_before_submission_to_the_editor(unit_tree, staff, client):
    document = make(unit_tree["town_a"], disclosure="proactive", summary="电话13800138000")
    client.force_login(staff["editor"])
    page = client.get(url("inspect", document)).content.decode()
    assert "发布前检查发现以下问题" in page and "138****8000" in page


def test_classified_documents_are_not_registered_here(unit_tree, staff, client):
    client.force_login(staff["editor"])
    page = client.get(url("add")).content.decode()
    assert "不登记涉密公文" in page and 'name="secrecy"' not in page
    assert not hasattr(OfficialDocument, "secrecy")


def test_the_whole_chain_on_the_review_pages(unit_tree, staff, client):
    document = make(
        unit_tree["town_a"],
        disclosure="proactive",
        body="<p>联系人张三，电话13800138000。</p>",
    )
    client.force_login(staff["editor"])
    client.post(url("inspect", document), {"action": "submit"})
    assert document.current_workflow_task.name == "审核"

    for user, comment in ((staff["reviewer"], "同意"), (staff["secrecy"], "请脱敏后签发")):
        client.force_login(user)
        step = document.current_workflow_task_state
        page = client.get(url("inspect", document)).content.decode()
        assert 'value="approve"' in page and 'value="reject"' in page
        response = client.post(
            url("inspect", document),
            {"action": "approve", "task_state": step.pk, "comment": comment},
        )
        assert response.status_code == 302

    client.force_login(staff["leader"])
    step = document.current_workflow_task_state
    page = client.get(url("inspect", document)).content.decode()
    assert "发布前检查尚未通过" in page and "138****8000" in page
    response = client.post(url("inspect", document), {"action": "approve", "task_state": step.pk})
    page = response.content.decode()
    assert response.status_code == 200 and "不能签发发布" in page and "138****8000" in page
    document.refresh_from_db()
    assert not document.live and document.current_workflow_task.name == "签发"

    page = client.get(url("checks", document)).content.decode()
    assert "138****8000" in page and "13800138000" not in page
    assert "正文第 9 字起" in page and "手机号码" in page
    response = client.post(url("checks", document), {"action": "redact"}, follow=True)
    assert "已将 1 处个人信息替换为掩码" in response.content.decode()

    response = client.post(
        url("inspect", document),
        {"action": "approve", "task_state": step.pk, "comment": "同意发布", "go_live_at": ""},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.live and "138****8000" in document.body
    page = client.get(url("inspect", document)).content.decode()
    assert "请脱敏后签发" in page and "同意发布" in page and "已发布" in page
    assert list(
        AuditEntry.objects.filter(action__startswith="document.")
        .exclude(action__in=["document.create"])
        .order_by("seq")
        .values_list("action", flat=True)
    ) == [
        "document.submit",
        "document.approve",
        "document.approve",
        "document.redact",
        "document.publish",
        "document.approve",
    ]


def test_a_recorded_exception_lets_the_leader_sign(unit_tree, staff, client):
    document = at_step(
        make(unit_tree["town_a"], disclosure="proactive", body="<p>举报电话13800138000</p>"),
        staff["reviewer"],
        staff["secrecy"],
    )
    client.force_login(staff["editor"])
    page = client.get(url("checks", document)).content.decode()
    assert 'value="override"' not in page  # editors may not override
    client.force_login(staff["secrecy"])
    response = client.post(url("checks", document), {"action": "override", "kind": "personal_data"})
    assert "必需字段" in response.content.decode()
    client.post(
        url("checks", document),
        {"action": "override", "kind": "personal_data", "reason": "公开的举报电话"},
    )
    client.force_login(staff["leader"])
    step = document.current_workflow_task_state
    client.post(url("inspect", document), {"action": "approve", "task_state": step.pk})
    document.refresh_from_db()
    assert (
        document.live and "公开的举报电话" in client.get(url("checks", document)).content.decode()
    )


def test_sending_back_shows_the_comment_to_the_editor(unit_tree, staff, client):
    document = at_step(make(unit_tree["town_a"], disclosure="proactive"))
    client.force_login(staff["reviewer"])
    step = document.current_workflow_task_state
    response = client.post(url("inspect", document), {"action": "reject", "task_state": step.pk})
    assert "退回修改须写明意见" in response.content.decode()
    client.post(
        url("inspect", document),
        {"action": "reject", "task_state": step.pk, "comment": "请补充主送机关"},
    )
    assert document.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(staff["editor"])
    page = client.get(url("edit", document)).content.decode()
    assert "请补充主送机关" in page and "退回修改" in page
    response = client.post(
        url("edit", document), form_data(unit_tree["town_a"], **{"action-submit": "1"})
    )
    assert response.status_code == 302
    assert document.current_workflow_task.name == "审核"


def test_a_reviewer_elsewhere_or_of_another_step_cannot_act(unit_tree, staff, client):
    document = at_step(make(unit_tree["town_a"], disclosure="proactive"))
    step = document.current_workflow_task_state
    client.force_login(staff["reviewer_b"])
    decision = {"action": "approve", "task_state": step.pk}
    assert client.get(url("inspect", document)).status_code == 404
    assert client.post(url("inspect", document), decision).status_code == 404
    action_url = reverse(
        "official_documents:workflow_action", args=[document.pk, "approve", step.pk]
    )
    assert client.post(action_url).status_code == 404

    # Wagtail's admin answers a refusal by sending the user to the dashboard.
    client.force_login(staff["leader"])
    page = client.get(url("inspect", document)).content.decode()
    assert 'value="approve"' not in page
    refused = reverse("wagtailadmin_home")
    assert client.post(url("inspect", document), decision).url == refused
    assert client.post(action_url).url == refused
    assert document.current_workflow_task.name == "审核"


def test_wagtails_own_decision_route_goes_through_the_workflow_services(unit_tree, staff, client):
    document = at_step(make(unit_tree["town_a"], disclosure="proactive"))
    step = document.current_workflow_task_state
    client.force_login(staff["reviewer"])
    action_url = reverse(
        "official_documents:workflow_action", args=[document.pk, "approve", step.pk]
    )
    assert client.post(action_url, {"comment": "同意"}).status_code == 302
    assert document.current_workflow_task.name == "保密审查"
    assert AuditEntry.objects.filter(action="document.approve", changes__comment="同意").exists()


def test_nobody_publishes_round_the_workflow(unit_tree, staff, client, make_user):
    document = make(unit_tree["town_a"], disclosure="proactive")
    for user in (staff["admin"], make_user("root", superuser=True)):
        client.force_login(user)
        assert 'name="action-publish"' not in client.get(url("edit", document)).content.decode()
        client.post(
            url("edit", document), form_data(unit_tree["town_a"], **{"action-publish": "1"})
        )
        document.refresh_from_db()
        assert not document.live


def test_only_drafts_never_published_can_be_deleted(unit_tree, staff, client):
    draft = make(unit_tree["town_a"])
    published = make(unit_tree["town_a"], disclosure="proactive")
    document_publish(actor=None, document=published)
    client.force_login(staff["editor"])
    response = client.post(url("delete", published), follow=True)
    assert "已签发或发布过的公文不能删除" in response.content.decode()
    assert OfficialDocument.objects.filter(pk=published.pk).exists()
    assert client.post(url("delete", draft)).status_code == 302
    assert not OfficialDocument.objects.filter(pk=draft.pk).exists()
    assert AuditEntry.objects.filter(action="document.delete").count() == 1


def test_a_live_document_is_not_edited_in_place(unit_tree, staff, client):
    document = make(unit_tree["town_a"], disclosure="proactive")
    document_publish(actor=None, document=document)
    client.force_login(staff["editor"])
    response = client.post(url("edit", document), form_data(unit_tree["town_a"], title="改"))
    assert "不能直接修改" in response.content.decode()
    document.refresh_from_db()
    assert document.title != "改"


def test_unpublishing_needs_a_reason(unit_tree, staff, client):
    document = make(unit_tree["town_a"], disclosure="proactive")
    document_publish(actor=None, document=document)
    client.force_login(staff["leader"])
    assert (
        'href="' + url("unpublish", document)
        in client.get(url("inspect", document)).content.decode()
    )
    response = client.post(url("unpublish", document), {"reason": ""})
    assert response.status_code == 200 and "必需字段" in response.content.decode()
    client.post(url("unpublish", document), {"reason": "内容有误"})
    document.refresh_from_db()
    assert not document.live
    assert AuditEntry.objects.filter(
        action="document.unpublish", changes__reason="内容有误"
    ).exists()


def test_bulk_deletion_is_refused(unit_tree, staff, client):
    document = make(unit_tree["town_a"])
    client.force_login(staff["editor"])
    bulk_url = reverse("wagtail_bulk_action", args=["documents", "officialdocument", "delete"])
    client.post(f"{bulk_url}?id={document.pk}", follow=True)
    assert OfficialDocument.objects.filter(pk=document.pk).exists()


def test_interpretations_are_added_from_the_document(unit_tree, staff, client):
    document = make(unit_tree["town_a"], disclosure="proactive", is_policy_document=True)
    client.force_login(staff["editor"])
    page = client.get(url("inspect", document)).content.decode()
    add_url = reverse("document_interpretations:add") + f"?document={document.pk}"
    assert add_url.replace("&", "&amp;") in page or add_url in page
    assert client.get(add_url).status_code == 200
    data = {
        "document": document.pk,
        "unit": "",
        "title": "一图读懂春耕政策",
        "form": "graphic",
        "body": rich_text(""),
        "image": "",
        "image_alt": "",
        "video_url": "",
    }
    response = client.post(add_url, data)
    assert "图解须上传图解图片" in response.content.decode()
    response = client.post(add_url, {**data, "form": "text", "body": rich_text("要点一")})
    assert response.status_code == 302, response.content.decode()[:3000]
    interpretation = Interpretation.objects.get()
    assert interpretation.unit == unit_tree["town_a"] and not interpretation.live
    assert AuditEntry.objects.filter(action="interpretation.create").exists()


def test_interpretations_of_another_township_are_not_found(unit_tree, staff, client):
    other = make(unit_tree["town_b"], is_policy_document=True)
    interpretation = Interpretation.objects.create(
        document=other, unit=other.unit, title="乙乡防汛政策解读"
    )
    client.force_login(staff["editor"])
    page = client.get(reverse("document_interpretations:list")).content.decode()
    assert "乙乡防汛政策解读" not in page
    edit = reverse("document_interpretations:edit", args=[interpretation.pk])
    assert client.get(edit).status_code == 404


def test_the_dashboard_lists_what_awaits_the_reviewer(unit_tree, staff, client):
    at_step(make(unit_tree["town_a"], title="待审核的甲镇文件", disclosure="proactive"))
    client.force_login(staff["reviewer"])
    assert "待审核的甲镇文件" in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(staff["reviewer_b"])
    assert "待审核的甲镇文件" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_document_chooser_is_scoped(unit_tree, staff, client):
    make(unit_tree["town_a"], title="甲镇春耕通知")
    make(unit_tree["town_b"], title="乙乡防汛通知")
    client.force_login(staff["editor"])
    chooser = reverse("wagtailsnippetchoosers_documents_officialdocument:choose")
    page = client.get(chooser).json()["html"]
    assert "甲镇春耕通知" in page and "乙乡防汛通知" not in page


def test_the_editor_withdraws_a_submission(unit_tree, staff, client):
    document = make(unit_tree["town_a"], disclosure="proactive")
    document_submit(actor=staff["editor"], document=document)
    client.force_login(staff["editor"])
    assert 'name="action-cancel-workflow"' in client.get(url("edit", document)).content.decode()
    client.post(
        url("edit", document), form_data(unit_tree["town_a"], **{"action-cancel-workflow": "1"})
    )
    assert document.current_workflow_state is None
    assert AuditEntry.objects.filter(action="document.withdraw", actor_name="editor").exists()
