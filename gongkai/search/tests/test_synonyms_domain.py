"""Synonym groups applied to queries (pure rules): the shipped list, expansion per pair class,
and its properties — symmetric, a fixed point, never losing what was typed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.search.domain.normalize import normalize_query
from gongkai.search.domain.query import AllOf, AnyOf, Node, Phrase, Term, parse_query, terms_of
from gongkai.search.domain.synonyms import (
    DEFAULT_FILE,
    SynonymError,
    Thesaurus,
    build,
    expand,
    expansions,
    parse_file,
    split_terms,
    term_key,
)

SHIPPED = parse_file(DEFAULT_FILE.read_text(encoding="utf-8"))
THESAURUS = build(SHIPPED)


def widened(text: str, thesaurus: Thesaurus = THESAURUS):
    return expand(parse_query(normalize_query(text)), thesaurus)


def finds(node: Node, tokens: set[str]) -> bool:
    """Whether an entry holding ``tokens`` matches ``node`` (phrases as all their tokens)."""
    if isinstance(node, Term):
        return node.text in tokens
    if isinstance(node, Phrase):
        return set(node.tokens) <= tokens
    if isinstance(node, AnyOf):
        return any(finds(part, tokens) for part in node.parts)
    return all(finds(part, tokens) for part in node.parts)


def index_tokens_of(text: str) -> set[str]:
    from gongkai.search.domain.segment import index_tokens

    return set(index_tokens(normalize_query(text)))


# --- The shipped list ---------------------------------------------------------------------


def test_the_shipped_list_has_a_few_hundred_groups_and_no_term_in_two():
    assert len(SHIPPED) >= 300
    keys = [term_key(term) for group in SHIPPED for term in group]
    assert len(keys) == len(set(keys)), "a term in two groups would merge them"


# One pair a class of the domain: the short form a citizen types, the long form in the text.
PAIRS = [
    ("social assistance", "低保", "最低生活保障"),
    ("social assistance", "特困人员", "特困供养人员"),
    ("social insurance", "社保卡", "社会保障卡"),
    ("social insurance", "五险一金", "社会保险和住房公积金"),
    ("health insurance", "医保", "医疗保险"),
    ("health insurance", "新农合", "新型农村合作医疗"),
    ("health insurance", "医保局", "医疗保障局"),
    ("housing fund", "公积金", "住房公积金"),
    ("housing fund", "公租房", "公共租赁住房"),
    ("taxes", "个税", "个人所得税"),
    ("taxes", "专票", "增值税专用发票"),
    ("licences", "个体户", "个体工商户"),
    ("licences", "营业执照", "工商执照"),
    ("licences", "施工许可证", "建筑工程施工许可证"),
    ("civil affairs", "残疾证", "中华人民共和国残疾人证"),
    ("civil affairs", "村委会", "村民委员会"),
    ("education", "小升初", "初中招生"),
    ("education", "双减", "减轻义务教育阶段学生作业负担和校外培训负担"),
    ("agriculture", "农机补贴", "农机购置补贴"),
    ("agriculture", "合作社", "农民专业合作社"),
    ("disclosure", "依申请公开", "政府信息公开申请"),
    ("public security", "驾照", "机动车驾驶证"),
    ("bodies", "发改委", "发展和改革委员会"),
    ("latin", "GDP", "地区生产总值"),
]


@pytest.mark.parametrize(("area", "short", "long"), PAIRS, ids=[f"{p[0]}:{p[1]}" for p in PAIRS])
def test_each_class_of_pairs_finds_both_ways(area, short, long):
    assert finds(widened(short).node, index_tokens_of(f"关于{long}的通知"))
    assert finds(widened(long).node, index_tokens_of(f"关于{short}的通知"))


def test_the_other_words_stay_required():
    node = widened("低保 申请").node
    assert finds(node, index_tokens_of("城乡居民最低生活保障审核确认和申请办法"))
    assert not finds(node, index_tokens_of("城乡居民最低生活保障审核确认办法"))
    # Typed without a space, the same.
    assert widened("低保申请").node == node


def test_a_longer_term_wins_and_its_own_shorter_terms_are_widened_too():
    expanded = widened("城乡低保")
    assert [e.text for e in expansions(expanded)] == ["城乡低保"]
    assert finds(expanded.node, index_tokens_of("城乡居民最低生活保障"))
    # 城乡 + 低保 → 最低生活保障, though 城乡最低生活保障 is in no group.
    assert finds(expanded.node, index_tokens_of("城乡最低生活保障"))


def test_terms_match_on_word_boundaries_only():
    # 保障 is a term; inside the one word 最低生活保障 it is not widened.
    thesaurus = build([("保障", "保证")])
    assert expansions(widened("最低生活保障", thesaurus)) == []
    assert expansions(widened("生活 保障", thesaurus))[0].alternatives == ("保证",)


def test_an_empty_thesaurus_changes_nothing():
    parsed = parse_query("低保 申请")
    assert expand(parsed, Thesaurus()) is parsed


# --- The file and the admin's input ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "terms"),
    [
        ("低保 最低生活保障", ("低保", "最低生活保障")),
        ("低保、最低生活保障，城乡低保", ("低保", "最低生活保障", "城乡低保")),
        ("低保 ↔ 最低生活保障", ("低保", "最低生活保障")),
        ("ＧＤＰ／地区生产总值", ("GDP", "地区生产总值")),
        ("低保 低保 最低生活保障", ("低保", "最低生活保障")),
        ("醫保 医疗保险", ("医保", "医疗保险")),
    ],
)
def test_split_terms(typed, terms):
    assert split_terms(typed) == terms


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("低保", "至少要有两个"),
        ("低保 低保", "至少要有两个"),
        ("低保 最低-生活保障", "不是一个词"),
        ("低保 " + "长" * 40, "太长了"),
        (" ".join(f"词{i}" for i in range(25)), "最多 20 个"),
    ],
)
def test_split_terms_refuses_with_a_chinese_message(typed, message):
    with pytest.raises(SynonymError, match=message):
        split_terms(typed)


def test_parse_file_skips_comments_and_names_a_bad_line():
    assert parse_file("# 注释\n\n低保 最低生活保障  # 行尾注释\n") == [("低保", "最低生活保障")]
    with pytest.raises(SynonymError, match="第 3 行"):
        parse_file("低保 最低生活保障\n\n只有一个\n")


def test_groups_sharing_a_term_are_one():
    thesaurus = build([("医保", "医疗保险"), ("医疗保险", "基本医疗保险")])
    assert thesaurus.alternatives("医保") == {"医疗保险", "基本医疗保险"}
    assert thesaurus.alternatives("基本医疗保险") == {"医保", "医疗保险"}
    assert thesaurus.alternatives("公积金") == frozenset()


# --- Properties -----------------------------------------------------------------------------

TERMS = st.sampled_from([term for group in SHIPPED for term in group])
WORDS = st.sampled_from(["申请", "办理", "条件", "2025年", "县", "标准", "通知", "的"])
QUERIES = st.lists(st.one_of(TERMS, WORDS), min_size=1, max_size=4).map(" ".join)
GROUPS = st.lists(st.lists(TERMS, min_size=2, max_size=4), max_size=6)


@given(GROUPS, TERMS, TERMS)
@settings(max_examples=200, deadline=None)
def test_expansion_is_symmetric(groups, a, b):
    thesaurus = build(groups)
    key_a, key_b = term_key(a), term_key(b)
    assert (key_b in thesaurus.alternatives(a)) == (key_a in thesaurus.alternatives(b))


@given(QUERIES)
@settings(max_examples=200, deadline=None)
def test_expansion_is_a_fixed_point(text):
    once = widened(text)
    assert expand(once, THESAURUS) == once


@given(QUERIES)
@settings(max_examples=200, deadline=None)
def test_expansion_never_drops_what_was_typed(text):
    parsed = parse_query(normalize_query(text))
    expanded = expand(parsed, THESAURUS)
    assert expanded.text() == parsed.text()
    assert set(terms_of(parsed.node)) <= set(terms_of(expanded.node))
    # Whatever the query found before, it still finds: every entry holding the typed words.
    typed = set(terms_of(parsed.node))
    assert finds(expanded.node, typed)


@given(QUERIES)
@settings(max_examples=100, deadline=None)
def test_a_query_for_a_term_finds_every_other_term_of_its_group(text):
    expanded = widened(text)
    for word in expanded.words:
        others = {t for w in expanded.words if w is not word for t in terms_of(w.node)}
        for alternative in word.alternatives:
            # An entry with the other term where this one was typed, and the rest of the query.
            assert finds(expanded.node, index_tokens_of(alternative) | others)


def test_nodes_are_plain_data():
    # Expansion builds only the parser's own node types: both backends compile them.
    def walk(node):
        assert isinstance(node, Term | Phrase | AnyOf | AllOf)
        for part in getattr(node, "parts", ()):
            walk(part)

    walk(widened("低保 个税 五险一金 医保局 申请").node)
