import logging

import time_machine

from gongkai.calendar.periodic import warn_about_provisional_years


@time_machine.travel("2026-11-23 10:00 +08:00")
def test_daily_check_warns_about_next_year(db, caplog):
    with caplog.at_level(logging.WARNING, logger="gongkai.calendar"):
        warn_about_provisional_years()
    assert "2027年的节假日安排尚未载入" in caplog.text


@time_machine.travel("2026-06-01 10:00 +08:00")
def test_daily_check_is_quiet_when_nothing_is_missing(db, caplog):
    with caplog.at_level(logging.WARNING, logger="gongkai.calendar"):
        warn_about_provisional_years()
    assert caplog.text == ""
