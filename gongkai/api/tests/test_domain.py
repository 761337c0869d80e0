"""The cursor and the keys: table-driven cases and properties."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.api.domain import cursor, keys


@given(
    st.one_of(
        st.none(),
        st.dates().map(date.isoformat),
        st.datetimes(timezones=st.just(UTC)).map(datetime.isoformat),
    ),
    st.integers(min_value=0, max_value=2**53),
)
def test_a_cursor_reads_back(key, pk):
    assert cursor.decode(cursor.encode(cursor.Cursor(key, pk))) == cursor.Cursor(key, pk)


@given(st.text(max_size=40))
def test_any_text_is_a_cursor_or_a_cursor_error(text):
    try:
        found = cursor.decode(text)
    except cursor.CursorError:
        return
    assert found.pk >= 0


@pytest.mark.parametrize(
    "text",
    ["", "xyz", "W10", "WyJ4IiwxXQ", "WyIyMDI1LTAxLTAxIiwtMV0", "WyIyMDI1LTAxLTAxIix0cnVlXQ"],
)
def test_not_cursors(text):
    # "", garbage, [], ["x",1], ["2025-01-01",-1], ["2025-01-01",true]
    with pytest.raises(cursor.CursorError):
        cursor.decode(text)


def test_keys_are_random_well_formed_and_stored_as_digests():
    made = {keys.new_key() for _ in range(50)}
    assert len(made) == 50
    for key in made:
        assert keys.is_well_formed(key)
        assert len(keys.digest(key)) == 64 and key not in keys.digest(key)
        assert keys.prefix(key) == key[:10]
    assert not keys.is_well_formed("gk_short")
    assert not keys.is_well_formed("xx_" + "a" * 32)


@pytest.mark.parametrize(
    ("value", "problem"),
    [(1, None), (36000, None), (0, "正整数"), (-5, "正整数"), (10**7, "不能超过")],
)
def test_key_limits(value, problem):
    found = keys.limit_problem(value)
    assert (found is None) if problem is None else (problem in found)
