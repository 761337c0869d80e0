"""The pure rules of public participation: phases and periods, cutting a draft into articles,
changes between versions, dispositions, questionnaires, opinion steps and decision stages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.domain.errors import DomainError
from gongkai.participation.domain.articles import (
    INTRODUCTION,
    Change,
    changes_since,
    paragraphs_of,
    split_draft,
)
from gongkai.participation.domain.decisions import (
    DecisionStatus,
    EventPhase,
    check_event_transition,
    check_status_change,
    seats_problem,
)
from gongkai.participation.domain.feedback import (
    Disposition,
    answer_problems,
    publication_problems,
    tally,
)
from gongkai.participation.domain.opinion import (
    OpinionState,
    Step,
    Value,
    allowed_steps,
    check_step,
    clock_rule,
    close_problems,
    is_overdue,
)
from gongkai.participation.domain.phases import (
    Phase,
    accepting_comments,
    check_transition,
    comment_window_refusal,
    period_problems,
)
from gongkai.participation.domain.questionnaire import (
    ChoiceResult,
    QuestionKind,
    QuestionSpec,
    bar_chart,
    choice_results,
    question_problems,
)
from gongkai.participation.domain.questionnaire import (
    answer_problems as survey_problems,
)

D = date(2025, 3, 1)

# --- Phases ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (Phase.DRAFT, Phase.OPEN, True),
        (Phase.OPEN, Phase.CLOSED, True),
        (Phase.CLOSED, Phase.FEEDBACK_PUBLISHED, True),
        (Phase.DRAFT, Phase.CLOSED, False),
        (Phase.DRAFT, Phase.FEEDBACK_PUBLISHED, False),
        (Phase.OPEN, Phase.FEEDBACK_PUBLISHED, False),
        (Phase.OPEN, Phase.OPEN, False),
        (Phase.FEEDBACK_PUBLISHED, Phase.OPEN, False),
        (Phase.CLOSED, Phase.OPEN, False),
    ],
)
def test_the_phase_table(current, target, allowed):
    if allowed:
        check_transition(current, target)
    else:
        with pytest.raises(DomainError, match="当前状态"):
            check_transition(current, target)


@pytest.mark.parametrize(
    ("days", "major", "reason", "problem"),
    [
        (30, True, "", None),
        (29, True, "", "不少于30日"),
        (29, True, "防汛工作紧急，须在汛期前出台。", None),
        (7, False, "", None),
        (0, False, "", None),
        (-1, False, "", "不能早于开始日期"),
    ],
)
def test_the_period_of_a_major_decision_is_thirty_days_unless_a_reason_is_given(
    days, major, reason, problem
):
    problems = period_problems(
        D, D + timedelta(days=days), is_major_decision=major, short_period_reason=reason
    )
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0]


def test_a_period_needs_both_dates():
    assert period_problems(None, D, is_major_decision=False, short_period_reason="") == [
        "请填写征求意见的开始日期和截止日期。"
    ]


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    length=st.integers(min_value=0, max_value=90),
)
def test_a_major_period_is_accepted_exactly_from_thirty_days(start, length):
    problems = period_problems(
        start, start + timedelta(days=length), is_major_decision=True, short_period_reason=""
    )
    assert (problems == []) == (length >= 30)


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    length=st.integers(min_value=0, max_value=60),
    offset=st.integers(min_value=-5, max_value=70),
    phase=st.sampled_from(list(Phase)),
)
def test_comments_are_taken_only_while_open_and_inside_the_period(start, length, offset, phase):
    end, today = start + timedelta(days=length), start + timedelta(days=offset)
    accepting = accepting_comments(phase, start, end, today)
    assert accepting == (phase == Phase.OPEN and start <= today <= end)
    # The page always says why not, and says nothing when it can.
    assert (comment_window_refusal(phase, start, end, today) == "") == accepting


# --- Articles -------------------------------------------------------------------------------

MEASURE = """示范县某某管理办法（征求意见稿）
为了规范管理，制定本办法。
第一章 总则
第一条 为了规范某某工作，制定本办法。
第二条 本办法适用于本县。
（一）城市；
（二）农村。
第二章 管理
第一节 职责
第三条 县人民政府负责。
第一百零一条 本办法自发布之日起施行。"""

PLAN = """实施方案
为做好工作，制定本方案。
一、总体要求
（一）指导思想。坚持以人民为中心。
（二）工作目标。到年底完成。
二、重点任务
加强组织领导。
（一）推进决策公开。
1.完善目录。"""


def test_a_measure_is_cut_into_its_articles_under_their_chapters():
    draft = split_draft(paragraphs_of(MEASURE))
    assert draft.title == "示范县某某管理办法（征求意见稿）"
    assert [(a.label, a.heading) for a in draft.articles] == [
        (INTRODUCTION, ""),
        ("第一条", "第一章 总则"),
        ("第二条", "第一章 总则"),
        ("第三条", "第二章 管理 第一节 职责"),
        ("第一百零一条", "第二章 管理 第一节 职责"),
    ]
    # The items of an article stay in it.
    assert draft.articles[2].text == "第二条 本办法适用于本县。\n（一）城市；\n（二）农村。"
    assert [a.anchor for a in draft.articles] == ["a1", "a2", "a3", "a4", "a5"]


def test_a_plan_is_cut_at_its_items_under_headings():
    draft = split_draft(paragraphs_of(PLAN))
    assert [(a.label, a.heading) for a in draft.articles] == [
        (INTRODUCTION, ""),
        ("（一）", "一、总体要求"),
        ("（二）", "一、总体要求"),
        ("二、", "二、重点任务"),
        ("（一）", "二、重点任务"),
    ]
    assert draft.articles[4].text == "（一）推进决策公开。\n1.完善目录。"


def test_a_plan_whose_items_are_sentences_is_cut_at_the_top_level():
    draft = split_draft(["一、加强领导。各单位要明确责任。", "二、强化监督。定期通报。"])
    assert [a.label for a in draft.articles] == ["一、", "二、"]


def test_text_without_numbers_is_cut_into_paragraphs():
    draft = split_draft(["第一段话。", "第二段话。"])
    assert [a.label for a in draft.articles] == ["第1段", "第2段"]


@given(st.lists(st.text(alphabet="第一二三条章节（）、。，本办法县政府 ", min_size=1), max_size=30))
def test_cutting_keeps_every_paragraph_once_and_in_order(lines):
    # Numbered at the end, so that equal lines can be told apart.
    paragraphs = [f"{line.strip()}#{n}" for n, line in enumerate(lines) if line.strip()]
    draft = split_draft(paragraphs)
    kept = [p for a in draft.articles for p in a.text.split("\n")]
    # Only the title and the headings of chapters and sections are not an article's text.
    assert all(p in paragraphs for p in kept)
    positions = [paragraphs.index(p) for p in kept]
    assert positions == sorted(positions)
    assert len({a.anchor for a in draft.articles}) == len(draft.articles)


def test_changes_between_versions_ignore_renumbering():
    old = split_draft(paragraphs_of(MEASURE)).articles
    text = MEASURE.replace(
        "第二条 本办法适用于本县。", "第二条 新增的条文。\n第三条 本办法适用于本县。"
    )
    text = text.replace("第三条 县人民政府负责。", "第四条 县人民政府负责，县民政局具体实施。")
    new = split_draft(paragraphs_of(text)).articles
    changes = changes_since(old, new)
    by_label = {a.label: changes.get(a.anchor) for a in new}
    assert by_label["第一条"] is None
    assert by_label["第二条"] == Change.CHANGED  # same number, other content
    assert by_label["第三条"] is None  # 本办法适用于本县, renumbered
    assert by_label["第四条"] == Change.NEW


# --- Feedback -------------------------------------------------------------------------------


def test_the_tally_gives_every_disposition_with_its_share():
    rows = tally({"adopted": 3, "not_adopted": 1})
    assert [(r.label, r.count, r.percent) for r in rows] == [
        ("采纳", 3, 75.0),
        ("部分采纳", 0, 0.0),
        ("未采纳", 1, 25.0),
        ("不属于征求范围", 0, 0.0),
    ]
    assert all(r.percent == 0.0 for r in tally({}))


@given(st.dictionaries(st.sampled_from([d.value for d in Disposition]), st.integers(0, 500)))
def test_the_tally_counts_everything_once(counts):
    rows = tally(counts)
    assert sum(r.count for r in rows) == sum(counts.values())
    if sum(counts.values()):
        assert abs(sum(r.percent for r in rows) - 100) < 0.5


@pytest.mark.parametrize(
    ("disposition", "reason", "count", "expected"),
    [
        ("adopted", "已修改第三条。", 1, 0),
        ("maybe", "理由", 1, 1),
        ("adopted", "  ", 1, 1),
        ("adopted", "理由", 0, 1),
        ("", "", 0, 3),
    ],
)
def test_an_answer_needs_a_disposition_reasons_and_comments(disposition, reason, count, expected):
    assert len(answer_problems(disposition, reason, count)) == expected


def test_feedback_is_published_only_when_every_comment_is_answered():
    assert publication_problems(unanswered=0, summary="总体说明") == []
    assert "还有 2 条意见" in publication_problems(unanswered=2, summary="说明")[0]
    assert publication_problems(unanswered=0, summary=" ") == ["请填写意见采纳情况的总体说明。"]


# --- Questionnaires -------------------------------------------------------------------------

SPECS = [
    QuestionSpec(1, QuestionKind.SINGLE, "甲", True, (11, 12)),
    QuestionSpec(2, QuestionKind.MULTIPLE, "乙", False, (21, 22, 23)),
    QuestionSpec(3, QuestionKind.TEXT, "丙", False, ()),
]


@pytest.mark.parametrize(
    ("choices", "texts", "expected"),
    [
        ({1: [11]}, {}, {}),
        ({1: [11], 2: [21, 23]}, {3: "建议"}, {}),
        ({}, {}, {1: "本题必须回答。"}),
        ({1: [11, 12]}, {}, {1: "本题只能选择一项。"}),
        ({1: [21]}, {}, {1: "所选的选项不属于本题，请重新选择。"}),
        ({1: [11]}, {3: "字" * 1001}, {3: "回答不能超过1000字。"}),
    ],
)
def test_a_filled_in_questionnaire_is_checked_per_question(choices, texts, expected):
    assert survey_problems(SPECS, choices, texts) == expected


@pytest.mark.parametrize(
    ("kind", "text", "choices", "count"),
    [
        ("single", "问题", ["是", "否"], 0),
        ("single", "问题", ["是"], 1),
        ("multiple", "问题", ["是", "是"], 1),
        ("text", "问题", [], 0),
        ("single", "", ["是", "否"], 1),
        ("other", "问题", [], 1),
    ],
)
def test_a_question_as_staff_write_it(kind, text, choices, count):
    assert len(question_problems(kind, text, choices)) == count


def test_results_are_shares_of_those_who_answered_and_the_chart_matches():
    results = choice_results([(1, "是"), (2, "否")], {1: 3}, 4)
    assert results == [ChoiceResult("是", 3, 75.0), ChoiceResult("否", 0, 0.0)]
    chart = bar_chart("问题", results)
    assert chart.bars[0].width > chart.bars[1].width == 0
    assert "是3人，占75%" in chart.description


# --- Opinion response -----------------------------------------------------------------------


def test_the_clock_follows_the_value():
    assert clock_rule(Value.HIGH) == "opinion-response-major"
    assert clock_rule(Value.MEDIUM) == "opinion-response"
    assert clock_rule(Value.LOW) is None


@pytest.mark.parametrize(
    ("state", "steps"),
    [
        (OpinionState.NEW, [Step.ASSESS, Step.REPORT]),
        (OpinionState.ASSESSED, [Step.ASSESS, Step.REPORT, Step.HANDLE, Step.RESPOND, Step.CLOSE]),
        (OpinionState.RESPONDED, []),
        (OpinionState.CLOSED, []),
    ],
)
def test_the_steps_each_state_allows(state, steps):
    assert allowed_steps(state) == steps
    for step in set(Step) - set(steps):
        with pytest.raises(DomainError):
            check_step(state, step)


def test_closing_without_a_response_needs_a_reason_unless_none_was_due():
    assert close_problems(Value.LOW, "") == []
    assert close_problems(Value.HIGH, "已由上级统一回应。") == []
    assert close_problems(Value.HIGH, "") != []


def test_overdue_means_open_and_past_its_due_day():
    assert is_overdue(OpinionState.ASSESSED, D, D + timedelta(days=1))
    assert not is_overdue(OpinionState.ASSESSED, D, D)
    assert not is_overdue(OpinionState.RESPONDED, D, D + timedelta(days=9))
    assert not is_overdue(OpinionState.NEW, None, D)


# --- Decisions and events -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("listed", "consulting", True),
        ("listed", "legality_review", True),  # a stage may be skipped
        ("legality_review", "consulting", False),
        ("deliberation", "suspended", True),
        ("suspended", "deliberation", True),
        ("decided", "suspended", False),
        ("removed", "listed", False),
        ("listed", "listed", False),
    ],
)
def test_a_decision_moves_forward_through_the_procedure(current, target, allowed):
    if allowed:
        check_status_change(current, target)
    else:
        with pytest.raises(DomainError):
            check_status_change(DecisionStatus(current), DecisionStatus(target))


def test_events_go_draft_announced_held_published():
    check_event_transition(EventPhase.DRAFT, EventPhase.ANNOUNCED)
    with pytest.raises(DomainError):
        check_event_transition(EventPhase.DRAFT, EventPhase.HELD)


@pytest.mark.parametrize(
    ("requested", "taken", "capacity", "ok"),
    [(1, 0, 1, True), (2, 29, 30, False), (0, 0, 30, False), (6, 0, 30, False), (5, 25, 30, True)],
)
def test_places_at_an_open_day(requested, taken, capacity, ok):
    assert (seats_problem(requested, taken, capacity) == "") == ok
