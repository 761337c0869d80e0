"""Daily: remind the units of zone inspections due within the reminder period."""

from gongkai.core.periodic import periodic_job

from .services import inspection_reminders_send


@periodic_job(minutes=24 * 60, name="zones.inspection_reminders")
def send_inspection_reminders() -> None:
    # Idempotent by construction (one reminder per zone and due day).
    inspection_reminders_send()
