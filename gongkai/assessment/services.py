"""Writes of the assessment: the scheme, entered scores, the 问题清单 and objections.

Each service checks the actor's role on the unit, validates everything before it writes, runs in
one transaction and writes one audit entry. ``actor=None`` is the platform itself (the demo,
a command run by the operator).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.file_kinds import MEGABYTE, SCANS_AND_OFFICE
from gongkai.core.models import Unit
from gongkai.core.permissions import require
from gongkai.core.uploads import check_upload

from . import registry, selectors
from .domain.scoring import Rule, RuleKind, number_text
from .domain.states import (
    ObjectionState,
    ProblemState,
    check_objection_decision,
    check_problem_transition,
)
from .models import (
    GROUP_KINDS,
    EnteredScore,
    Heading,
    Item,
    Objection,
    Problem,
    ProblemSource,
    Scheme,
)

EVIDENCE_KINDS = SCANS_AND_OFFICE
EVIDENCE_MAX_BYTES = 20 * MEGABYTE

# Which kind of figure each rule can score: a rate is scored linearly, a count by deduction.
_RULE_FOR_KIND = {
    registry.Kind.RATE: frozenset({RuleKind.LINEAR}),
    registry.Kind.COUNT: frozenset({RuleKind.DEDUCT}),
    registry.Kind.FLAG: frozenset({RuleKind.FLAG}),
}


def _require(actor, action: str, unit: Unit) -> None:
    if actor is not None:
        require(actor, action, unit)


def _store_evidence(actor, upload: UploadedFile | None, title: str):
    if upload is None:
        return None
    check_upload(upload, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
    return get_document_model().objects.create(
        title=title[:250], file=upload, uploaded_by_user=actor
    )


def _text(value: str, message: str) -> str:
    if not value.strip():
        raise DomainError(message)
    return value.strip()


@transaction.atomic
def scheme_create(
    *, actor, unit: Unit, year: int, title: str, full_score: Decimal = Decimal(100), basis: str = ""
) -> Scheme:
    _require(actor, "assessment.manage", unit)
    if not 2000 <= year <= 2100:
        raise DomainError("考核年度不正确。")
    if full_score <= 0:
        raise DomainError("满分必须大于0。")
    if Scheme.objects.filter(unit=unit, year=year).exists():
        raise DomainError(f"“{unit.name}”已有{year}年度的考核方案。")
    scheme = Scheme.objects.create(
        unit=unit,
        year=year,
        title=_text(title, "请填写考核方案名称。"),
        full_score=full_score,
        basis=basis.strip(),
    )
    audit_record(
        actor=actor,
        action="assessment.scheme_create",
        obj=scheme,
        changes={"year": year, "title": scheme.title, "full_score": full_score},
        unit=unit,
    )
    return scheme


def _check_editable(scheme: Scheme) -> None:
    """Schemes carry no published state: once the office has entered a score or a unit has
    objected, the results are in use, and changing an indicator or a weight would change figures
    already entered, objected to or sent out. From then on the scheme is fixed."""
    if (
        EnteredScore.objects.filter(item__scheme=scheme).exists()
        or Objection.objects.filter(item__scheme=scheme).exists()
    ):
        raise DomainError(f"“{scheme.title}”已开始评分（已有录入得分或异议），考核办法不能再修改。")


def scheme_editable(scheme: Scheme) -> bool:
    try:
        _check_editable(scheme)
    except DomainError:
        return False
    return True


@transaction.atomic
def heading_add(*, actor, scheme: Scheme, title: str) -> Heading:
    _require(actor, "assessment.manage", scheme.unit)
    _check_editable(scheme)
    heading = Heading.objects.create(
        scheme=scheme,
        title=_text(title, "请填写考核项目名称。"),
        order=scheme.headings.count() + 1,
    )
    audit_record(
        actor=actor,
        action="assessment.heading_add",
        obj=scheme,
        changes={"heading": heading.title},
        unit=scheme.unit,
    )
    return heading


def _checked_label(
    *,
    scheme: Scheme,
    rule: Rule,
    groups: Sequence[str],
    key: str,
    label: str,
    other_than: Item | None = None,
) -> str:
    """Check an indicator's rule, groups and key; its label (the indicator's own by default)."""
    rule.check()
    if not groups or any(g not in GROUP_KINDS for g in groups):
        raise DomainError("请选择该指标适用的单位类型（政府部门、乡镇（街道）或其他）。")
    if rule.kind is RuleKind.ENTERED:
        if key:
            raise DomainError("录入指标不对应计算指标。")
        label = _text(label, "请填写录入指标的名称。")
    else:
        indicator = registry.get_indicator(key)
        if indicator is None:
            raise DomainError(f"没有名为“{key}”的计算指标。")
        if rule.kind not in _RULE_FOR_KIND[indicator.kind]:
            raise DomainError(f"“{indicator.label}”不能用“{rule.describe()}”计分。")
        label = label.strip() or str(indicator.label)
    same = scheme.items.filter(key=key, label=label)
    if other_than is not None:
        same = same.exclude(pk=other_than.pk)
    if same.exists():
        raise DomainError(f"方案中已有指标“{label}”。")
    return label


@transaction.atomic
def item_add(
    *,
    actor,
    heading: Heading,
    rule: Rule,
    groups: Sequence[str],
    key: str = "",
    label: str = "",
    guidance: str = "",
) -> Item:
    """Add an indicator to a scheme: a registered one (``key``) or an entered one
    (``rule.kind`` ENTERED, ``label`` required)."""
    scheme = heading.scheme
    _require(actor, "assessment.manage", scheme.unit)
    _check_editable(scheme)
    label = _checked_label(scheme=scheme, rule=rule, groups=groups, key=key, label=label)
    item = Item.objects.create(
        scheme=scheme,
        heading=heading,
        order=heading.items.count() + 1,
        key=key,
        label=label,
        guidance=guidance.strip(),
        rule=rule.kind,
        max_points=rule.max_points,
        full_at=rule.full_at,
        zero_at=rule.zero_at,
        per_item=rule.per_item,
        cap=rule.cap,
        groups=sorted(set(groups)),
    )
    audit_record(
        actor=actor,
        action="assessment.item_add",
        obj=scheme,
        changes={
            "item": item.pk,
            "key": key,
            "label": label,
            "rule": rule.describe(),
            "groups": item.groups,
        },
        unit=scheme.unit,
    )
    return item


@transaction.atomic
def item_update(
    *, actor, item: Item, rule: Rule, groups: Sequence[str], label: str = "", guidance: str = ""
) -> Item:
    """Change an indicator's weight, rule, groups, label or guidance; its indicator (``key``)
    stays, and so does its kind: an entered indicator stays entered."""
    item = Item.objects.select_for_update().select_related("scheme__unit").get(pk=item.pk)
    scheme = item.scheme
    _require(actor, "assessment.manage", scheme.unit)
    _check_editable(scheme)
    if item.entered != (rule.kind is RuleKind.ENTERED):
        raise DomainError("录入指标和计算指标不能互相改换；请删除该指标后重新添加。")
    label = _checked_label(
        scheme=scheme, rule=rule, groups=groups, key=item.key, label=label, other_than=item
    )
    before = {
        "label": item.label,
        "rule": selectors.rule_of(item).describe(),
        "groups": item.groups,
    }
    item.label = label
    item.guidance = guidance.strip()
    item.rule = rule.kind
    item.max_points = rule.max_points
    item.full_at = rule.full_at
    item.zero_at = rule.zero_at
    item.per_item = rule.per_item
    item.cap = rule.cap
    item.groups = sorted(set(groups))
    item.save()
    audit_record(
        actor=actor,
        action="assessment.item_update",
        obj=scheme,
        changes={
            "item": item.pk,
            "before": before,
            "label": label,
            "rule": rule.describe(),
            "groups": item.groups,
        },
        unit=scheme.unit,
    )
    return item


@transaction.atomic
def item_remove(*, actor, item: Item) -> None:
    scheme = item.scheme
    _require(actor, "assessment.manage", scheme.unit)
    _check_editable(scheme)
    audit_record(
        actor=actor,
        action="assessment.item_remove",
        obj=scheme,
        changes={"item": item.pk, "key": item.key, "label": item.label},
        unit=scheme.unit,
    )
    item.delete()


@transaction.atomic
def scheme_copy(*, actor, source: Scheme, year: int, title: str) -> Scheme:
    """A new year's scheme starting from an earlier one: the same headings and indicators,
    weights, rules and groups; no scores, problems or objections."""
    _require(actor, "assessment.manage", source.unit)
    if not 2000 <= year <= 2100:
        raise DomainError("考核年度不正确。")
    if Scheme.objects.filter(unit=source.unit, year=year).exists():
        raise DomainError(f"“{source.unit.name}”已有{year}年度的考核方案。")
    scheme = Scheme.objects.create(
        unit=source.unit,
        year=year,
        title=_text(title, "请填写考核方案名称。"),
        full_score=source.full_score,
        basis=source.basis,
    )
    for old in source.headings.all():
        heading = Heading.objects.create(scheme=scheme, title=old.title, order=old.order)
        Item.objects.bulk_create(
            Item(
                scheme=scheme,
                heading=heading,
                order=i.order,
                key=i.key,
                label=i.label,
                guidance=i.guidance,
                rule=i.rule,
                max_points=i.max_points,
                full_at=i.full_at,
                zero_at=i.zero_at,
                per_item=i.per_item,
                cap=i.cap,
                groups=i.groups,
            )
            for i in old.items.all()
        )
    audit_record(
        actor=actor,
        action="assessment.scheme_copy",
        obj=scheme,
        changes={"year": year, "title": scheme.title, "copied_from": source.pk},
        unit=scheme.unit,
    )
    return scheme


def _in_scheme(scheme: Scheme, unit: Unit) -> None:
    if unit.pk == scheme.unit_id or not unit.path.startswith(scheme.unit.path):
        raise DomainError(f"“{unit.name}”不是“{scheme.title}”的考核对象。")


@transaction.atomic
def score_enter(
    *,
    actor,
    item: Item,
    unit: Unit,
    points: Decimal | None,
    note: str,
    not_applicable: bool = False,
    evidence: UploadedFile | None = None,
) -> EnteredScore:
    """Enter (or correct) a unit's points on an entered indicator, with the reason and
    evidence; every change is in the audit trail with the points before and after."""
    scheme = item.scheme
    _require(actor, "assessment.manage", scheme.unit)
    if not item.entered:
        raise DomainError("计算指标的得分由平台根据记录计算，不能录入；如有异议请走异议程序。")
    _in_scheme(scheme, unit)
    if unit.kind not in item.groups:
        raise DomainError(f"“{item.label}”不适用于“{unit.name}”这类单位。")
    note = _text(note, "请填写评分理由。")
    if not_applicable:
        points = None
    elif points is None or not (0 <= points <= item.max_points):
        raise DomainError(f"得分须在0至{number_text(item.max_points)}分之间。")
    evidence_file = _store_evidence(actor, evidence, f"{item.label}（{unit.name}佐证材料）")
    entry = EnteredScore.objects.filter(item=item, unit=unit).first()
    before = {"points": entry.points, "not_applicable": entry.not_applicable} if entry else {}
    if entry is None:
        entry = EnteredScore(item=item, unit=unit)
    entry.points = points
    entry.not_applicable = not_applicable
    entry.note = note
    if evidence_file is not None:
        entry.evidence_file = evidence_file
    entry.entered_by = actor if getattr(actor, "pk", None) else None
    entry.save()
    audit_record(
        actor=actor,
        action="assessment.score_enter",
        obj=entry,
        changes={
            "before": before,
            "points": points,
            "not_applicable": not_applicable,
            "note": note,
            "evidence_file": evidence_file.pk if evidence_file else None,
        },
        unit=unit,
    )
    return entry


@transaction.atomic
def problem_create(
    *,
    actor,
    scheme: Scheme,
    unit: Unit,
    title: str,
    deadline: date,
    found_on: date,
    source: str = ProblemSource.STAFF,
    detail: str = "",
) -> Problem:
    _require(actor, "assessment.manage", scheme.unit)
    _in_scheme(scheme, unit)
    if source not in ProblemSource.values:
        raise DomainError("问题来源不正确。")
    if deadline < found_on:
        raise DomainError("整改期限不能早于发现日期。")
    problem = Problem.objects.create(
        scheme=scheme,
        unit=unit,
        title=_text(title, "请填写问题。"),
        detail=detail.strip(),
        source=source,
        found_on=found_on,
        deadline=deadline,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="assessment.problem_create",
        obj=problem,
        changes={
            "title": problem.title,
            "deadline": deadline,
            "found_on": found_on,
            "source": source,
        },
        unit=unit,
    )
    return problem


@transaction.atomic
def problem_close(
    *,
    actor,
    problem: Problem,
    closed_on: date,
    proof: str,
    proof_upload: UploadedFile | None = None,
) -> Problem:
    """销号: the problem is fixed, with what was done and (optionally) a file to prove it."""
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    _require(actor, "assessment.rectify", problem.unit)
    check_problem_transition(ProblemState(problem.state), ProblemState.CLOSED)
    proof = _text(proof, "销号须写明整改情况。")
    if closed_on < problem.found_on or closed_on > timezone.localdate():
        raise DomainError("销号日期须在发现日期之后且不晚于今天。")
    proof_file = _store_evidence(actor, proof_upload, f"{problem.title[:60]}（整改佐证）")
    before = problem.state
    problem.state = ProblemState.CLOSED
    problem.closed_on = closed_on
    problem.proof = proof
    if proof_file is not None:
        problem.proof_file = proof_file
    problem.save()
    audit_record(
        actor=actor,
        action="assessment.problem_close",
        obj=problem,
        changes={
            "state": [before, problem.state],
            "closed_on": closed_on,
            "proof": proof,
            "proof_file": proof_file.pk if proof_file else None,
        },
        unit=problem.unit,
    )
    return problem


@transaction.atomic
def problem_reopen(*, actor, problem: Problem, rechecked_on: date, reason: str) -> Problem:
    """A re-check found the problem still there: it is open again and its 销号 no longer counts."""
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    _require(actor, "assessment.manage", problem.scheme.unit)
    check_problem_transition(ProblemState(problem.state), ProblemState.REOPENED)
    reason = _text(reason, "请写明复查未通过的原因。")
    if problem.closed_on and rechecked_on < problem.closed_on:
        raise DomainError("复查日期不能早于销号日期。")
    previous = problem.closed_on
    problem.state = ProblemState.REOPENED
    problem.reopened_on = rechecked_on
    problem.reopen_reason = reason
    problem.closed_on = None
    problem.save()
    audit_record(
        actor=actor,
        action="assessment.problem_reopen",
        obj=problem,
        changes={
            "state": [ProblemState.CLOSED, problem.state],
            "closed_on_before": previous,
            "reason": reason,
        },
        unit=problem.unit,
    )
    return problem


@transaction.atomic
def objection_file(*, actor, item: Item, unit: Unit, reason: str) -> Objection:
    _require(actor, "assessment.object", unit)
    _in_scheme(item.scheme, unit)
    if item.entered and not EnteredScore.objects.filter(item=item, unit=unit).exists():
        raise DomainError("该指标尚未评分，暂不能提出异议。")
    if unit.kind not in item.groups:
        raise DomainError(f"“{item.label}”不适用于本单位。")
    if Objection.objects.filter(item=item, unit=unit, state=ObjectionState.PENDING).exists():
        raise DomainError("本单位对该指标的异议尚在处理中。")
    objection = Objection.objects.create(
        item=item,
        unit=unit,
        reason=_text(reason, "请写明异议理由。"),
        filed_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="assessment.objection_file",
        obj=objection,
        changes={"item": item.pk, "reason": objection.reason},
        unit=unit,
    )
    return objection


@transaction.atomic
def objection_decide(
    *,
    actor,
    objection: Objection,
    upheld: bool,
    decision: str,
    corrected_points: Decimal | None = None,
) -> Objection:
    """The office's decision. Upheld: ``corrected_points`` (0 … max, or None for 不适用)
    replace the computed points for that unit; rejected: the computed figure stands."""
    objection = (
        Objection.objects.select_for_update()
        .select_related("item__scheme__unit")
        .get(pk=objection.pk)
    )
    item = objection.item
    _require(actor, "assessment.manage", item.scheme.unit)
    check_objection_decision(ObjectionState(objection.state))
    decision = _text(decision, "请填写处理意见。")
    if upheld:
        if corrected_points is not None and not (0 <= corrected_points <= item.max_points):
            raise DomainError(f"核定得分须在0至{number_text(item.max_points)}分之间。")
    else:
        corrected_points = None
    objection.state = ObjectionState.UPHELD if upheld else ObjectionState.REJECTED
    objection.decision = decision
    objection.corrected_points = corrected_points
    objection.decided_by = actor if getattr(actor, "pk", None) else None
    objection.decided_at = timezone.now()
    objection.save()
    audit_record(
        actor=actor,
        action="assessment.objection_decide",
        obj=objection,
        changes={
            "state": objection.state,
            "decision": decision,
            "corrected_points": corrected_points,
        },
        unit=objection.unit,
    )
    return objection
