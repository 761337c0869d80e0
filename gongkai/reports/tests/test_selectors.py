from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.reports.domain import compute
from gongkai.reports.domain.narrative import problems_text
from gongkai.reports.domain.periods import Period
from gongkai.reports.domain.tables import CARRIED_OUT, NEW, PENDING, TOTAL
from gongkai.reports.selectors import (
    Scope,
    cell_appeals,
    cell_documents,
    cell_requests,
    compute_table2,
    compute_table3,
    compute_table4,
    live_facts,
)
from gongkai.reports.tests import hand_fixture as fx
from gongkai.reports.tests.records import request_from, store_appeals, store_requests
from gongkai.reports.tests.test_compute import appeal_facts, request_facts
from gongkai.requests.domain.outcomes import Outcome
from gongkai.requests.models import Appeal, DisclosureRequest


@pytest.mark.parametrize(
    ("year", "period", "expected"),
    [
        (2024, Period.ANNUAL, fx.EXPECTED_2024),
        (2025, Period.ANNUAL, fx.EXPECTED_2025),
        (2025, Period.HALF_YEAR, fx.EXPECTED_2025_H1),
        (2026, Period.ANNUAL, fx.EXPECTED_2026),
    ],
)
def test_table3_in_the_database_equals_the_hand_computed_numbers(
    hand_records, year, period, expected
):
    assert compute_table3(Scope(hand_records["county"], year, period)) == expected


@pytest.mark.parametrize(
    ("year", "period", "expected"),
    [
        (2024, Period.ANNUAL, fx.EXPECTED_APPEALS_2024),
        (2025, Period.ANNUAL, fx.EXPECTED_APPEALS_2025),
        (2025, Period.HALF_YEAR, fx.EXPECTED_APPEALS_2025_H1),
    ],
)
def test_table4_in_the_database_equals_the_hand_computed_numbers(
    hand_records, year, period, expected
):
    assert compute_table4(Scope(hand_records["county"], year, period)) == expected


def test_a_few_queries_per_table_whatever_the_number_of_requests(
    hand_records, django_assert_max_num_queries
):
    scope = Scope(hand_records["county"], 2025, covers_subtree=True)
    with django_assert_max_num_queries(3):  # the unit ids; closed, then open requests
        compute_table3(scope)
    with django_assert_max_num_queries(2):
        compute_table4(scope)


def test_submitted_requests_are_not_yet_received(unit_tree):
    request = request_from(
        unit_tree["county"],
        compute.RequestFact(fx.NP, date(2025, 3, 1), None, None),
    )
    request.received_on, request.state = None, "submitted"
    request.save()
    assert compute_table3(Scope(unit_tree["county"], 2025))[NEW][TOTAL] == 0


def test_a_region_sums_its_subtree_and_a_unit_counts_only_itself(unit_tree):
    fact = compute.RequestFact(fx.NP, date(2025, 3, 1), date(2025, 3, 20), Outcome.GRANTED)
    for name in ("county", "office", "town_a", "village_a", "town_b"):
        store_requests(unit_tree[name], [fact])
    town_a = unit_tree["town_a"]
    assert compute_table3(Scope(town_a, 2025, covers_subtree=True))[NEW][TOTAL] == 2
    assert compute_table3(Scope(town_a, 2025))[NEW][TOTAL] == 1
    county = Scope(unit_tree["county"], 2025, covers_subtree=True)
    assert compute_table3(county)[Outcome.GRANTED][TOTAL] == 5


def test_each_cell_lists_exactly_the_requests_it_counts(hand_records):
    scope = Scope(hand_records["county"], 2025)
    table = compute_table3(scope)
    for row, cells in table.items():
        for column, value in cells.items():
            assert cell_requests(scope, row, column).count() == value, (row, column)
    appeals = compute_table4(scope)
    for group, cells in appeals.items():
        for column, value in cells.items():
            assert cell_appeals(scope, group, column).count() == value, (group, column)


def test_a_cell_lists_the_hand_fixtures_requests(hand_records):
    scope = Scope(hand_records["county"], 2025)
    numbers = {r.tracking_no for r in DisclosureRequest.objects.all()}
    assert len(numbers) == len(fx.REQUESTS)
    # #5, #11, #12, #17 are open at the end of 2025.
    received = {r.received_on for r in cell_requests(scope, CARRIED_OUT, TOTAL)}
    assert received == {date(2024, 6, 1), date(2025, 12, 31), date(2025, 12, 15), date(2025, 3, 3)}


def test_an_appeal_without_a_filing_date_counts_from_the_reply(unit_tree):
    [request] = store_requests(
        unit_tree["county"],
        [compute.RequestFact(fx.NP, date(2024, 11, 1), date(2024, 12, 1), Outcome.GRANTED)],
    )
    Appeal.objects.create(request=request, kind="review", result="pending")
    assert compute_table4(Scope(unit_tree["county"], 2024))["review"][PENDING] == 1
    assert compute_table4(Scope(unit_tree["county"], 2023))["review"][TOTAL] == 0


