"""``{% load deadlines %}{% deadline_display deadline %}``: a due date as staff screens show it.

Every screen that shows a due date uses this tag, so that a provisional date always comes
with its warning and every date can be explained (“如何计算”, a ``<details>`` element that
works without JavaScript). ``details=False`` leaves the explanation out, for dense lists;
``public=True`` words the warning for a citizen, who cannot load a calendar and need not.
"""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.calendar.domain.deadlines import Deadline
from gongkai.calendar.domain.year_calendar import WEEKDAY_NAMES_ZH

register = template.Library()


@register.inclusion_tag("calendar/deadline_display.html")
def deadline_display(
    deadline: Deadline | None, details: bool = True, public: bool = False
) -> dict[str, Any]:
    if deadline is None:
        return {"deadline": None}
    due = deadline.due
    return {
        "deadline": deadline,
        "public": public,
        # Spelled out here rather than with the date filter, whose weekday follows the active
        # language: staff screens are Chinese whatever the browser asks for.
        "due_text": f"{due.year}年{due.month}月{due.day}日（{WEEKDAY_NAMES_ZH[due.weekday()]}）",
        "provisional_years": "、".join(str(year) for year in deadline.provisional_years),
        "explain": deadline.explain() if details else [],
    }
