"""The pure rules: the state table, the kinds' clocks, the import rows and times. Table-driven,
with hypothesis properties; no database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.calendar.domain.rules import RULES, RuleKind
from gongkai.messages.domain.imports import (
    SHANGHAI,
    check_hotline_rows,
    check_ledger_rows,
    hotline_rows,
    parse_local_datetime,
)
from gongkai.messages.domain.kinds import CITIZEN_KINDS, THREE_MONTH_RULE, MessageKind
from gongkai.messages.domain.states import (
    OPEN,
    TRANSITIONS,
    Action,
    State,
    TransitionError,
    allowed_actions,
    next_state,
)

NOW = datetime(2026, 6, 1, 12, tzinfo=SHANGHAI)

EXPECTED = {
    State.NEW: {
        Action.ACCEPT,
        Action.TRANSFER,
        Action.RETURN,
        Action.CLASSIFY,
        Action.REPLY,
        Action.CLOSE_INVALID,
    },
    State.HANDLING: {Action.TRANSFER, Action.CLASSIFY, Action.REPLY, Action.CLOSE_INVALID},
    State.ANSWERED: {Action.REOPEN},
    State.INVALID: {Action.RESTORE},
}


@pytest.mark.parametrize("state", list(State))
def test_what_each_state_allows(state):
    assert set(allowed_actions(state)) == EXPECTED[state]


@given(st.sampled_from(list(State)), st.sampled_from(list(Action)))
def test_a_step_either_follows_the_table_or_is_refused_in_chinese(state, action):
    if (action, state) in TRANSITIONS:
        assert next_state(state, action) == TRANSITIONS[(action, state)]
    else:
        with pytest.raises(
            TransitionError, match=f"留言当前状态为“{state.label}”，不能{action.label}"
        ):
            next_state(state, action)


def test_open_states_owe_an_answer():
    assert {State.NEW, State.HANDLING} == OPEN
    assert next_state(State.NEW, Action.REPLY) == State.ANSWERED
    assert next_state(State.ANSWERED, Action.REOPEN) in OPEN


def test_every_kind_has_its_working_day_rule_and_the_veto_is_calendar_months():
    for kind in MessageKind:
        assert RULES[kind.rule_key].kind is RuleKind.WORKDAYS
    assert {
        RULES[k.rule_key].days
        for k in (MessageKind.CORRECTION, MessageKind.CONSULTATION, MessageKind.SIMPLE)
    } == {3, 5, 1}
    assert RULES[THREE_MONTH_RULE].kind is RuleKind.MONTHS and RULES[THREE_MONTH_RULE].months == 3
    assert MessageKind.SIMPLE not in CITIZEN_KINDS


TIMES = [
    ("2026-02-13 16:30", datetime(2026, 2, 13, 16, 30, tzinfo=SHANGHAI)),
    ("2026-02-13T16:30:00", datetime(2026, 2, 13, 16, 30, tzinfo=SHANGHAI)),
    ("2026-02-13T16:30:00+08:00", datetime(2026, 2, 13, 16, 30, tzinfo=SHANGHAI)),
    ("2026-02-13T08:30:00Z", datetime(2026, 2, 13, 16, 30, tzinfo=SHANGHAI)),
    ("2026-02-13", datetime(2026, 2, 13, 0, 0, tzinfo=SHANGHAI)),
]


@pytest.mark.parametrize(("text", "moment"), TIMES)
def test_times_are_read_in_shanghai(text, moment):
    parsed = parse_local_datetime(text)
    assert parsed == moment and parsed.utcoffset() == timedelta(hours=8)


@given(
    st.datetimes(min_value=datetime(2004, 1, 1), max_value=datetime(2030, 12, 31)),
    st.integers(-12, 14),
)
def test_any_offset_is_converted_to_shanghai(moment, hours):
    aware = moment.replace(tzinfo=timezone(timedelta(hours=hours)))
    parsed = parse_local_datetime(aware.isoformat())
    assert parsed == aware and parsed.astimezone(UTC) == aware.astimezone(UTC)


def _ledger(**values):
    row = {
        "number": "A1",
        "unit": "C",
        "kind": "consultation",
        "received_at": "2026-02-12 16:00",
        "answered_at": "",
    }
    return [(2, {**row, **values})]


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"number": ""}, "缺少留言编号"),
        ({"number": "X" * 41}, "超过 40 个字符"),
        ({"unit": ""}, "缺少单位代码"),
        ({"kind": "咨询"}, "类别“咨询”无效"),
        ({"received_at": "2026/02/12"}, "不是有效的时间"),
        ({"received_at": "2026-07-01 09:00"}, "收到时间晚于现在"),
        ({"answered_at": "2026-02-11 09:00"}, "答复时间早于收到时间"),
        ({"answered_at": "2026-07-01 09:00"}, "答复时间晚于现在"),
    ],
)
def test_a_ledger_rows_problems(values, problem):
    checked, problems = check_ledger_rows(_ledger(**values), NOW)
    assert checked == [] and len(problems) == 1
    assert problems[0].startswith("第 2 行：") and problem in problems[0]


def test_a_good_ledger_row():
    (row,), problems = check_ledger_rows(_ledger(answered_at="2026-02-26 17:00"), NOW)
    assert problems == [] and row.kind is MessageKind.CONSULTATION
    assert row.answered_at == datetime(2026, 2, 26, 17, tzinfo=SHANGHAI)


def test_hotline_headers_may_be_ours_or_the_hotlines_in_any_order():
    table = [
        ["诉求内容", "工单号", "承办单位", "来电时间", "工单类型", "无关列"],
        ["路灯不亮", "G1", "城关镇", "2026-03-02 09:15", "投诉", "x"],
        ["", "", "", "", "", ""],
    ]
    rows, problems = hotline_rows(table)
    assert problems == [] and len(rows) == 1
    (order,), problems = check_hotline_rows(rows, NOW)
    assert problems == []
    assert (order.number, order.unit, order.kind, order.title) == (
        "G1",
        "城关镇",
        MessageKind.COMPLAINT,
        "路灯不亮",
    )
    assert hotline_rows([["工单编号", "受理时间"]])[1] == [
        "第 1 行（表头）缺少列：承办单位、诉求类型、诉求内容。"
    ]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("咨询", MessageKind.CONSULTATION),
        ("求助", MessageKind.CONSULTATION),
        ("举报", MessageKind.COMPLAINT),
        ("我为政府网站找错", MessageKind.CORRECTION),
        ("simple", MessageKind.SIMPLE),
        ("建议", MessageKind.SUGGESTION),
    ],
)
def test_hotline_kinds(kind, expected):
    rows = [
        (
            2,
            {
                "number": "G",
                "received_at": "2026-03-02 09:15",
                "unit": "U",
                "kind": kind,
                "text": "内容",
            },
        )
    ]
    (order,), _ = check_hotline_rows(rows, NOW)
    assert order.kind is expected


@given(st.text(min_size=1, max_size=200).filter(lambda t: t.strip()))
def test_a_hotline_title_is_made_from_any_text(text):
    rows = [
        (
            2,
            {
                "number": "G",
                "received_at": "2026-03-02 09:15",
                "unit": "U",
                "kind": "咨询",
                "text": text.strip(),
            },
        )
    ]
    (order,), problems = check_hotline_rows(rows, NOW)
    assert problems == [] and 0 < len(order.title) <= 31
