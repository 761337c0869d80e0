"""What a work plan is called: the plan a 印发 notice carries, not the notice."""

from __future__ import annotations

import re

_PRINTED_PLAN = re.compile(r"关于印发《?(?P<plan>.+?)》?(?:的通知)?$")


def plan_title(document_title: str) -> str:
    """``平凉市人民政府办公室关于印发平凉市2023年政务公开工作要点的通知`` → ``平凉市2023年政务公开
    工作要点``. A 转发 notice keeps its own title: its tasks are the notice's own items, not the
    forwarded document's."""
    match = _PRINTED_PLAN.search(document_title)
    return match["plan"] if match else document_title
