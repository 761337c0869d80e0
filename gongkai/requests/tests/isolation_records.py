"""Requests in a unit whose handlers alone may see them, for the isolation walk
(``gongkai/core/tests/test_security_isolation.py``): one carried through every step to an
appeal, with its files and letters, and one overdue so that a reminder is written."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.requests.appeals import AppealFacts, appeal_record
from gongkai.requests.letters import DEFAULT_BODIES, letter_create, letter_template_save
from gongkai.requests.models import LetterKind
from gongkai.requests.reminders import reminders_send
from gongkai.requests.services import (
    Application,
    request_consult,
    request_deliver,
    request_end_consultation,
    request_issue_fee_notice,
    request_record_payment,
    request_register,
    request_reply,
    request_start_handling,
)


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n", content_type="application/pdf")


def _application(marker: str, **changes) -> Application:
    fields = {
        "applicant_type": "natural_person",
        "applicant_name": f"张{marker}",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13912345678",
        "address": f"{marker}路1号",
        "description": f"{marker}所需信息",
        "form_wanted": "electronic",
        "delivery_method": "online",
        **changes,
    }
    return Application(**fields)


def make_records(*, unit, marker: str, actor) -> None:
    today = timezone.localdate()
    request = request_register(
        actor=actor,
        unit=unit,
        application=_application(marker, attachments=[("identity", _pdf("identity.pdf"))]),
        channel="in_person",
        submitted_on=today - timedelta(days=10),
    ).request
    day = today - timedelta(days=9)
    request_start_handling(actor=actor, request=request, on=day)
    request_consult(
        actor=actor, request=request, third_party=True, party=f"{marker}公司", on=day, note=marker
    )
    request_end_consultation(actor=actor, request=request, on=day, note=marker)
    request_issue_fee_notice(actor=actor, request=request, method="volume", pages=50, on=day)
    request_record_payment(actor=actor, request=request, on=day, receipt_no="QZX-1")
    request = request_reply(
        actor=actor, request=request, outcome="granted", reply_text=f"{marker}答复", on=day
    )
    request_deliver(
        actor=actor, request=request, method="post", on=day, proof=_pdf("proof.pdf"), note=marker
    )
    appeal_record(
        actor=actor,
        request=request,
        kind="review",
        facts=AppealFacts(authority=f"{marker}复议机关", filed_on=today, note=marker),
    )
    letter_template_save(
        actor=actor,
        unit=unit,
        kind=LetterKind.REPLY,
        body=f"{DEFAULT_BODIES[LetterKind.REPLY]}\n{marker}",
    )
    letter_create(actor=actor, request=request, kind=LetterKind.REPLY)
    request_register(
        actor=actor,
        unit=unit,
        application=_application(marker),
        channel="in_person",
        submitted_on=today - timedelta(days=60),
    )
    reminders_send(today=today)
