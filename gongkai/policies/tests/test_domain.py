"""Pure rules: the 统一社会信用代码 check character, industry prefixes, region subtrees,
validity edges, and the bulk index agreeing with the one-by-one rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.policies.domain import industries, uscc
from gongkai.policies.domain.checks import check_criteria, check_enterprise
from gongkai.policies.domain.matching import (
    Criteria,
    PolicyIndex,
    Profile,
    matches,
    region_ancestors,
)

# Real codes as printed on business licences (each checked by hand against GB 32100-2015).
REAL_CODES = (
    "914403001922038216",
    "91440300708461136T",
    "91330100799655058B",
    "91110108558521630L",
    "91110000802100433B",
    "91110000100017643K",
)


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    assert uscc.problem(code) is None
    assert uscc.check_character(code[:17]) == code[17]


def _corruptions(code: str):
    for position in range(len(code)):
        for char in uscc.ALPHABET:
            if char != code[position]:
                yield position, code[:position] + char + code[position + 1 :]


@pytest.mark.parametrize("code", REAL_CODES)
def test_every_one_character_corruption_is_refused(code):
    # A weighted sum mod 31 with weights prime to 31 catches every single substitution.
    refused = [bad for _, bad in _corruptions(code) if uscc.problem(bad) is None]
    assert refused == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("91440300708461136", "应为18位"),
        ("9144030070846113IT", "不允许的字符“I”"),
        ("91440300708461136O", "不允许的字符“O”"),
        ("91440300708461136A", "校验码不正确"),
    ],
)
def test_problems_are_named(text, message):
    assert message in uscc.problem(text)


def test_normalize_reads_a_code_as_copied():
    assert uscc.is_valid(" 91440300 708461136t ")


@given(st.text(alphabet=uscc.ALPHABET, min_size=17, max_size=17))
def test_the_computed_check_character_always_validates(first17):
    code = first17 + uscc.check_character(first17)
    assert uscc.problem(code) is None
    assert all(uscc.problem(bad) is not None for _, bad in _corruptions(code))


@given(
    st.text(alphabet=uscc.ALPHABET, min_size=17, max_size=17),
    st.integers(0, 16),
    st.integers(0, 16),
)
def test_a_swap_of_two_different_characters_is_mostly_found(first17, i, j):
    code = first17 + uscc.check_character(first17)
    swapped = list(code)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    if swapped != list(code) and uscc.problem("".join(swapped)) is None:
        # The weights differ, so a swap is missed only when value difference × weight
        # difference is 0 mod 31: impossible for distinct values below 31.
        pytest.fail(f"swap {i}<->{j} of {code} passed")


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("C", True),
        ("C26", True),
        ("C264", True),
        ("C2641", True),
        ("A01", True),
        ("T98", True),
        ("U", False),  # no 门类 U
        ("C2", False),
        ("C26411", False),
        ("26", False),
        ("A13", False),  # 大类13 is 制造业 (C)
        ("C44", False),  # 44 is D
    ],
)
def test_industry_codes(code, ok):
    assert (industries.problem(code) is None) is ok


@pytest.mark.parametrize(
    ("policy", "enterprise", "covered"),
    [
        ("C", "C2641", True),
        ("C26", "C2641", True),
        ("C264", "C2641", True),
        ("C2641", "C2641", True),
        ("C2642", "C2641", False),
        ("C27", "C2641", False),
        ("C26", "C2", False),
        ("C264", "C26", False),  # a policy for a 中类 does not cover a whole 大类
        ("F", "C2641", False),
    ],
)
def test_industry_prefix(policy, enterprise, covered):
    assert industries.covers(policy, enterprise) is covered
    profile = Profile(enterprise, "small", "/1/", "enterprise")
    assert matches(Criteria("P", industries=(policy,)), profile, date(2026, 1, 1)) is covered


def test_prefixes():
    assert industries.prefixes("C2641") == ("C", "C26", "C264", "C2641")
    assert industries.prefixes("C") == ("C",)


@pytest.mark.parametrize(
    ("policy_region", "enterprise_region", "covered"),
    [
        ("/1/", "/1/4/9/", True),
        ("/1/4/", "/1/4/9/", True),
        ("/1/4/9/", "/1/4/9/", True),
        ("/1/4/9/", "/1/4/", False),  # a village's policy does not reach the township
        ("/1/5/", "/1/4/9/", False),
        ("/1/4/", "/1/40/", False),  # a path is a prefix only up to its slash
    ],
)
def test_region_subtree(policy_region, enterprise_region, covered):
    profile = Profile("C2641", "small", enterprise_region, "enterprise")
    policy = Criteria("P", region_paths=(policy_region,))
    assert matches(policy, profile, date(2026, 1, 1)) is covered


def test_region_ancestors():
    assert region_ancestors("/1/4/9/") == ("/1/", "/1/4/", "/1/4/9/")


FROM, TO = date(2026, 3, 1), date(2026, 6, 30)


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        (FROM - timedelta(days=1), False),
        (FROM, True),
        (TO, True),
        (TO + timedelta(days=1), False),
    ],
)
def test_validity_edges(day, valid):
    profile = Profile("C2641", "small", "/1/", "enterprise")
    assert matches(Criteria("P", valid_from=FROM, valid_to=TO), profile, day) is valid
    assert matches(Criteria("P", valid_from=FROM), profile, day) is (day >= FROM)


def test_each_stated_criterion_must_hold():
    profile = Profile("C2641", "small", "/1/4/", "enterprise")
    day = date(2026, 1, 1)
    assert matches(Criteria("P"), profile, day)
    assert matches(Criteria("P", sizes=frozenset({"small", "micro"})), profile, day)
    assert not matches(Criteria("P", sizes=frozenset({"large"})), profile, day)
    assert not matches(Criteria("P", subject_types=frozenset({"individual"})), profile, day)
    both = Criteria("P", industries=("C26",), sizes=frozenset({"large"}))
    assert not matches(both, profile, day)


INDUSTRY = st.sampled_from(["A", "A01", "A011", "C", "C26", "C264", "C2641", "C2642", "F51"])
SIZES = st.sampled_from(["large", "medium", "small", "micro"])
SUBJECTS = st.sampled_from(["enterprise", "individual", "cooperative"])
REGIONS = st.sampled_from(["/1/", "/1/4/", "/1/4/9/", "/1/5/", "/1/5/10/"])
DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))


@st.composite
def criteria(draw, code):
    start = draw(st.none() | DAYS)
    end = draw(st.none() | DAYS)
    if start and end and end < start:
        start, end = end, start
    return Criteria(
        code=code,
        industries=tuple(draw(st.lists(INDUSTRY, max_size=3, unique=True))),
        sizes=frozenset(draw(st.lists(SIZES, max_size=2))),
        region_paths=tuple(draw(st.lists(REGIONS, max_size=2, unique=True))),
        subject_types=frozenset(draw(st.lists(SUBJECTS, max_size=2))),
        valid_from=start,
        valid_to=end,
    )


PROFILES = st.builds(Profile, INDUSTRY, SIZES, REGIONS, SUBJECTS)


@given(
    st.lists(st.integers(0, 10**6), unique=True, max_size=25).flatmap(
        lambda ids: st.tuples(*[criteria(f"P{i}") for i in ids])
    ),
    st.lists(PROFILES, max_size=20),
    DAYS,
)
def test_the_index_agrees_with_the_rule(policies, profiles, day):
    index = PolicyIndex(policies, day)
    for profile in profiles:
        expected = tuple(p.code for p in policies if matches(p, profile, day))
        assert index.match(profile) == expected


def test_coverage_counts_every_policy():
    day = date(2026, 1, 1)
    policies = [
        Criteria("A", sizes=frozenset({"small"})),
        Criteria("B", sizes=frozenset({"large"})),
    ]
    profiles = [("C", "small", "/1/", "enterprise")] * 3
    assert PolicyIndex(policies, day).coverage(profiles) == {"A": 3, "B": 0}


def test_enterprise_check_names_each_problem():
    fields, problems = check_enterprise(
        uscc_text="91440300708461136A",
        name="",
        industry="Z9",
        size="巨型",
        region="",
        subject_type="公司",
    )
    assert fields is None
    assert len(problems) == 6


def test_enterprise_check_refuses_a_prefix_of_another_subject_type():
    fields, problems = check_enterprise(
        uscc_text=REAL_CODES[0],
        name="某公司",
        industry="C2641",
        size="小型",
        region="013901000",
        subject_type="个体工商户",
    )
    assert fields is None and "不一致" in problems[0]


def test_enterprise_check_accepts_labels_and_codes():
    fields, problems = check_enterprise(
        uscc_text=REAL_CODES[0].lower(),
        name=" 某公司 ",
        industry="c2641",
        size="小型",
        region="013901000",
        subject_type="enterprise",
    )
    assert problems == []
    assert fields.uscc == REAL_CODES[0] and fields.size == "small" and fields.name == "某公司"


def test_criteria_lists():
    found, problems = check_criteria(
        industries_text="C26; C2641;C26",
        sizes_text="小型;micro",
        regions_text="013901101;",
        subject_types_text="",
    )
    assert problems == []
    assert found.industries == ["C26", "C2641"]
    assert found.sizes == ["small", "micro"]
    assert found.regions == ["013901101"]
    assert found.subject_types == []
