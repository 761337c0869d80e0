"""Reads of disclosure requests. ``visible_requests`` is the one rule for who sees applicant
data: the handling unit's request handlers and the supervising office above it, nobody else.
The queues, checks and the applicant's own lookup are all here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from gongkai.calendar.selectors import current_calendar
from gongkai.core.models import Unit
from gongkai.core.permissions import scope
from gongkai.core.public_tracking import lookup_code_matches

from .domain.intake import same_information_key
from .domain.states import OPEN, PAUSED, State
from .models import DisclosureRequest

DUE_SOON_WORKING_DAYS = 5  # 到期前5个工作日提醒（platform default）
DEFAULT_VOLUME_FLAG = 10  # Art. 35 flag: more than the fee-free 10 requests in a month


def visible_requests(user, *, unit: Unit | None = None) -> QuerySet[DisclosureRequest]:
    qs = scope(DisclosureRequest.objects.select_related("unit", "handler"), user, "request.view")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs


def find_by_lookup(tracking_no: str, code: str) -> DisclosureRequest | None:
    """The applicant's own request: both the tracking number and the private code must match."""
    request = (
        DisclosureRequest.objects.select_related("unit")
        .filter(tracking_no=tracking_no.strip())
        .first()
    )
    if request is None or not lookup_code_matches(request.lookup_digest, code):
        return None
    return request


# --- Queues -------------------------------------------------------------------------------


def _due_soon_limit(today: date) -> date:
    return current_calendar().add_workdays(today, DUE_SOON_WORKING_DAYS)


@dataclass(frozen=True)
class Queues:
    submitted: QuerySet
    due_soon: QuerySet
    overdue: QuerySet
    awaiting_correction: QuerySet
    paused: QuerySet
    open: QuerySet


def queues(requests: QuerySet[DisclosureRequest], today: date) -> Queues:
    """The handler's work lists. Paused and awaiting-correction requests are never overdue:
    their clock is stopped or not yet restarted."""
    running = requests.filter(state__in=[State.RECEIVED, State.IN_HANDLING])
    return Queues(
        submitted=requests.filter(state=State.SUBMITTED).order_by("submitted_at"),
        due_soon=running.filter(due_on__gte=today, due_on__lte=_due_soon_limit(today)).order_by(
            "due_on"
        ),
        overdue=running.filter(due_on__lt=today).order_by("due_on"),
        awaiting_correction=requests.filter(state=State.CORRECTION_REQUESTED).order_by(
            "correction_until"
        ),
        paused=requests.filter(state__in=list(PAUSED)).order_by("updated_at"),
        open=requests.filter(state__in=list(OPEN)).order_by("due_on", "received_on"),
    )


# --- Checks (suggestions to the handler, never decisions) ---------------------------------


def _same_applicant(request: DisclosureRequest) -> Q:
    if request.id_number:
        return Q(id_number=request.id_number)
    return Q(applicant_name=request.applicant_name, phone=request.phone) & ~Q(applicant_name="")


def earlier_answers(request: DisclosureRequest) -> list[DisclosureRequest]:
    """Replies already given to the same applicant for the same information (第三十六条第（六）项
    suggests 不予重复处理)."""
    key = same_information_key(request.description)
    if not key:
        return []
    candidates = (
        DisclosureRequest.objects.filter(unit=request.unit, replied_on__isnull=False)
        .filter(_same_applicant(request))
        .exclude(pk=request.pk)
        .order_by("-replied_on")
    )
    return [c for c in candidates[:200] if same_information_key(c.description) == key]


def requests_this_month(request: DisclosureRequest) -> int:
    """The applicant's requests to this unit in the calendar month of this one, before it
    (the count the 按件 fee and the Art. 35 flag use)."""
    day = request.received_on or request.submitted_at.date()
    return (
        DisclosureRequest.objects.filter(unit=request.unit)
        .filter(_same_applicant(request))
        .filter(Q(received_on__year=day.year, received_on__month=day.month))
        .filter(Q(received_on__lt=day) | Q(received_on=day, pk__lt=request.pk))
        .count()
    )


def volume_flag(request: DisclosureRequest) -> bool:
    """Art. 35: the number of requests looks clearly beyond a reasonable range."""
    limit = getattr(settings, "GONGKAI_REQUEST_VOLUME_FLAG", DEFAULT_VOLUME_FLAG)
    return requests_this_month(request) + 1 > limit


def distinct_applicants_by_document() -> dict[int, int]:
    """Art. 44: for each document, how many distinct applicants asked for it."""
    rows = (
        DisclosureRequest.objects.filter(document__isnull=False)
        .exclude(state=State.SUBMITTED)
        .values("document_id")
        .annotate(
            applicants=Count("id_number", distinct=True, filter=~Q(id_number=""))
            + Count("applicant_name", distinct=True, filter=Q(id_number=""))
        )
    )
    return {row["document_id"]: row["applicants"] for row in rows}
