"""主动公开文件台账 (publication ledger) and the 每年复核 (yearly review) queue.

The ledger lists every 主动公开 document of a unit, published or not (应公开尽公开), with the
date it had to be online (条例第二十六条: 20 working days, rule ``publish``) and whether it was:
按时公开, 逾期公开 (with the working days late), 逾期未公开, or 待公开. A policy document's
interpretation is judged the same way against rule ``interpretation``, counted from the day the
document was published.

Counting starts on the day the information was formed or changed: the written date, or, for a
document the yearly review converted to 主动公开, the review date (``last_reviewed_on``; only the
review service sets it on a 主动公开 document). Otherwise a conversion would be overdue at once.

Due dates are computed in Python with one calendar, never stored: a holiday loaded later then
moves every due date of the ledger with it, and no holder has to recompute anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.conf import settings
from django.db.models import Count, Min, QuerySet
from django.db.models.functions import Coalesce

from gongkai.calendar.domain.deadlines import Deadline
from gongkai.calendar.domain.workdays import WorkdayCalendar
from gongkai.calendar.selectors import current_calendar, deadline_for
from gongkai.core.models import Unit
from gongkai.core.permissions import scope

from . import selectors
from .domain.attributes import Disclosure
from .models import OfficialDocument


class LedgerStatus(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    PENDING = "pending"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    LedgerStatus.ON_TIME: "按时公开",
    LedgerStatus.LATE: "逾期公开",
    LedgerStatus.OVERDUE: "逾期未公开",
    LedgerStatus.PENDING: "待公开",
}


@dataclass(frozen=True)
class Timeliness:
    status: LedgerStatus
    workdays_late: int = 0


def timeliness(
    *, due: date, published_on: date | None, today: date, calendar: WorkdayCalendar
) -> Timeliness:
    """Whether something due on ``due`` went out in time, as of ``today``.

    Published on the due day is on time; not yet published is pending up to and including the
    due day. Lateness counts the working days after the due day up to publication (or today).
    Published or still missing on a day off right after the due day is late all the same, and
    counts as one working day: the least lateness there is, never a puzzling "late by 0".
    """
    if published_on is not None:
        if published_on <= due:
            return Timeliness(LedgerStatus.ON_TIME)
        return Timeliness(LedgerStatus.LATE, max(1, calendar.workdays_between(due, published_on)))
    if today <= due:
        return Timeliness(LedgerStatus.PENDING)
    return Timeliness(LedgerStatus.OVERDUE, max(1, calendar.workdays_between(due, today)))


@dataclass(frozen=True)
class InterpretationTiming:
    deadline: Deadline
    published_on: date | None
    timeliness: Timeliness


@dataclass(frozen=True)
class LedgerRow:
    document: OfficialDocument
    counted_from: date
    deadline: Deadline
    timeliness: Timeliness
    interpretation: InterpretationTiming | None

    @property
    def converted_on(self) -> date | None:
        """The review date when counting starts there instead of at the written date."""
        return self.counted_from if self.counted_from != self.document.written_on else None

    @property
    def withdrawn(self) -> bool:
        return self.document.published_on is not None and not self.document.live

    @property
    def remarks(self) -> str:
        notes = []
        if converted := self.converted_on:
            notes.append(f"{converted:%Y-%m-%d}经复核转为主动公开，自该日起算")
        if self.withdrawn:
            notes.append("已撤下")
        return "；".join(notes)


@dataclass(frozen=True)
class StatusCounts:
    """One line of the summary: the documents counted from ``month`` (None: all of them)."""

    month: date | None
    counts: tuple[int, ...]  # in the order of LedgerStatus

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Ledger:
    rows: list[LedgerRow]
    months: list[StatusCounts]
    totals: StatusCounts


def ledger_documents(
    user, unit: Unit, *, subunits: bool = True, year: int | None = None
) -> QuerySet[OfficialDocument]:
    """The 主动公开 documents of ``unit`` (and its subtree) that ``user`` may see in the ledger,
    in the order the ledger lists them, with what the rows need annotated (no query per row)."""
    qs = scope(
        OfficialDocument.objects.filter(disclosure=Disclosure.PROACTIVE),
        user,
        "publication_ledger.view",
    )
    qs = qs.filter(unit__path__startswith=unit.path) if subunits else qs.filter(unit=unit)
    qs = qs.annotate(
        counted_from=Coalesce("last_reviewed_on", "written_on"),
        first_interpretation_on=Min("interpretations__published_on"),
        interpretation_count=Count("interpretations"),
    )
    if year is not None:
        qs = qs.filter(counted_from__year=year)
    return qs.select_related("unit").order_by("counted_from", "id")


def build_ledger(
    documents: Iterable[OfficialDocument],
    *,
    today: date,
    status: LedgerStatus | None = None,
    calendar: WorkdayCalendar | None = None,
) -> Ledger:
    """Rows of documents from `ledger_documents`, narrowed to ``status``, and the month summary.

    The summary counts every document whatever ``status`` is: it is the overview the list is a
    part of.
    """
    calendar = calendar or current_calendar()
    rows: list[LedgerRow] = []
    by_month: dict[date, Counter[LedgerStatus]] = {}
    for document in documents:
        row = _row(document, today, calendar)
        month = row.counted_from.replace(day=1)
        by_month.setdefault(month, Counter())[row.timeliness.status] += 1
        if status is None or row.timeliness.status == status:
            rows.append(row)
    months = [_status_counts(month, by_month[month]) for month in sorted(by_month)]
    totals = _status_counts(None, sum(by_month.values(), Counter()))
    return Ledger(rows, months, totals)


def _row(document: OfficialDocument, today: date, calendar: WorkdayCalendar) -> LedgerRow:
    counted_from = document.counted_from
    deadline = deadline_for("publish", counted_from, calendar=calendar)
    return LedgerRow(
        document,
        counted_from,
        deadline,
        timeliness(
            due=deadline.due, published_on=document.published_on, today=today, calendar=calendar
        ),
        _interpretation_timing(document, today, calendar),
    )


def _interpretation_timing(
    document: OfficialDocument, today: date, calendar: WorkdayCalendar
) -> InterpretationTiming | None:
    # Judged once the document is out, for policy documents (which must have one) and for any
    # document that has one; the first interpretation published is the one that counts.
    if document.published_on is None:
        return None
    if not (document.is_policy_document or document.interpretation_count):
        return None
    deadline = deadline_for("interpretation", document.published_on, calendar=calendar)
    published_on = document.first_interpretation_on
    return InterpretationTiming(
        deadline,
        published_on,
        timeliness(due=deadline.due, published_on=published_on, today=today, calendar=calendar),
    )


def _status_counts(month: date | None, counter: Counter[LedgerStatus]) -> StatusCounts:
    return StatusCounts(month, tuple(counter[status] for status in LedgerStatus))


# 条例第四十四条: information that several applicants asked for may be made 主动公开.
ART44_BASIS = "《政府信息公开条例》第四十四条"


def art44_threshold() -> int:
    return getattr(settings, "GONGKAI_ART44_APPLICANTS", 3)


@dataclass(frozen=True)
class ReviewItem:
    document: OfficialDocument
    requesters: int
    art44: bool  # suggested for conversion to 主动公开


def review_queue(unit: Unit, today: date) -> list[ReviewItem]:
    """每年复核 queue of ``unit``: documents due for review, those to convert under Art. 44 first.

    Only 依申请公开 documents are flagged: Art. 44 is about information that may be disclosed,
    which a 不予公开 document is not, however often it is asked for.
    """
    # Looked up on the module at call time, so the request module's data (and a test's
    # stand-in) is what counts.
    requesters = selectors.distinct_requesters_by_document()
    threshold = art44_threshold()
    items = [
        ReviewItem(
            document,
            requesters.get(document.pk, 0),
            document.disclosure == Disclosure.ON_REQUEST
            and requesters.get(document.pk, 0) >= threshold,
        )
        for document in selectors.documents_for_yearly_review(unit, today)
    ]
    return sorted(items, key=lambda item: not item.art44)
