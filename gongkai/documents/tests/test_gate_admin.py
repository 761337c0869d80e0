"""The publication gate on the admin screens: the editor is warned after saving, the reviewers
see the findings at their step, the exceptions screen is scoped, the home page lists withheld
scheduled publications."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.core.periodic import publish_scheduled_pages
from gongkai.documents import periodic  # noqa: F401  (registers the check before go-live)
from gongkai.documents.models import CheckOverride
from gongkai.documents.services import document_override_check, document_schedule

from .test_admin import at_step, form_data, make, url

MOBILE = "13800138000"
EXCEPTIONS = reverse("documents_publication_exceptions")


@pytest.fixture
def staff(unit_tree, make_user):
    from gongkai.documents.workflow import ensure_document_workflow

    ensure_document_workflow()
    town_a = unit_tree["town_a"]
    return {
        "editor": make_user("editor", (Role.EDITOR, town_a)),
        "reviewer": make_user("reviewer", (Role.REVIEWER, town_a)),
        "secrecy": make_user("secrecy", (Role.CONFIDENTIALITY_REVIEWER, town_a)),
        "reviewer_b": make_user("reviewer_b", (Role.REVIEWER, unit_tree["town_b"])),
    }


def test_the_editor_is_warned_after_saving_a_draft(unit_tree, staff, client):
    client.force_login(staff["editor"])
    data = form_data(unit_tree["town_a"], title=f"关于张三（{MOBILE}）的通知")
    response = client.post(url("add"), data, follow=True)
    page = response.content.decode()
    # Saved (a warning, not a refusal), and the warning names the field with the number masked.
    assert response.status_code == 200 and "发布前检查：标题中有疑似个人信息：138****8000" in page
    assert MOBILE not in page.split("发布前检查：")[1].split("</")[0]


def test_reviewers_see_the_findings_at_their_step(unit_tree, staff, client):
    document = at_step(make(unit_tree["town_a"], disclosure="proactive", summary=f"电话{MOBILE}"))
    client.force_login(staff["reviewer"])
    page = client.get(url("inspect", document)).content.decode()
    assert "发布前检查发现以下问题" in page and "内容概述中有疑似个人信息：138****8000" in page
    checks = client.get(url("checks", document)).content.decode()
    assert "内容概述第 3 字起" in checks and "须处理" in checks


def test_an_exception_shows_as_such_on_the_checks_page(unit_tree, staff, client):
    document = make(unit_tree["town_a"], disclosure="proactive", summary=f"举报电话{MOBILE}")
    document_override_check(
        actor=staff["reviewer"], document=document, kind="personal_data", reason="公开的举报电话"
    )
    client.force_login(staff["editor"])
    page = client.get(url("checks", document)).content.decode()
    assert "已登记例外（甲镇人民政府）：公开的举报电话" in page
    assert "个人信息 138****8000：公开的举报电话" in page


def test_the_exceptions_screen(unit_tree, staff, client):
    client.force_login(staff["editor"])
    page = client.get(EXCEPTIONS).content.decode()
    assert "尚未登记例外" in page and 'name="number"' not in page  # editors may not record
    assert client.post(EXCEPTIONS, {"number": MOBILE}).status_code == 302
    assert not CheckOverride.objects.exists()

    client.force_login(staff["reviewer"])
    response = client.post(
        EXCEPTIONS, {"unit": unit_tree["town_a"].pk, "number": "12345", "reason": "热线"}
    )
    assert "请输入一个完整的" in response.content.decode()
    response = client.post(
        EXCEPTIONS,
        {"unit": unit_tree["town_b"].pk, "number": MOBILE, "reason": "村委会电话"},
    )
    assert "选择一个有效的选项" in response.content.decode()  # not a unit of theirs
    response = client.post(
        EXCEPTIONS,
        {
            "unit": unit_tree["town_a"].pk,
            "number": f"138 0013 {MOBILE[-4:]}",
            "reason": "村委会电话",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "已登记例外：138****8000（甲镇人民政府）" in page and MOBILE not in page
    assert AuditEntry.objects.filter(action="publication.exception_create").count() == 1

    client.force_login(staff["reviewer_b"])
    assert "138****8000" not in client.get(EXCEPTIONS).content.decode()


def test_the_home_page_lists_withheld_scheduled_publications(unit_tree, staff, client):
    document = make(unit_tree["town_a"], disclosure="proactive", summary=f"电话{MOBILE}")
    (override,) = document_override_check(
        actor=staff["reviewer"], document=document, kind="personal_data", reason="公开电话"
    )
    go_live_at = timezone.now() + timedelta(hours=1)
    document_schedule(actor=None, document=document, go_live_at=go_live_at)
    override.delete()
    with time_machine.travel(go_live_at + timedelta(minutes=1)):
        publish_scheduled_pages()
    client.force_login(staff["editor"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "定时发布未执行的公文" in page and "内容概述中有疑似个人信息：138****8000" in page
    review = client.get(url("inspect", document)).content.decode()
    assert "定时发布未执行：不能定时发布" in review
