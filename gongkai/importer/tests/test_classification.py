"""Classified documents are refused on import (issue 21): the 密级 mark in the head."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.importer.candidate import read_candidate
from gongkai.importer.domain.classification import classification_mark
from gongkai.importer.domain.errors import NotADocumentError

HEAD = "示范县人民政府文件\n示政发〔2025〕3号\n关于做好春耕生产的通知\n各乡镇人民政府：\n"


@pytest.mark.parametrize(
    "text, level",
    [
        ("秘密★1年\n" + HEAD, "秘密"),
        ("000001\n机密★启用前\n特急\n" + HEAD, "机密"),
        ("绝密\n" + HEAD, "绝密"),
        ("000012 秘密 ★ 一年\n" + HEAD, "秘密"),
        ("機密★二年\n" + HEAD, "机密"),  # a traditional-character copy
        ("\u3000秘密★6个月\u3000\n" + HEAD, "秘密"),
        (HEAD, None),
        (HEAD + "严格保守国家秘密，不得泄露。\n", None),  # the word in a sentence
        ("特急\n" + HEAD, None),
        ("\n".join(["一"] * 8) + "\n秘密★1年\n", None),  # far below the head: not the mark
    ],
)
def test_the_mark_is_found_in_the_head_only(text, level):
    assert classification_mark(text) == level


@given(st.text(alphabet="一二三四五六七八九十政府文件通知，。：\n", max_size=200))
def test_text_without_a_level_word_is_never_classified(text):
    assert classification_mark(text) is None


def test_a_classified_file_is_refused_with_a_chinese_reason():
    data = ("秘密★1年\n" + HEAD + "请做好春耕生产。\n示范县人民政府\n2025年3月3日\n").encode()
    with pytest.raises(NotADocumentError) as refused:
        read_candidate(data, "春耕.txt", modified=date(2025, 3, 3), source="春耕.txt")
    assert "标有密级（秘密）" in str(refused.value) and "不登记涉密公文" in str(refused.value)
