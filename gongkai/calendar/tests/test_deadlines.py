import json
import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.calendar.domain.deadlines import Pause, add_months, compute_deadline
from gongkai.calendar.domain.errors import CalendarError, DeadlineError
from gongkai.calendar.domain.rules import RULES, PauseReason, RuleKind, resolve_day_counts
from gongkai.calendar.domain.workdays import WorkdayCalendar
from gongkai.calendar.domain.year_calendar import parse_calendar_file

CAL = WorkdayCalendar()
THIRD_PARTY, FEE = PauseReason.THIRD_PARTY, PauseReason.FEE


def _due(rule: str, start: date | int, **options: Any) -> date:
    return compute_deadline(rule, start, calendar=CAL, **options).due


# Each due date was counted by hand on the 2025/2026 notices; the comment shows the count.
HAND_CHECKED = [
    # 春节 2025: Sun 01-26 is #1, 01-27 #2, 01-28..02-04 off, Sat 02-08 #6, … 02-27 #20
    ("foi-reply", date(2025, 1, 24), date(2025, 2, 27)),
    # 元旦 2025: 12-31 #1, 01-01 off, 01-02 #2, 01-03 #3, 01-06..01-09 #4–#7
    ("correction-notice", date(2024, 12, 30), date(2025, 1, 9)),
    # 清明 2025: 04-03 #1, 04-04..04-06 off, 04-07..04-10 #2–#5
    ("message-consultation", date(2025, 4, 2), date(2025, 4, 10)),
    # Make-up Sun 2025-04-27 is #1, 04-28 #2, 04-29 #3
    ("interpretation", date(2025, 4, 25), date(2025, 4, 29)),
    # 劳动节 2025: 04-30 #1, 05-01..05-05 off, 05-06 #2, 05-07 #3
    ("message-error-report", date(2025, 4, 29), date(2025, 5, 7)),
    # 端午 2025: 05-31..06-02 off, 06-03 #1
    ("message-simple", date(2025, 5, 30), date(2025, 6, 3)),
    # 国庆 2025: Sun 09-28 #1, 09-29 #2, 09-30 #3, 10-01..10-08 off, 10-09 #4, 10-10 #5,
    # Sat 10-11 #6, 10-13..10-17 #7–#11, 10-20..10-23 #12–#15
    ("third-party-reply", date(2025, 9, 26), date(2025, 10, 23)),
    # 元旦 2026: 12-26 #1, 12-29..12-31 #2–#4, 01-01..01-03 off, Sun 01-04 #5, … 01-23 #20
    ("fee-payment", date(2025, 12, 25), date(2026, 1, 23)),
    # 春节 2026: 02-11..02-13 #1–#3, Sat 02-14 #4, 02-15..02-23 off, 02-24..02-27 #5–#8,
    # Sat 02-28 #9, 03-02..03-13 #10–#19, 03-16 #20
    ("publish", date(2026, 2, 10), date(2026, 3, 16)),
    # 清明 2026: 04-02 #1, 04-03 #2, 04-04..04-06 off, 04-07..04-10 #3–#6, 04-13 #7
    ("correction-notice", date(2026, 4, 1), date(2026, 4, 13)),
    # 劳动节 2026: 04-30 #1, 05-01..05-05 off, 05-06..05-08 #2–#4, Sat 05-09 #5
    ("message-consultation", date(2026, 4, 29), date(2026, 5, 9)),
    # 端午 2026: 06-19..06-21 off, 06-22..06-24 #1–#3
    ("message-error-report", date(2026, 6, 18), date(2026, 6, 24)),
    # Make-up Sun 2026-09-20 #1, 09-21 #2, 09-22 #3
    ("interpretation", date(2026, 9, 18), date(2026, 9, 22)),
    # 中秋 2026: 09-25..09-27 off, 09-28 #1
    ("message-simple", date(2026, 9, 24), date(2026, 9, 28)),
    # 中秋 + 国庆 2026: 09-28..09-30 #1–#3, 10-01..10-07 off, 10-08 #4, 10-09 #5, Sat 10-10 #6,
    # 10-12..10-23 #7–#16, 10-26..10-29 #17–#20
    ("foi-reply", date(2026, 9, 24), date(2026, 10, 29)),
    # 国庆 2026: 10-01..10-07 off, 10-08 #1, 10-09 #2, Sat 10-10 #3 (make-up), 10-12 #4, 10-13 #5
    ("message-suggestion", date(2026, 9, 30), date(2026, 10, 13)),
    # 春节 2026: 02-13 #1, Sat 02-14 #2 (make-up), 02-15..02-23 off, 02-24..02-26 #3–#5
    ("message-complaint", date(2026, 2, 12), date(2026, 2, 26)),
    # 国庆 2025: Sun 09-28 #1, 09-29 #2, 09-30 #3, 10-01..10-08 off, 10-09 #4, 10-10 #5
    ("opinion-response-major", date(2025, 9, 26), date(2025, 10, 10)),
    # 春节 2026: 02-11..02-13 #1–#3, Sat 02-14 #4, 02-15..02-23 off, 02-24..02-27 #5–#8,
    # Sat 02-28 #9, 03-02 #10
    ("opinion-response", date(2026, 2, 10), date(2026, 3, 2)),
    # 中秋 + 国庆 2026: 09-28..09-30 #1–#3, 10-01..10-07 off, 10-08 #4, 10-09 #5, Sat 10-10 #6,
    # 10-12..10-15 #7–#10
    ("supervision-rectification", date(2026, 9, 24), date(2026, 10, 15)),
    # 国庆 2025: 09-28 #1 … 09-30 #3, 10-01..10-08 off, 10-09 #4, 10-10 #5, Sat 10-11 #6,
    # 10-13 #7 … 10-16 #10
    ("zone-finding-fix", date(2025, 9, 26), date(2025, 10, 16)),
    # Start on a holiday: counting starts after it; 10-09 #1, 10-10 #2, Sat 10-11 #3 … 11-04 #20
    ("foi-reply", date(2025, 10, 3), date(2025, 11, 4)),
    # Start on a make-up working day: it is not counted; 02-10 #1 … 03-07 #20
    ("foi-reply", date(2025, 2, 8), date(2025, 3, 7)),
]


