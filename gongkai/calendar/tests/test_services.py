from datetime import date

import pytest

from gongkai.calendar import services
from gongkai.calendar.domain.workdays import CalendarSource
from gongkai.calendar.domain.year_calendar import YearCalendar
from gongkai.calendar.holders import register_deadline_holder
from gongkai.calendar.models import CalendarYear
from gongkai.calendar.selectors import current_calendar, deadline_for
from gongkai.core.domain.errors import PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry

from .conftest import CAL_2027


def _year(**changes) -> YearCalendar:
    data = {**CAL_2027, **changes}
    return YearCalendar(
        year=data["year"],
        holidays={date.fromisoformat(day) for day in data["holidays"]},
        makeup_workdays={date.fromisoformat(day) for day in data["makeup_workdays"]},
    )


def _load(actor=None, **changes) -> services.CalendarChange:
    return services.calendar_year_load(actor=actor, data=_year(**changes), source="测试")


def test_loading_a_new_year_stores_it_and_records_one_entry(db):
    assert deadline_for("foi-reply", date(2027, 1, 20)).provisional
    change = _load()
    assert change.changed
    row = CalendarYear.objects.get(year=2027)
    assert row.holidays == CAL_2027["holidays"] and row.source == "测试"
    entry = AuditEntry.objects.get(action="calendar.load")
    assert entry.object_repr == "2027年日历"
    assert entry.changes["previous_source"] == "provisional"
    assert entry.changes["holidays_added"] == [d for d in CAL_2027["holidays"] if d != "2027-01-01"]
    assert entry.changes["makeup_workdays_added"] == CAL_2027["makeup_workdays"]
    assert entry.changes["recomputed"] == {}
    deadline = deadline_for("foi-reply", date(2027, 1, 20))
    assert not deadline.provisional
    assert current_calendar().source(2027) is CalendarSource.LOADED


def test_loading_the_same_days_again_changes_nothing(db):
    _load()
    entries = AuditEntry.objects.count()
    change = _load()
    assert not change.changed
    assert AuditEntry.objects.count() == entries


def test_loading_changed_days_updates_the_year_and_records_the_difference(db):
    _load()
    change = _load(holidays=[*CAL_2027["holidays"], "2027-04-05"], makeup_workdays=["2027-01-31"])
    assert change.changed
    entry = AuditEntry.objects.filter(action="calendar.load").order_by("-seq").first()
    assert entry.changes["previous_source"] == "loaded"
    assert entry.changes["holidays_added"] == ["2027-04-05"]
    assert entry.changes["makeup_workdays_removed"] == ["2027-02-14"]
    assert not current_calendar().is_workday(date(2027, 4, 5))


def test_a_correction_of_a_package_year_is_compared_with_the_package(db):
    package = YearCalendar.from_package(2026)
    corrected = YearCalendar(
        year=2026,
        holidays=package.holidays | {date(2026, 12, 31)},
        makeup_workdays=package.makeup_workdays,
    )
    services.calendar_year_load(actor=None, data=corrected, source="测试")
    entry = AuditEntry.objects.get(action="calendar.load")
    assert entry.changes["previous_source"] == "package"
    assert entry.changes["holidays_added"] == ["2026-12-31"]
    assert entry.changes["holidays_removed"] == []
    assert not current_calendar().is_workday(date(2026, 12, 31))


def test_deleting_a_year_makes_it_provisional_again(db):
    _load()
    change = services.calendar_year_delete(actor=None, year=2027)
    assert change.changed
    assert not CalendarYear.objects.exists()
    assert current_calendar().is_provisional(2027)
    entry = AuditEntry.objects.get(action="calendar.delete")
    assert entry.changes["now_source"] == "provisional"
    assert entry.object_id != "None"
    assert not services.calendar_year_delete(actor=None, year=2027).changed


def test_administrator_of_the_top_unit_and_superuser_may_load(unit_tree, make_user):
    county_admin = make_user("county_admin", (Role.ADMINISTRATOR, unit_tree["county"]))
    assert _load(county_admin).changed
    assert CalendarYear.objects.get().updated_by == county_admin
    root = make_user("root", superuser=True)
    assert _load(root, makeup_workdays=[]).changed


@pytest.mark.parametrize(
    "grants",
    [
        [(Role.ADMINISTRATOR, "town_a")],  # an administrator below the top
        [(Role.EDITOR, "county")],  # another role at the top
    ],
)
def test_others_may_not_load(unit_tree, make_user, grants):
    user = make_user("someone", *[(role, unit_tree[unit]) for role, unit in grants])
    with pytest.raises(PermissionDeniedError, match="只有平台管理员或最上级单位的管理员"):
        _load(user)
    with pytest.raises(PermissionDeniedError):
        services.calendar_year_delete(actor=user, year=2027)
    assert not CalendarYear.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="calendar.").exists()


def test_holders_recompute_with_the_new_calendar_and_are_logged(db):
    seen = []

    def recompute(years: frozenset[int]) -> int:
        # What a real holder does: recompute its open deadlines with deadline_for.
        deadline = deadline_for("foi-reply", date(2027, 1, 20))
        seen.append((years, deadline.provisional))
        return 3

    register_deadline_holder("test.requests", recompute)
    register_deadline_holder("test.nothing", lambda years: 0)
    change = _load()
    assert seen == [(frozenset({2027}), False)]
    assert change.recomputed == {"test.requests": 3, "test.nothing": 0}
    entry = AuditEntry.objects.get(action="calendar.load")
    assert entry.changes["recomputed"] == {"test.requests": 3, "test.nothing": 0}

    services.calendar_year_delete(actor=None, year=2027)
    assert seen[-1] == (frozenset({2027}), True)
    entry = AuditEntry.objects.get(action="calendar.delete")
    assert entry.changes["recomputed"]["test.requests"] == 3


def test_a_failing_holder_undoes_the_whole_change(db):
    def broken(years: frozenset[int]) -> int:
        deadline_for("foi-reply", date(2027, 1, 20))  # caches the calendar being written
        raise RuntimeError("holder failed")

    register_deadline_holder("test.broken", broken)
    with pytest.raises(RuntimeError):
        _load()
    assert not CalendarYear.objects.exists()
    assert not AuditEntry.objects.filter(action="calendar.load").exists()
    assert current_calendar().is_provisional(2027)


def test_a_holder_name_cannot_be_taken_twice(db):
    def recompute(years: frozenset[int]) -> int:
        return 0

    register_deadline_holder("test.same", recompute)
    register_deadline_holder("test.same", recompute)  # an app's ready() running again
    with pytest.raises(ValueError, match="already registered"):
        register_deadline_holder("test.same", lambda years: 0)
