"""Every demo document of the county has a body of its own that says what its title says."""

import re

import pytest

from gongkai.documents import demo


def _body(title: str) -> tuple[str, ...]:
    return demo._plan_paragraphs() if title == demo.PLAN_TITLE else demo.BODIES[title]


def _subject(title: str) -> str:
    """What the title is about: without the issuer, 关于, the 《》 and the kind of document."""
    subject = re.sub(r"^.*?关于", "", title)
    subject = re.sub(r"的(通知|公告|公示|请示|报告)$|[《》]", "", subject)
    return re.sub(r"^(印发|公布|公开|开展|做好|调整|进一步|加强|下达)", "", subject)


COUNTY_TITLES = [entry[2] for entry in demo.COUNTY_DOCUMENTS]


def test_every_county_document_has_a_body_and_no_body_is_left_over():
    assert set(demo.BODIES) | {demo.PLAN_TITLE} == set(COUNTY_TITLES)


@pytest.mark.parametrize("title", COUNTY_TITLES)
def test_the_body_speaks_of_what_the_title_names(title):
    body = "".join(_body(title))
    subject = _subject(title)
    # Some four characters in a row of the title's subject appear in the body.
    windows = {subject[i : i + 4] for i in range(max(1, len(subject) - 3))}
    assert any(window in body for window in windows), (title, subject)


@pytest.mark.parametrize("entry", demo.COUNTY_DOCUMENTS, ids=lambda e: e[2])
def test_the_topic_the_interpretation_and_summary_use_is_in_the_body(entry):
    title, topic = entry[2], entry[6]
    if topic:
        body = "".join(_body(title))
        key = topic if topic in body else topic[:4]
        assert key in body, (title, topic)


def test_no_paragraph_is_shared_between_documents():
    seen: dict[str, str] = {}
    for title in COUNTY_TITLES:
        for paragraph in _body(title):
            if len(paragraph) < 20:  # salutations such as 各乡镇人民政府，县直各部门：
                continue
            assert seen.setdefault(paragraph, title) == title, paragraph


def test_the_plan_document_states_every_task_with_its_units_and_deadline():
    body = "\n".join(demo._plan_paragraphs())
    items = [item for _, _, section in demo.PLAN_SECTIONS for item in section]
    assert len(items) == 9
    for item in items:
        assert f"{item.number}{item.title}。" in body
        assert f"牵头单位：{'、'.join(item.lead)}" in body
        assert f"完成时限：{demo.deadline_text(item.deadline)}" in body


@pytest.mark.parametrize("entry", [e for e in demo.COUNTY_DOCUMENTS if e[1]], ids=lambda e: e[1])
def test_a_doc_numbers_year_is_the_year_it_was_written(entry):
    number, written = entry[1], entry[7]
    assert f"〔{written.year}〕" in number
