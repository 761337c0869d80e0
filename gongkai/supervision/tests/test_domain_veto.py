import pytest

from gongkai.supervision.domain.findings import Finding
from gongkai.supervision.domain.veto import decide_veto


def f(kind, url="http://x/", column="", serious=False):
    return Finding(kind=kind, url=url, column=column, serious=serious)


def numbers(findings, **kwargs):
    return [item.number for item in decide_veto(findings, **kwargs)]


def columns(kind, count, name):
    return [f(kind, f"http://x/{i}", f"{name}{i}") for i in range(count)]


def test_nothing_found_nothing_fires():
    assert decide_veto([]) == []


@pytest.mark.parametrize(
    ("findings", "fired"),
    [
        ([f("wording")], []),  # an ordinary wording error is a deduction, not a veto
        ([f("wording", serious=True)], [1]),
        ([f("personal_data")], [1]),
        ([f("unreachable")], [2]),
        ([f("home_not_updated")], [3]),
        ([f("no_message_channel")], [5]),
        ([f("unanswered_message")], [5]),
        ([f("broken_link")], []),
        (
            [f("personal_data"), f("unreachable"), f("home_not_updated"), f("no_message_channel")],
            [1, 2, 3, 5],
        ),
    ],
)
def test_items(findings, fired):
    assert numbers(findings) == fired


@pytest.mark.parametrize(
    ("findings", "fires"),
    [
        (columns("stale_column", 4, "工作动态"), False),
        (columns("stale_column", 5, "工作动态"), True),  # 超过（含）5个
        (columns("stale_column", 3, "要闻") + columns("stale_column", 2, "通知公告"), True),
        (columns("stale_column", 9, "机构职能"), False),  # other kinds count toward 10 only
        (columns("stale_column", 10, "机构职能"), True),
        (columns("empty_column", 4, "专栏"), False),
        (columns("empty_column", 5, "专栏"), True),
    ],
)
def test_column_thresholds(findings, fires):
    assert (4 in numbers(findings)) is fires


def test_column_kinds_given_win_over_the_name():
    findings = columns("stale_column", 5, "专栏")
    assert numbers(findings) == []
    assert numbers(findings, column_kinds={f"专栏{i}": "news" for i in range(5)}) == [4]


def test_item_says_why_and_lists_each_page_once():
    findings = [
        f("personal_data", "http://x/a"),
        f("personal_data", "http://x/a"),
        f("wording", "http://x/b", serious=True),
    ]
    (item,) = decide_veto(findings)
    assert item.name == "安全、泄密事故等严重问题"
    assert "1 处严重表述错误" in item.why and "2 处公开了个人信息" in item.why
    assert item.pages == ("http://x/b", "http://x/a")
    assert item.as_json()["number"] == 1
