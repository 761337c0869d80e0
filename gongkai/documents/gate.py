"""The publication gate with its exceptions: the one check every module runs on its public
texts before it publishes, schedules or publishes again (the pure part is
``gongkai.core.domain.publication_gate``).

A module names its public fields (`PublicText`) and calls `check` to show what it finds (the
editor while drafting, the reviewers during review) and `refuse_unless_clean` where publication
happens, inside the publishing service's transaction, so that a refusal changes nothing.

Exceptions (发布检查例外, `CheckOverride` of kind ``personal_data``) are recorded per number and
unit by a reviewer (审核, 保密审查, 签发: ``document.override_check``) with a reason: from a
document's 发布前检查 page for the numbers it holds, or on the 发布检查例外 screen for a number
typed in (catalog content, reports and anything else published without a review of its own).
An exception recorded on a unit covers the units below it, as a role does. Numbers are matched
by a keyed hash (`fingerprint`), so the table never holds them; changing ``SECRET_KEY`` makes
every exception lapse (they then block again: the safe side).

The documents register lives here because every module that publishes sits above it
(core ← documents ← catalog, reports, messages …), and the exceptions began as its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.crypto import salted_hmac

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.personal_data import mask, scan
from gongkai.core.domain.publication_gate import (
    FieldFindings,
    GateResult,
    NumberKey,
    PublicText,
    check_public_texts,
    findings_message,
    number_key,
)
from gongkai.core.models import Unit
from gongkai.core.permissions import require

from .models import CheckOverride, OfficialDocument

OVERRIDE_ACTION = "document.override_check"
PERSONAL_DATA = "personal_data"
HOW_TO_CLEAR = (
    "请删除号码或脱敏（只保留前后几位）后再{action}；确属应当公开的号码（如公开的服务电话），"
    "请审核、保密审查或签发人员登记发布检查例外并写明理由。"
)


def fingerprint(kind: str, number: str) -> str:
    """The keyed hash an exception is found by; plain hashes of numbers this short (a mobile
    number has ten free digits) could be reversed by trying them all."""
    return salted_hmac(
        "gongkai.publication_gate", f"{kind}:{number}", algorithm="sha256"
    ).hexdigest()


def _unit_and_ancestors(unit: Unit) -> list[int]:
    return [int(i) for i in unit.path.strip("/").split("/") if i] or [unit.pk]


def exceptions_for(unit: Unit, keys: Iterable[NumberKey]) -> dict[NumberKey, CheckOverride]:
    """The exceptions recorded on ``unit`` or above it for the given numbers."""
    by_print = {fingerprint(kind, number): (kind, number) for kind, number in keys}
    if not by_print:
        return {}
    rows = CheckOverride.objects.filter(
        kind=PERSONAL_DATA,
        fingerprint__in=by_print,
        unit_id__in=_unit_and_ancestors(unit),
    ).select_related("by", "unit")
    return {by_print[row.fingerprint]: row for row in rows}


def check(*, unit: Unit, texts: Iterable[PublicText]) -> GateResult:
    """Scan the named public texts; numbers excepted for ``unit`` pass but are listed."""
    result = check_public_texts(texts)
    keys = {number_key(f) for field in result.fields for f in field.findings}
    excepted = frozenset(exceptions_for(unit, keys))
    return GateResult(result.fields, excepted)


def refusal(result: GateResult, *, action: str) -> str:
    """The Chinese sentence of a refusal: what blocks, field by field, and how to clear it."""
    return f"不能{action}：{findings_message(result.blocking)}。" + HOW_TO_CLEAR.format(
        action=action
    )


def refuse_unless_clean(*, unit: Unit, texts: Iterable[PublicText], action: str) -> GateResult:
    """Raise a `DomainError` naming every blocking finding (masked) by its field."""
    result = check(unit=unit, texts=texts)
    if not result.clean:
        raise DomainError(refusal(result, action=action))
    return result


def warning(result: GateResult) -> str:
    """What an editor is told after saving a draft that would not pass; "" if it would."""
    if result.clean:
        return ""
    return (
        f"发布前检查：{findings_message(result.blocking)}。签发、发布时将被拒绝；"
        + HOW_TO_CLEAR.format(action="发布")
    )


def exceptions_record(
    *,
    actor,
    unit: Unit,
    fields: Sequence[FieldFindings],
    reason: str,
    document: OfficialDocument | None = None,
) -> list[CheckOverride]:
    """One exception per distinct number in ``fields``. For services: the caller has checked
    `OVERRIDE_ACTION`, runs this in its transaction and writes the audit entry."""
    if not reason.strip():
        raise DomainError("登记例外须写明理由。")
    recorded: dict[NumberKey, CheckOverride] = {}
    for field in fields:
        for finding in field.findings:
            key = number_key(finding)
            if key in recorded:
                continue
            recorded[key] = CheckOverride.objects.create(
                document=document,
                unit=unit,
                kind=PERSONAL_DATA,
                number_kind=finding.kind,
                fingerprint=fingerprint(*key),
                # However it was written, people are shown the number in one form.
                masked=mask(finding.kind, finding.number),
                reason=reason.strip(),
                by=actor if getattr(actor, "pk", None) else None,
            )
    return list(recorded.values())


@transaction.atomic
def publication_exception_create(*, actor, unit: Unit, number: str, reason: str) -> CheckOverride:
    """A reviewer records that one number (typed as it is written) may be published by ``unit``
    and the units below it, e.g. a village committee's published contact line."""
    if actor is not None:
        require(actor, OVERRIDE_ACTION, unit)
    findings = scan(number.strip())
    if len(findings) != 1 or findings[0].value != number.strip():
        raise DomainError(
            "请输入一个完整的身份证号码、手机号码或银行卡号（可带空格、连字符或 +86），不要附加其他文字。"
        )
    key = number_key(findings[0])
    if key in exceptions_for(unit, [key]):
        raise DomainError(f"号码 {findings[0].masked} 已登记为本单位（或上级单位）的例外。")
    (override,) = exceptions_record(
        actor=actor,
        unit=unit,
        fields=[FieldFindings("", number, tuple(findings))],
        reason=reason,
    )
    audit_record(
        actor=actor,
        action="publication.exception_create",
        obj=override,
        changes={
            "kind": override.number_kind,
            "number": override.masked,
            "reason": override.reason,
        },
        unit=unit,
    )
    return override
