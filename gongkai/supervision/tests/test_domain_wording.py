import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.supervision.domain.wording import (
    WordingChecker,
    WordingFileError,
    WordingRule,
    default_rules,
    merge_rules,
    parse_rules,
)


def test_parse_rules_reads_tabs_comments_and_the_serious_mark():
    text = "\ufeff# 注释\n\n中华人民共合国\t中华人民共和国\t严重\n再接再励\t再接再厉\n一股作气\t一鼓作气\t\n"
    assert parse_rules(text) == [
        WordingRule("中华人民共合国", "中华人民共和国", True),
        WordingRule("再接再励", "再接再厉", False),
        WordingRule("一股作气", "一鼓作气", False),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("只有一列", "第 1 行格式不对"),
        ("甲\t乙\t丙\t丁", "第 1 行格式不对"),
        ("\t乙", "第 1 行格式不对"),
        ("甲\t乙\t很严重", "第 1 行第三列"),
        ("甲\t甲", "第 1 行的错误词与正确词相同"),
    ],
)
def test_parse_rules_names_the_bad_line(line, message):
    with pytest.raises(WordingFileError, match=message):
        parse_rules(line)


def test_a_later_rule_replaces_an_earlier_one():
    merged = merge_rules([WordingRule("甲", "乙")], [WordingRule("甲", "丙", True)])
    assert merged == (WordingRule("甲", "丙", True),)


def test_checker_counts_and_prefers_the_longer_phrase():
    checker = WordingChecker(
        [
            WordingRule("牢记史命", "牢记使命", True),
            WordingRule("不忘初心、牢记史命", "不忘初心、牢记使命", True),
        ]
    )
    hits = checker.check("要不忘初心、牢记史命。牢记史命。")
    assert {(hit.rule.wrong, hit.count) for hit in hits} == {
        ("不忘初心、牢记史命", 1),
        ("牢记史命", 1),
    }


def test_default_dictionary_loads_and_has_serious_rules():
    rules = default_rules()
    assert len(rules) >= 40
    assert any(rule.serious for rule in rules)
    # No wrong word may sit inside its own right form: the rule would fire on correct text.
    assert all(rule.wrong not in rule.right for rule in rules)
    checker = WordingChecker(rules)
    assert not checker.check("中华人民共和国 社会主义核心价值观 再接再厉 政务公开 依法治国")


@given(st.text(alphabet="甲乙丙丁。，", max_size=40))
def test_text_without_wrong_words_has_no_hits(text):
    assert WordingChecker([WordingRule("戊己", "庚辛")]).check(text) == []
