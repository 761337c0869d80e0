"""Work-plan tasks (工作台账 rows) from the numbered items of a document.

The paragraphs are first grouped into *blocks*: a numbered item with the paragraphs that
continue it, or a paragraph without a number. Which blocks are tasks:

1. A block that carries an assignment (lead or responsible units, or a deadline) is a task.
   An assignment closes its block: the next unnumbered paragraph starts a block of its own,
   because work plans often list several assigned paragraphs under one numbered item
   (``（一）…`` then two paragraphs each ending in ``（…牵头落实）``). Such a block has no
   `number` and shares the `path` of the item it sits under.
2. In a document that uses assignments, a numbered leaf item without one is a task only
   under a section whose heading names tasks (``二、重点工作任务``) or safeguards
   (``四、切实强化公开保障``, ``保障措施``), so that 总体要求 items are not: safeguards are
   work too, written inline (``由市政务公开办牵头，市委网信办、市融媒体中心配合``).
3. A document without any assignment (a 转发 notice listing 一、二、三、 requests) has its
   numbered leaf items as tasks, except under descriptive sections (指导思想, 工作目标 …).

Under rules 2 and 3 an item must also say something: a numbered line without a full stop is
a title, not a task. A list of attachments (``附件：`` and its numbered titles) closes the
items above it.

A task without an assignment takes its units from its text (`units.units_in_text`), and a
task without a 完成时限 its time: the latest deadline its text sets (``年内至少召开一次``,
``2020年底前完成``) and the first recurrence (``每季度应向社会公开``), in the plan's year.

Where an item's number was lost to garbled text and the numbers before and after it leave
exactly one gap, the missing number is filled in and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import Timing, find_timings, read_timing
from .garbled import SENTINEL
from .model import Task
from .outline import Numbering, match_numbering, numbering_after
from .units import Assignment, parse_label_line, split_trailing_annotation, units_in_text

_TASK_SECTION = re.compile(r"任务|保障(?:措施|机制)?$")
_DESCRIPTIVE_SECTION = re.compile(r"指导思想|总体要求|总体目标|工作目标|主要目标|基本原则|适用范围")
# A numbered item that is only a heading ("（一）进一步推进权力清单公开。") takes the paragraphs
# after it as its text; a longer item is complete in itself.
_HEADING_LENGTH = 40
# How many paragraphs ahead the next item number is looked for when one was lost.
_INFERENCE_REACH = 30
_ATTACHMENTS = re.compile(r"附(?:件\s*\d*)?：")


@dataclass(frozen=True)
class _Paragraph:
    """A paragraph read once: its number, and an assignment at its end or as its whole."""

    text: str
    """Without its number and without its closing annotation."""
    numbering: Numbering | None
    labels: Assignment | None
    """Set when the paragraph is a block line such as ``牵头单位：…``."""
    assignment: Assignment | None


@dataclass
class _Block:
    numbering: Numbering | None
    path: list[str]
    paragraphs: list[str]
    headings: list[str]
    """Titles of the items this block sits under, outermost first."""
    assignment: Assignment | None = None
    children: int = 0

    @property
    def heading_only(self) -> bool:
        text = self.paragraphs[0] if self.paragraphs else ""
        return len(self.paragraphs) == 1 and len(text) <= _HEADING_LENGTH and text.count("。") <= 1


@dataclass
class _Outline:
    """The open items above the current paragraph, one per numbering rank."""

    stack: list[tuple[Numbering, _Block]] = field(default_factory=list)
    last_value: dict[str, Numbering] = field(default_factory=dict)


def extract_tasks(regions: list[list[str]], year: int | None, warnings: list[str]) -> list[Task]:
    """Tasks from each region (a run of paragraphs with its own numbering) in order."""
    read = [[_read(paragraph, year) for paragraph in region] for region in regions]
    uses_assignments = any(
        paragraph.labels or paragraph.assignment for region in read for paragraph in region
    )
    blocks = [block for region in read for block in _blocks(region, uses_assignments, warnings)]
    tasks = []
    for block in blocks:
        if _is_task(block, uses_assignments):
            tasks.append(_task(block, year))
    return tasks


def _read(paragraph: str, year: int | None) -> _Paragraph:
    labels = parse_label_line(paragraph)
    if labels is not None:
        return _Paragraph(paragraph, None, labels, None)
    without_annotation, assignment = split_trailing_annotation(paragraph, year)
    numbering = match_numbering(paragraph)
    text = without_annotation
    if numbering is not None:
        text = without_annotation[len(paragraph) - len(numbering.rest) :]
    return _Paragraph(text, numbering, None, assignment)


def _blocks(
    paragraphs: list[_Paragraph], uses_assignments: bool, warnings: list[str]
) -> list[_Block]:
    outline = _Outline()
    blocks: list[_Block] = []
    for index, paragraph in enumerate(paragraphs):
        if paragraph.labels is not None:
            if blocks:
                _assign(blocks[-1], paragraph.labels)
            continue
        numbering = paragraph.numbering
        text = paragraph.text
        if numbering is None and text.startswith(SENTINEL):
            numbering = _infer_lost_number(paragraphs, index, outline, warnings)
            text = text.lstrip(SENTINEL)
        if numbering is not None:
            _check_sequence(numbering, outline, warnings)
            current = _open_item(numbering, outline)
            blocks.append(current)
        elif _ATTACHMENTS.match(text):
            outline.stack.clear()
            current = _Block(None, [], [], [])
            blocks.append(current)
        elif blocks and _continues(blocks[-1], uses_assignments):
            current = blocks[-1]
        else:
            current = _Block(None, _path(outline), [], _headings(outline))
            blocks.append(current)
        current.paragraphs.append(text)
        if paragraph.assignment is not None:
            _assign(current, paragraph.assignment)
    return blocks


def _continues(block: _Block, uses_assignments: bool) -> bool:
    """Whether an unnumbered paragraph belongs to the block before it."""
    if block.assignment is not None or block.numbering is None:
        return False
    return uses_assignments or block.heading_only


def _open_item(numbering: Numbering, outline: _Outline) -> _Block:
    while outline.stack and outline.stack[-1][0].rank >= numbering.rank:
        outline.stack.pop()
    if outline.stack:
        outline.stack[-1][1].children += 1
    block = _Block(numbering, [], [], _headings(outline))
    outline.stack.append((numbering, block))
    block.path = _path(outline)
    return block


def _path(outline: _Outline) -> list[str]:
    return [numbering.label for numbering, _ in outline.stack]


def _headings(outline: _Outline) -> list[str]:
    return [_first_sentence(block.paragraphs[0]) for _, block in outline.stack if block.paragraphs]


def _assign(block: _Block, assignment: Assignment) -> None:
    if block.assignment is None:
        block.assignment = Assignment()
    block.assignment.merge(assignment)


def _check_sequence(numbering: Numbering, outline: _Outline, warnings: list[str]) -> None:
    previous = outline.last_value.get(numbering.style)
    outline.last_value[numbering.style] = numbering
    # Numbering may restart under each parent or run on through the whole document.
    if previous is None or numbering.value in (1, previous.value + 1):
        return
    where = _first_sentence(numbering.rest)[:16]
    if numbering.value == previous.value:
        warnings.append(f"编号“{numbering.label}”重复（“{where}”）")
    else:
        warnings.append(
            f"编号“{numbering.label}”与上一个同级编号“{previous.label}”不连续（“{where}”）"
        )


def _infer_lost_number(
    paragraphs: list[_Paragraph], index: int, outline: _Outline, warnings: list[str]
) -> Numbering | None:
    """The number of an item whose number was garbled, when its neighbours pin it down."""
    for following in paragraphs[index + 1 : index + 1 + _INFERENCE_REACH]:
        after = following.numbering
        if after is None:
            continue
        before = outline.last_value.get(after.style)
        if before is None or after.value != before.value + 2:
            return None
        inferred = numbering_after(before, paragraphs[index].text.lstrip(SENTINEL))
        warnings.append(
            f"一段开头的编号因乱码丢失，按前后编号推定为“{inferred.label}”"
            f"（“{_first_sentence(inferred.rest)[:16]}”）"
        )
        return inferred
    return None


def _is_task(block: _Block, uses_assignments: bool) -> bool:
    if block.assignment is not None:
        return True
    if block.numbering is None or block.children or not _says_something(block):
        return False
    if uses_assignments:
        return any(_TASK_SECTION.search(heading) for heading in block.headings)
    return not any(_DESCRIPTIVE_SECTION.search(heading) for heading in block.headings)


def _says_something(block: _Block) -> bool:
    return any("。" in paragraph for paragraph in block.paragraphs)


def _task(block: _Block, year: int | None) -> Task:
    text = "\n".join(paragraph for paragraph in block.paragraphs if paragraph).replace(SENTINEL, "")
    assignment = block.assignment or units_in_text(text)
    if assignment.deadline_text:
        timing = read_timing(assignment.deadline_text, year)
    else:
        timing = _timing_in(text, year)
    return Task(
        number=block.numbering.number if block.numbering else None,
        path=block.path,
        title=_first_sentence(text),
        text=text,
        lead_units=assignment.lead_units,
        responsible_units=assignment.responsible_units,
        deadline=timing.deadline if timing else None,
        deadline_text=timing.text if timing else None,
        recurrence=timing.recurrence if timing else None,
    )


def _timing_in(text: str, year: int | None) -> Timing | None:
    """The time a task's text sets: its latest deadline, since the task is done when its last
    dated step is; else its first recurrence."""
    timings = find_timings(text, year)
    recurring = next((timing for timing in timings if timing.recurrence), None)
    dated = [(timing.deadline, timing) for timing in timings if timing.deadline is not None]
    if not dated:
        return recurring
    deadline, latest = max(dated, key=lambda pair: pair[0])
    return Timing(latest.text, deadline, recurring.recurrence if recurring else None)


def _first_sentence(text: str) -> str:
    return text.split("\n", 1)[0].split("。", 1)[0].strip("；，：、 ").replace(SENTINEL, "")
