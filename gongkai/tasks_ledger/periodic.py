"""Daily: remind the accountable units of tasks whose deadline is near."""

from gongkai.core.periodic import periodic_job

from .services import reminders_send


@periodic_job(minutes=24 * 60, name="ledger.task_reminders")
def send_task_reminders() -> None:
    # Idempotent by construction (one reminder per task, unit and deadline).
    reminders_send()
