"""Disclosure requests' indicators for the annual assessment
(docs/subsystems/assessment.md): 依申请按时答复率 and 被纠错 (复议、诉讼)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.assessment.measures import year_bounds
from gongkai.assessment.registry import EvidenceRow, Indicator, Kind, Measure, register_indicator

from .domain.states import State
from .models import Appeal, AppealResult, DisclosureRequest

# Requests that never reached an answer the unit owed: not yet accepted, withdrawn, or
# abandoned by the applicant (逾期不补正、不缴费).
_NOT_OWED = (State.SUBMITTED, State.WITHDRAWN, State.ABANDONED)


def _owed_in(year: int):
    first, last = year_bounds(year)
    return (
        DisclosureRequest.objects.filter(received_on__range=(first, last), due_on__isnull=False)
        .exclude(state__in=_NOT_OWED)
        .filter(Q(replied_on__isnull=False) | Q(due_on__lt=timezone.localdate()))
    )


_ON_TIME = Q(replied_on__lte=F("due_on"))


def _reply_compute(*, year: int, unit_ids: Sequence[int]) -> dict[int, Measure]:
    rows = (
        _owed_in(year)
        .filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(total=Count("id"), good=Count("id", filter=_ON_TIME))
    )
    return {r["unit_id"]: Measure(numerator=r["good"], denominator=r["total"]) for r in rows}


def _reply_evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    for r in _owed_in(year).filter(unit_id=unit_id).order_by("received_on", "id"):
        counted = r.replied_on is not None and r.replied_on <= r.due_on
        replied = f"{r.replied_on:%Y-%m-%d}答复" if r.replied_on else "至今未答复"
        yield EvidenceRow(
            label=r.tracking_no,  # the applicant's name and request text are personal data
            date=r.received_on,
            counted=counted,
            note=f"收到{r.received_on:%Y-%m-%d}，期限{r.due_on:%Y-%m-%d}，{replied}",
        )


def _decided_in(year: int):
    first, last = year_bounds(year)
    return Appeal.objects.filter(decided_on__range=(first, last)).exclude(
        result=AppealResult.PENDING
    )


def _corrected_compute(*, year: int, unit_ids: Sequence[int]) -> dict[int, Measure]:
    # No case decided is data too: nothing was corrected.
    found = {uid: Measure(numerator=0, denominator=0) for uid in unit_ids}
    rows = (
        _decided_in(year)
        .filter(request__unit_id__in=unit_ids)
        .values("request__unit_id")
        .annotate(total=Count("id"), corrected=Count("id", filter=Q(result=AppealResult.CORRECTED)))
    )
    for r in rows:
        found[r["request__unit_id"]] = Measure(numerator=r["corrected"], denominator=r["total"])
    return found


def _corrected_evidence(*, year: int, unit_id: int) -> Iterable[EvidenceRow]:
    cases = _decided_in(year).filter(request__unit_id=unit_id).select_related("request")
    for a in cases.order_by("decided_on", "id"):
        corrected = a.result == AppealResult.CORRECTED
        yield EvidenceRow(
            label=f"{a.request.tracking_no} {a.get_kind_display()} {a.case_number}".strip(),
            date=a.decided_on,
            counted=corrected,
            note=f"{a.decided_on:%Y-%m-%d}审结，{a.get_result_display()}",
        )


def register() -> None:
    register_indicator(
        Indicator(
            key="requests.on_time_reply",
            label=_("依申请按时答复率"),
            kind=Kind.RATE,
            module="requests",
            formula=_("本年收到的申请中，在答复期限内答复的件数 ÷ 已答复或已超过期限的件数"),
            compute=_reply_compute,
            evidence=_reply_evidence,
            advice=_("在条例第三十三条规定的期限内答复；需要延长的，经负责人同意并告知申请人。"),
        )
    )
    register_indicator(
        Indicator(
            key="requests.appeals_corrected",
            label=_("行政复议、诉讼被纠错"),
            kind=Kind.COUNT,
            module="requests",
            formula=_(
                "本年审结的政府信息公开行政复议、行政诉讼案件中结果被纠正的件数（输入：纠错件数/审结件数）"
            ),
            compute=_corrected_compute,
            evidence=_corrected_evidence,
            advice=_("对照被纠错案件的决定书或判决书，逐件整改答复程序和答复内容。"),
            higher_is_better=False,
        )
    )
