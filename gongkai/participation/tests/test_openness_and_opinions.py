"""The 重大行政决策事项目录, the seats of a meeting, and the opinion register: its clocks (from
the deadline engine, recomputed when a holiday is loaded), overdue items, the steps, the
public column and search."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from gongkai.calendar.domain.year_calendar import YearCalendar
from gongkai.calendar.services import calendar_year_load
from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.participation.domain.opinion import OpinionState
from gongkai.participation.selectors import overdue_opinions, public_decision_catalogs
from gongkai.participation.services.decisions import (
    DecisionItemFacts,
    decision_catalog_create,
    decision_catalog_publish,
    decision_item_save,
    decision_item_set_status,
)
from gongkai.participation.services.events import (
    Applicant,
    EventFacts,
    agenda_item_add,
    attendance_apply,
    attendance_decide,
    meeting_announce,
    meeting_save,
)
from gongkai.participation.services.opinions import (
    OpinionFacts,
    opinion_item_assess,
    opinion_item_close,
    opinion_item_handle,
    opinion_item_record,
    opinion_item_report,
    opinion_response_publish,
    opinion_response_withdraw,
)
from gongkai.search.selectors import SearchRequest, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(unit_tree, make_user):
    return make_user("officer", (Role.DISCLOSURE_OFFICE_HEAD, unit_tree["county"]))


# --- 重大行政决策事项目录 ----------------------------------------------------------------------


def test_a_catalog_is_published_as_a_whole_and_items_move_forward(unit_tree, staff, client):
    county = unit_tree["county"]
    catalog = decision_catalog_create(actor=staff["editor"], unit=county, year=2025)
    with pytest.raises(DomainError, match="已经建立"):
        decision_catalog_create(actor=staff["editor"], unit=county, year=2025)
    with pytest.raises(DomainError, match="还没有事项"):
        decision_catalog_publish(actor=staff["leader"], catalog=catalog)
    item = decision_item_save(
        actor=staff["editor"],
        catalog=catalog,
        facts=DecisionItemFacts(title="老旧小区改造三年行动方案", planned="2025年第四季度"),
    )
    assert not public_decision_catalogs().exists()
    decision_catalog_publish(actor=staff["leader"], catalog=catalog)
    decision_item_set_status(
        actor=staff["editor"], item=item, status="legality_review", on=timezone.localdate()
    )
    with pytest.raises(DomainError, match="不能从“合法性审查”退回“公开征求意见”"):
        decision_item_set_status(
            actor=staff["editor"], item=item, status="consulting", on=timezone.localdate()
        )
    with pytest.raises(DomainError, match="须写明理由"):
        decision_item_set_status(
            actor=staff["editor"], item=item, status="suspended", on=timezone.localdate()
        )
    # Published: a change passes the gate first.
    with pytest.raises(DomainError, match="主要内容中有疑似个人信息"):
        decision_item_save(
            actor=staff["editor"],
            catalog=catalog,
            facts=DecisionItemFacts(title="老旧小区改造三年行动方案", content="联系13912345678"),
            item=item,
        )
    html = client.get(f"/jcgk/zdjc/{catalog.pk}/").content.decode()
    assert "老旧小区改造三年行动方案" in html and "合法性审查" in html


def test_a_township_editor_has_no_say_in_the_county_catalog(unit_tree, staff):
    with pytest.raises(PermissionDeniedError):
        decision_catalog_create(actor=staff["town_editor"], unit=unit_tree["county"], year=2025)


def test_seats_at_a_meeting_are_not_overbooked(unit_tree):
    now = timezone.now()
    meeting = meeting_save(
        actor=None,
        unit=unit_tree["county"],
        facts=EventFacts(
            title="常务会议",
            starts_at=now + timedelta(days=3),
            place="会议室",
            closes_at=now + timedelta(days=2),
            places=1,
        ),
    )
    with pytest.raises(DomainError, match="请先添加会议议题"):
        meeting_announce(actor=None, meeting=meeting)
    agenda_item_add(actor=None, meeting=meeting, title="议题")
    meeting_announce(actor=None, meeting=meeting)
    a, b = (
        attendance_apply(
            meeting=meeting, applicant=Applicant("resident", name, "1"), submission_key=name
        ).application
        for name in ("甲", "乙")
    )
    attendance_decide(actor=None, application=a, approve=True)
    with pytest.raises(DomainError, match="名额（1个）已满"):
        attendance_decide(actor=None, application=b, approve=True)
    with pytest.raises(DomainError, match="须写明理由"):
        attendance_decide(actor=None, application=b, approve=False)


# --- The opinion register -------------------------------------------------------------------


def _record(unit, detected_on, actor, summary="网民反映问题"):
    return opinion_item_record(
        actor=actor,
        unit=unit,
        facts=OpinionFacts(source="online", summary=summary, detected_on=detected_on),
    )


def test_a_major_item_is_due_in_five_working_days_and_flagged_when_overdue(unit_tree, officer):
    detected = date(2025, 9, 26)  # a Friday before the National Day holiday
    item = _record(unit_tree["county"], detected, officer)
    assert item.response_due is None and item.state == OpinionState.NEW
    opinion_item_assess(actor=officer, item=item, value="high", assessment="关注度高")
    item.refresh_from_db()
    # 9-28 (Sunday) is a make-up working day; 10-1 to 10-8 are off.
    assert item.response_due == date(2025, 10, 10)
    assert list(overdue_opinions(officer, date(2025, 10, 10))) == []
    assert list(overdue_opinions(officer, date(2025, 10, 11))) == [item]
    opinion_item_assess(actor=officer, item=item, value="low", assessment="经核实影响很小")
    item.refresh_from_db()
    assert item.response_due is None


def test_the_clock_is_configurable(unit_tree, officer, settings):
    settings.GONGKAI_DEADLINE_DAYS = {"opinion-response-major": 1}
    item = _record(unit_tree["county"], date(2025, 3, 3), officer)
    opinion_item_assess(actor=officer, item=item, value="high", assessment="重大")
    item.refresh_from_db()
    assert item.response_due == date(2025, 3, 4)


def test_the_steps_report_handle_respond_and_the_column(unit_tree, officer, make_user, client):
    from gongkai.core.services import unit_update

    county = unit_tree["county"]
    unit_update(actor=None, unit=county, supervising_office=unit_tree["office"])
    item = _record(unit_tree["finance"], timezone.localdate(), officer, "媒体关注资金拨付")
    with pytest.raises(DomainError, match="不能进行“应对处理”"):
        opinion_item_handle(
            actor=officer, item=item, handling="已处理", handled_on=timezone.localdate()
        )
    opinion_item_report(actor=officer, item=item, note="已报送")
    item.refresh_from_db()
    assert item.reported_to == unit_tree["office"]
    opinion_item_assess(actor=officer, item=item, value="medium", assessment="一般")
    opinion_item_handle(
        actor=officer, item=item, handling="已拨付", handled_on=timezone.localdate()
    )
    editor = make_user("op_editor", (Role.EDITOR, county))
    with pytest.raises(PermissionDeniedError):
        opinion_response_publish(actor=editor, item=item, title="回应", text="资金已拨付。")
    response = opinion_response_publish(
        actor=officer, item=item, title="关于资金拨付的回应", text="资金已全部拨付到位。"
    )
    item.refresh_from_db()
    assert item.state == OpinionState.RESPONDED
    column = client.get(f"/xxgk/{unit_tree['finance'].code}/opinion-responses/")
    # Without a platform page the portal route is absent; the response page stands alone.
    page = client.get(f"/hygz/yqhy/{response.pk}/").content.decode()
    assert "资金已全部拨付到位。" in page
    assert column.status_code in (200, 404)
    assert [hit.obj for hit in search(SearchRequest(q="资金拨付")).hits] == [response]
    opinion_response_withdraw(actor=officer, response=response, reason="表述有误，更正后重发。")
    item.refresh_from_db()
    assert item.state == OpinionState.ASSESSED
    assert client.get(f"/hygz/yqhy/{response.pk}/").status_code == 404
    assert search(SearchRequest(q="资金拨付")).hits == []


def test_closing_without_a_response_needs_a_reason(unit_tree, officer):
    item = _record(unit_tree["county"], timezone.localdate(), officer)
    opinion_item_assess(actor=officer, item=item, value="high", assessment="重大")
    with pytest.raises(DomainError, match="须写明理由"):
        opinion_item_close(actor=officer, item=item, reason="")
    opinion_item_close(actor=officer, item=item, reason="已由市政府统一回应。")
    item.refresh_from_db()
    assert item.state == OpinionState.CLOSED


@time_machine.travel("2027-03-02 10:00 +0800", tick=False)
def test_a_holiday_loaded_later_moves_open_clocks(unit_tree, officer):
    item = _record(unit_tree["county"], date(2027, 3, 1), officer)
    opinion_item_assess(actor=officer, item=item, value="high", assessment="重大")
    item.refresh_from_db()
    assert item.due_provisional and item.response_due == date(2027, 3, 8)
    calendar_year_load(
        actor=None,
        data=YearCalendar(
            year=2027,
            holidays=frozenset({date(2027, 1, 1), date(2027, 3, 2), date(2027, 3, 3)}),
            makeup_workdays=frozenset(),
        ),
        source="测试",
    )
    item.refresh_from_db()
    assert item.response_due == date(2027, 3, 10) and not item.due_provisional
