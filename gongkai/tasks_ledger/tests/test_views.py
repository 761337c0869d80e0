"""The ledger's admin screens and its public page: scoped, Chinese, writing through services."""

import io
import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.core.services import unit_create
from gongkai.documents.services import document_publish
from gongkai.tasks_ledger.models import ProgressReport, Task, UnitAlias
from gongkai.tasks_ledger.services import reminders_send, work_plan_set_public


@pytest.fixture
def login(client, make_user):
    def as_user(username, *grants):
        user = make_user(username, *grants)
        client.force_login(user)
        return user

    return as_user


def assert_refused(response):
    # Wagtail's admin answers a PermissionDenied with a redirect home and the message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_plan_page_shows_the_tree_with_statuses(plan, unit_tree, login, client):
    login("ed", (Role.EDITOR, unit_tree["office"]))
    page = client.get(reverse("task_ledger:plan", args=[plan.pk])).content.decode()
    assert "测试县2025年政务公开工作要点" in page
    assert "公开财政预决算" in page and "规范政府网站" in page
    assert "未开始" in page
    assert "县政务公开办" in page  # the unmatched name is shown for a person to map


def test_a_plan_outside_the_users_scope_is_not_found(plan, unit_tree, login, client):
    login("b", (Role.EDITOR, unit_tree["village_b"]))
    assert client.get(reverse("task_ledger:plan", args=[plan.pk])).status_code == 404
    assert client.get(reverse("task_ledger:task", args=[plan.tasks.first().pk])).status_code == 404


def test_a_unit_given_a_task_sees_the_plan(plan, unit_tree, login, client):
    login("fin", (Role.EDITOR, unit_tree["finance"]))
    assert client.get(reverse("task_ledger:plan", args=[plan.pk])).status_code == 200
    page = client.get(reverse("task_ledger:unit_tasks")).content.decode()
    assert "测试县财政局牵头的任务" in page and "公开财政预决算" in page


def test_overdue_list_is_for_the_supervising_office_of_the_plan(plan, unit_tree, login, client):
    other_county = unit_create(actor=None, code="X", name="另一县人民政府", kind="government")
    with time_machine.travel("2025-07-02 10:00 +08:00"):
        login("other", (Role.SUPERVISING_STAFF, other_county))
        page = client.get(reverse("task_ledger:overdue")).content.decode()
        assert "公开财政预决算" not in page and "没有逾期的任务" in page

        login("sup", (Role.SUPERVISING_STAFF, unit_tree["county"]))
        page = client.get(reverse("task_ledger:overdue")).content.decode()
        assert "公开财政预决算" in page and "逾期" in page
        assert "规范政府网站" not in page  # due at the end of the year

    login("ed", (Role.EDITOR, unit_tree["county"]))
    assert_refused(client.get(reverse("task_ledger:overdue")))


