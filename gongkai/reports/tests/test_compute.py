from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.reports.domain.checks import check_report, report_is_publishable
from gongkai.reports.domain.compute import (
    AppealFact,
    RequestFact,
    compute_table3,
    compute_table4,
    report_period,
)
from gongkai.reports.domain.tables import (
    CARRIED_IN,
    CARRIED_OUT,
    TOTAL,
    AppealKind,
    AppealResult,
    empty_table4,
)
from gongkai.reports.tests import hand_fixture as fx
from gongkai.requests.domain.outcomes import ApplicantType, Outcome


@pytest.mark.parametrize(
    ("year", "period_end", "expected"),
    [
        (2024, None, fx.EXPECTED_2024),
        (2025, None, fx.EXPECTED_2025),
        (2025, date(2025, 6, 30), fx.EXPECTED_2025_H1),
        (2026, None, fx.EXPECTED_2026),
    ],
)
def test_table3_matches_the_hand_computed_fixture(year, period_end, expected):
    assert compute_table3(fx.REQUESTS.values(), year, period_end=period_end) == expected


@pytest.mark.parametrize(
    ("year", "period_end", "expected"),
    [
        (2024, None, fx.EXPECTED_APPEALS_2024),
        (2025, None, fx.EXPECTED_APPEALS_2025),
        (2025, date(2025, 6, 30), fx.EXPECTED_APPEALS_2025_H1),
    ],
)
def test_table4_matches_the_hand_computed_fixture(year, period_end, expected):
    assert compute_table4(fx.APPEALS.values(), year, period_end=period_end) == expected


@pytest.mark.parametrize(
    ("table3", "table4", "previous"),
    [
        (fx.EXPECTED_2024, fx.EXPECTED_APPEALS_2024, None),
        (fx.EXPECTED_2025, fx.EXPECTED_APPEALS_2025, fx.EXPECTED_2024),
        (fx.EXPECTED_2025_H1, fx.EXPECTED_APPEALS_2025_H1, fx.EXPECTED_2024),
        (fx.EXPECTED_2026, empty_table4(), fx.EXPECTED_2025),
    ],
)
def test_the_hand_computed_tables_are_consistent(table3, table4, previous):
    previous_carried_out = previous[CARRIED_OUT] if previous else None
    checks = check_report(table3, table4, previous_carried_out=previous_carried_out)
    assert [c.detail for c in checks if not c.ok] == []


def test_no_requests_gives_an_all_zero_table():
    table = compute_table3([], 2025)
    assert {value for cells in table.values() for value in cells.values()} == {0}


def test_period_end_must_fall_in_the_year():
    with pytest.raises(ValueError, match="not in 2025"):
        report_period(2025, date(2026, 6, 30))


def test_request_facts_reject_impossible_combinations():
    with pytest.raises(ValueError, match="outcome exactly when"):
        RequestFact(ApplicantType.NATURAL_PERSON, date(2025, 1, 2), date(2025, 1, 3), None)
    with pytest.raises(ValueError, match="outcome exactly when"):
        RequestFact(ApplicantType.NATURAL_PERSON, date(2025, 1, 2), None, Outcome.GRANTED)
    with pytest.raises(ValueError, match="closed before"):
        RequestFact(
            ApplicantType.NATURAL_PERSON, date(2025, 1, 2), date(2025, 1, 1), Outcome.GRANTED
        )


def test_appeal_facts_reject_impossible_combinations():
    with pytest.raises(ValueError, match="result exactly when"):
        AppealFact(AppealKind.REVIEW, AppealResult.UPHELD, None, date(2025, 1, 1))
    with pytest.raises(ValueError, match="decided before"):
        AppealFact(AppealKind.REVIEW, AppealResult.UPHELD, date(2024, 1, 1), date(2025, 1, 1))


# --- properties -------------------------------------------------------------------------------

DAYS = (date(2026, 12, 31) - date(2023, 1, 1)).days


@st.composite
def request_facts(draw) -> RequestFact:
    received = date(2023, 1, 1) + timedelta(days=draw(st.integers(0, DAYS)))
    if draw(st.booleans()):
        return RequestFact(draw(st.sampled_from(ApplicantType)), received, None, None)
    closed = received + timedelta(days=draw(st.integers(0, 500)))
    return RequestFact(
        draw(st.sampled_from(ApplicantType)), received, closed, draw(st.sampled_from(Outcome))
    )


@st.composite
def appeal_facts(draw) -> AppealFact:
    filed = date(2023, 1, 1) + timedelta(days=draw(st.integers(0, DAYS)))
    kind = draw(st.sampled_from(AppealKind))
    if draw(st.booleans()):
        return AppealFact(kind, None, None, filed)
    decided = filed + timedelta(days=draw(st.integers(0, 500)))
    return AppealFact(kind, draw(st.sampled_from(AppealResult)), decided, filed)


@given(st.lists(request_facts(), max_size=60), st.lists(appeal_facts(), max_size=20))
def test_computed_reports_pass_every_check(requests, appeals):
    for year in (2024, 2025, 2026):
        previous = compute_table3(requests, year - 1)
        for period_end in (None, date(year, 6, 30)):
            checks = check_report(
                compute_table3(requests, year, period_end=period_end),
                compute_table4(appeals, year, period_end=period_end),
                previous_carried_out=previous[CARRIED_OUT],
            )
            assert report_is_publishable(checks), [c.detail for c in checks if not c.ok]


@given(st.lists(request_facts(), max_size=60))
def test_carried_in_of_next_year_is_carried_out_of_this_year(requests):
    for year in (2023, 2024, 2025):
        this_year = compute_table3(requests, year)
        next_year = compute_table3(requests, year + 1)
        assert next_year[CARRIED_IN] == this_year[CARRIED_OUT]


@given(st.lists(request_facts(), max_size=60))
def test_outcome_total_counts_the_requests_closed_in_the_year(requests):
    closed_in_2025 = [r for r in requests if r.closed_on is not None and r.closed_on.year == 2025]
    assert compute_table3(requests, 2025)[TOTAL][TOTAL] == len(closed_in_2025)