def test_table2_in_force_agrees_with_the_registers_own_rule(unit_tree, make_user):
    from gongkai.documents.models import OfficialDocument
    from gongkai.documents.selectors import in_force_documents

    county = unit_tree["county"]
    base = {
        "unit": county,
        "title": "文件",
        "disclosure": "proactive",
        "live": True,
        "published_on": date(2024, 1, 5),
    }
    specs = [
        ("normative", date(2024, 1, 1), "in_force", None, None),
        ("normative", date(2025, 2, 1), "in_force", None, date(2025, 12, 30)),  # lapses
        ("normative", date(2023, 5, 1), "repealed", date(2025, 6, 1), None),
        ("rule", date(2025, 3, 1), "in_force", None, None),
        ("rule", date(2022, 3, 1), "expired", date(2025, 12, 31), None),
        ("normative", date(2025, 3, 3), "amended", date(2025, 9, 1), None),
    ]
    for number, (kind, written, validity, changed, until) in enumerate(specs):
        OfficialDocument.objects.create(
            **base,
            kind=kind,
            written_on=written,
            validity=validity,
            validity_changed_on=changed,
            valid_until=until,
            index_number=f"X-{number}",
        )
    table = compute_table2(Scope(county, 2025))
    in_force = in_force_documents(county, date(2025, 12, 31))
    assert table["normative_documents"]["in_force"] == in_force.filter(kind="normative").count()
    assert table["rules"]["in_force"] == in_force.filter(kind="rule").count()
    # 本年废止 is every document that left force in 2025: the repealed one, the one past its
    # 有效期 and the amended one (normative); the expired one (rule).
    assert table["normative_documents"] == {
        "issued_this_year": 2,
        "repealed_this_year": 3,
        "in_force": 1,
    }
    assert table["rules"] == {"issued_this_year": 1, "repealed_this_year": 1, "in_force": 1}
    left = cell_documents(Scope(county, 2025), "normative_documents", "repealed_this_year")
    assert [d.index_number for d in left] == ["X-2", "X-1", "X-5"]
    last_year = compute_table2(Scope(county, 2024))
    for row in ("rules", "normative_documents"):
        assert table[row]["in_force"] == (
            last_year[row]["in_force"]
            + table[row]["issued_this_year"]
            - table[row]["repealed_this_year"]
        )


_DAYS = st.dates(min_value=date(2022, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def register_documents(draw):
    """A rule or normative document with any validity history the register can record."""
    written = draw(_DAYS)
    validity = draw(st.sampled_from(["in_force", "amended", "repealed", "expired"]))
    changed = None if validity == "in_force" else draw(st.none() | _DAYS)
    return {
        "kind": draw(st.sampled_from(["rule", "normative"])),
        "written_on": written,
        "validity": validity,
        "validity_changed_on": changed,
        "valid_until": draw(st.none() | _DAYS),
    }


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(register_documents(), max_size=25), st.sampled_from(list(Period)))
def test_in_force_carries_over_from_year_to_year(unit_tree, documents, period):
    """现行有效(Y) = 现行有效(Y−1) + 本年制发 − 本年废止 holds for the register's own counts,
    whatever the validity history: only a change after publication can break it."""
    from gongkai.documents.models import OfficialDocument

    OfficialDocument.objects.all().delete()
    county = unit_tree["county"]
    for number, fields in enumerate(documents):
        OfficialDocument.objects.create(
            unit=county,
            title="文件",
            disclosure="proactive",
            live=True,
            published_on=fields["written_on"],
            index_number=f"P-{number}",
            **fields,
        )
    for year in (2023, 2024, 2025, 2026):
        table = compute_table2(Scope(county, year, period))
        previous = compute_table2(Scope(county, year - 1))
        for row in ("rules", "normative_documents"):
            assert table[row]["in_force"] == (
                previous[row]["in_force"]
                + table[row]["issued_this_year"]
                - table[row]["repealed_this_year"]
            )


# --- the property: the database's counts are the reference's -----------------------------------


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(request_facts(), max_size=40),
    st.lists(appeal_facts(), max_size=12),
    st.sampled_from([2023, 2024, 2025, 2026]),
    st.sampled_from(list(Period)),
)
def test_sql_aggregation_equals_the_reference(unit_tree, requests, appeals, year, period):
    Appeal.objects.all().delete()
    DisclosureRequest.objects.all().delete()
    county = unit_tree["county"]
    # The appeals need a request to belong to; it is one of the requests counted.
    anchor = compute.RequestFact(fx.NP, date(2023, 1, 1), date(2023, 1, 2), Outcome.GRANTED)
    stored = store_requests(county, [anchor, *requests])
    store_appeals(stored[0], appeals)
    scope, end = Scope(county, year, period), period.end(year)
    expected = compute.compute_table3([anchor, *requests], year, period_end=end)
    assert compute_table3(scope) == expected
    assert compute_table4(scope) == compute.compute_table4(appeals, year, period_end=end)


def test_the_late_replies_sentence_counts_what_table3_counts_as_closed(hand_records):
    scope = Scope(hand_records["county"], 2025)
    closed = DisclosureRequest.objects.filter(closed_on__year=2025).order_by("pk")
    late = list(closed[:2])
    for request in late:
        request.due_on = request.replied_on - timedelta(days=1)
    # Closed without a reply (withdrawn): one of the 办结 all the same.
    closed[2].replied_on = None
    earlier = DisclosureRequest.objects.filter(closed_on__year=2024).first()
    earlier.due_on = earlier.replied_on - timedelta(days=1)
    DisclosureRequest.objects.bulk_update([*late, closed[2], earlier], ["due_on", "replied_on"])

    facts = live_facts(scope)
    total = compute_table3(scope)[TOTAL][TOTAL]
    assert facts.requests_closed == total == closed.count()
    assert facts.closed_late == 2
    assert problems_text(facts).startswith(f"2025年办结的{total}件申请中，有2件超过法定期限答复")
