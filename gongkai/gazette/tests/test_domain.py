"""The gazette's pure rules: naming and citing an issue, its numbers, what stops publication."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.gazette.domain.issues import (
    ArticleFacts,
    Section,
    citation,
    issue_numbers_problems,
    ordered_sections,
    publication_problems,
)


def test_citation_reads_as_on_the_document_page():
    assert citation("示范县人民政府", 2026, 3) == "刊登于《示范县人民政府公报》2026年第3期"


@pytest.mark.parametrize(
    ("year", "number", "total", "problem"),
    [
        (2026, 3, 120, None),
        (2026, 1, 1, None),
        (1948, 1, 1, "年份"),
        (2026, 0, 10, "期号"),
        (2026, 61, 100, "期号"),
        (2026, 5, 4, "总期号"),
    ],
)
def test_issue_numbers(year, number, total, problem):
    problems = issue_numbers_problems(year, number, total)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0]


def facts(**overrides) -> ArticleFacts:
    base = dict(
        title="示范县某某办法",
        section=Section.NORMATIVE,
        from_register=True,
        document_public=True,
        has_text=True,
        corrects_published_earlier=None,
    )
    return ArticleFacts(**{**base, **overrides})


@pytest.mark.parametrize(
    ("article", "problem"),
    [
        (facts(), None),
        (facts(document_public=False), "未在门户主动公开"),
        (facts(from_register=False, has_text=False), "没有正文"),
        (facts(title=" "), "没有标题"),
        (facts(section=Section.CORRECTION), "须指明所更正"),
        (facts(section=Section.CORRECTION, corrects_published_earlier=False), "须指明所更正"),
        (facts(section=Section.CORRECTION, corrects_published_earlier=True), None),
        (facts(corrects_published_earlier=True), "应放在“勘误”栏目"),
    ],
)
def test_article_problems(article, problem):
    problems = publication_problems([article])
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_an_empty_issue_is_not_published():
    assert publication_problems([]) == ["本期还没有文章，不能出版。"]


@given(st.lists(st.sampled_from(list(Section))))
def test_sections_print_in_the_gazette_order(sections):
    printed = ordered_sections(sections)
    assert set(printed) == set(sections)
    assert printed == [s for s in Section if s in printed]
    if Section.RULES in printed:
        assert printed[0] == Section.RULES
