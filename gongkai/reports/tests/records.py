"""Requests and appeals in the database from the domain's plain facts (tests only).

Written straight to the models: the tests here are about counting, and the request services'
own tests cover how records get into these states.
"""

from __future__ import annotations

from datetime import datetime, time
from itertools import count

from django.utils import timezone

from gongkai.reports.domain.compute import RequestFact
from gongkai.requests.domain.states import State
from gongkai.requests.models import Appeal, DisclosureRequest

_serial = count(1)


def request_from(unit, fact: RequestFact, **fields) -> DisclosureRequest:
    number = next(_serial)
    return DisclosureRequest(
        unit=unit,
        tracking_no=f"T{number:08d}",
        submission_key=f"test-{number}",
        channel="in_person",
        applicant_type=fact.applicant_type.value,
        applicant_name=f"申请人{number}",
        submitted_at=timezone.make_aware(datetime.combine(fact.received_on, time(9))),
        received_on=fact.received_on,
        state=State.REPLIED if fact.closed_on else State.IN_HANDLING,
        closed_on=fact.closed_on,
        replied_on=fact.closed_on,
        outcome=fact.outcome.value if fact.outcome else "",
        **fields,
    )


def store_requests(unit, facts) -> list[DisclosureRequest]:
    return DisclosureRequest.objects.bulk_create([request_from(unit, f) for f in facts])


def store_appeals(request: DisclosureRequest, facts) -> list[Appeal]:
    return Appeal.objects.bulk_create(
        [
            Appeal(
                request=request,
                kind=f.kind.value,
                result=f.result.value if f.result else "pending",
                filed_on=f.filed_on,
                decided_on=f.decided_on,
            )
            for f in facts
        ]
    )
