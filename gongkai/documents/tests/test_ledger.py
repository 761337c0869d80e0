"""The publication ledger: status computation, interpretations, scoping, month counts, exports."""

import csv
import io
from datetime import date

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.calendar.domain.workdays import WorkdayCalendar
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.documents.exports import COLUMNS
from gongkai.documents.ledger import (
    LedgerStatus,
    Timeliness,
    build_ledger,
    ledger_documents,
    timeliness,
)
from gongkai.documents.models import Interpretation
from gongkai.documents.services import (
    document_create,
    document_override_check,
    document_publish,
    document_unpublish,
)

ON_TIME, LATE, OVERDUE, PENDING = LedgerStatus
# 2025: 国庆节、中秋节 1–8 October, make-up working days Sunday 28 September and Saturday 11 October.
NOW = "2025-12-01 10:00 +08:00"
TODAY = date(2025, 12, 1)
URL = "documents_publication_ledger"


@pytest.mark.parametrize(
    ("due", "published_on", "today", "expected"),
    [
        pytest.param(date(2025, 3, 31), date(2025, 3, 31), TODAY, Timeliness(ON_TIME), id="on-due"),
        pytest.param(date(2025, 3, 31), date(2025, 3, 10), TODAY, Timeliness(ON_TIME), id="early"),
        # Working days after 30 September: only 9 and 10 October, after the 8-day holiday.
        pytest.param(
            date(2025, 9, 30), date(2025, 10, 10), TODAY, Timeliness(LATE, 2), id="across-holiday"
        ),
        # The make-up Sunday 28 September is a working day; so are the 29th and 30th.
        pytest.param(
            date(2025, 9, 28), date(2025, 10, 9), TODAY, Timeliness(LATE, 3), id="from-make-up-day"
        ),
        pytest.param(
            date(2025, 3, 28), date(2025, 3, 29), TODAY, Timeliness(LATE, 1), id="day-off-after-due"
        ),
        pytest.param(
            date(2025, 3, 3), None, date(2025, 3, 10), Timeliness(OVERDUE, 5), id="overdue"
        ),
        pytest.param(
            date(2025, 3, 28), None, date(2025, 3, 30), Timeliness(OVERDUE, 1), id="overdue-weekend"
        ),
        pytest.param(
            date(2025, 3, 31), None, date(2025, 3, 31), Timeliness(PENDING), id="due-today"
        ),
        pytest.param(date(2025, 3, 31), None, date(2025, 3, 3), Timeliness(PENDING), id="pending"),
    ],
)
def test_timeliness(due, published_on, today, expected):
    assert (
        timeliness(due=due, published_on=published_on, today=today, calendar=WorkdayCalendar())
        == expected
    )


def make(unit, title="关于做好政务公开工作的通知", written_on=date(2025, 9, 1), **fields):
    return document_create(
        actor=None, unit=unit, title=title, written_on=written_on, disclosure="proactive", **fields
    )


@pytest.fixture
def root(make_user):
    return make_user("root", superuser=True)


def rows_by_title(ledger):
    return {row.document.title: row for row in ledger.rows}


def test_every_proactive_document_is_in_the_ledger_with_its_status(root, unit_tree):
    county = unit_tree["county"]
    # Written 1 September 2025: due on the make-up Sunday 28 September.
    document_publish(actor=None, document=make(county, "按时"), published_on=date(2025, 9, 28))
    document_publish(actor=None, document=make(county, "逾期"), published_on=date(2025, 10, 9))
    make(county, "未公开")
    make(county, "待公开", written_on=date(2025, 11, 20))
    document_create(
        actor=None,
        unit=county,
        title="依申请公开的不在台账",
        written_on=date(2025, 9, 1),
        disclosure="on_request",
    )
    ledger = build_ledger(ledger_documents(root, county), today=TODAY)
    rows = rows_by_title(ledger)
    assert {title: row.timeliness for title, row in rows.items()} == {
        "按时": Timeliness(ON_TIME),
        "逾期": Timeliness(LATE, 3),
        "未公开": Timeliness(OVERDUE, 41),
        "待公开": Timeliness(PENDING),
    }
    assert rows["按时"].deadline.due == date(2025, 9, 28)


def test_withdrawn_documents_stay_in_the_ledger(root, unit_tree):
    doc = make(unit_tree["county"])
    document_publish(actor=None, document=doc, published_on=date(2025, 9, 5))
    document_unpublish(actor=None, document=doc, reason="内容有误")
    (row,) = build_ledger(ledger_documents(root, unit_tree["county"]), today=TODAY).rows
    assert row.timeliness == Timeliness(ON_TIME) and row.remarks == "已撤下"


