"""Domain errors of the working-day calendar and deadline engine.

Every error carries a Chinese message that can be shown as is to staff (and, for deadline
errors, to applicants). Callers catch `CalendarError` to handle both kinds; the `gongkai`
command maps it to exit code 2.
"""


class CalendarError(Exception):
    """Base of all calendar and deadline errors; `str(error)` is the Chinese message."""


class CalendarDataError(CalendarError):
    """Calendar data for a year (a calendar file or a `YearCalendar`) is invalid."""


class DeadlineError(CalendarError):
    """A deadline was asked for with arguments the rule does not allow."""
