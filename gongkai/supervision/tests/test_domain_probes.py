import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.supervision.domain.probes import day_unreachable, failed_share


@pytest.mark.parametrize(
    ("timings", "share", "unreachable"),
    [
        ([], 0.0, False),
        ([0.2] * 20, 0.0, False),
        ([0.2] * 19 + [15.0], 0.05, True),  # 15 s counts (超过（含）15秒)
        ([0.2] * 19 + [14.99], 0.0, False),
        ([0.2] * 19 + [None], 0.05, True),  # no answer at all
        ([0.2] * 39 + [None], 0.025, False),
        ([0.2] * 38 + [None, 20.0], 0.05, True),
        ([None], 1.0, True),  # a site down all day, probed once
    ],
)
def test_availability_rule(timings, share, unreachable):
    assert failed_share(timings) == pytest.approx(share)
    assert day_unreachable(timings) is unreachable


@given(
    st.lists(st.one_of(st.none(), st.floats(min_value=0, max_value=60)), min_size=20, max_size=200)
)
def test_rule_is_the_five_percent_share_for_full_days(timings):
    assert day_unreachable(timings) is (failed_share(timings) >= 0.05)


@given(st.lists(st.floats(min_value=0, max_value=14.9), max_size=100))
def test_fast_days_are_never_unreachable(timings):
    assert not day_unreachable(timings)
