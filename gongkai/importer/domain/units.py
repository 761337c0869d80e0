"""Who does a work-plan item and by when: 牵头单位, 责任单位 and 完成时限 annotations.

Work plans write them in three ways:

- labelled, inline: ``…公开。（牵头单位：省政府办公厅；责任单位：各市州政府；完成时限：2020年底前）``
- labelled, as block lines after the item: ``牵头单位：市政府政务公开办`` / ``责任单位：…``
- as a phrase with a role verb: ``（省审改办牵头落实）``, ``（省发展改革委、省财政厅分别牵头落实）``,
  ``（省政府有关部门负责落实）``, ``（省政府办公厅牵头，2020年12月底前完成）``.

牵头 makes a lead unit; 负责, 配合 and a bare 落实 make responsible units.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .dates import read_timing

_OPENING = "（〔【《“(["
_CLOSING = "）〕】》”)]"

_LABEL = re.compile(
    r"(?P<label>牵头单位|牵头部门|主办单位|责任单位|责任部门|配合单位|配合部门|协办单位|参与单位"
    r"|实施单位|完成时限|完成时间|时限要求|时间要求|时限)："
)
_LEAD_LABELS = frozenset({"牵头单位", "牵头部门", "主办单位"})
_DEADLINE_LABELS = frozenset({"完成时限", "完成时间", "时限要求", "时间要求", "时限"})

_LEAD_PHRASE = re.compile(r"(?P<units>.+?)(?:分别)?牵头(?:落实|负责|实施|办理)?")
_RESPONSIBLE_PHRASE = re.compile(
    r"(?P<units>.+?)(?:分别)?(?:负责落实|负责实施|负责|配合落实|配合|参与|落实|实施)"
)
_OPEN_ENDED = re.compile(r"持续|长期|常态|定期|年底|年内|月底|前$")

UNIT_NAME = re.compile(
    r"[\u4e00-\u9fff（）〔〕、]{1,40}"
    r"(?:厅|室|府|委员会|委|局|部|院|办|中心|会|署|处|站|所|队|组|行|司|馆|社|团|区|镇|乡|街道|村"
    r"|公司|学校|大学|集团|党委|党组|支部|单位|机构)"
)
_INLINE_LEAD = re.compile(
    r"由(?P<lead>[^，。；由]{2,40}?)牵头(?:，(?P<assisting>[^，。；]{2,80}?)(?:配合|参与|协助|协同))?"
)
# The subject of a sentence, right at its start: "各地、各部门要……".
# (The 要 of 主要, 重要, 需要 … is not the verb.)
_SUBJECT = re.compile(
    r"(?:^|(?<=[。；\n]))(?P<subject>[^，。；：“”《》\n]{2,40}?)(?<![主重需只必纲摘])要(?!求)"
)
# Groups of units written without a unit's ending: 各地, 各部门, 县级以上地方政府, 各级政府部门.
_COLLECTIVE = re.compile(
    r"各[\u4e00-\u9fff]{0,3}(?:地|部门|单位|乡镇|市州|县区|县市区)"
    r"|[\u4e00-\u9fff（）]{1,20}(?:部门|政府|机关)"
)
# "中、省驻平有关单位" and "各市、自治州人民政府" name one group of units whose first part
# shares the name's ending; such a short first part is not a unit by itself.
_SHARED_ENDING_PREFIX = 2


@dataclass
class Assignment:
    lead_units: list[str] = field(default_factory=list)
    responsible_units: list[str] = field(default_factory=list)
    deadline_text: str | None = None

    def merge(self, other: Assignment) -> None:
        self.lead_units = _unique(self.lead_units + other.lead_units)
        self.responsible_units = _unique(self.responsible_units + other.responsible_units)
        self.deadline_text = self.deadline_text or other.deadline_text


def split_top_level(text: str) -> list[str]:
    """A list of addressees: split on "，" (or "；"), and on "、" only if there is neither.

    "各市、自治州人民政府，兰州新区管委会" is two addressees, the first one shared by 各市 and 各自治州;
    "各乡（镇）人民政府、县直各部门" is two as well. Brackets are never split inside.
    """
    parts = _split(text, "，；")
    if len(parts) == 1:
        parts = _split_enumeration(text)
    return _unique([part.strip() for part in parts if part.strip()])


def split_units(text: str) -> list[str]:
    """Unit names in an annotation: split on "，", "、" and "；", never inside brackets."""
    units = []
    for group in _split(text, "，；"):
        units.extend(_tidy_unit(unit) for unit in _split_enumeration(group))
    return _unique([unit for unit in units if unit])


def _split_enumeration(text: str) -> list[str]:
    """Split on "、", keeping "中、省驻平有关单位" whole."""
    parts = []
    pending = ""
    for part in _split(text, "、"):
        part = part.strip()
        if pending:
            part = f"{pending}、{part}"
            pending = ""
        if len(part) <= _SHARED_ENDING_PREFIX and not UNIT_NAME.fullmatch(part):
            pending = part
        else:
            parts.append(part)
    if pending:
        parts.append(pending)
    return parts


def _tidy_unit(unit: str) -> str:
    unit = unit.strip(" 。")
    if unit.startswith("由") and len(unit) > 3:
        unit = unit[1:]
    # "省卫生健康委等" means "and others"; the name itself is 省卫生健康委.
    if unit.endswith("等") and len(unit) > 2:
        unit = unit[:-1]
    return unit


def units_in_text(text: str) -> Assignment:
    """Units that a task's own sentences name, for a task written without an annotation.

    Two forms are read: ``由市政务公开办牵头，市委网信办、市融媒体中心配合`` (a lead unit and
    the units that assist it), and a sentence whose subject is a list of units with 要:
    ``各地、各部门要……``, ``省司法厅要在2020年底前……``, which makes them responsible. A
    subject that is not made of unit names only (``主要负责同志要……``, ``同时，要……``) is no
    unit, and nor are units merely mentioned inside a sentence.
    """
    assignment = Assignment()
    for match in _INLINE_LEAD.finditer(text):
        lead = split_units(match["lead"])
        if not all(map(_is_unit, lead)):
            continue
        assignment.lead_units += lead
        assisting = split_units(match["assisting"] or "")
        if all(map(_is_unit, assisting)):
            assignment.responsible_units += assisting
    for match in _SUBJECT.finditer(text):
        # Split on every 顿号: a subject names whole units ("各地、各部门"), never a group
        # sharing one ending as 主送 lines do ("各市、自治州人民政府").
        subject = [_tidy_unit(unit) for unit in _split(match["subject"], "、")]
        if all(map(_is_unit, subject)):
            assignment.responsible_units += subject
    assignment.lead_units = _unique(assignment.lead_units)
    assignment.responsible_units = _unique(
        [unit for unit in assignment.responsible_units if unit not in assignment.lead_units]
    )
    return assignment


def _is_unit(name: str) -> bool:
    return UNIT_NAME.fullmatch(name) is not None or _COLLECTIVE.fullmatch(name) is not None


def parse_label_line(paragraph: str) -> Assignment | None:
    """A paragraph made only of labels, such as ``牵头单位：县政府办公室``."""
    if not _LABEL.match(paragraph):
        return None
    return _parse_labels(paragraph)


def split_trailing_annotation(paragraph: str, year: int | None) -> tuple[str, Assignment | None]:
    """The paragraph without its closing annotation, and what the annotation says."""
    stripped = paragraph.rstrip("。；; ")
    if not stripped.endswith("）"):
        return paragraph, None
    opening = _matching_opening(stripped)
    if opening is None:
        return paragraph, None
    content = stripped[opening + 1 : -1]
    labelled = _LABEL.match(content) is not None
    assignment = _parse_labels(content) if labelled else _parse_phrases(content, year)
    if assignment is None:
        return paragraph, None
    return stripped[:opening].rstrip(), assignment


def _parse_labels(text: str) -> Assignment | None:
    labels = list(_LABEL.finditer(text))
    if not labels:
        return None
    assignment = Assignment()
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        end = following.start() if following else len(text)
        value = text[label.end() : end].strip(" ；，。")
        value = _drop_unbalanced_closing(value)
        if not value:
            continue
        if label["label"] in _DEADLINE_LABELS:
            assignment.deadline_text = assignment.deadline_text or value
        elif label["label"] in _LEAD_LABELS:
            assignment.lead_units = _unique(assignment.lead_units + split_units(value))
        else:
            assignment.responsible_units = _unique(
                assignment.responsible_units + split_units(value)
            )
    return assignment


def _parse_phrases(text: str, year: int | None) -> Assignment | None:
    """``省发展改革委、省财政厅分别牵头落实``; ``省政府办公厅牵头，各市州政府负责``."""
    assignment = Assignment()
    pending: list[str] = []
    has_role = False
    for segment in _split(text, "，；"):
        segment = segment.strip()
        if not segment:
            continue
        lead = _LEAD_PHRASE.fullmatch(segment)
        responsible = _RESPONSIBLE_PHRASE.fullmatch(segment)
        if lead:
            # Units listed before a role phrase without their own verb share it.
            assignment.lead_units += pending + split_units(lead["units"])
        elif responsible:
            assignment.responsible_units += pending + split_units(responsible["units"])
        elif _is_time(segment, year):
            assignment.deadline_text = assignment.deadline_text or segment
            continue
        else:
            pending += split_units(segment)
            continue
        has_role = True
        pending = []
    if not has_role:
        return None
    assignment.responsible_units += pending
    assignment.lead_units = _unique(assignment.lead_units)
    assignment.responsible_units = _unique(assignment.responsible_units)
    return assignment


def _is_time(segment: str, year: int | None) -> bool:
    """``2020年12月底前完成``, ``每季度报送``, ``持续推进``: a time, not a unit."""
    timing = read_timing(segment, year)
    return bool(timing.deadline or timing.recurrence or _OPEN_ENDED.search(segment))


def _split(text: str, separators: str) -> list[str]:
    parts = []
    depth = 0
    start = 0
    for match in _special_characters(separators).finditer(text):
        char = match.group()
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts


@functools.cache
def _special_characters(separators: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(_OPENING + _CLOSING + separators) + "]")


def _matching_opening(text: str) -> int | None:
    """Index of the "（" that the final "）" of `text` closes."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char == "）":
            depth += 1
        elif char == "（":
            depth -= 1
            if depth == 0:
                return index
    return None


def _drop_unbalanced_closing(value: str) -> str:
    # "完成时限：2021年6月底前）" — a stray bracket left over from an edit of the source.
    while value and value[-1] in _CLOSING:
        opening = _OPENING[_CLOSING.index(value[-1])]
        if value.count(opening) >= value.count(value[-1]):
            break
        value = value[:-1].rstrip()
    return value


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
