"""Matching policies to enterprises: the rule, and the same rule for a whole register at once.

A policy matches an enterprise on a day when the day lies within the policy's validity (both
ends included; no end means open) and every criterion the policy states holds: the enterprise's
industry lies under one of the policy's classes, its size and subject type are among the
policy's, and its region lies in the subtree of one of the policy's regions. An empty list
states nothing (any value holds).

Regions are unit-tree paths (``/1/4/9/``): a unit's subtree is every path that starts with its
own, so the rule needs no database.

`PolicyIndex` answers the same question for many enterprises without looking at every policy
for each: the policies are indexed by criterion value as bit sets (one bit per policy), so an
enterprise's matches are the AND of four ORs over the few keys it has, and enterprises with the
same profile share one answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from . import industries


@dataclass(frozen=True)
class Criteria:
    """What a policy asks of an enterprise, and when it applies."""

    code: str
    industries: tuple[str, ...] = ()
    sizes: frozenset[str] = frozenset()
    region_paths: tuple[str, ...] = ()
    subject_types: frozenset[str] = frozenset()
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, day: date) -> bool:
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to


@dataclass(frozen=True)
class Profile:
    """What an enterprise is, as far as matching cares."""

    industry: str
    size: str
    region_path: str
    subject_type: str


def matches(policy: Criteria, profile: Profile, day: date) -> bool:
    return (
        policy.valid_on(day)
        and (
            not policy.industries
            or any(industries.covers(code, profile.industry) for code in policy.industries)
        )
        and (not policy.sizes or profile.size in policy.sizes)
        and (not policy.subject_types or profile.subject_type in policy.subject_types)
        and (
            not policy.region_paths
            or any(profile.region_path.startswith(path) for path in policy.region_paths)
        )
    )


def region_ancestors(path: str) -> tuple[str, ...]:
    """``/1/4/9/`` → ``/1/``, ``/1/4/``, ``/1/4/9/``: every unit whose subtree holds it."""
    ids = [part for part in path.strip("/").split("/") if part]
    return tuple("/" + "/".join(ids[: i + 1]) + "/" for i in range(len(ids)))


class PolicyIndex:
    """The policies valid on one day, indexed by criterion value for matching in bulk."""

    def __init__(self, policies: Iterable[Criteria], day: date) -> None:
        self.day = day
        valid = [p for p in policies if p.valid_on(day)]
        self.codes: list[str] = [p.code for p in valid]
        # For each criterion: the bits of the policies that state nothing (any value holds),
        # and the bits of the policies naming each value.
        self._any = {"industry": 0, "size": 0, "subject": 0, "region": 0}
        self._by: dict[str, defaultdict[str, int]] = {name: defaultdict(int) for name in self._any}
        for position, policy in enumerate(valid):
            bit = 1 << position
            for name, values in (
                ("industry", policy.industries),
                ("size", policy.sizes),
                ("subject", policy.subject_types),
                ("region", policy.region_paths),
            ):
                if not values:
                    self._any[name] |= bit
                for value in values:
                    self._by[name][value] |= bit
        self._answers: dict[tuple[str, str, str, str], tuple[str, ...]] = {}
        # Masks per industry code and per region path, shared by the profiles that have them.
        self._industry_masks: dict[str, int] = {}
        self._region_masks: dict[str, int] = {}

    def _mask(self, name: str, keys: Sequence[str]) -> int:
        found = self._any[name]
        table = self._by[name]
        for key in keys:
            found |= table.get(key, 0)
        return found

    def match(self, profile: Profile) -> tuple[str, ...]:
        """The codes of the policies matching ``profile``, in the order they were given."""
        return self.match_values(
            profile.industry, profile.size, profile.region_path, profile.subject_type
        )

    def match_values(
        self, industry: str, size: str, region_path: str, subject_type: str
    ) -> tuple[str, ...]:
        """`match` for a profile given as its four values (no object to build per row)."""
        key = (industry, size, region_path, subject_type)
        answer = self._answers.get(key)
        if answer is None:
            industry_mask = self._industry_masks.get(industry)
            if industry_mask is None:
                industry_mask = self._mask("industry", industries.prefixes(industry))
                self._industry_masks[industry] = industry_mask
            region_mask = self._region_masks.get(region_path)
            if region_mask is None:
                region_mask = self._mask("region", region_ancestors(region_path))
                self._region_masks[region_path] = region_mask
            mask = (
                industry_mask
                & region_mask
                & (self._any["size"] | self._by["size"].get(size, 0))
                & (self._any["subject"] | self._by["subject"].get(subject_type, 0))
            )
            answer = self._decode(mask)
            self._answers[key] = answer
        return answer

    def _decode(self, mask: int) -> tuple[str, ...]:
        codes = self.codes
        found = []
        while mask:
            low = mask & -mask
            found.append(codes[low.bit_length() - 1])
            mask ^= low
        return tuple(found)

    def coverage(self, profiles: Iterable[tuple[str, str, str, str]]) -> dict[str, int]:
        """How many of ``profiles`` (industry, size, region path, subject type) each policy
        reaches, policies reaching none included."""
        reached = dict.fromkeys(self.codes, 0)
        for profile in profiles:
            for code in self.match_values(*profile):
                reached[code] += 1
        return reached