@pytest.mark.parametrize(("rule", "start", "due"), HAND_CHECKED)
def test_hand_checked_due_dates(rule: str, start: date, due: date) -> None:
    deadline = compute_deadline(rule, start, calendar=CAL)
    assert deadline.due == due
    assert not deadline.provisional
    assert deadline.provisional_years == ()


def test_every_working_day_rule_is_hand_checked() -> None:
    checked = {rule for rule, _, _ in HAND_CHECKED}
    assert checked == {key for key, rule in RULES.items() if rule.kind is RuleKind.WORKDAYS}


def test_extension_gives_40_working_days_in_total() -> None:
    # From #20 on 2025-02-27: 02-28 #21, 03-03..03-21 #22–#36, 03-24..03-27 #37–#40
    deadline = compute_deadline("foi-reply", date(2025, 1, 24), extended=True, calendar=CAL)
    assert (deadline.due, deadline.days, deadline.extension_days) == (date(2025, 3, 27), 40, 20)


def test_correction_restarts_the_clock_from_the_corrected_application() -> None:
    # Received Mon 2025-03-03; 补正 notice due 7 working days later.
    assert _due("correction-notice", date(2025, 3, 3)) == date(2025, 3, 12)
    # Corrected application received Mon 03-10: 03-11..04-03 #1–#18, 清明 off, 04-07 #19, 04-08 #20
    deadline = compute_deadline(
        "foi-reply", date(2025, 3, 3), corrected=date(2025, 3, 10), calendar=CAL
    )
    assert deadline.due == date(2025, 4, 8)
    assert deadline.due == _due("foi-reply", date(2025, 3, 10))
    assert [entry["kind"] for entry in deadline.explain()[:2]] == ["start", "restart"]


def test_correction_on_the_day_of_receipt_changes_nothing() -> None:
    start = date(2025, 3, 3)
    assert _due("foi-reply", start, corrected=start) == _due("foi-reply", start)


