"""The pure rules of cross-links: which link may be made, cycles, and the doc numbers a text cites
(the admin's suggestions)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.documents.domain.links import LinkEnd, cited_doc_numbers, link_problem, reaches

CITY = "/1/"
COUNTY = "/1/2/"
TOWN = "/1/2/3/"
OTHER_COUNTY = "/1/4/"


def end(id_: int, path: str, public: bool = True) -> LinkEnd:
    return LinkEnd(id=id_, unit_path=path, unit_name=f"单位{path}", public=public)


@pytest.mark.parametrize(
    ("document", "target", "linked", "implements", "expected"),
    [
        # Allowed: up the tree, or within the unit.
        (end(10, TOWN), end(20, COUNTY), set(), {}, None),
        (end(10, TOWN), end(20, CITY), set(), {}, None),
        (end(10, COUNTY), end(20, COUNTY), set(), {}, None),
        # A draft may be linked while it is written; only the target must be public.
        (end(10, TOWN, public=False), end(20, COUNTY), set(), {}, None),
        # Refused.
        (end(10, TOWN), end(10, TOWN), set(), {}, "自身"),
        (end(10, COUNTY), end(20, TOWN), set(), {}, "只能关联本单位或上级单位的文件"),
        (end(10, COUNTY), end(20, OTHER_COUNTY), set(), {}, "只能关联本单位或上级单位的文件"),
        # "/1/2/" is no ancestor of "/1/22/": paths compare by whole segments.
        (end(10, "/1/22/"), end(20, COUNTY), set(), {}, "只能关联本单位或上级单位的文件"),
        (end(10, TOWN), end(20, COUNTY, public=False), set(), {}, "只能关联已公开的文件"),
        (end(10, TOWN), end(20, COUNTY), {20}, {10: {20}}, "已关联该文件"),
        (end(10, COUNTY), end(20, COUNTY), set(), {20: {10}}, "形成循环"),
        (end(10, COUNTY), end(20, COUNTY), set(), {20: {30}, 30: {10}}, "形成循环"),
    ],
)
def test_link_rules(document, target, linked, implements, expected):
    problem = link_problem(document=document, target=target, linked=linked, implements=implements)
    if expected is None:
        assert problem is None
    else:
        assert expected in problem


def test_the_unit_refusal_names_both_units():
    problem = link_problem(
        document=end(1, COUNTY), target=end(2, TOWN), linked=set(), implements={}
    )
    assert problem == ("只能关联本单位或上级单位的文件：“单位/1/2/3/”不是“单位/1/2/”或其上级单位。")


@given(st.dictionaries(st.integers(0, 8), st.sets(st.integers(0, 8), max_size=3), max_size=9))
def test_reaches_follows_every_path(edges):
    # The closure computed naively, step by step, agrees with the search.
    for start in range(9):
        closure = set(edges.get(start, ()))
        while True:
            more = {b for a in closure for b in edges.get(a, ())} - closure
            if not more:
                break
            closure |= more
        for goal in range(9):
            assert reaches(start, goal, edges) == (goal in closure)


@pytest.mark.parametrize(
    ("text", "own", "expected"),
    [
        ("根据平政办发〔2023〕51号文件精神，制定本方案。", "", ["平政办发〔2023〕51号"]),
        (
            "贯彻落实示范县政办发[2025]3号和平政办发（2023）第051号",
            "",
            ["示范县政办发〔2025〕3号", "平政办发〔2023〕51号"],
        ),
        ("按照甘政办发〔2020〕83号、甘政办发〔2020〕83號要求", "", ["甘政办发〔2020〕83号"]),
        (
            "示范县政办发〔2025〕7号印发，依据平政办发〔2023〕51号",
            "示范县政办发[2025]7号",
            ["平政办发〔2023〕51号"],
        ),
        ("本办法自2025年3月1日起施行，咨询电话12345。", "", []),
        ("平政办发2023 51号", "", []),  # in running text the year needs its brackets
        ("", "", []),
    ],
)
def test_cited_doc_numbers(text, own, expected):
    assert cited_doc_numbers(text, own=own) == expected
