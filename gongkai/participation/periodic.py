"""Hourly: close the consultations whose end date has passed (the next day, at the latest an
hour after midnight); idempotent, as a closed consultation is never due again."""

from gongkai.core.periodic import periodic_job

from .services.consultations import consultations_close_due


@periodic_job(minutes=60, name="participation.close_consultations")
def close_consultations() -> None:
    consultations_close_due()
