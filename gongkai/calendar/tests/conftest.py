"""Fixtures of the calendar's database tests.

The holder registry is emptied so that holders registered by other apps do not change the
counts asserted here (the calendar cache is reset around every test by the root conftest).
"""

import json

import pytest

from gongkai.calendar import holders

# Invented for the tests: the real 2027 arrangement has not been announced. 元旦 Fri–Sun,
# 春节 Fri 02-05 … Thu 02-11 with make-up Sundays 01-31 and 02-14.
CAL_2027 = {
    "year": 2027,
    "holidays": [
        "2027-01-01",
        "2027-01-02",
        "2027-01-03",
        *[f"2027-02-{day:02d}" for day in range(5, 12)],
    ],
    "makeup_workdays": ["2027-01-31", "2027-02-14"],
}


@pytest.fixture(autouse=True)
def no_other_holders(monkeypatch):
    monkeypatch.setattr(holders, "HOLDERS", {})


@pytest.fixture
def calendar_file(tmp_path):
    """``calendar_file(**changes)`` → path of a 2027 calendar file with those keys changed."""

    def write(**changes):
        path = tmp_path / "2027.json"
        path.write_text(json.dumps({**CAL_2027, **changes}), encoding="utf-8")
        return path

    return write
