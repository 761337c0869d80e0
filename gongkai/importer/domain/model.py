"""What parsing returns: a `ParsedDocument` with its work-plan `Task` items."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from .dates import Recurrence

Disclosure = Literal["主动公开", "依申请公开", "不予公开"]
TitleRule = Literal["title_line", "metadata", "plan_title_line", "notice_quote"]
"""Where a title came from: the 关于……的通知 line of the head, a web page's 标题 line, the
standalone title line of the attached plan, or the 《》 of the notice's 印发/转发 sentence."""


@dataclass
class Task:
    """One tracked item of a work plan (工作台账 row).

    `number` is None for a paragraph that carries its own units but no number of its own
    (it then sits under the item whose `path` it shares).
    """

    number: str | None
    path: list[str]
    title: str
    text: str
    lead_units: list[str] = field(default_factory=list)
    responsible_units: list[str] = field(default_factory=list)
    deadline: date | None = None
    deadline_text: str | None = None
    recurrence: Recurrence | None = None
    """Set for recurring work (每季度), whose rounds fall due in the plan's year."""

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "path": list(self.path),
            "title": self.title,
            "text": self.text,
            "lead_units": list(self.lead_units),
            "responsible_units": list(self.responsible_units),
            "deadline": _iso(self.deadline),
            "deadline_text": self.deadline_text,
            "recurrence": _recurrence_json(self.recurrence),
        }


@dataclass
class ParsedDocument:
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    title: str | None = None
    title_rule: TitleRule | None = None
    date: date | None = None
    printed_date: date | None = None
    recipients: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    disclosure: Disclosure | None = None
    body: str = ""
    tasks: list[Task] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The document as JSON-ready data, in the shape `gongkai parse FILE --json` prints."""
        return {
            "doc_number": self.doc_number,
            "issuers": list(self.issuers),
            "title": self.title,
            "title_rule": self.title_rule,
            "date": _iso(self.date),
            "printed_date": _iso(self.printed_date),
            "recipients": list(self.recipients),
            "cc": list(self.cc),
            "disclosure": self.disclosure,
            "body": self.body,
            "tasks": [task.to_json() for task in self.tasks],
            "warnings": list(self.warnings),
        }


def _recurrence_json(recurrence: Recurrence | None) -> dict[str, Any] | None:
    if recurrence is None:
        return None
    return {"period": recurrence.period, "dates": [_iso(due) for due in recurrence.dates]}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
