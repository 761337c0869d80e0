"""The calendar's admin screens: edit form, permissions, and the home-page warning."""

import pytest
import time_machine
from django.urls import reverse

from gongkai.calendar.models import CalendarYear
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry

from .conftest import CAL_2027

NOW = "2026-11-23 10:00 +08:00"


def _form(**changes) -> dict:
    return {
        "year": 2027,
        "holidays_text": "\n".join(CAL_2027["holidays"]),
        "makeup_text": "\r\n".join(CAL_2027["makeup_workdays"]),
        **changes,
    }


@pytest.fixture
def superuser_client(client, make_user):
    client.force_login(make_user("root", superuser=True))
    return client


def test_superuser_adds_and_edits_a_year(superuser_client):
    response = superuser_client.post(reverse("calendar_years:add"), _form())
    assert response.status_code == 302, response.content.decode()[:3000]
    row = CalendarYear.objects.get(year=2027)
    assert row.holidays == CAL_2027["holidays"] and row.source == "管理后台编辑"
    assert AuditEntry.objects.filter(action="calendar.load").count() == 1

    edit = reverse("calendar_years:edit", args=[row.pk])
    page = superuser_client.get(edit).content.decode()
    assert "2027-01-03\n2027-02-05" in page
    holidays = "\n".join([*CAL_2027["holidays"], "", "2027-04-05"])
    response = superuser_client.post(edit, _form(holidays_text=holidays, year=2030), follow=True)
    assert "已保存2027年日历；按新日历重新计算了 0 个未办结的期限。" in response.content.decode()
    row.refresh_from_db()
    assert row.year == 2027  # the year of an existing record cannot be changed
    assert row.holidays[-1] == "2027-04-05"
    assert superuser_client.get(reverse("calendar_years:index")).status_code == 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"holidays_text": "2027-01-01\n2027/02/05"},
            "节假日第 2 行的“2027/02/05”不是 YYYY-MM-DD 格式的日期",
        ),
        ({"holidays_text": "2027-01-01\n2027-02-30"}, "节假日第 2 行的“2027-02-30”不是有效日期"),
        (
            {"makeup_text": "2027-01-31\n\n2027-01-31"},
            "调休上班日第 3 行的 2027-01-31 与第 1 行重复",
        ),
        ({"holidays_text": "2027-01-01\n2028-01-01"}, "2028-01-01 不在 2027 年内"),
        ({"makeup_text": "2027-02-05"}, "2027-02-05 同时被列为节假日和调休上班日"),
        (
            {"makeup_text": "2027-03-08"},
            "2027-03-08（星期一）被列为调休上班日，但调休上班日只能是周六或周日",
        ),
        ({"year": 2003}, "年份 2003 超出支持范围"),
        ({"holidays_text": ""}, "请至少填写一个放假日期（如元旦）"),
    ],
)
def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(superuser_client, changes, message):
    response = superuser_client.post(reverse("calendar_years:add"), _form(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CalendarYear.objects.exists()
    assert not AuditEntry.objects.filter(action="calendar.load").exists()


def test_a_loaded_year_cannot_be_added_twice(superuser_client):
    superuser_client.post(reverse("calendar_years:add"), _form())
    response = superuser_client.post(reverse("calendar_years:add"), _form(makeup_text=""))
    assert "该年份的日历已经载入，请在列表中编辑它。" in response.content.decode()
    assert CalendarYear.objects.get().makeup_workdays == CAL_2027["makeup_workdays"]


def test_delete_goes_through_the_service(superuser_client):
    superuser_client.post(reverse("calendar_years:add"), _form())
    row = CalendarYear.objects.get()
    url = reverse("calendar_years:delete", args=[row.pk])
    assert superuser_client.get(url).status_code == 200
    response = superuser_client.post(url)
    assert response.status_code == 302
    assert not CalendarYear.objects.exists()
    assert AuditEntry.objects.filter(action="calendar.delete").exists()


def test_administrator_of_the_top_unit_may_edit(client, unit_tree, make_user):
    client.force_login(make_user("county_admin", (Role.ADMINISTRATOR, unit_tree["county"])))
    assert client.post(reverse("calendar_years:add"), _form()).status_code == 302
    assert CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.parametrize("grant", [(Role.ADMINISTRATOR, "town_a"), (Role.EDITOR, "county")])
def test_others_are_turned_away(client, unit_tree, make_user, grant):
    client.force_login(make_user("someone", (grant[0], unit_tree[grant[1]])))
    assert client.get(reverse("calendar_years:index")).status_code in (302, 403)
    assert client.post(reverse("calendar_years:add"), _form()).status_code in (302, 403)
    assert not CalendarYear.objects.exists()


def test_anonymous_is_sent_to_login(client, db):
    response = client.post(reverse("calendar_years:add"), _form())
    assert response.status_code == 302 and "login" in response["Location"]
    assert not CalendarYear.objects.exists()


@time_machine.travel(NOW)
def test_home_page_warns_about_next_year_and_links_to_the_form(superuser_client):
    page = superuser_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2027年的节假日和调休安排尚未载入" in page
    assert f'href="{reverse("calendar_years:add")}?year=2027"' in page
    superuser_client.post(reverse("calendar_years:add"), _form())
    page = superuser_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "节假日和调休安排尚未载入" not in page


@time_machine.travel(NOW)
def test_staff_who_cannot_load_are_told_whom_to_ask(client, unit_tree, make_user):
    client.force_login(make_user("editor", (Role.EDITOR, unit_tree["town_a"])))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2027年的节假日和调休安排尚未载入" in page
    assert "请联系平台管理员载入" in page
    assert reverse("calendar_years:add") not in page


@time_machine.travel("2026-06-01 10:00 +08:00")
def test_no_warning_when_nothing_depends_on_a_provisional_year(superuser_client):
    page = superuser_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "节假日和调休安排尚未载入" not in page
