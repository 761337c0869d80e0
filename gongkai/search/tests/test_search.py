"""Searching: exact numbers, filters, ranking, snippets, “您是不是要找” and bad input."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.documents.services import (
    document_publish,
    document_set_validity,
    document_unpublish,
    document_update,
)
from gongkai.search import selectors
from gongkai.search.index import refresh_vocabulary, sync_object
from gongkai.search.selectors import DATE, SearchRequest, search


def titles(**request) -> list[str]:
    return [hit.title for hit in search(SearchRequest(**request)).hits]


# --- Exact matches ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "甘政办发〔2020〕83号",
        "甘政办发[2020]83号",
        "甘政办发2020 83号",
        "甘政办发（2020）83號",
        "甘政辦發〔2020〕83號",
        "甘政办发［２０２０］８３号",
        " 甘政办发 〔2020〕 第83号 ",
    ],
)
def test_a_doc_number_in_any_spelling_finds_its_document_first(publish, typed):
    target = publish(title="关于印发政务公开工作实施方案的通知", doc_number="甘政办发〔2020〕83号")
    # Another document citing the number in its body is found too, but after it.
    publish(
        title="关于转发实施方案的通知",
        body="<p>根据甘政办发〔2020〕83号文件精神，现转发如下。</p>",
        published_on=date(2025, 6, 1),
    )
    result = search(SearchRequest(q=typed))
    assert result.hits[0].obj == target and result.hits[0].exact
    assert result.exact_hit.obj == target
    assert [hit.exact for hit in result.hits[1:]] == [False] * (len(result.hits) - 1)


def test_an_index_number_finds_its_document(publish):
    target = publish(title="关于政务公开的通知")
    publish(title="另一个通知")
    result = search(SearchRequest(q=target.index_number))
    assert result.exact_hit.obj == target


def test_an_exact_match_obeys_the_filters_and_publicity(publish, unit_tree):
    publish(unit_tree["town_a"], title="通知", doc_number="甲政发〔2025〕1号")
    assert search(SearchRequest(q="甲政发〔2025〕1号", unit=unit_tree["town_b"])).exact_hit is None
    assert search(SearchRequest(q="甲政发〔2025〕1号", unit=unit_tree["county"])).exact_hit


# --- Filters and order --------------------------------------------------------------------


def test_unit_filter_covers_the_subtree(publish, unit_tree):
    publish(unit_tree["village_a"], title="甲镇一村低保公示")
    publish(unit_tree["finance"], title="财政局低保资金公示")
    assert len(titles(q="低保")) == 2
    assert titles(q="低保", unit=unit_tree["town_a"]) == ["甲镇一村低保公示"]
    assert len(titles(q="低保", unit=unit_tree["county"])) == 2
    assert titles(q="低保", unit=unit_tree["town_b"]) == []


def test_joint_issues_are_found_under_each_issuer(unit_tree, publish):
    from gongkai.documents.services import document_create

    document = document_create(
        actor=None,
        unit=unit_tree["office"],
        co_issuers=[unit_tree["finance"]],
        title="联合发文低保资金管理办法",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
    )
    document_publish(actor=None, document=document)
    sync_object(document)
    assert titles(q="低保", unit=unit_tree["finance"]) == ["联合发文低保资金管理办法"]


def test_kind_year_subject_and_validity_filters(publish):
    old = publish(
        title="低保实施办法",
        kind="normative",
        subject_class="1701",
        written_on=date(2019, 5, 1),
        published_on=date(2019, 5, 10),
    )
    new = publish(title="低保工作通知", subject_class="0201", published_on=date(2025, 3, 10))
    assert titles(q="低保", year=2019) == ["低保实施办法"]
    assert titles(q="低保", kind="interpretation") == []
    assert titles(q="低保", kind="document", facets={"subject": "17"}) == ["低保实施办法"]
    assert titles(q="低保", facets={"subject": "0201"}) == ["低保工作通知"]
    assert titles(q="低保", facets={"validity": "in_force"}) == ["低保实施办法"]
    document_set_validity(
        actor=None, document=old, validity="repealed", changed_on=date(2025, 3, 10), replaced_by=new
    )
    sync_object(old)  # what document_set_validity will call once wired
    assert titles(q="低保", facets={"validity": "in_force"}) == []
    assert titles(q="低保", facets={"validity": "repealed"}) == ["低保实施办法"]
    assert titles(q="低保", facets={"nonsense": "x"}) == ["低保工作通知", "低保实施办法"]


def test_a_title_match_outranks_a_body_match(publish):
    publish(title="关于优化营商环境的若干措施", published_on=date(2024, 1, 1))
    publish(
        title="关于做好2025年重点工作的通知",
        body="<p>" + "持续优化营商环境，" * 8 + "</p>",
        published_on=date(2025, 1, 1),
    )
    assert titles(q="营商环境")[0] == "关于优化营商环境的若干措施"
    assert titles(q="营商环境", sort=DATE)[0] == "关于做好2025年重点工作的通知"


def test_newest_first_when_sorted_by_date(publish):
    for year in (2021, 2023, 2022):
        publish(title=f"{year}年政务公开工作要点", published_on=date(year, 3, 1))
    assert titles(q="工作要点", sort=DATE) == [
        "2023年政务公开工作要点",
        "2022年政务公开工作要点",
        "2021年政务公开工作要点",
    ]


def test_a_query_too_common_to_rank_lists_title_matches_first(publish, monkeypatch):
    publish(title="政府工作报告", published_on=date(2025, 3, 1))
    publish(title="通知", body="<p>政府要做好工作。</p>", published_on=date(2025, 3, 3))
    publish(title="关于政府信息公开工作的意见", published_on=date(2025, 3, 2))
    publish(title="另一个通知", body="<p>工作与政府。</p>", published_on=date(2025, 3, 4))
    expected = ["关于政府信息公开工作的意见", "政府工作报告", "另一个通知", "通知"]
    refresh_vocabulary()
    monkeypatch.setattr(selectors, "RANK_POSTINGS", 1)
    result = search(SearchRequest(q="政府 工作"))
    assert result.titles_first and result.total == 4
    assert [hit.title for hit in result.hits] == expected
    pages = [search(SearchRequest(q="政府 工作", per_page=1, page=n)).hits for n in (1, 2, 3, 4)]
    assert [hits[0].title for hits in pages] == expected
    assert [h.title for h in search(SearchRequest(q="政府 工作", per_page=3, page=2)).hits] == [
        "通知"
    ]
    monkeypatch.setattr(selectors, "RANK_POSTINGS", 1000)
    assert not search(SearchRequest(q="政府 工作")).titles_first


def test_title_matches_first_obey_the_filters(publish, monkeypatch, unit_tree):
    publish(unit_tree["finance"], title="政府工作报告", published_on=date(2025, 3, 1))
    publish(unit_tree["office"], title="政府工作要点", published_on=date(2025, 3, 2))
    publish(unit_tree["finance"], title="通知", body="<p>政府要做好工作。</p>")
    publish(unit_tree["office"], title="另一个通知", body="<p>工作与政府。</p>")
    refresh_vocabulary()
    monkeypatch.setattr(selectors, "RANK_POSTINGS", 1)
    result = search(SearchRequest(q="政府 工作", unit=unit_tree["finance"]))
    assert result.titles_first
    assert [hit.title for hit in result.hits] == ["政府工作报告", "通知"]


def test_a_word_spelled_like_a_filter_token_finds_no_filter(publish, unit_tree):
    publish(unit_tree["county"], title="低保公示", published_on=date(2024, 1, 1))
    assert titles(q=f"unit{unit_tree['county'].pk}") == []
    assert titles(q="kinddocument") == []
    assert titles(q="year2024 低保") == []


def test_the_planner_settings_chosen_for_a_search_do_not_outlive_it(publish):
    from django.db import connection, transaction

    publish(title="政府工作报告")
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL chooses its plans per statement")
    with transaction.atomic(), connection.cursor() as cursor:
        assert titles(q="政府 工作", sort=DATE) == ["政府工作报告"]
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW enable_bitmapscan")
        assert cursor.fetchone()[0] == "on"


@pytest.mark.django_db(transaction=True)
def test_without_a_transaction_the_planner_settings_end_with_their_query(publish):
    from django.db import connection

    publish(title="政府工作报告")
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL chooses its plans per statement")
    assert connection.get_autocommit()
    assert titles(q="政府 工作", sort=DATE) == ["政府工作报告"]
    assert titles(q="政府 工作") == ["政府工作报告"]
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone()[0] == "on"


def test_counting_stops_at_the_cap(publish, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    for day in (1, 2, 3):
        publish(title=f"政府工作通知{day}", published_on=date(2025, 3, day))
    result = search(SearchRequest(q="政府", sort=DATE))
    assert (result.total, result.more) == (2, True)


@pytest.fixture
def estimate_from_three(monkeypatch):
    """Every backend skips counting when the word list expects three matches or more."""
    from gongkai.search.backends import base, postgresql

    monkeypatch.setattr(base.Backend, "estimate_from", 3)
    monkeypatch.setattr(postgresql.PostgreSQLBackend, "estimate_from", 3)


def test_words_common_by_the_word_list_are_not_counted(publish, estimate_from_three):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for day in (1, 2, 3, 4):
        publish(title=f"政府工作通知{day}", published_on=date(2025, 3, day))
    refresh_vocabulary()
    with CaptureQueriesContext(connection) as queries:
        result = search(SearchRequest(q="政府 工作", sort=DATE, per_page=3))
    assert (result.estimated, result.more, result.total) == (True, True, selectors.COUNT_CAP)
    # The page is still listed, newest first, and every page up to the cap is offered.
    assert [h.title for h in result.hits] == ["政府工作通知4", "政府工作通知3", "政府工作通知2"]
    assert result.pages == selectors.COUNT_CAP // 3 + 1
    # Only the title matches are counted (to page across the parts), never every match.
    counts = [q["sql"] for q in queries.captured_queries if "count(" in q["sql"].lower()]
    assert not [sql for sql in counts if "search_entry" in sql and "title" not in sql]


def test_words_expected_together_rarely_are_counted(publish, estimate_from_three):
    for day in (1, 2, 3, 4):
        publish(title=f"政府工作通知{day}", published_on=date(2025, 3, day))
    publish(title="渡口审核", published_on=date(2025, 3, 9))
    refresh_vocabulary()
    # 政府 in 4 of 5 entries and 审核 in 1: one match expected, so it is counted.
    result = search(SearchRequest(q="政府"))
    assert (result.estimated, result.more, result.total) == (True, True, selectors.COUNT_CAP)
    result = search(SearchRequest(q="渡口 审核"))
    assert (result.estimated, result.more, result.total) == (False, False, 1)
    # A word newer than the word list counts as rare.
    publish(title="政府渡船通知", published_on=date(2025, 3, 10))
    assert search(SearchRequest(q="政府 渡船")).total == 1


def test_paging(publish):
    for day in range(1, 6):
        publish(title=f"政务公开通知{day}", published_on=date(2025, 3, day))
    first = search(SearchRequest(q="政务公开", sort=DATE, per_page=2))
    last = search(SearchRequest(q="政务公开", sort=DATE, per_page=2, page=99))
    assert (first.total, first.pages, last.page) == (5, 3, 3)
    assert [h.title for h in last.hits] == ["政务公开通知1"]


# --- What a result shows ------------------------------------------------------------------


def test_snippets_are_escaped_and_marked(publish):
    publish(
        title="关于<低保>审核的通知",
        body="<p>前文。各乡镇&lt;script&gt;alert(1)&lt;/script&gt;要做好低保审核工作。</p>",
    )
    hit = search(SearchRequest(q="低保")).hits[0]
    assert hit.title_html == "关于&lt;<mark>低保</mark>&gt;审核的通知"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hit.snippet_html
    assert "<script>" not in hit.snippet_html
    assert "<mark>低保</mark>" in hit.snippet_html


def test_traditional_and_full_width_queries_find_simplified_text(publish):
    publish(title="政务公开工作要点", body="<p>第ABC项。</p>")
    assert titles(q="政務公開") == ["政务公开工作要点"]
    assert titles(q="ａｂｃ") == ["政务公开工作要点"]


def test_search_mode_finds_the_parts_of_a_unit_name(publish):
    publish(title="甘肃省人民政府办公厅关于印发实施方案的通知")
    for q in ("甘肃", "人民政府", "办公厅", "甘肃省人民政府办公厅"):
        assert titles(q=q) == ["甘肃省人民政府办公厅关于印发实施方案的通知"], q


# --- “您是不是要找” -------------------------------------------------------------------------


def test_did_you_mean_corrects_a_typo_from_the_index_vocabulary(publish):
    publish(title="城乡居民最低生活保障实施办法", body="<p>做好最低生活保障工作。</p>")
    refresh_vocabulary()
    result = search(SearchRequest(q="最低生活保章"))
    assert result.total == 0 and result.suggestion == "最低生活保障"
    assert search(SearchRequest(q="最低生活保障")).suggestion == ""


def test_did_you_mean_never_offers_a_word_that_is_no_longer_public(publish):
    document = publish(title="关于沙尘暴应急演练的通知")
    refresh_vocabulary()
    assert search(SearchRequest(q="沙尘爆")).suggestion == "沙尘暴"
    document_unpublish(actor=None, document=document, reason="撤回")
    assert search(SearchRequest(q="沙尘爆")).suggestion == ""  # the word list is a day old
    refresh_vocabulary()
    from gongkai.search.models import SearchTerm

    assert not SearchTerm.objects.filter(term="沙尘暴").exists()


# --- Bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "请输入要查找的词语"),
        ("   ", "请输入要查找的词语"),
        ("政" * 201, "检索词太长了"),
        ("，。！？……", "没有可以查找的文字"),
        ('"*()', "没有可以查找的文字"),
    ],
)
def test_bad_input_gets_a_chinese_message(db, q, message):
    assert message in search(SearchRequest(q=q)).message


@pytest.mark.parametrize(
    "q", ['"', "*", "NEAR", "AND", "(", '政务 AND ("公开" OR', "NEAR(a b", "低保*"]
)
def test_search_syntax_typed_by_a_user_is_just_text(publish, q):
    publish(title="政务公开低保通知")
    result = search(SearchRequest(q=q))
    assert result.total >= 0


@given(st.text(max_size=80))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_query_gives_a_result_or_a_message(publish, unit_tree, text):
    result = search(SearchRequest(q=text, unit=unit_tree["county"], sort=DATE))
    assert result.message or result.total >= 0


def test_a_corrected_and_republished_document_is_found_by_its_new_title(publish):
    document = publish(title="旧标题")
    document = document_unpublish(actor=None, document=document, reason="标题有误")
    document = document_update(actor=None, document=document, title="关于新标题的通知")
    document_publish(actor=None, document=document)
    assert titles(q="旧标题") == []
    assert titles(q="新标题") == ["关于新标题的通知"]


def test_title_parts_read_in_one_query_come_as_part_by_part(db):
    """PostgreSQL lists the title parts and the others of a query with fewer than DENSE
    matches in one query; every page is the one reading the parts one after another gives,
    and a title match of a kind no longer registered is in neither."""
    from django.db import connection

    from gongkai.search.backends import LEADING, OTHERS, TITLES_REST, IndexRow, backend
    from gongkai.search.domain import facets
    from gongkai.search.domain.normalize import normalize_query
    from gongkai.search.domain.query import parse_query

    if connection.vendor != "postgresql":
        pytest.skip("SQLite reads the parts one by one")
    engine = backend()
    kinds = ["document", "news", "message", "retired"]  # policy, two others, unregistered
    with connection.cursor() as cursor:
        engine.insert(
            cursor,
            [
                IndexRow(
                    kind=kinds[number % 4],
                    object_id=number,
                    day=date(2025, 1, 1 + number % 28),
                    title=["政府", "通知"] if number % 3 else ["通知"],
                    body=["政府", "工作"],
                    facets=[facets.token(facets.KIND, kinds[number % 4])],
                )
                for number in range(1, 41)
            ],
        )
        lead = (facets.token(facets.KIND, "document"),)
        trail = (facets.token(facets.KIND, "news"), facets.token(facets.KIND, "message"))
        match = engine.compile(parse_query(normalize_query("政府")).node, (), lead, trail)
        parts = [LEADING, TITLES_REST, OTHERS]
        for offset in (0, 5, 10, 20, 25, 40):
            in_one = engine.newest_in_parts(cursor, match, parts, offset, 5)
            by_part = selectors._in_order(engine, cursor, match, parts, engine.newest, offset, 5)
            assert in_one == by_part, offset
        every = engine.newest_in_parts(cursor, match, parts, 0, 100)
    assert not [key for key in every if key[0] == "retired" and key[1] % 3]
    retired_titles = [n for n in range(1, 41) if kinds[n % 4] == "retired" and n % 3]
    assert len(every) == 40 - len(retired_titles)
