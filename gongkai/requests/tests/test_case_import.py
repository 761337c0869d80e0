"""Importing past cases from spreadsheets: all or nothing, row numbers, re-runs change nothing."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from gongkai.requests.case_import import appeals_import, requests_import
from gongkai.requests.domain.case_import import CaseImportError
from gongkai.requests.models import Appeal, DisclosureRequest
from gongkai.requests.services import Application, request_submit_online

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 1)

REQUESTS = (
    "tracking_no,unit,applicant_type,received_on,outcome,closed_on\n"
    "2025-001,C,natural_person,2025-01-06,granted,2025-01-20\n"
    "2025-002,C-FIN,commercial,2025-12-20,,\n"
    "2025-003,C,legal_services,2025-03-03,refused.third_party,2025-03-28\n"
)


def test_requests_import_and_rerun(unit_tree):
    summary = requests_import(actor=None, data=REQUESTS.encode(), today=TODAY)
    assert len(summary.created) == 3
    open_case = DisclosureRequest.objects.get(tracking_no="2025-002")
    assert open_case.imported and open_case.state == "in_handling" and open_case.due_on
    closed = DisclosureRequest.objects.get(tracking_no="2025-001")
    assert (closed.state, closed.outcome, closed.closed_on) == (
        "archived",
        "granted",
        date(2025, 1, 20),
    )
    again = requests_import(actor=None, data=REQUESTS.encode("gb18030"), today=TODAY)
    assert len(again.unchanged) == 3 and not again.created
    assert DisclosureRequest.objects.count() == 3


@pytest.mark.parametrize(
    "row, message",
    [
        ("2025-009,NOPE,natural_person,2025-01-06,,", "第 3 行：单位代码 NOPE 不存在"),
        ("2025-009,C,person,2025-01-06,,", "第 3 行：申请人类型“person”无效"),
        ("2025-009,C,natural_person,2025-02-30,,", "不是有效日期"),
        ("2025-009,C,natural_person,2025-01-06,granted,", "没有办结日期"),
        ("2025-009,C,natural_person,2025-01-06,,2025-01-09", "没有办理结果"),
        (
            "2025-009,C,natural_person,2025-01-06,refused.secret,2025-01-09",
            "办理结果“refused.secret”无效",
        ),
        ("2025-009,C,natural_person,2025-01-06,granted,2025-01-02", "办结日期早于收到申请日期"),
        ("2025-001,C,natural_person,2025-01-06,granted,2025-01-20", "与第 2 行重复"),
    ],
)
def test_a_bad_row_imports_nothing(unit_tree, row, message):
    data = (
        "tracking_no,unit,applicant_type,received_on,outcome,closed_on\n"
        "2025-001,C,natural_person,2025-01-06,granted,2025-01-20\n" + row + "\n"
    )
    with pytest.raises(CaseImportError, match=message):
        requests_import(actor=None, data=data.encode(), today=TODAY)
    assert DisclosureRequest.objects.count() == 0


def test_a_changed_row_for_an_existing_number_is_refused(unit_tree):
    requests_import(actor=None, data=REQUESTS.encode(), today=TODAY)
    changed = REQUESTS.replace("2025-01-20", "2025-01-21")
    with pytest.raises(CaseImportError, match="已存在，且内容不同"):
        requests_import(actor=None, data=changed.encode(), today=TODAY)


def test_platform_numbers_step_over_imported_ones(unit_tree):
    requests_import(
        actor=None,
        data=(
            "tracking_no,unit,applicant_type,received_on,outcome,closed_on\n"
            f"C-{date.today().year}-0001,C,natural_person,{date.today().isoformat()},,\n"
        ).encode(),
    )
    submitted = request_submit_online(
        unit=unit_tree["county"],
        application=Application(
            applicant_type="natural_person",
            applicant_name="李四",
            description="某文件",
            phone="13912345678",
        ),
        submission_key="k",
    )
    assert submitted.request.tracking_no == f"C-{date.today().year}-0002"


APPEALS = (
    "tracking_no,kind,result,decided_on\n"
    "2025-003,review,upheld,2025-06-01\n"
    "2025-003,lawsuit_after_review,pending,\n"
    "2025-001,lawsuit_direct,corrected,2025-09-10\n"
)


def test_appeals_import_upserts(unit_tree):
    requests_import(actor=None, data=REQUESTS.encode(), today=TODAY)
    summary = appeals_import(actor=None, data=APPEALS.encode(), today=TODAY)
    assert len(summary.created) == 3
    decided = APPEALS.replace(
        "lawsuit_after_review,pending,", "lawsuit_after_review,upheld,2026-01-05"
    )
    summary = appeals_import(actor=None, data=decided.encode(), today=TODAY)
    assert len(summary.updated) == 1 and len(summary.unchanged) == 2
    assert Appeal.objects.get(kind="lawsuit_after_review").result == "upheld"


@pytest.mark.parametrize(
    "rows, message",
    [
        ("2025-404,review,upheld,2025-06-01", "申请编号 2025-404 不存在"),
        ("2025-001,lawsuit_after_review,upheld,2025-06-01", "须先有行政复议记录"),
        ("2025-001,review,pending,2025-06-01", "不应填写审结日期"),
        ("2025-001,review,upheld,", "须填写审结日期"),
        ("2025-001,appeal,upheld,2025-06-01", "类型“appeal”无效"),
    ],
)
def test_bad_appeal_rows_import_nothing(unit_tree, rows, message):
    requests_import(actor=None, data=REQUESTS.encode(), today=TODAY)
    data = "tracking_no,kind,result,decided_on\n2025-003,review,upheld,2025-06-01\n" + rows + "\n"
    with pytest.raises(CaseImportError, match=message):
        appeals_import(actor=None, data=data.encode(), today=TODAY)
    assert Appeal.objects.count() == 0


def test_command_exits_2_with_row_numbers(tmp_path, db):
    # In-process: the `gongkai` command itself refuses to run before `migrate` (core/tests/
    # test_cli.py), so the file's own errors are met on a database.
    bad = tmp_path / "cases.csv"
    bad.write_text("tracking_no,unit\nx,y\n", encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("requests", "import", str(bad))
    assert refused.value.returncode == 2
    assert "表头" in str(refused.value) and "缺少列" in str(refused.value)
