"""行政复议 and 行政诉讼 against the handling of a request (annual report table 四): recording a
case and keeping its result up to date. Each write checks ``appeal.record`` on the request's
unit, validates the whole record first and writes one audit entry in one transaction.

The historical import (`case_import.appeals_import`) keys appeals by request and kind, so a
request holds at most one case of each kind here too; a later result updates that case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.permissions import require

from .models import Appeal, AppealKind, AppealResult, DisclosureRequest


@dataclass(frozen=True)
class AppealFacts:
    """What a person enters about a case; checked by `check_appeal` before anything is saved."""

    authority: str = ""
    case_number: str = ""
    filed_on: date | None = None
    result: str = AppealResult.PENDING
    decided_on: date | None = None
    note: str = ""


def check_appeal(
    kind: str,
    facts: AppealFacts,
    *,
    today: date,
    review_filed_on: date | None,
    has_review: bool,
) -> None:
    """The rules of one case record, without the database.

    ``has_review``/``review_filed_on``: whether the request already has a 行政复议 case and when
    it was filed; a lawsuit after review needs one (and cannot be filed before it).
    """
    if kind not in AppealKind.values:
        raise DomainError("请选择案件类型（行政复议或行政诉讼）。")
    if facts.result not in AppealResult.values:
        raise DomainError("请选择案件结果。")
    if facts.filed_on is None:
        raise DomainError("请填写提起日期。")
    if facts.filed_on > today:
        raise DomainError("提起日期不能晚于今天。")
    if facts.result == AppealResult.PENDING:
        if facts.decided_on is not None:
            raise DomainError("尚未审结的案件不应填写审结日期。")
    else:
        if facts.decided_on is None:
            raise DomainError("已审结的案件须填写审结日期。")
        if facts.decided_on < facts.filed_on:
            raise DomainError("审结日期不能早于提起日期。")
        if facts.decided_on > today:
            raise DomainError("审结日期不能晚于今天。")
    if kind == AppealKind.LAWSUIT_AFTER_REVIEW:
        if not has_review:
            raise DomainError(
                "该申请尚无行政复议记录；复议后起诉的，请先登记行政复议案件，"
                "未经复议的请选择“行政诉讼（未经复议直接起诉）”。"
            )
        if review_filed_on is not None and facts.filed_on < review_filed_on:
            raise DomainError("复议后提起行政诉讼的日期不能早于行政复议的提起日期。")


def _check(request: DisclosureRequest, kind: str, facts: AppealFacts) -> None:
    review = request.appeals.filter(kind=AppealKind.REVIEW).first()
    check_appeal(
        kind,
        facts,
        today=timezone.localdate(),
        review_filed_on=review.filed_on if review else None,
        has_review=review is not None,
    )


def _cleaned(facts: AppealFacts) -> dict[str, object]:
    return {
        "authority": facts.authority.strip(),
        "case_number": facts.case_number.strip(),
        "filed_on": facts.filed_on,
        "result": facts.result,
        "decided_on": facts.decided_on,
        "note": facts.note.strip(),
    }


@transaction.atomic
def appeal_record(*, actor, request: DisclosureRequest, kind: str, facts: AppealFacts) -> Appeal:
    """Record a new 行政复议 or 行政诉讼 case against the request."""
    request = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    require(actor, "appeal.record", request.unit)
    _check(request, kind, facts)
    if request.appeals.filter(kind=kind).exists():
        raise DomainError(f"该申请已有“{AppealKind(kind).label}”案件记录，结果变化请修改原记录。")
    appeal = Appeal.objects.create(request=request, kind=kind, **_cleaned(facts))
    audit_record(
        actor=actor,
        action="appeal.record",
        obj=appeal,
        unit=request.unit,
        changes={"kind": [None, kind], "result": [None, appeal.result]},
    )
    return appeal


@transaction.atomic
def appeal_update(*, actor, appeal: Appeal, facts: AppealFacts) -> Appeal:
    """Change a case's details or result (e.g. 尚未审结 → 结果维持 with its date)."""
    appeal = Appeal.objects.select_for_update().select_related("request__unit").get(pk=appeal.pk)
    request = appeal.request
    require(actor, "appeal.record", request.unit)
    _check(request, appeal.kind, facts)
    if appeal.kind == AppealKind.REVIEW and facts.filed_on is not None:
        later = request.appeals.filter(
            kind=AppealKind.LAWSUIT_AFTER_REVIEW, filed_on__lt=facts.filed_on
        )
        if later.exists():
            raise DomainError("行政复议的提起日期不能晚于复议后提起行政诉讼的日期。")
    new = _cleaned(facts)
    changes = {
        name: [_text(getattr(appeal, name)), _text(value)]
        for name, value in new.items()
        if getattr(appeal, name) != value
    }
    for name, value in new.items():
        setattr(appeal, name, value)
    appeal.save()
    audit_record(
        actor=actor, action="appeal.update", obj=appeal, unit=request.unit, changes=changes
    )
    return appeal


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)
