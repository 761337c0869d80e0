"""Reads of the assessment: a scheme's scores, computed from the registered indicators.

Nothing computed is stored: ``scheme_results`` asks each indicator of the scheme for the
figures of all the units it applies to (one grouped query each), then adds the office's entered
scores and upheld objections (one query each), so a whole province is a few dozen queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from gongkai.core.models import Unit, UnitKind

from . import registry
from .domain.scoring import (
    Line,
    Rule,
    RuleKind,
    effective_max,
    points_for,
    rank,
    rate_of,
    total_score,
)
from .domain.states import ObjectionState
from .models import GROUP_KINDS, EnteredScore, Item, Objection, Problem, Scheme


def rule_of(item: Item) -> Rule:
    return Rule(
        kind=RuleKind(item.rule),
        max_points=item.max_points,
        full_at=item.full_at,
        zero_at=item.zero_at,
        per_item=item.per_item,
        cap=item.cap,
    )


@dataclass
class IndicatorResult:
    item: Item
    label: str
    key: str  # the registered key, or "entered.<item id>"
    formula: str
    rule: str
    value: Decimal | None  # the rate, count or flag; entered: the points given
    numerator: int | None
    denominator: int | None
    evidence_count: int
    points: Decimal | None  # None: 不适用
    max_points: Decimal
    weighted_max: Decimal | None = None  # full marks after redistribution
    note: str = ""  # why (entered reason, objection decision)
    overridden: bool = False  # an upheld objection set the points
    advice: str = ""

    @property
    def applicable(self) -> bool:
        return self.points is not None

    @property
    def lost(self) -> Decimal:
        if self.points is None:
            return Decimal(0)
        return self.max_points - self.points


@dataclass
class UnitResult:
    unit: Unit
    group: str
    indicators: list[IndicatorResult] = field(default_factory=list)
    score: Decimal | None = None
    rank: int | None = None
    last_year: Decimal | None = None

    @property
    def change(self) -> Decimal | None:
        if self.score is None or self.last_year is None:
            return None
        return self.score - self.last_year


@dataclass
class SchemeResults:
    scheme: Scheme
    units: list[UnitResult]

    def groups(self) -> list[tuple[str, str, list[UnitResult]]]:
        """(kind, label, units ranked) per group of units, in GROUP_KINDS order."""
        out = []
        for kind in GROUP_KINDS:
            members = [u for u in self.units if u.group == kind]
            if members:
                members.sort(key=lambda u: (u.rank is None, u.rank or 0, u.unit.sort_order))
                out.append((kind.value, str(UnitKind(kind).label), members))
        return out


def assessed_units(scheme: Scheme, unit: Unit | None = None) -> QuerySet[Unit]:
    """The units a scheme scores: the active units of the kinds its indicators apply to, below
    the assessing unit."""
    kinds = {g for item in scheme.items.all() for g in item.groups}
    units = (
        Unit.objects.filter(path__startswith=scheme.unit.path, is_active=True, kind__in=kinds)
        .exclude(pk=scheme.unit_id)
        .order_by("kind", "sort_order", "code")
    )
    if unit is not None:
        units = units.filter(pk=unit.pk)
    return units


def _value(indicator: registry.Indicator, measure: registry.Measure) -> Decimal | None:
    if indicator.kind is registry.Kind.RATE:
        return rate_of(measure.numerator, measure.denominator)
    return Decimal(measure.numerator)


def scheme_results(
    scheme: Scheme, *, unit: Unit | None = None, compare: bool = True
) -> SchemeResults:
    items = list(scheme.items.select_related("heading").order_by("heading__order", "order", "id"))
    units = list(assessed_units(scheme, unit))
    by_kind: dict[str, list[int]] = defaultdict(list)
    for u in units:
        by_kind[u.kind].append(u.pk)
    entered = {
        (e.item_id, e.unit_id): e
        for e in EnteredScore.objects.filter(item__scheme=scheme, unit__in=[u.pk for u in units])
    }
    upheld = {
        (o.item_id, o.unit_id): o
        for o in Objection.objects.filter(
            item__scheme=scheme, state=ObjectionState.UPHELD, unit__in=[u.pk for u in units]
        ).order_by("decided_at")
    }
    measures: dict[int, dict[int, registry.Measure]] = {}
    for item in items:
        indicator = registry.get_indicator(item.key) if item.key else None
        if indicator is not None:
            ids = [pk for g in item.groups for pk in by_kind.get(g, [])]
            measures[item.pk] = (
                dict(indicator.compute(year=scheme.year, unit_ids=ids)) if ids else {}
            )

    results = []
    for u in units:
        result = UnitResult(unit=u, group=u.kind)
        for item in items:
            if u.kind not in item.groups:
                continue
            result.indicators.append(_line(item, u, measures, entered, upheld))
        lines = [Line(max_points=i.max_points, points=i.points) for i in result.indicators]
        result.score = total_score(lines, scheme.full_score)
        for line, weighted in zip(
            result.indicators, effective_max(lines, scheme.full_score), strict=True
        ):
            line.weighted_max = weighted
        results.append(result)
    for kind in GROUP_KINDS:
        ranks = rank((r.unit.pk, r.score) for r in results if r.group == kind)
        for r in results:
            if r.group == kind:
                r.rank = ranks.get(r.unit.pk)
    if compare:
        previous = Scheme.objects.filter(unit=scheme.unit, year=scheme.year - 1).first()
        if previous is not None:
            last = {
                r.unit.pk: r.score for r in scheme_results(previous, unit=unit, compare=False).units
            }
            for r in results:
                r.last_year = last.get(r.unit.pk)
    return SchemeResults(scheme=scheme, units=results)


def _line(item, unit, measures, entered, upheld) -> IndicatorResult:
    rule = rule_of(item)
    indicator = registry.get_indicator(item.key) if item.key else None
    line = IndicatorResult(
        item=item,
        label=item.label,
        key=item.key or f"entered.{item.pk}",
        formula=str(indicator.formula) if indicator else item.guidance,
        rule=rule.describe(),
        value=None,
        numerator=None,
        denominator=None,
        evidence_count=0,
        points=None,
        max_points=item.max_points,
        advice=str(indicator.advice) if indicator else item.guidance,
    )
    if item.entered:
        entry = entered.get((item.pk, unit.pk))
        if entry is None:
            line.points = Decimal(0)
            line.note = "未录入得分"
        else:
            line.value = entry.points
            line.points = None if entry.not_applicable else entry.points
            line.evidence_count = 1 if entry.evidence_file_id else 0
            line.note = entry.note
    elif indicator is None:
        line.note = f"计算指标“{item.key}”未注册，按不适用处理"
    else:
        measure = measures[item.pk].get(unit.pk)
        if measure is not None:
            line.numerator = measure.numerator
            line.denominator = measure.denominator
            line.evidence_count = measure.evidence_count
            line.value = _value(indicator, measure)
            line.points = points_for(rule, line.value)
        if line.points is None:
            line.note = "无相关记录，不适用"
    objection = upheld.get((item.pk, unit.pk))
    if objection is not None:
        line.points = objection.corrected_points
        line.overridden = True
        line.note = f"异议成立：{objection.decision}"
    return line


def scheme_for(year: int, unit: Unit | None = None) -> Scheme | None:
    """The scheme of a year: the assessing unit's, else the one nearest the root."""
    schemes = Scheme.objects.filter(year=year).select_related("unit")
    if unit is not None:
        schemes = schemes.filter(unit=unit)
    return schemes.order_by("unit__depth", "unit__sort_order").first()


def problems(scheme: Scheme, unit: Unit | None = None) -> QuerySet[Problem]:
    qs = Problem.objects.filter(scheme=scheme).select_related("unit")
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs


def objections(scheme: Scheme, unit: Unit | None = None) -> QuerySet[Objection]:
    qs = Objection.objects.filter(item__scheme=scheme).select_related("item", "unit")
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs
