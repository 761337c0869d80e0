"""Daily: remind handlers of replies falling due and periods that ran out."""

from gongkai.core.periodic import periodic_job

from .reminders import reminders_send


@periodic_job(minutes=24 * 60, name="requests.reminders")
def send_request_reminders() -> None:
    # Idempotent by construction (one reminder per request, kind and date).
    reminders_send()
