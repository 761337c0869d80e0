"""Daily: remind the supervising office of annual reports falling due or overdue (条例第四十九条)."""

from gongkai.core.periodic import periodic_job

from .services import reminders_send


@periodic_job(minutes=24 * 60, name="reports.deadline_reminders")
def send_report_reminders() -> None:
    # Idempotent by construction (one reminder per unit, year, kind and due date).
    reminders_send()