def test_pause_over_the_national_day_holidays() -> None:
    # Without the pause: due 2025-10-17. Counted before the pause: 09-16..09-19, 09-22 (#1–#5).
    # Pause (09-22, 10-15] swallows 13 working days (incl. make-up days 09-28 and 10-11);
    # then 10-16 #6 … 10-31 #17, 11-03 #18, 11-04 #19, 11-05 #20.
    start = date(2025, 9, 15)
    assert _due("foi-reply", start) == date(2025, 10, 17)
    pause = Pause(date(2025, 9, 22), date(2025, 10, 15), THIRD_PARTY)
    assert CAL.workdays_between(pause.start, pause.end) == 13
    assert _due("foi-reply", start, pauses=[pause]) == date(2025, 11, 5)


def test_overlapping_pauses_count_once_and_fee_rule_is_configurable() -> None:
    start = date(2025, 9, 15)
    consultation = Pause(date(2025, 9, 22), date(2025, 10, 15), THIRD_PARTY)
    fee = Pause(date(2025, 10, 10), date(2025, 10, 20), FEE)
    # Merged pause (09-22, 10-20]; then 10-21..10-24 #6–#9, 10-27..11-07 #10–#19, 11-10 #20.
    assert _due("foi-reply", start, pauses=[consultation, fee]) == date(2025, 11, 10)
    assert _due("foi-reply", start, pauses=[consultation, fee], fee_period_pauses=False) == date(
        2025, 11, 5
    )


def test_pause_beginning_on_the_start_day() -> None:
    # 03-04..03-07 paused, then 03-10 … 04-03 #1–#19, 清明 off, 04-07 #20
    start = date(2025, 3, 3)
    assert _due("foi-reply", start, pauses=[Pause(start, date(2025, 3, 7), FEE)]) == date(
        2025, 4, 7
    )


def test_pauses_outside_the_counted_days_change_nothing() -> None:
    start = date(2025, 3, 3)
    before = Pause(date(2025, 2, 1), date(2025, 3, 3), THIRD_PARTY)
    after = Pause(date(2025, 4, 1), date(2025, 5, 1), THIRD_PARTY)
    empty = Pause(date(2025, 3, 10), date(2025, 3, 10), THIRD_PARTY)
    assert _due("foi-reply", start, pauses=[before, after, empty]) == _due("foi-reply", start)


def test_year_boundary_into_an_unknown_year_is_provisional() -> None:
    # 12-21..12-25 #1–#5, 12-28..12-31 #6–#9, 2027-01-01 off (provisional), 01-04..01-15 #10–#19,
    # 01-18 #20
    deadline = compute_deadline("foi-reply", date(2026, 12, 20), calendar=CAL)
    assert deadline.due == date(2027, 1, 18)
    assert deadline.provisional
    assert deadline.provisional_years == (2027,)
    explain = deadline.explain()
    assert {"kind": "provisional", "year": 2027}.items() <= next(
        entry for entry in explain if entry["kind"] == "provisional"
    ).items()
    new_year = next(entry for entry in explain if entry.get("from") == "2027-01-01")
    assert (new_year["kind"], new_year["name"]) == ("holiday", "元旦")
    assert "临时推算" in new_year["text"]


def test_loaded_2027_removes_the_provisional_flag_and_is_used() -> None:
    # Invented for the test: the real 2027 arrangement has not been announced.
    loaded = parse_calendar_file(
        json.dumps(
            {
                "year": 2027,
                "holidays": ["2027-01-01", "2027-01-08", "2027-01-18"],
                "makeup_workdays": ["2027-01-09"],
            }
        )
    )
    calendar = WorkdayCalendar(extra_years={2027: loaded})
    # …01-07 #13, 01-08 off, Sat 01-09 #14, 01-11..01-15 #15–#19, 01-18 off, 01-19 #20
    deadline = compute_deadline("foi-reply", date(2026, 12, 20), calendar=calendar)
    assert (deadline.due, deadline.provisional, deadline.provisional_years) == (
        date(2027, 1, 19),
        False,
        (),
    )
    assert compute_deadline("message-simple", date(2027, 1, 7), calendar=CAL).due == date(
        2027, 1, 8
    )
    assert compute_deadline("message-simple", date(2027, 1, 7), calendar=calendar).due == date(
        2027, 1, 9
    )


