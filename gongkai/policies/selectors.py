"""Reads of policies and enterprises. `public_policy_items` is the one rule for what the public
may see (published items); matching reads only those, and only confirmed enterprises."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from gongkai.core.models import Unit, UnitKind
from gongkai.core.permissions import scope
from gongkai.documents.selectors import public_documents, public_interpretations

from .domain.matching import Criteria, PolicyIndex, Profile
from .models import Enterprise, PolicyItem, PolicyState


def public_policy_items() -> QuerySet[PolicyItem]:
    return PolicyItem.objects.filter(state=PolicyState.PUBLISHED).select_related("unit")


def valid_on(day: date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def current_policy_items(day: date) -> QuerySet[PolicyItem]:
    return public_policy_items().filter(valid_on(day))


def registered_enterprises() -> QuerySet[Enterprise]:
    """The register: every enterprise but self-registrations not (yet) confirmed."""
    return Enterprise.objects.filter(confirmed_at__isnull=False)


def staff_policy_items(user, action: str = "policy.view") -> QuerySet[PolicyItem]:
    return scope(PolicyItem.objects.all(), user, action).select_related("unit")


def staff_enterprises(user, action: str = "enterprise.view") -> QuerySet[Enterprise]:
    return scope(Enterprise.objects.all(), user, action, unit_field="region").select_related(
        "region"
    )


def criteria_of(policies: Iterable[PolicyItem]) -> list[Criteria]:
    """The matching rule's view of ``policies`` (their regions read in one query)."""
    policies = list(policies)
    paths: dict[int, list[str]] = {p.pk: [] for p in policies}
    through = PolicyItem.regions.through.objects.filter(policyitem_id__in=paths)
    for policy_id, path in through.values_list("policyitem_id", "unit__path"):
        paths[policy_id].append(path)
    return [
        Criteria(
            code=p.code,
            industries=tuple(p.industries),
            sizes=frozenset(p.sizes),
            region_paths=tuple(paths[p.pk]),
            subject_types=frozenset(p.subject_types),
            valid_from=p.valid_from,
            valid_to=p.valid_to,
        )
        for p in policies
    ]


def policy_index(day: date) -> PolicyIndex:
    return PolicyIndex(criteria_of(current_policy_items(day).order_by("code")), day)


def profile_of(enterprise: Enterprise) -> Profile:
    return Profile(
        industry=enterprise.industry,
        size=enterprise.size,
        region_path=enterprise.region.path,
        subject_type=enterprise.subject_type,
    )


def matching_policy_items(profile: Profile, day: date) -> list[PolicyItem]:
    codes = policy_index(day).match(profile)
    by_code = current_policy_items(day).in_bulk(codes, field_name="code")
    return [by_code[code] for code in codes]


def match_all(day: date, enterprises: QuerySet[Enterprise] | None = None) -> dict[str, list[str]]:
    """``{uscc: [policy codes]}`` for every registered enterprise (or those given), on ``day``."""
    index = policy_index(day)
    # Region paths by id: one small query instead of a join on every enterprise row.
    paths = dict(Unit.objects.values_list("pk", "path"))
    rows = (enterprises if enterprises is not None else registered_enterprises()).values_list(
        "uscc", "industry", "size", "region_id", "subject_type"
    )
    match = index.match_values
    return {
        uscc: list(match(industry, size, paths[region], subject))
        for uscc, industry, size, region, subject in rows.order_by("uscc")
    }


def coverage(policies: QuerySet[PolicyItem], day: date) -> list[tuple[PolicyItem, int | None]]:
    """Each policy with how many registered enterprises it reaches on ``day`` (None when it is
    not published or not valid that day)."""
    index = policy_index(day)
    paths = dict(Unit.objects.values_list("pk", "path"))
    reached = index.coverage(
        (industry, size, paths[region], subject)
        for industry, size, region, subject in registered_enterprises().values_list(
            "industry", "size", "region_id", "subject_type"
        )
    )
    return [(p, reached.get(p.code)) for p in policies]


# The units that are places (a government's territory, a township, a village); a department
# has no territory of its own for an enterprise to be in.
REGION_KINDS = (UnitKind.GOVERNMENT, UnitKind.TOWNSHIP, UnitKind.VILLAGE)


def region_units() -> QuerySet[Unit]:
    """The units an enterprise or a policy may name as its region."""
    return Unit.objects.filter(is_active=True, kind__in=REGION_KINDS).order_by("path")


def public_sources(policy: PolicyItem) -> tuple[list, list]:
    """The policy's source documents and interpretations the public may read."""
    documents = list(public_documents().filter(pk__in=policy.documents.values("pk")))
    interpretations = list(
        public_interpretations().filter(pk__in=policy.interpretations.values("pk"))
    )
    return documents, interpretations
