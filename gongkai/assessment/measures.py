"""Helpers for modules writing indicators: deadlines from the deadline engine as SQL
expressions, so a rate "done within n working days" stays one grouped query.

A working-day deadline depends on holidays and 调休, which the database does not know; but a
year has at most 366 start days, so the due day of each start day is computed once by
``gongkai.calendar`` and handed to the database as a ``CASE`` over the start field. The loop is
over the days of a year, never over records.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Case, DateField, Value, When
from django.db.models.expressions import Expression

from gongkai.calendar.selectors import deadline_for


def due_dates(rule_key: str, starts: Iterable[date]) -> dict[date, date]:
    """The due day of each start day under a rule of ``gongkai.calendar.domain.rules``."""
    return {start: deadline_for(rule_key, start).due for start in set(starts)}


def due_expression(rule_key: str, start_field: str, starts: Iterable[date]) -> Expression:
    """The due day of each row as an SQL expression over its ``start_field`` (NULL when the
    start is not among ``starts``)."""
    whens = [
        When(**{start_field: start}, then=Value(due))
        for start, due in sorted(due_dates(rule_key, starts).items())
    ]
    if not whens:
        return Value(None, output_field=DateField())
    return Case(*whens, default=Value(None), output_field=DateField())


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def admin_url(obj) -> str:
    """The record's page in the admin, where the drill-down links to; empty when the admin has
    none for its model."""
    from wagtail.admin.admin_url_finder import AdminURLFinder

    return AdminURLFinder().get_edit_url(obj) or ""
