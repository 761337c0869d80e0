"""Reads of messages and policy questions.

- ``visible_messages`` is the one rule for who sees a message with its contact: staff of the
  unit it is with (and of the units above, the supervising office included), nobody else.
- ``public_messages`` / ``public_questions`` are the one rule for what the public may read; the
  portal pages, search and the document page's 相关问答 all start from them.
- ``statistics`` counts in the database (one grouped query), as the figures of a county's
  million messages must come back in seconds.
- ``open_over_three_months`` and ``three_month_flags`` are what the supervision module reads
  for the 19号 veto (互动回应差): plain records, no contact data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from gongkai.calendar.selectors import current_calendar
from gongkai.core.models import Unit
from gongkai.core.permissions import scope, units_for
from gongkai.core.public_tracking import lookup_code_matches
from gongkai.documents.selectors import public_documents

from .domain.kinds import MessageKind, Satisfaction
from .domain.states import OPEN, State
from .domain.statistics import Counts
from .models import Message, MessageTransfer, PolicyQuestion, TransferKind

DUE_SOON_WORKING_DAYS = 1  # “due within 1 working day” (issue 15 queues)


def visible_messages(user, *, unit: Unit | None = None) -> QuerySet[Message]:
    messages = scope(Message.objects.select_related("unit"), user, "message.view")
    if unit is not None:
        messages = messages.filter(unit__path__startswith=unit.path)
    return messages


def find_by_reference(user, reference: str) -> Message | None:
    """The message a staff member may see whose number, or 12345 work-order number, is
    ``reference``: another module's record that names a message links to it."""
    reference = reference.strip()
    if not reference:
        return None
    return (
        visible_messages(user)
        .filter(Q(number=reference.upper()) | Q(hotline_number=reference))
        .order_by("pk")
        .first()
    )


def find_by_lookup(number: str, code: str) -> Message | None:
    """The citizen's own message: both the number and the private code must match."""
    message = Message.objects.select_related("unit").filter(number=number.strip().upper()).first()
    if message is None or not message.lookup_digest:
        return None
    return message if lookup_code_matches(message.lookup_digest, code) else None


# --- What the public may read ----------------------------------------------------------------


def public_messages(unit: Unit | None = None, *, subtree: bool = False) -> QuerySet[Message]:
    """Answered, valid messages published (through the gate) in 留言选登, newest answer first.
    A reopened message keeps its published answer until staff publish the new one."""
    messages = Message.objects.filter(published_at__isnull=False, answered_at__isnull=False)
    messages = messages.exclude(state=State.INVALID)
    if unit is not None:
        messages = (
            messages.filter(unit__path__startswith=unit.path)
            if subtree
            else messages.filter(unit=unit)
        )
    return messages.select_related("unit").order_by("-answered_at", "-id")


def published_questions() -> QuerySet[PolicyQuestion]:
    """Published policy questions, whatever their document's state: start from
    `public_questions` unless the document is known to be public."""
    return PolicyQuestion.objects.filter(published_at__isnull=False)


def public_questions(
    unit: Unit | None = None, *, document_id: int | None = None
) -> QuerySet[PolicyQuestion]:
    """Published policy questions whose document (and interpretation, when named) is public."""
    documents = public_documents()
    if document_id is not None:
        # One document's questions: test that one document, not the whole public register
        # (which costs a scan of every public document on each document page).
        documents = documents.filter(pk=document_id)
    questions = published_questions().filter(document__in=documents.values("pk"))
    if unit is not None:
        questions = questions.filter(unit__path__startswith=unit.path)
    return questions.select_related("unit", "document", "document__unit").order_by(
        "sort_order", "-published_at", "-id"
    )


# --- Queues ----------------------------------------------------------------------------------


def with_current_due(messages: QuerySet[Message]) -> QuerySet[Message]:
    """``current_due``: the day the unit must answer by now: the reopened round's due day while
    it runs, else the first; a hotline's own earlier time limit wins."""
    running = Coalesce("reopen_due_on", "due_on")
    return messages.annotate(current_due=Least(running, Coalesce("hotline_due_on", running)))


@dataclass(frozen=True)
class Queues:
    new: QuerySet
    due_soon: QuerySet
    overdue: QuerySet
    needs_routing: QuerySet
    handling: QuerySet
    reopened: QuerySet
    answered: QuerySet
    invalid: QuerySet


