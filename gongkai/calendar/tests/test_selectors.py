import json
import uuid
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from gongkai.calendar import selectors
from gongkai.calendar.conf import check_deadline_settings
from gongkai.calendar.domain.deadlines import Pause
from gongkai.calendar.domain.rules import PauseReason
from gongkai.calendar.domain.year_calendar import parse_calendar_file
from gongkai.calendar.holders import register_deadline_holder
from gongkai.calendar.models import CalendarVersion, CalendarYear
from gongkai.calendar.selectors import (
    current_calendar,
    deadline_for,
    provisional_years_that_matter,
)
from gongkai.calendar.services import calendar_year_load

from .conftest import CAL_2027

JANUARY_2027 = date(2027, 1, 4)
NOW = "2026-11-23 10:00 +08:00"


def _load_2027():
    data = parse_calendar_file(json.dumps(CAL_2027))
    calendar_year_load(actor=None, data=data, source="测试")


def test_the_process_that_loads_sees_the_year_at_once(db):
    assert current_calendar().is_provisional(2027)
    _load_2027()
    assert not current_calendar().is_provisional(2027)


def test_another_process_sees_the_year_after_its_next_check(db, monkeypatch):
    cached = current_calendar()
    assert cached.is_provisional(2027)
    # What another process's load leaves in the database; this process's cache is not told.
    CalendarYear.objects.create(
        year=2027, **{k: CAL_2027[k] for k in ("holidays", "makeup_workdays")}
    )
    CalendarVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})
    assert current_calendar() is cached
    monkeypatch.setattr(selectors, "CHECK_SECONDS", 0)
    assert not current_calendar().is_provisional(2027)


def test_an_unchanged_token_keeps_the_cached_calendar(db, monkeypatch):
    monkeypatch.setattr(selectors, "CHECK_SECONDS", 0)
    assert current_calendar() is current_calendar()


def test_bulk_deadlines_do_not_query_per_deadline(db, django_assert_num_queries):
    current_calendar()
    with django_assert_num_queries(0):
        for offset in range(300):
            deadline_for("foi-reply", date.fromordinal(JANUARY_2027.toordinal() - offset))


@override_settings(GONGKAI_DEADLINE_DAYS={"foi-reply": 15, "foi-reply-extension": 10})
def test_deadline_for_uses_the_day_count_settings(db):
    deadline = deadline_for("foi-reply", date(2026, 3, 2), extended=True)
    assert deadline.days == 25
    assert deadline.explain()[1]["text"].startswith("依申请公开答复期限为15个工作日（按本地设置")


def test_fee_pause_setting(db):
    # Unpaused: 03-03 … 03-30 is #1–#20. The fee pause stops 03-03 … 03-13 (9 working days), so
    # paused: 03-31 … 04-03 #12–#15, 清明 04-04 … 04-06 off, 04-07 … 04-10 #16–#19, 04-13 #20.
    fee = Pause(date(2026, 3, 2), date(2026, 3, 13), PauseReason.FEE)
    paused = deadline_for("foi-reply", date(2026, 3, 2), pauses=[fee])
    with override_settings(GONGKAI_FEE_PERIOD_PAUSES_FOI_REPLY=False):
        unpaused = deadline_for("foi-reply", date(2026, 3, 2), pauses=[fee])
    assert paused.due == date(2026, 4, 13) and unpaused.due == date(2026, 3, 30)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"foi-reply": 0}, "GONGKAI_DEADLINE_DAYS 有误：规则 foi-reply 的天数应为正整数"),
        ({"no-such-rule": 5}, "GONGKAI_DEADLINE_DAYS 有误：期限天数设置中有未知的规则"),
        ([("foi-reply", 20)], "GONGKAI_DEADLINE_DAYS 应为“规则: 天数”的映射"),
    ],
)
def test_bad_day_count_settings_stop_start_up(overrides, message):
    with (
        override_settings(GONGKAI_DEADLINE_DAYS=overrides),
        pytest.raises(ImproperlyConfigured) as caught,
    ):
        check_deadline_settings()
    assert message in str(caught.value)


def test_fee_setting_must_be_a_boolean():
    with (
        override_settings(GONGKAI_FEE_PERIOD_PAUSES_FOI_REPLY="no"),
        pytest.raises(ImproperlyConfigured, match="应为 True 或 False"),
    ):
        check_deadline_settings()


@time_machine.travel(NOW)
def test_next_year_matters_from_november(db):
    assert provisional_years_that_matter() == [2027]
    with time_machine.travel("2026-06-01 10:00 +08:00"):
        assert provisional_years_that_matter() == []
    _load_2027()
    assert provisional_years_that_matter() == []


@time_machine.travel("2026-06-01 10:00 +08:00")
def test_years_that_open_deadlines_touch_matter(db):
    register_deadline_holder("test.open", lambda years: 0, open_years=lambda: [2026, 2028])
    assert provisional_years_that_matter() == [2028]
