"""Mail: queued in the database, delivered by a periodic job, only when a server is configured.

Every message (Wagtail's workflow notifications, a password reset) goes through
`QueueingEmailBackend` (``EMAIL_BACKEND``), which stores it as `QueuedMail`. The periodic job
``mail.deliver`` hands stored messages to the SMTP server named by ``GONGKAI_SMTP_HOST``; while
it is unset, mail is off: messages wait, nothing tries to connect (Django's default would try
localhost:25 and log a traceback for every notification), and `gongkai serve` says so once
at start. Setting the server later delivers what waited.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.utils import timezone

from .models import QueuedMail

logger = logging.getLogger(__name__)

MAIL_OFF = (
    "未配置邮件服务器（环境变量 GONGKAI_SMTP_HOST），邮件通知暂不发送，先保存待发；配置后自动发出。"
)
# Messages handed to the server per run of the job; the rest wait for the next minute.
BATCH = 100


def mail_configured() -> bool:
    return bool(settings.GONGKAI_SMTP_HOST)


class QueueingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            QueuedMail.objects.create(
                from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
                recipients=recipients,
                subject=str(message.subject)[:500],
                raw=message.message().as_bytes(linesep="\r\n"),
            )
            count += 1
        return count


def deliver_queued(batch: int = BATCH) -> int:
    """Hand waiting messages to the mail server; the number delivered. Stops at the first
    failure (the server is down or refuses us) and leaves the rest for the next run."""
    if not mail_configured():
        return 0
    waiting = list(QueuedMail.objects.filter(sent_at=None)[:batch])
    if not waiting:
        return 0
    connection = SmtpBackend(fail_silently=False)
    delivered = 0
    try:
        connection.open()
        for mail in waiting:
            connection.connection.sendmail(mail.from_email, mail.recipients, bytes(mail.raw))
            mail.sent_at = timezone.now()
            mail.save(update_fields=["sent_at"])
            delivered += 1
    except (smtplib.SMTPException, OSError) as error:
        failed = waiting[delivered]
        failed.attempts += 1
        failed.last_error = f"{type(error).__name__}: {error}"[:500]
        failed.save(update_fields=["attempts", "last_error"])
        # One line, no traceback: the server is an outside service, and the job runs again.
        logger.warning("邮件服务器 %s 发送失败，稍后重试：%s", settings.EMAIL_HOST, error)
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
    return delivered
