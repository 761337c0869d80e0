"""Daily check: warn in the log while a year that deadlines depend on has no holiday data."""

import logging

from gongkai.core.periodic import periodic_job

from .selectors import provisional_years_that_matter

log = logging.getLogger("gongkai.calendar")


@periodic_job(minutes=24 * 60, name="calendar.provisional_years")
def warn_about_provisional_years() -> None:
    # Only logs, so running it again or after a missed day does no harm.
    years = provisional_years_that_matter()
    if years:
        log.warning(
            "%s年的节假日安排尚未载入，相关期限为临时推算；请运行 gongkai calendar import FILE 载入。",
            "、".join(map(str, years)),
        )