@pytest.mark.parametrize(
    ("rule", "start", "due"),
    [
        ("annual-report-department", 2025, date(2026, 1, 31)),  # a Saturday: not moved
        ("annual-report-department", date(2025, 6, 15), date(2026, 1, 31)),
        ("annual-report-government", 2025, date(2026, 3, 31)),
        ("annual-report-government", date(2026, 12, 31), date(2027, 3, 31)),
    ],
)
def test_annual_report_dates_are_fixed_calendar_dates(
    rule: str, start: date | int, due: date
) -> None:
    deadline = compute_deadline(rule, start, calendar=CAL)
    assert (deadline.due, deadline.provisional) == (due, False)
    (entry,) = deadline.explain()
    assert entry["kind"] == "fixed-date"
    assert "第四十九条" in entry["text"]


def test_day_counts_can_be_overridden() -> None:
    start = date(2025, 1, 24)
    assert _due("foi-reply", start, day_counts={"foi-reply": 15}) == date(2025, 2, 20)
    # 15 + 10: 02-21 #16, 02-24..02-28 #17–#21, 03-03..03-06 #22–#25
    overrides = {"foi-reply": 15, "foi-reply-extension": 10}
    assert _due("foi-reply", start, extended=True, day_counts=overrides) == date(2025, 3, 6)
    rule_entry = compute_deadline(
        "foi-reply", start, day_counts={"foi-reply": 15}, calendar=CAL
    ).explain()[1]
    assert "期限为15个工作日（按本地设置；默认20个工作日" in rule_entry["text"]
    assert _due("interpretation", start, day_counts={"foi-reply": 15}) == _due(
        "interpretation", start
    )


def test_default_day_counts_are_the_statutory_numbers() -> None:
    assert resolve_day_counts(None) == {
        "foi-reply": 20,
        "foi-reply-extension": 20,
        "correction-notice": 7,
        "third-party-reply": 15,
        "fee-payment": 20,
        "publish": 20,
        "interpretation": 3,
        "message-error-report": 3,
        "message-consultation": 5,
        "message-simple": 1,
        "message-suggestion": 5,
        "message-complaint": 5,
        "opinion-response-major": 5,
        "opinion-response": 10,
        "supervision-rectification": 10,
        "zone-finding-fix": 10,
    }


def _error(call: object) -> str:
    assert callable(call)
    with pytest.raises(DeadlineError) as caught:
        call()
    message = str(caught.value)
    assert re.search(r"[\u4e00-\u9fff]", message), message
    return message


START = date(2025, 3, 3)


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: compute_deadline("foi", START), "未知的期限规则：foi"),
        (lambda: Pause(date(2025, 3, 10), date(2025, 3, 5), THIRD_PARTY), "早于开始日"),
        (lambda: Pause(START, START, "holiday"), "未知的暂停原因"),
        (lambda: compute_deadline("correction-notice", START, extended=True), "不能延长"),
        (lambda: compute_deadline("foi-reply", START, corrected=date(2025, 3, 1)), "早于收到申请"),
        (lambda: compute_deadline("publish", START, corrected=START), "不因补正重新计算"),
        (
            lambda: compute_deadline("publish", START, pauses=[Pause(START, START, FEE)]),
            "不能暂停计时",
        ),
        (lambda: compute_deadline("annual-report-government", 2025, extended=True), "固定日期"),
        (lambda: compute_deadline("foi-reply", 2025), "起算日应为日期"),
        (lambda: compute_deadline("foi-reply", datetime(2025, 3, 3, 9)), "起算日应为日期"),
        (
            lambda: compute_deadline("foi-reply", START, corrected=datetime(2025, 3, 5, 9)),
            "收到补正申请的日期应为日期",
        ),
        (lambda: Pause(datetime(2025, 3, 5, 9), START, FEE), "暂停计时的开始日应为日期"),
        (lambda: compute_deadline("annual-report-department", "2025"), "报告年度"),
        (lambda: compute_deadline("foi-reply", START, day_counts={"foo": 3}), "未知的规则：foo"),
        (lambda: compute_deadline("foi-reply", START, day_counts={"foi-reply": 0}), "正整数"),
        (lambda: compute_deadline("foi-reply", START, day_counts={"publish": True}), "正整数"),
        (
            lambda: compute_deadline("publish", START, day_counts={"annual-report-government": 5}),
            "固定日期",
        ),
    ],
)
def test_bad_arguments_raise_a_domain_error_in_chinese(call: object, fragment: str) -> None:
    assert fragment in _error(call)