def queues(messages: QuerySet[Message], today: date) -> Queues:
    """The handler's work lists."""
    open_ = with_current_due(messages.filter(state__in=list(OPEN)))
    soon = current_calendar().add_workdays(today, DUE_SOON_WORKING_DAYS)
    return Queues(
        new=open_.filter(state=State.NEW).order_by("current_due", "received_at"),
        due_soon=open_.filter(current_due__gte=today, current_due__lte=soon).order_by(
            "current_due"
        ),
        overdue=open_.filter(current_due__lt=today).order_by("current_due"),
        needs_routing=open_.filter(state=State.NEW, unit_chosen=False)
        .exclude(transfers__isnull=False)
        .order_by("received_at"),
        handling=open_.filter(state=State.HANDLING).order_by("current_due"),
        reopened=open_.filter(reopened_at__isnull=False).order_by("current_due"),
        answered=messages.filter(state=State.ANSWERED).order_by("-answered_at"),
        invalid=messages.filter(state=State.INVALID).order_by("-closed_at"),
    )


def awaiting_other_unit(user) -> QuerySet[MessageTransfer]:
    """等待他单位签收: messages the user's units passed to a unit outside them that has not
    signed for them yet (the latest move of each: one returned meanwhile is back in the list of
    new messages)."""
    units = (units_for(user, "message.handle") | units_for(user, "message.route")).values("pk")
    latest = (
        MessageTransfer.objects.values("message_id").annotate(latest=Max("id")).values("latest")
    )
    return (
        MessageTransfer.objects.filter(pk__in=latest, from_unit__in=units)
        .exclude(kind=TransferKind.RETURN)
        .filter(message__state=State.NEW, message__unit=F("to_unit"))
        .exclude(to_unit__in=units)
        .select_related("message", "to_unit", "from_unit")
        .order_by("at")
    )


# --- Statistics ------------------------------------------------------------------------------


def _subtree_ids(unit: Unit | None) -> list[int] | None:
    if unit is None:
        return None
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def _period(unit: Unit | None, start: date, end: date) -> QuerySet[Message]:
    messages = Message.objects.filter(received_on__gte=start, received_on__lte=end)
    ids = _subtree_ids(unit)
    return messages if ids is None else messages.filter(unit_id__in=ids)


def _valid() -> Q:
    return ~Q(state=State.INVALID)


def _answered(on: date) -> Q:
    return Q(answered_on__lte=on)


def _unanswered(on: date) -> Q:
    return Q(answered_on__isnull=True) | Q(answered_on__gt=on)


def _over_three_months(on: date) -> Q:
    """Open three calendar months or more by ``on``: still open then, or answered only on or
    after the day the three months were up."""
    return Q(three_months_on__lte=on) & (
        Q(answered_on__isnull=True) | Q(answered_on__gte=F("three_months_on"))
    )


@dataclass(frozen=True)
class Statistics:
    unit: Unit | None
    start: date
    end: date
    on: date
    total: Counts
    by_kind: dict[MessageKind, Counts]

    def to_json(self) -> dict:
        return {
            **self.total.to_json(),
            "by_kind": {kind.value: counts.to_json() for kind, counts in self.by_kind.items()},
        }


def statistics(
    unit: Unit | None, start: date, end: date, *, on: date | None = None, satisfaction: bool = False
) -> Statistics:
    """Messages received in [start, end] in ``unit``'s subtree (all units for None), counted
    as of ``on`` (default today) in one grouped query (see `domain.statistics` for what each
    figure means). ``satisfaction`` adds the working days, ratings and resolution the public
    statistics page shows (they are read from the rows, not the index)."""
    on = on or timezone.localdate()
    valid, answered = _valid(), _valid() & _answered(on)
    unanswered = _valid() & _unanswered(on)
    figures = {
        "received": Count("pk", filter=valid),
        "answered": Count("pk", filter=answered),
        "answered_on_time": Count("pk", filter=answered & Q(answered_on__lte=F("due_on"))),
        "open": Count("pk", filter=unanswered),
        "open_overdue": Count("pk", filter=unanswered & Q(due_on__lt=on)),
        "over_three_months": Count("pk", filter=valid & _over_three_months(on)),
        "invalid": Count("pk", filter=Q(state=State.INVALID)),
    }
    if satisfaction:
        good = [Satisfaction.SATISFIED, Satisfaction.BASICALLY]
        figures |= {
            "answer_workdays": Sum("answer_workdays", filter=answered, default=0),
            "satisfied": Count("pk", filter=valid & Q(satisfaction__in=good)),
            "rated": Count("pk", filter=valid & ~Q(satisfaction="")),
            "resolved": Count("pk", filter=valid & Q(resolved=True)),
            "resolution_known": Count("pk", filter=valid & Q(resolved__isnull=False)),
        }
    # Aliased: an annotation named like a field (``resolved``) would shadow it in the filters.
    rows = (
        _period(unit, start, end)
        .order_by()
        .values("kind")
        .annotate(**{f"n_{name}": figure for name, figure in figures.items()})
    )
    by_kind = {kind: Counts() for kind in MessageKind}
    for row in rows:
        kind = MessageKind(row.pop("kind"))
        values = {name.removeprefix("n_"): value for name, value in row.items()}
        values["answered_late"] = values["answered"] - values["answered_on_time"]
        by_kind[kind] = Counts(**values)
    total = sum(by_kind.values(), Counts())
    return Statistics(unit, start, end, on, total, by_kind)


