"""The query parser: any string becomes a safe match expression, or nothing."""

import sqlite3

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.search.backends.postgresql import PostgreSQLBackend
from gongkai.search.domain.facets import check_names, entry_tokens, token
from gongkai.search.domain.normalize import normalize_query
from gongkai.search.domain.query import (
    AllOf,
    AnyOf,
    Phrase,
    Term,
    highlight_terms,
    parse_query,
    to_fts5,
    to_tsquery,
)
from gongkai.search.domain.suggest import best_correction, within_one_edit

# Chinese, Latin, digits, FTS and tsquery syntax, quotes, control characters and the rest.
QUERIES = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("政务公开低保甘肃省\"'*():&|!<>-^+{}NEARANDORNOT 　，。\\\x00")),
        st.characters(),
    ),
    max_size=60,
)


@pytest.fixture(scope="module")
def fts5():
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "title, body, facets, content='', tokenize='unicode61 remove_diacritics 0')"
    )
    db.execute(
        "INSERT INTO search_fts (rowid, title, body, facets) VALUES (1, '政务 公开', '', 'x')"
    )
    return db


@given(QUERIES)
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_string_is_a_valid_fts5_match_or_nothing(fts5, text):
    parsed = parse_query(normalize_query(text))
    if parsed is None:
        return
    fts5.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", [to_fts5(parsed.node)])
    fts5.execute(
        "SELECT rowid FROM search_fts WHERE search_fts MATCH ?",
        [to_fts5(parsed.node, ("unit1", "kinddocument"))],
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="to_tsquery exists only on PostgreSQL; CI runs this suite on PostgreSQL too",
)
@given(QUERIES)
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_string_is_a_valid_tsquery_or_nothing(db, text):
    parsed = parse_query(normalize_query(text))
    if parsed is None:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsquery('simple', %s)", [to_tsquery(parsed.node)])


@pytest.mark.parametrize("text", ["", "   ", "，。！？", '"', "*", "()", "——", "\x00\x01"])
def test_nothing_searchable_is_none(text):
    assert parse_query(normalize_query(text)) is None


def test_syntax_words_are_searched_as_words():
    parsed = parse_query(normalize_query('政务 AND "公开" NEAR(低保*'))
    assert [w.text for w in parsed.words] == ["政务", "and", "公开", "near", "低保"]
    assert to_fts5(parsed.node).count('"') == 10  # every word quoted


def test_long_words_also_match_through_their_sub_words():
    node = parse_query("最低生活保障").node
    assert node == AnyOf((Term("最低生活保障"), AllOf((Term("最低"), Term("生活"), Term("保障")))))
    assert parse_query("办公厅").node == Term("办公厅")  # 办公 alone does not cover 厅


def test_single_characters_in_a_row_are_a_phrase():
    parsed = parse_query("保章 县")
    assert [w.node for w in parsed.words] == [Phrase(("保", "章")), Term("县")]
    assert '"保 章"' in to_fts5(parsed.node)
    assert "'保' <-> '章'" in to_tsquery(parsed.node)


def test_filters_are_matched_in_their_own_column_or_vector():
    node = parse_query("低保").node
    assert to_fts5(node, ("unit3",)) == '{title body} : "低保" AND facets : "unit3"'
    # PostgreSQL: no weights (a weight makes PostgreSQL re-read each candidate row's vector);
    # the filters are lexemes no word can be, read as written.
    assert to_tsquery(node) == "'低保'"
    assert PostgreSQLBackend().compile(node, ("unit3", "kinddocument")) == {
        "words": "'低保'",
        "filters": "'@unit3' & '@kinddocument'",
        "lead": "",
        "trail": "",
    }
    # The kinds that lead (policy texts): any of them.
    assert PostgreSQLBackend().compile(node, (), ("kinddocument", "kindinterpretation"))[
        "lead"
    ] == ("'@kinddocument' | '@kindinterpretation'")


def test_highlight_terms_include_sub_words_and_phrases():
    assert set(highlight_terms(parse_query("最低生活保障 保章").node)) == {
        "最低生活保障",
        "最低",
        "生活",
        "保障",
        "保章",
    }


def test_filter_tokens_cover_the_unit_path():
    from datetime import date

    tokens = entry_tokens(
        kind="document",
        unit_paths=["/1/4/9/", "/1/5/"],
        day=date(2020, 5, 1),
        extra={"subject": ["02", "0201"], "validity": "in_force", "empty": ""},
    )
    assert tokens == [
        "kinddocument",
        "unit1",
        "unit4",
        "unit9",
        "unit5",
        "year2020",
        "subject02",
        "subject0201",
        "validityinforce",
    ]
    assert token("year", 2020) == "year2020"


def test_filter_names_cannot_collide():
    check_names(["subject", "validity"])
    with pytest.raises(ValueError, match="beginning"):
        check_names(["sub", "subject"])
    with pytest.raises(ValueError, match="lower-case"):
        check_names(["主题"])


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("保章", "保障", True),
        ("低保", "保低", True),  # swapped
        ("生活保障", "生活保", True),
        ("最低生活", "最低生活保障", False),
        ("政务", "公开", False),
    ],
)
def test_one_edit(a, b, close):
    assert within_one_edit(a, b) is close


def test_best_correction_prefers_same_length_then_frequency():
    vocabulary = [("保障", 50), ("保证", 20), ("保障房", 500), ("人保", 10)]
    assert best_correction("保章", vocabulary) == "保障"  # not 保障房, though more frequent
    assert best_correction("公开", vocabulary) is None