def test_interpretations_are_due_three_working_days_after_the_document(root, unit_tree, make_user):
    county = unit_tree["county"]
    in_step = make(county, "同步解读", is_policy_document=True)
    Interpretation.objects.create(document=in_step, unit=county, title="解读", live=False)
    document_publish(actor=None, document=in_step, published_on=date(2025, 9, 26))

    late = make(county, "解读逾期")
    document_publish(actor=None, document=late, published_on=date(2025, 9, 26))
    # Due 3 working days after Friday 26 September: 28 (make-up), 29, 30 September.
    Interpretation.objects.create(
        document=late, unit=county, title="解读", live=True, published_on=date(2025, 10, 10)
    )

    missing = make(county, "解读缺失", is_policy_document=True)
    reviewer = make_user("rv", (Role.REVIEWER, county))
    document_override_check(
        actor=reviewer, document=missing, kind="interpretation", reason="解读稿另行报批"
    )
    document_publish(actor=None, document=missing, published_on=date(2025, 11, 25))

    document_publish(actor=None, document=make(county, "无须解读"), published_on=date(2025, 9, 5))

    rows = rows_by_title(build_ledger(ledger_documents(root, county), today=TODAY))
    assert rows["同步解读"].interpretation.timeliness == Timeliness(ON_TIME)
    assert rows["解读逾期"].interpretation.deadline.due == date(2025, 9, 30)
    assert rows["解读逾期"].interpretation.timeliness == Timeliness(LATE, 2)
    # Published Tuesday 25 November: due Friday the 28th, three working days missed by 1 December.
    assert rows["解读缺失"].interpretation.published_on is None
    assert rows["解读缺失"].interpretation.timeliness == Timeliness(OVERDUE, 1)
    assert rows["无须解读"].interpretation is None


def test_month_counts_ignore_the_status_filter(root, unit_tree):
    county = unit_tree["county"]
    document_publish(
        actor=None,
        document=make(county, written_on=date(2025, 1, 6)),
        published_on=date(2025, 1, 7),
    )
    make(county, written_on=date(2025, 1, 20))
    make(county, written_on=date(2025, 3, 3))
    make(county, written_on=date(2025, 11, 28))
    ledger = build_ledger(ledger_documents(root, county), today=TODAY, status=OVERDUE)
    assert len(ledger.rows) == 2
    # Columns in the order of LedgerStatus: 按时公开, 逾期公开, 逾期未公开, 待公开.
    assert [(line.month, line.counts) for line in ledger.months] == [
        (date(2025, 1, 1), (1, 0, 1, 0)),
        (date(2025, 3, 1), (0, 0, 1, 0)),
        (date(2025, 11, 1), (0, 0, 0, 1)),
    ]
    assert ledger.totals.counts == (1, 0, 2, 1) and ledger.totals.total == 4


def test_year_and_unit_filters(root, unit_tree):
    make(unit_tree["town_a"], "甲镇文件")
    make(unit_tree["village_a"], "村文件")
    make(unit_tree["town_a"], "去年文件", written_on=date(2024, 5, 6))

    def titles(**kwargs):
        return {d.title for d in ledger_documents(root, unit_tree["town_a"], **kwargs)}

    assert titles() == {"甲镇文件", "村文件", "去年文件"}
    assert titles(subunits=False, year=2025) == {"甲镇文件"}
    assert titles(year=2024) == {"去年文件"}


def test_computing_the_ledger_costs_no_query_per_row(root, unit_tree):
    for n in range(12):
        doc = make(unit_tree["town_a"], f"文件{n}", is_policy_document=n % 2 == 0)
        Interpretation.objects.create(document=doc, unit=doc.unit, title="解读", live=False)
        if n % 3:
            document_publish(actor=None, document=doc, published_on=date(2025, 9, 20 + n % 5))
    build_ledger([], today=TODAY)  # warms the calendar cache
    with CaptureQueriesContext(connection) as queries:
        ledger = build_ledger(ledger_documents(root, unit_tree["county"]), today=TODAY)
        [row.document.unit.name for row in ledger.rows]
    assert len(ledger.rows) == 12 and len(queries) == 1


@pytest.fixture
def ledger_data(unit_tree):
    make(unit_tree["town_a"], "甲镇通知")
    make(unit_tree["village_a"], "甲镇一村通知")
    make(unit_tree["town_b"], "乙乡通知")
    make(unit_tree["office"], '=HYPERLINK("http://x.invalid")危险标题')
    return unit_tree


def login(client, make_user, role, unit):
    client.force_login(make_user(f"{role}-{unit.code}", (role, unit)))