def test_domain_errors_share_one_base() -> None:
    assert issubclass(DeadlineError, CalendarError)


def test_to_json_has_exactly_due_provisional_explain_and_is_serialisable() -> None:
    deadline = compute_deadline(
        "foi-reply",
        date(2025, 1, 10),
        corrected=date(2025, 1, 15),
        extended=True,
        pauses=[Pause(date(2025, 1, 20), date(2025, 2, 10), THIRD_PARTY)],
        calendar=CAL,
    )
    data = json.loads(json.dumps(deadline.to_json(), ensure_ascii=False))
    assert set(data) == {"due", "provisional", "explain"}
    assert (data["due"], data["provisional"]) == (deadline.due.isoformat(), False)
    assert all(isinstance(entry["text"], str) and entry["kind"] for entry in data["explain"])
    assert data["explain"][-1] == {
        "kind": "due",
        "date": deadline.due.isoformat(),
        "text": "截止日：2025年4月2日（星期三），即第40个工作日。",
    }


def test_explain_names_holidays_and_makeup_days() -> None:
    explain = compute_deadline("foi-reply", date(2025, 1, 24), calendar=CAL).explain()
    by_start = {entry.get("from"): entry for entry in explain}
    assert by_start["2025-01-25"]["kind"] == "weekend"
    assert by_start["2025-01-26"] == {
        "kind": "makeup-workday",
        "from": "2025-01-26",
        "to": "2025-01-26",
        "days": 1,
        "counted_from": 1,
        "counted_to": 1,
        "name": "春节",
        "text": "2025年1月26日（星期日）：春节调休上班日，计为第1个工作日。",
    }
    holiday = by_start["2025-01-28"]
    assert (holiday["kind"], holiday["to"], holiday["days"], holiday["name"]) == (
        "holiday",
        "2025-02-04",
        8,
        "春节",
    )
    assert by_start["2025-02-08"]["kind"] == "makeup-workday"
    assert by_start["2025-02-24"]["counted_to"] == 20


def test_explain_reports_paused_working_days() -> None:
    pause = Pause(date(2025, 9, 22), date(2025, 10, 15), THIRD_PARTY)
    explain = compute_deadline(
        "foi-reply", date(2025, 9, 15), pauses=[pause], calendar=CAL
    ).explain()
    (paused,) = [entry for entry in explain if entry["kind"] == "paused"]
    assert (paused["from"], paused["to"], paused["workdays"]) == ("2025-09-23", "2025-10-15", 13)
    assert paused["reasons"] == ["third-party"]
    assert "征求第三方意见" in paused["text"]


MONTHS_TABLE = [
    # received, the day three calendar months later (the 19号 veto of unanswered messages)
    (date(2026, 3, 15), date(2026, 6, 15)),
    (date(2026, 1, 31), date(2026, 4, 30)),  # April has no 31st: its last day
    (date(2025, 11, 30), date(2026, 2, 28)),  # across the year, into a short February
    (date(2023, 11, 29), date(2024, 2, 29)),  # a leap year's February
    (date(2026, 7, 1), date(2026, 10, 1)),  # a holiday: calendar months are not moved
    (date(2026, 12, 31), date(2027, 3, 31)),  # into a year not yet announced: not provisional
]


@pytest.mark.parametrize(("start", "due"), MONTHS_TABLE)
def test_three_months_are_calendar_months(start: date, due: date) -> None:
    deadline = compute_deadline("message-three-months", start, calendar=CAL)
    assert deadline.due == due and not deadline.provisional
    (entry,) = deadline.explain()
    assert entry["kind"] == "months" and "不因节假日顺延" in entry["text"]


