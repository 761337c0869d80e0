"""The transition table and the intake rules, without a database."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.requests.domain.intake import (
    IntakeError,
    check_id_number,
    receipt_date,
    same_information_key,
)
from gongkai.requests.domain.states import (
    CLOSED,
    OPEN,
    PAUSED,
    TRANSITIONS,
    Action,
    State,
    TransitionError,
    allowed_actions,
    next_state,
)


@pytest.mark.parametrize(
    "state, action, after",
    [
        ("submitted", "accept", "received"),
        ("received", "request_correction", "correction_requested"),
        ("correction_requested", "record_correction", "in_handling"),
        ("correction_requested", "abandon", "abandoned"),
        ("in_handling", "consult_third_party", "consulting_third_party"),
        ("consulting_third_party", "end_consultation", "in_handling"),
        ("in_handling", "issue_fee_notice", "awaiting_fee"),
        ("awaiting_fee", "record_payment", "in_handling"),
        ("awaiting_fee", "abandon", "abandoned"),
        ("in_handling", "extend", "in_handling"),
        ("in_handling", "reply", "replied"),
        ("replied", "deliver", "delivered"),
        ("delivered", "archive", "archived"),
        ("consulting_other_organ", "withdraw", "withdrawn"),
    ],
)
def test_transitions(state, action, after):
    assert next_state(state, action) == State(after)


@pytest.mark.parametrize(
    "state, action",
    [
        ("submitted", "reply"),  # not received yet
        ("correction_requested", "reply"),  # waiting for the applicant
        ("awaiting_fee", "reply"),
        ("replied", "reply"),
        ("archived", "withdraw"),
        ("replied", "extend"),
        ("received", "record_payment"),
    ],
)
def test_impossible_steps_are_refused_in_chinese(state, action):
    with pytest.raises(TransitionError, match="不能执行"):
        next_state(state, action)


def test_every_state_is_open_closed_or_submitted_and_closed_states_never_reopen():
    assert OPEN | CLOSED | {State.SUBMITTED} == set(State)
    assert not OPEN & CLOSED
    for (action, before), after in TRANSITIONS.items():
        if before in CLOSED:
            assert after in CLOSED, (action, before)


def test_paused_states_resume_only_to_handling_or_end():
    for (_, before), after in TRANSITIONS.items():
        if before in PAUSED and after not in PAUSED:
            assert after in {State.IN_HANDLING, State.ABANDONED, State.WITHDRAWN}


@given(st.sampled_from(list(State)))
def test_allowed_actions_agree_with_next_state(state):
    for action in Action:
        if action in allowed_actions(state):
            assert next_state(state, action) in State
        else:
            with pytest.raises(TransitionError):
                next_state(state, action)


D = date(2025, 3, 3)


@pytest.mark.parametrize(
    "channel, kwargs, expected",
    [
        ("in_person", {}, D),
        ("mail", {"signed_on": D + timedelta(2)}, D + timedelta(2)),
        ("letter", {"confirmed_on": D + timedelta(1)}, D + timedelta(1)),
        ("online", {"confirmed_on": D}, D),
        ("fax", {"confirmed_on": D + timedelta(3)}, D + timedelta(3)),
    ],
)
def test_receipt_date_by_channel(channel, kwargs, expected):
    assert receipt_date(channel, submitted_on=D, **kwargs) == expected


@pytest.mark.parametrize(
    "channel, kwargs, message",
    [
        ("mail", {}, "签收日期"),
        ("online", {}, "确认日期"),
        ("fax", {"confirmed_on": D - timedelta(1)}, "不能早于"),
    ],
)
def test_receipt_date_refusals(channel, kwargs, message):
    with pytest.raises(IntakeError, match=message):
        receipt_date(channel, submitted_on=D, **kwargs)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 60))
def test_receipt_date_is_never_before_submission(submitted, lag):
    for channel in ("letter", "online", "fax"):
        day = submitted + timedelta(lag)
        assert receipt_date(channel, submitted_on=submitted, confirmed_on=day) >= submitted


@pytest.mark.parametrize(
    "id_type, number, ok",
    [
        ("resident_id", "11010519491231002X", True),
        ("resident_id", "11010519491231002x", True),  # lower-case x is the same number
        ("resident_id", "110105194912310021", False),  # wrong check digit
        ("credit_code", "91350100M000100Y43", True),
        ("credit_code", "91350100M000100Y44", False),
        ("passport", "E12345678", True),
        ("passport", "", False),
    ],
)
def test_id_numbers(id_type, number, ok):
    if ok:
        assert check_id_number(id_type, number) == number.upper()
    else:
        with pytest.raises(IntakeError):
            check_id_number(id_type, number)


def test_same_information_ignores_punctuation_width_and_spaces():
    assert same_information_key("2025年 低保标准（调整）") == same_information_key(
        "２０２５年低保标准调整。"
    )
    assert same_information_key("2025年低保标准") != same_information_key("2024年低保标准")
