"""Validity end dates: a reminder 90 days before, and 已失效 once the date has passed."""

from datetime import date

import time_machine

from gongkai.core.models import AuditEntry
from gongkai.documents.periodic import mark_lapsed_documents
from gongkai.documents.services import document_create


def normative(unit, valid_until):
    return document_create(
        actor=None,
        unit=unit,
        title="示范办法",
        written_on=date(2021, 1, 4),
        kind="normative",
        disclosure="proactive",
        valid_from=date(2021, 1, 4),
        valid_until=valid_until,
    )


@time_machine.travel(date(2026, 11, 23))
def test_home_page_reminds_of_documents_expiring_within_90_days(unit_tree, make_user, client):
    soon = normative(unit_tree["county"], date(2027, 1, 31))
    normative(unit_tree["county"], date(2027, 6, 30))  # too far ahead
    normative(unit_tree["town_b"], date(2026, 12, 31))  # outside the user's scope
    client.force_login(make_user("ed", ("editor", unit_tree["town_a"])))
    assert "即将到期" not in client.get("/admin/").content.decode()
    client.force_login(make_user("boss", ("administrator", unit_tree["county"])))
    html = client.get("/admin/").content.decode()
    assert "即将到期的规章和行政规范性文件" in html and "2027-01-31" in html
    assert html.count("示范办法") == 2 and str(soon.pk) in html


@time_machine.travel(date(2026, 11, 23))
def test_lapsed_documents_are_marked_expired_once(unit_tree):
    lapsed = normative(unit_tree["county"], date(2026, 11, 22))
    normative(unit_tree["county"], date(2026, 11, 23))  # last valid day is today
    assert mark_lapsed_documents() == 1
    assert mark_lapsed_documents() == 0
    lapsed.refresh_from_db()
    assert lapsed.validity == "expired" and lapsed.validity_changed_on == date(2026, 11, 23)
    assert AuditEntry.objects.filter(action="document.set_validity").count() == 1