@dataclass(frozen=True)
class DetailRow:
    number: str
    kind: str
    received_at: str
    due_on: str
    answered_at: str | None
    on_time: bool | None


def statistics_detail(
    unit: Unit | None, start: date, end: date, *, on: date | None = None
) -> list[DetailRow]:
    """The valid messages behind `statistics`, oldest first; ``on_time`` is None while a
    message is unanswered as of ``on``."""
    on = on or timezone.localdate()
    rows = (
        _period(unit, start, end)
        .filter(_valid())
        .order_by("received_at", "id")
        .values_list("number", "kind", "received_at", "due_on", "answered_at", "answered_on")
    )
    detail = []
    for number, kind, received_at, due_on, answered_at, answered_on in rows.iterator():
        known = answered_on is not None and answered_on <= on
        detail.append(
            DetailRow(
                number,
                kind,
                timezone.localtime(received_at).isoformat(),
                due_on.isoformat(),
                timezone.localtime(answered_at).isoformat() if known else None,
                answered_on <= due_on if known else None,
            )
        )
    return detail


# --- The three-month veto (for the supervising office and the supervision module) -------------


@dataclass(frozen=True)
class ThreeMonthFlag:
    """A valid message left unanswered three calendar months or more (国办秘函〔2019〕19号)."""

    message_id: int
    number: str
    unit_id: int
    unit_name: str
    kind: str
    channel: str
    title: str
    received_on: date
    three_months_on: date
    answered_on: date | None  # None: still unanswered on the day asked about


def open_over_three_months_q(on: date) -> Q:
    """Valid messages still unanswered three calendar months or more on ``on`` (the veto item)."""
    return _valid() & _over_three_months(on) & _unanswered(on)


def three_month_flags(
    unit: Unit | None = None,
    *,
    on: date | None = None,
    received_from: date | None = None,
    open_only: bool = False,
) -> list[ThreeMonthFlag]:
    """Every valid message in ``unit``'s subtree (all units for None) that was or is unanswered
    three calendar months or more as of ``on`` (default today), oldest first. ``received_from``
    narrows it to messages received since then (the 19号 check looks at the year before the
    check day); ``open_only`` keeps those still unanswered on ``on``. No contact data."""
    on = on or timezone.localdate()
    messages = Message.objects.filter(_valid() & _over_three_months(on))
    if open_only:
        messages = messages.filter(_unanswered(on))
    if received_from is not None:
        messages = messages.filter(received_on__gte=received_from)
    if unit is not None:
        messages = messages.filter(unit__path__startswith=unit.path)
    rows = messages.order_by("received_on", "id").values_list(
        "pk",
        "number",
        "unit_id",
        "unit__name",
        "kind",
        "channel",
        "title",
        "received_on",
        "three_months_on",
        "answered_on",
    )
    return [
        ThreeMonthFlag(*row[:-1], row[-1] if row[-1] is not None and row[-1] <= on else None)
        for row in rows
    ]


def open_over_three_months(
    unit: Unit | None = None, *, on: date | None = None
) -> list[ThreeMonthFlag]:
    """The veto item as it stands on ``on``: valid messages still unanswered three months on."""
    return three_month_flags(unit, on=on, open_only=True)


# --- The supervising office's overview ---------------------------------------------------------


@dataclass(frozen=True)
class UnitLoad:
    unit: Unit
    open: int
    overdue: int
    over_three_months: int


def load_by_unit(units: QuerySet[Unit], today: date) -> list[UnitLoad]:
    """Open, overdue and three-month messages of each unit (its own, not its subtree's)."""
    rows = (
        with_current_due(Message.objects.filter(unit__in=units, state__in=list(OPEN)))
        .order_by()
        .values("unit_id")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(current_due__lt=today)),
            over_three_months=Count("pk", filter=Q(three_months_on__lte=today)),
        )
    )
    by_unit = {row["unit_id"]: row for row in rows}
    return [
        UnitLoad(
            unit,
            by_unit[unit.pk]["open"],
            by_unit[unit.pk]["overdue"],
            by_unit[unit.pk]["over_three_months"],
        )
        for unit in units.order_by("path")
        if unit.pk in by_unit
    ]
