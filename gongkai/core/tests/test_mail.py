"""Mail is queued in the database and delivered by the periodic job only when a server is
configured (core/mail.py): no request ever talks to a mail server, and no traceback is logged
while none is set up."""

from __future__ import annotations

import logging
import smtplib

import pytest
from django.core import mail

from gongkai.core import mail as core_mail
from gongkai.core.models import QueuedMail
from gongkai.core.periodic import JOBS


@pytest.fixture
def queueing(settings):
    settings.EMAIL_BACKEND = "gongkai.core.mail.QueueingEmailBackend"
    settings.GONGKAI_SMTP_HOST = ""
    return settings


class FakeServer:
    """Stands in for Django's SMTP backend: records what it is handed, or fails."""

    sent: list[tuple[str, list[str], bytes]] = []
    fail_after: int | None = None

    def __init__(self, fail_silently=False):
        self.connection = self

    def open(self):
        return True

    def close(self):
        pass

    def sendmail(self, from_email, recipients, raw):
        if FakeServer.fail_after is not None and len(FakeServer.sent) >= FakeServer.fail_after:
            raise smtplib.SMTPServerDisconnected("连接已断开")
        FakeServer.sent.append((from_email, recipients, raw))


@pytest.fixture
def server(monkeypatch):
    FakeServer.sent, FakeServer.fail_after = [], None
    monkeypatch.setattr(core_mail, "SmtpBackend", FakeServer)
    return FakeServer


@pytest.mark.django_db
def test_with_mail_off_messages_wait_and_nothing_connects(queueing, server, caplog):
    with caplog.at_level(logging.DEBUG):
        assert (
            mail.send_mail("审核通知", "请审核。", "noreply@localhost", ["a@example.invalid"]) == 1
        )
        assert core_mail.deliver_queued() == 0
    queued = QueuedMail.objects.get()
    assert queued.subject == "审核通知" and queued.recipients == ["a@example.invalid"]
    assert queued.sent_at is None and server.sent == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.django_db
def test_once_a_server_is_configured_the_waiting_messages_are_delivered_once(queueing, server):
    mail.send_mail("第一封", "正文一", "noreply@localhost", ["a@example.invalid"])
    mail.send_mail("第二封", "正文二", "noreply@localhost", ["b@example.invalid"])
    queueing.GONGKAI_SMTP_HOST = "mail.example.invalid"
    JOBS["mail.deliver"].run()
    assert [to for _, to, _ in server.sent] == [["a@example.invalid"], ["b@example.invalid"]]
    assert b"Subject: =?utf-8?" in server.sent[0][2]
    assert not QueuedMail.objects.filter(sent_at=None).exists()
    assert core_mail.deliver_queued() == 0 and len(server.sent) == 2


@pytest.mark.django_db
def test_a_failing_server_leaves_the_rest_waiting_with_one_line_logged(queueing, server, caplog):
    for n in range(3):
        mail.send_mail(f"通知{n}", "正文", "noreply@localhost", [f"{n}@example.invalid"])
    queueing.GONGKAI_SMTP_HOST = "mail.example.invalid"
    server.fail_after = 1
    with caplog.at_level(logging.WARNING):
        assert core_mail.deliver_queued() == 1
    failed = QueuedMail.objects.filter(sent_at=None).first()
    assert failed.attempts == 1 and "SMTPServerDisconnected" in failed.last_error
    assert QueuedMail.objects.filter(sent_at=None).count() == 2
    [record] = [r for r in caplog.records if r.name == "gongkai.core.mail"]
    assert record.levelno == logging.WARNING and record.exc_info is None


def test_password_reset_by_mail_is_offered_only_with_a_server(settings):
    from gongkai.settings import base

    assert bool(base.GONGKAI_SMTP_HOST) is base.WAGTAIL_PASSWORD_RESET_ENABLED
    assert base.EMAIL_BACKEND == "gongkai.core.mail.QueueingEmailBackend"