def test_a_month_rule_takes_no_correction_pause_or_extension() -> None:
    start = date(2026, 3, 2)
    for options in (
        {"corrected": date(2026, 3, 3)},
        {"pauses": [Pause(start, date(2026, 3, 9), THIRD_PARTY)]},
        {"extended": True},
    ):
        with pytest.raises(DeadlineError, match="按日历月计算"):
            compute_deadline("message-three-months", start, calendar=CAL, **options)
    with pytest.raises(DeadlineError, match="不能设置工作日天数"):
        compute_deadline(
            "message-three-months", start, calendar=CAL, day_counts={"message-three-months": 2}
        )


# --- properties -------------------------------------------------------------------------

starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2030, 12, 31))
workday_rules = st.sampled_from(
    sorted(key for key, rule in RULES.items() if rule.kind is RuleKind.WORKDAYS)
)
pauses = st.lists(
    st.builds(
        lambda a, length, reason: (a, length, reason),
        st.integers(-5, 60),
        st.integers(0, 30),
        st.sampled_from(list(PauseReason)),
    ),
    max_size=3,
)


def _pauses(start: date, specs: list[tuple[int, int, PauseReason]]) -> list[Pause]:
    return [
        Pause(start + timedelta(a), start + timedelta(a + length), reason)
        for a, length, reason in specs
    ]


@given(starts, starts, st.integers(0, 24))
def test_adding_months_keeps_order_and_lands_in_the_right_month(
    first: date, second: date, months: int
) -> None:
    earlier, later = sorted([first, second])
    assert add_months(earlier, months) <= add_months(later, months)
    moved = add_months(first, months)
    assert (moved.year * 12 + moved.month) - (first.year * 12 + first.month) == months
    assert moved.day == first.day or (moved.day < first.day and (moved + timedelta(1)).day == 1)


@given(starts, st.integers(0, 30))
def test_due_date_is_monotonic_in_the_start(start: date, gap: int) -> None:
    later = start + timedelta(days=gap)
    assert _due("foi-reply", start) <= _due("foi-reply", later)


@given(workday_rules, starts, pauses, st.booleans())
def test_due_date_is_always_a_working_day(
    rule: str, start: date, specs: list[tuple[int, int, PauseReason]], extended: bool
) -> None:
    foi = rule == "foi-reply"
    deadline = compute_deadline(
        rule,
        start,
        pauses=_pauses(start, specs) if foi else (),
        extended=extended and foi,
        calendar=CAL,
    )
    assert CAL.is_workday(deadline.due)
    assert deadline.due > start
    assert deadline.provisional == any(
        CAL.is_provisional(y) for y in range(start.year, deadline.due.year + 1)
    )


@given(starts, st.integers(0, 40), st.integers(0, 40))
def test_a_pause_moves_the_due_date_by_the_working_days_it_covers(
    start: date, offset: int, length: int
) -> None:
    pause = Pause(start + timedelta(offset), start + timedelta(offset + length), THIRD_PARTY)
    unpaused = _due("foi-reply", start)
    paused = _due("foi-reply", start, pauses=[pause])
    if pause.start < unpaused:
        covered = CAL.workdays_between(pause.start, pause.end)
        assert paused == CAL.add_workdays(unpaused, covered)
    else:
        assert paused == unpaused


@given(starts, pauses, st.booleans())
def test_explain_counts_exactly_the_working_days_of_the_fast_path(
    start: date, specs: list[tuple[int, int, PauseReason]], extended: bool
) -> None:
    deadline = compute_deadline(
        "foi-reply", start, pauses=_pauses(start, specs), extended=extended, calendar=CAL
    )
    explain = deadline.explain()
    counted = [entry for entry in explain if entry["kind"] in ("counted", "makeup-workday")]
    assert (
        sum(entry["counted_to"] - entry["counted_from"] + 1 for entry in counted) == deadline.days
    )
    assert counted[-1]["to"] == deadline.due.isoformat()
    json.dumps(explain)
