"""The daily dumps of every dataset (``dumps.py``); rewriting them is idempotent."""

from gongkai.core.periodic import periodic_job

from .dumps import write_all


@periodic_job(minutes=24 * 60, name="api.dumps")
def write_daily_dumps() -> None:
    write_all()