@time_machine.travel(NOW)
def test_township_staff_see_only_their_township(ledger_data, make_user, client):
    login(client, make_user, Role.EDITOR, ledger_data["town_a"])
    page = client.get(reverse(URL)).content.decode()
    assert "甲镇通知" in page and "甲镇一村通知" in page
    assert "乙乡通知" not in page and "危险标题" not in page
    assert "2025年9月28日" in page  # the due date, through {% deadline_display %}

    # Another township is not a choice, and asking for it shows nothing of it.
    page = client.get(reverse(URL), {"unit": ledger_data["town_b"].pk}).content.decode()
    assert "选择一个有效的选项" in page and "乙乡通知" not in page
    response = client.get(reverse(URL), {"unit": ledger_data["town_b"].pk, "export": "csv"})
    assert "乙乡通知" not in response.content.decode("utf-8-sig")
    assert not AuditEntry.objects.filter(action="publication_ledger.export").exists()


@time_machine.travel(NOW)
def test_the_supervising_office_sees_the_whole_county(ledger_data, make_user, client):
    login(client, make_user, Role.SUPERVISING_STAFF, ledger_data["county"])
    page = client.get(reverse(URL)).content.decode()
    for title in ("甲镇通知", "甲镇一村通知", "乙乡通知", "危险标题"):
        assert title in page
    assert "2025年9月" in page  # the month summary
    page = client.get(reverse(URL), {"unit": ledger_data["town_b"].pk}).content.decode()
    assert "乙乡通知" in page and "甲镇通知" not in page


@time_machine.travel(NOW)
def test_staff_without_a_ledger_role_are_refused(unit_tree, make_user, client):
    login(client, make_user, Role.REQUEST_HANDLER, unit_tree["county"])
    # Wagtail turns a refusal into a redirect to the dashboard with its "no permission" message.
    response = client.get(reverse(URL))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_the_menu_offers_each_screen_to_those_who_may_use_it(unit_tree, make_user, client):
    ledger, review = reverse(URL), reverse("documents_yearly_review")
    login(client, make_user, Role.EDITOR, unit_tree["town_a"])
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert ledger in menu and review in menu
    login(client, make_user, Role.REQUEST_HANDLER, unit_tree["town_a"])
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert ledger not in menu and review in menu


@time_machine.travel(NOW)
def test_xlsx_export_contents_and_audit(ledger_data, make_user, client):
    login(client, make_user, Role.SUPERVISING_STAFF, ledger_data["county"])
    response = client.get(reverse(URL), {"status": "overdue", "export": "xlsx"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0] == COLUMNS
    assert len(values) == 5
    first = dict(zip(COLUMNS, values[1], strict=True))
    assert first["序号"] == 1 and first["状态"] == "逾期未公开"
    assert first["应公开日期"].date() == date(2025, 9, 28)
    assert first["发布日期"] is None and first["逾期工作日数"] == 41
    titles = [row[3] for row in values[1:]]
    assert '=HYPERLINK("http://x.invalid")危险标题' in titles  # kept as text, not a formula
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)

    entry = AuditEntry.objects.get(action="publication_ledger.export")
    assert entry.unit == ledger_data["county"]
    assert entry.changes == {
        "format": "xlsx",
        "filters": {"unit": "C", "subunits": True, "year": 2025, "status": "overdue"},
        "rows": 4,
    }


@time_machine.travel(NOW)
def test_csv_export_opens_in_excel_and_is_audited(ledger_data, make_user, client):
    login(client, make_user, Role.EDITOR, ledger_data["town_a"])
    response = client.get(reverse(URL), {"export": "csv"})
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert [row[3] for row in rows[1:]] == ["甲镇通知", "甲镇一村通知"]
    assert rows[1][5:10] == ["2025-09-01", "2025-09-28", "", "逾期未公开", "41"]
    entry = AuditEntry.objects.get(action="publication_ledger.export")
    assert entry.unit == ledger_data["town_a"] and entry.changes["rows"] == 2


@time_machine.travel(NOW)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(ledger_data, make_user, client):
    login(client, make_user, Role.ADMINISTRATOR, ledger_data["county"])
    content = client.get(reverse(URL), {"export": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in content


@time_machine.travel(NOW)
def test_unknown_export_format_is_not_found(ledger_data, make_user, client):
    login(client, make_user, Role.ADMINISTRATOR, ledger_data["county"])
    assert client.get(reverse(URL), {"export": "pdf"}).status_code == 404
    assert not AuditEntry.objects.filter(action="publication_ledger.export").exists()
