"""Messages' indicators for the annual assessment (docs/subsystems/assessment.md):
留言按时答复率 and 超过3个月未回应的有效留言."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.assessment.measures import year_bounds
from gongkai.assessment.registry import EvidenceRow, Indicator, Kind, Measure, register_indicator

from .domain.states import State
from .models import Message


def _valid_received_in(year: int):
    first, last = year_bounds(year)
    return Message.objects.filter(received_on__range=(first, last)).exclude(state=State.INVALID)


def _owed_in(year: int):
    # Counted once answered, or once its reply day has passed unanswered.
    return _valid_received_in(year).filter(
        Q(answered_on__isnull=False) | Q(due_on__lt=timezone.localdate())
    )


def _reply_compute(*, year: int, unit_ids: Sequence[int]) -> dict[int, Measure]:
    rows = (
        _owed_in(year)
        .filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(total=Count("id"), good=Count("id", filter=Q(answered_on__lte=F("due_on"))))
    )
    return {r["unit_id"]: Measure(numerator=r["good"], denominator=r["total"]) for r in rows}


def _reply_evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    for m in _owed_in(year).filter(unit_id=unit_id).order_by("received_on", "id"):
        answered = f"{m.answered_on:%Y-%m-%d}答复" if m.answered_on else "至今未答复"
        yield EvidenceRow(
            label=m.number,  # the citizen's own words stay in the messages module
            date=m.received_on,
            counted=m.answered_on is not None and m.answered_on <= m.due_on,
            note=f"收到{m.received_on:%Y-%m-%d}，期限{m.due_on:%Y-%m-%d}，{answered}",
        )


def _unanswered_q() -> Q:
    return Q(three_months_on__lt=timezone.localdate()) & (
        Q(answered_on__isnull=True) | Q(answered_on__gt=F("three_months_on"))
    )


def _three_months_compute(*, year: int, unit_ids: Sequence[int]) -> dict[int, Measure]:
    found = {uid: Measure(numerator=0) for uid in unit_ids}  # none unanswered is data too
    rows = (
        _valid_received_in(year)
        .filter(_unanswered_q(), unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(n=Count("id"))
    )
    for r in rows:
        found[r["unit_id"]] = Measure(numerator=r["n"])
    return found


def _three_months_evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    late = _valid_received_in(year).filter(_unanswered_q(), unit_id=unit_id)
    for m in late.order_by("received_on", "id"):
        answered = f"{m.answered_on:%Y-%m-%d}才答复" if m.answered_on else "至今未答复"
        yield EvidenceRow(
            label=m.number,  # the citizen's own words stay in the messages module
            date=m.received_on,
            counted=True,
            note=f"收到{m.received_on:%Y-%m-%d}，{m.three_months_on:%Y-%m-%d}满3个月，{answered}",
        )


def register() -> None:
    register_indicator(
        Indicator(
            key="messages.on_time_reply",
            label=_("留言按时答复率"),
            kind=Kind.RATE,
            module="messages",
            formula=_("本年收到的有效留言中，在答复期限内答复的件数 ÷ 已答复或已过期限的件数"),
            compute=_reply_compute,
            evidence=_reply_evidence,
            advice=_("按留言类别的时限答复：咨询5个工作日、找错3个工作日、简单常见问题1个工作日。"),
        )
    )
    register_indicator(
        Indicator(
            key="messages.three_months_unanswered",
            label=_("超过3个月未回应的有效留言"),
            kind=Kind.COUNT,
            module="messages",
            formula=_("本年收到的有效留言中，满3个月仍未答复（或满3个月后才答复）的件数"),
            compute=_three_months_compute,
            evidence=_three_months_evidence,
            advice=_(
                "超过3个月未回应有效留言是政府网站检查的单项否决指标，须逐件答复并建立催办机制。"
            ),
            higher_is_better=False,
        )
    )
