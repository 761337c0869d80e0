"""Unit names as work plans write them, matched to the unit tree.

A plan names its units in many ways: the full name (平凉市人民政府办公室), the short name (市政府办),
a name of its own (市政务公开办), or a group (各县（市、区）人民政府, 市直各部门). Names are compared
after `normalise_name`, against every unit's full name, short name and the aliases staff have
mapped once (`UnitAlias`); such a mapping then applies to every later import.

Group names (集体名称) are recognised by `is_collective` and kept as written: they stand for
many units and no single unit can be put in their place, so they are not flagged as errors.
Every other name that matches no unit is kept as written and flagged for a person to map.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_BRACKETS = str.maketrans("()[]［］〔〕【】﹝﹞", "（）（）（）（）（）（）")
_SPACE = re.compile(r"\s+")

# 各…; …各部门 / 各直属机构; …有关部门 / 相关单位; 村（居）民委员会; 行业主管部门.
_COLLECTIVE = re.compile(
    r"^各|各(?:部门|单位|直属机构|成员单位)|(?:有关|相关)(?:部门|单位)|^(?:村|社区)（居）"
    r"|^行业主管部门$"
)


def normalise_name(name: str) -> str:
    """Without white space, with every kind of bracket as （）, so that 省委外宣办〔省政府新闻办〕
    and 省委外宣办（省政府新闻办） are one name."""
    return _SPACE.sub("", name).translate(_BRACKETS)


def is_collective(name: str) -> bool:
    return _COLLECTIVE.search(normalise_name(name)) is not None


def _common_depth(path: str, other: str) -> int:
    depth = 0
    for mine, theirs in zip(path.strip("/").split("/"), other.strip("/").split("/"), strict=False):
        if mine != theirs:
            break
        depth += 1
    return depth


@dataclass
class UnitNameIndex:
    """Every name a unit is known by → the units known by it, with their tree paths."""

    by_name: dict[str, dict[int, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, int, str]]) -> UnitNameIndex:
        """From (name, unit id, unit path) rows: full names, short names and aliases alike."""
        index = cls()
        for name, unit_id, path in entries:
            if name:
                index.by_name.setdefault(normalise_name(name), {})[unit_id] = path
        return index

    def resolve(self, name: str, near: str) -> int | None:
        """The unit meant by `name` in a plan issued by the unit at path `near`.

        Short names repeat across a province (every county has a 县政府办), so among several
        units of that name the one closest to the issuing unit in the tree is meant; two equally
        close ones leave the name unresolved.
        """
        candidates = self.by_name.get(normalise_name(name))
        if not candidates:
            return None
        if len(candidates) == 1:
            return next(iter(candidates))
        ranked = sorted(
            ((_common_depth(path, near), unit_id) for unit_id, path in candidates.items()),
            reverse=True,
        )
        if ranked[0][0] == ranked[1][0]:
            return None
        return ranked[0][1]


@dataclass(frozen=True)
class NameMatch:
    unit_ids: list[int]
    collective: list[str]
    unmatched: list[str]


def match_names(names: Iterable[str], index: UnitNameIndex, near: str) -> NameMatch:
    unit_ids: list[int] = []
    collective: list[str] = []
    unmatched: list[str] = []
    for name in names:
        unit_id = index.resolve(name, near)
        if unit_id is not None:
            if unit_id not in unit_ids:
                unit_ids.append(unit_id)
        elif is_collective(name):
            collective.append(name)
        else:
            unmatched.append(name)
    return NameMatch(unit_ids, collective, unmatched)
