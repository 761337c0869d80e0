"""Messages and policy questions of a unit whose staff alone may see them, for the isolation walk
(``gongkai/core/tests/test_security_isolation.py``): a message routed, returned, answered with a
file, rated, reopened and published; one overdue (a reminder); one closed as invalid; a policy
question on a published document."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.core.services import unit_create
from gongkai.documents.services import document_create, document_publish
from gongkai.messages import services as s
from gongkai.messages.reminders import reminders_send


def _input(marker: str, **changes) -> s.MessageInput:
    fields = {
        "kind": "consultation",
        "title": f"{marker}留言",
        "text": f"{marker}留言内容",
        "contact_name": f"张{marker}",
        "contact_mobile": "13912345678",
        "may_publish": True,
        **changes,
    }
    return s.MessageInput(**fields)


def make_records(*, unit, marker: str, actor) -> None:
    now = timezone.now()
    below = unit_create(
        actor=None, parent=unit, code=f"{unit.code}-MSG", name=f"{unit.name}所属站所", kind="other"
    )
    message = s.message_register(
        actor=actor,
        unit=unit,
        data=_input(marker),
        channel="phone",
        received_at=now - timedelta(days=2),
    ).message
    message = s.message_transfer(
        actor=actor, message=message, to_unit=below, reason=f"{marker}转办"
    )
    message = s.message_return(actor=actor, message=message, reason=f"{marker}退回")
    message = s.message_accept(actor=actor, message=message)
    attachment = SimpleUploadedFile(
        "答复.pdf", b"%PDF-1.4\n" + b"0" * 64, content_type="application/pdf"
    )
    message = s.message_reply(
        actor=actor, message=message, text=f"{marker}答复", attachment=attachment
    )
    message = s.message_rate(
        message=message, satisfaction="basically", resolved=False, comment=marker
    )
    message = s.message_reply(actor=actor, message=message, text=f"{marker}再次答复")
    s.message_publish(
        actor=actor,
        message=message,
        title=f"{marker}公开",
        excerpt=f"{marker}摘录",
        answer=f"{marker}答",
    )
    overdue = s.message_register(
        actor=actor,
        unit=unit,
        data=_input(marker, kind="simple"),
        channel="letter",
        received_at=now - timedelta(days=120),
    ).message
    s.message_transfer(actor=actor, message=overdue, to_unit=below, reason=f"{marker}转办")
    spam = s.message_register(
        actor=actor, unit=unit, data=_input(marker), channel="phone", received_at=now
    ).message
    s.message_close_invalid(actor=actor, message=spam, reason="spam", note=marker)
    reminders_send(today=timezone.localdate())
    document = document_create(
        actor=None,
        unit=unit,
        title=f"{marker}政策文件",
        written_on=timezone.localdate() - timedelta(days=30),
        disclosure="proactive",
    )
    document = document_publish(actor=None, document=document)
    entry = s.question_save(
        actor=actor, unit=unit, question=f"{marker}问题", answer=f"{marker}解答", document=document
    )
    s.question_publish(actor=actor, entry=entry)
