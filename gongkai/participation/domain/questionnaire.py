"""问卷: questions with single or multiple choice or free text, the checks of a filled-in
questionnaire, and the results as a table and a bar chart (geometry for inline SVG that needs no
JavaScript; the table beside it carries the same numbers for screen readers)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class QuestionKind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TEXT = "text"

    @property
    def label(self) -> str:
        return QUESTION_KIND_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(k.value, k.label) for k in cls]


QUESTION_KIND_LABELS: dict[QuestionKind, str] = {
    QuestionKind.SINGLE: "单选",
    QuestionKind.MULTIPLE: "多选",
    QuestionKind.TEXT: "填空（文字）",
}

MAX_TEXT_ANSWER_CHARS = 1000


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    kind: QuestionKind
    text: str
    required: bool
    choice_ids: tuple[int, ...]


def question_problems(kind: str, text: str, choices: Sequence[str]) -> list[str]:
    """What is wrong with a question as staff wrote it."""
    problems = []
    if not text.strip():
        problems.append("请填写问题。")
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        labels = [c.strip() for c in choices if c.strip()]
        if len(labels) < 2:
            problems.append("选择题至少需要两个选项（每行一个）。")
        if len(set(labels)) != len(labels):
            problems.append("选项不能重复。")
    elif kind != QuestionKind.TEXT:
        problems.append("请选择题型。")
    return problems


def answer_problems(
    questions: Sequence[QuestionSpec],
    choices: Mapping[int, Sequence[int]],
    texts: Mapping[int, str],
) -> dict[int, str]:
    """Problems of a filled-in questionnaire, by question id."""
    problems: dict[int, str] = {}
    for question in questions:
        chosen = list(choices.get(question.id, ()))
        text = texts.get(question.id, "").strip()
        if any(c not in question.choice_ids for c in chosen):
            problems[question.id] = "所选的选项不属于本题，请重新选择。"
        elif question.kind == QuestionKind.SINGLE and len(chosen) > 1:
            problems[question.id] = "本题只能选择一项。"
        elif question.kind == QuestionKind.TEXT and len(text) > MAX_TEXT_ANSWER_CHARS:
            problems[question.id] = f"回答不能超过{MAX_TEXT_ANSWER_CHARS}字。"
        elif question.required and not (chosen or text):
            problems[question.id] = "本题必须回答。"
    return problems


# --- Results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceResult:
    label: str
    count: int
    percent: float
    """Of the respondents who answered the question."""


def choice_results(
    labels: Sequence[tuple[int, str]], counts: Mapping[int, int], respondents: int
) -> list[ChoiceResult]:
    """One row per choice, in order; a share of those who answered (a multiple-choice question's
    shares may add up to more than 100 %)."""
    return [
        ChoiceResult(
            label,
            counts.get(choice_id, 0),
            round(100 * counts.get(choice_id, 0) / respondents, 1) if respondents else 0.0,
        )
        for choice_id, label in labels
    ]


@dataclass(frozen=True)
class HorizontalBar:
    y: float
    width: float
    label: str
    value_text: str
    label_y: float
    value_x: float


@dataclass(frozen=True)
class HorizontalBarChart:
    width: int
    height: int
    bar_left: float
    bar_height: float
    bars: tuple[HorizontalBar, ...]
    description: str


CHART_WIDTH = 640
ROW_HEIGHT = 44
BAR_HEIGHT = 18
LABEL_HEIGHT = 18


def bar_chart(title: str, results: Sequence[ChoiceResult]) -> HorizontalBarChart:
    """One bar per choice under its label, as long as its share (the longest is full width)."""
    bar_left = 8.0
    usable = CHART_WIDTH - bar_left - 120
    top = max((r.percent for r in results), default=0.0) or 1.0
    bars = []
    for row, result in enumerate(results):
        y = row * ROW_HEIGHT
        bars.append(
            HorizontalBar(
                y=y + LABEL_HEIGHT + 4,
                width=round(usable * result.percent / top, 1),
                label=result.label,
                value_text=f"{result.count}（{result.percent:g}%）",
                label_y=y + LABEL_HEIGHT - 4,
                value_x=bar_left + round(usable * result.percent / top, 1) + 6,
            )
        )
    description = f"{title}：" + "；".join(
        f"{r.label}{r.count}人，占{r.percent:g}%" for r in results
    )
    return HorizontalBarChart(
        width=CHART_WIDTH,
        height=max(len(results), 1) * ROW_HEIGHT,
        bar_left=bar_left,
        bar_height=BAR_HEIGHT,
        bars=tuple(bars),
        description=description,
    )
