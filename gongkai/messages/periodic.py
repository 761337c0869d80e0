"""Daily: reminders of messages falling due, overdue or unanswered three months."""

from gongkai.core.periodic import periodic_job

from .reminders import reminders_send


@periodic_job(minutes=24 * 60, name="interaction.reminders")
def send_message_reminders() -> None:
    # Idempotent by construction (one reminder per message, kind and day).
    reminders_send()
