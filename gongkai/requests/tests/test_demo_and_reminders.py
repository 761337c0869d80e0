"""The demo's requests cover every state and outcome; reminders are written once."""

from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from gongkai.core.domain.roles import Role
from gongkai.requests.domain.outcomes import Outcome
from gongkai.requests.domain.states import State
from gongkai.requests.models import DisclosureRequest, RequestReminder
from gongkai.requests.reminders import reminders_for, reminders_send
from gongkai.requests.services import Application, request_ask_correction, request_register

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_and_outcome():
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    requests = DisclosureRequest.objects.filter(unit__code="013901000", imported=False)
    assert requests.count() >= 35  # the annual report's demo adds earlier years' cases
    assert set(requests.values_list("state", flat=True)) == {s.value for s in State}
    outcomes = set(requests.exclude(outcome="").values_list("outcome", flat=True))
    assert outcomes == {o.value for o in Outcome}


def test_reminders_are_written_once_and_shown_to_the_units_handlers(unit_tree, make_user):
    county = unit_tree["county"]
    handler = make_user("h", (Role.REQUEST_HANDLER, county))
    township_handler = make_user("t", (Role.REQUEST_HANDLER, unit_tree["town_a"]))
    application = Application(
        applicant_type="natural_person", applicant_name="张三", description="某文件", phone="139"
    )
    with time_machine.travel("2025-03-03 10:00 +0800", tick=False):
        due = request_register(
            actor=handler,
            unit=county,
            application=application,
            channel="in_person",
            submitted_on=date(2025, 3, 3),
        ).request
        waiting = request_register(
            actor=handler,
            unit=county,
            application=application,
            channel="in_person",
            submitted_on=date(2025, 3, 3),
        ).request
        request_ask_correction(
            actor=handler, request=waiting, items="请写明文件名称", until=date(2025, 3, 10)
        )
    assert due.due_on == date(2025, 3, 31)
    assert reminders_send(today=date(2025, 3, 10)) == 0
    assert reminders_send(today=date(2025, 3, 20)) == 1  # the correction period ran out
    assert reminders_send(today=date(2025, 3, 25)) == 1  # due within 5 working days
    assert reminders_send(today=date(2025, 3, 26)) == 0
    assert reminders_send(today=date(2025, 4, 1)) == 1  # overdue now
    kinds = sorted(reminders_for(handler).values_list("kind", flat=True))
    assert kinds == ["correction_lapsed", "due_soon", "overdue"]
    assert not reminders_for(township_handler).exists()
    assert RequestReminder.objects.count() == 3