def test_progress_and_close_out_through_the_task_page(plan, unit_tree, login, client):
    task = plan.tasks.get(position=1)
    url = reverse("task_ledger:task", args=[task.pk])
    login("fin", (Role.EDITOR, unit_tree["finance"]))
    response = client.post(
        url,
        {
            "form": "progress",
            "progress-unit": unit_tree["finance"].pk,
            "progress-reported_on": "2025-05-09",
            "progress-text": "已公开预算。",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ProgressReport.objects.get().text == "已公开预算。"
    with time_machine.travel("2025-05-10 10:00 +08:00"):
        assert status_shown(client.get(url).content.decode()) == "推进中"
    assert status_shown(client.get(url).content.decode()) == "逾期"  # due at the end of June 2025
    response = client.post(
        url, {"form": "closeout", "closeout-unit": unit_tree["finance"].pk, "closeout-note": ""}
    )
    assert "必需字段" in response.content.decode()
    client.post(
        url,
        {"form": "closeout", "closeout-unit": unit_tree["finance"].pk, "closeout-note": "完成。"},
    )
    assert_refused(client.post(url, {"form": "decision", "decision-decision": "confirm"}))

    login("sup", (Role.SUPERVISING_STAFF, unit_tree["county"]))
    page = client.get(reverse("task_ledger:overdue")).content.decode()
    assert "待确认的销号申请" in page
    response = client.post(
        url, {"form": "decision", "decision-decision": "reject", "decision-reason": ""}
    )
    assert "退回销号申请须写明理由" in response.content.decode()
    client.post(url, {"form": "decision", "decision-decision": "confirm"})
    task.refresh_from_db()
    assert task.closed_at is not None
    assert status_shown(client.get(url).content.decode()) == "已完成"


def status_shown(page: str) -> str:
    """The status badge at the top of a task page."""
    badge = re.search(r"<dt>状态</dt><dd>\s*<span[^>]*>(.*?)</span>", page, re.S)
    return badge.group(1).strip() if badge else ""


def test_export_from_the_plan_page(plan, unit_tree, login, client):
    login("ed", (Role.EDITOR, unit_tree["office"]))
    response = client.get(reverse("task_ledger:plan", args=[plan.pk]), {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "序号" and sheet["G2"].value == "状态"
    assert AuditEntry.objects.filter(action="task.export").count() == 1


def test_names_are_mapped_once_on_the_names_screen(plan, unit_tree, login, client):
    login("sup", (Role.SUPERVISING_STAFF, unit_tree["county"]))
    url = reverse("task_ledger:names")
    assert "县政务公开办" in client.get(url).content.decode()
    response = client.post(url, {"name": "县政务公开办", "unit": unit_tree["office"].pk})
    assert response.status_code == 302
    assert UnitAlias.objects.get().unit == unit_tree["office"]
    assert "所有单位名称都已对应" in client.get(url).content.decode()
    login("ed", (Role.EDITOR, unit_tree["office"]))
    assert_refused(client.get(url))


@time_machine.travel("2025-06-25 08:00 +08:00")
def test_reminders_appear_on_the_admin_home_of_the_lead_unit(plan, unit_tree, login, client):
    reminders_send()
    login("fin", (Role.EDITOR, unit_tree["finance"]))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "工作台账到期提醒" in page and "公开财政预决算" in page
    login("town_b", (Role.EDITOR, unit_tree["town_b"]))
    assert "工作台账到期提醒" not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.urls("gongkai.tasks_ledger.tests.urls")
def test_the_portal_shows_only_published_plans(plan, make_plan, unit_tree, client):
    hidden = make_plan(title="未公开的工作要点")
    document_publish(actor=None, document=plan.document, published_on=date(2025, 3, 5))
    work_plan_set_public(actor=None, plan=plan, is_public=True)
    page = client.get(f"/ledger/{plan.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "测试县2025年政务公开工作要点落实情况" in text and "公开财政预决算" in text
    assert client.get(f"/ledger/{hidden.pk}/").status_code == 404
    # Withdrawn from the register, the ledger goes with it.
    from gongkai.documents.services import document_unpublish

    document_unpublish(actor=None, document=plan.document, reason="撤回")
    assert client.get(f"/ledger/{plan.pk}/").status_code == 404


def test_tasks_listed_on_the_plan_list(plan, unit_tree, login, client):
    login("ed", (Role.EDITOR, unit_tree["office"]))
    page = client.get(reverse("task_ledger:plans")).content.decode()
    assert "测试县2025年政务公开工作要点" in page
    assert Task.objects.count() == 3


def test_the_plan_list_says_plans_come_from_importing_and_offers_the_upload(
    unit_tree, login, client
):
    login("ed", (Role.EDITOR, unit_tree["office"]))
    page = client.get(reverse("task_ledger:plans")).content.decode()
    assert "工作要点台账来自“导入公文”" in page
    assert f'href="{reverse("importer:upload")}"' in page
    # Who may not register documents reads where plans come from, without the upload button.
    client.logout()
    login("sup", (Role.SUPERVISING_STAFF, unit_tree["county"]))
    page = client.get(reverse("task_ledger:plans")).content.decode()
    assert "工作要点台账来自“导入公文”" in page
    assert f'href="{reverse("importer:upload")}"' not in page
