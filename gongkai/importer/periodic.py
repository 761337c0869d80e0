"""Daily: remove uploads of the admin import that were never confirmed."""

from gongkai.core.periodic import periodic_job

from .staging import discard_stale


@periodic_job(minutes=24 * 60, name="importer.discard_stale_uploads")
def discard_stale_uploads() -> None:
    # Only deletes what is old enough, so running it again does no harm.
    discard_stale()
