"""Segmentation with the government dictionary, and query normalisation."""

import pytest

from gongkai.search.domain.normalize import normalize_query
from gongkai.search.domain.segment import dictionary_words, index_tokens, query_words


@pytest.mark.parametrize("term", dictionary_words())
def test_every_dictionary_term_is_kept_whole(term):
    assert term in query_words(f"关于{term}的通知")
    assert term in index_tokens(f"关于{term}的通知")


def test_the_dictionary_has_the_terms_the_portal_lives_on():
    for term in (
        "政务公开",
        "依申请公开",
        "行政规范性文件",
        "权责清单",
        "主动公开",
        "政府信息公开",
    ):
        assert term in dictionary_words()
    assert len(dictionary_words()) >= 30


def test_search_mode_indexes_the_words_inside_long_words():
    tokens = index_tokens("甘肃省人民政府办公厅")
    for word in ("甘肃", "甘肃省", "人民", "政府", "人民政府", "办公", "办公厅"):
        assert word in tokens
    # 城乡居民最低生活保障 is a dictionary word itself; the long words inside it are kept too.
    tokens = index_tokens("城乡居民最低生活保障")
    assert {"城乡居民最低生活保障", "最低生活保障", "城乡居民", "最低", "生活", "保障"} <= set(
        tokens
    )


def test_tokens_are_lower_case_letters_and_digits_only():
    assert query_words("关于（ABC）“政务公开”、2025年！") == [
        "关于",
        "abc",
        "政务公开",
        "2025",
        "年",
    ]


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("政務公開", "政务公开"),  # traditional
        ("依申請公開  工作", "依申请公开 工作"),  # traditional, spaces collapsed
        ("ＡＢＣ　１２３", "ABC 123"),  # full-width letters, digits and space
        ("甘政办发［２０２０］８３号", "甘政办发[2020]83号"),
        ("乾隆", "乾隆"),  # simplified text is not pushed through OpenCC (乾 → 干)
    ],
)
def test_queries_are_folded_and_simplified(typed, normalized):
    assert normalize_query(typed) == normalized
