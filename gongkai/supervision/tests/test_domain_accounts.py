"""Rules of new-media accounts, rectification, scoring, feeds and import rows (no database)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.supervision.domain.account_rows import parse_row
from gongkai.supervision.domain.accounts import (
    AccountFacts,
    AccountStatus,
    Platform,
    TransitionError,
    check_accounts,
    check_transition,
    is_stale,
)
from gongkai.supervision.domain.feeds import FeedError, newest_post_date
from gongkai.supervision.domain.rectification import (
    RectificationError,
    RectificationState,
    check_mark_fixed,
    fixed_on_time,
    reconcile,
)
from gongkai.supervision.domain.scoring import ItemWeight, score
from gongkai.supervision.domain.veto import VetoItem

ON = date(2026, 5, 15)


def _account(
    account_id: str,
    *,
    unit: str = "T-A",
    platform: Platform = Platform.WECHAT,
    status: AccountStatus = AccountStatus.ACTIVE,
    last: date | None = ON,
    interaction: bool = True,
) -> AccountFacts:
    return AccountFacts(
        unit, "甲镇", platform, f"号{account_id}", account_id, status, last, interaction
    )


@pytest.mark.parametrize(
    ("last", "stale"),
    [
        (ON, False),
        (ON - timedelta(days=14), False),  # the 14th day before still counts as within 2 weeks
        (ON - timedelta(days=15), True),
        (None, True),
    ],
)
def test_stale_is_no_post_in_the_two_weeks_before(last, stale) -> None:
    assert is_stale(last, ON) is stale


def test_two_active_accounts_of_a_unit_on_one_platform_are_both_flagged() -> None:
    found = check_accounts(
        [
            _account("a"),
            _account("b"),
            _account("c", platform=Platform.WEIBO),
            _account("d", unit="T-B"),
            _account("e", status=AccountStatus.CLOSING),
        ],
        ON,
    )
    duplicates = [f.account_id for f in found if f.kind == "duplicate_platform"]
    assert duplicates == ["a", "b"]
    assert "2个正常运维的账号" in found[0].detail


def test_stale_and_no_interaction_only_for_active_accounts() -> None:
    found = check_accounts(
        [
            _account("a", last=ON - timedelta(days=30), interaction=False),
            _account("b", platform=Platform.DOUYIN, status=AccountStatus.CLOSED, last=None),
        ],
        ON,
    )
    assert [(f.kind, f.account_id) for f in found] == [("stale", "a"), ("no_interaction", "a")]
    assert found[0].as_json() == {
        "kind": "stale",
        "unit": "T-A",
        "platform": "wechat",
        "account_id": "a",
        "detail": found[0].detail,
    }


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        (AccountStatus.ACTIVE, AccountStatus.MERGING, True),
        (AccountStatus.ACTIVE, AccountStatus.CLOSED, False),
        (AccountStatus.CLOSING, AccountStatus.CLOSED, True),
        (AccountStatus.MERGING, AccountStatus.ACTIVE, True),
        (AccountStatus.CLOSED, AccountStatus.ACTIVE, False),
    ],
)
def test_status_transitions(old, new, allowed) -> None:
    if allowed:
        check_transition(old, new)
    else:
        with pytest.raises(TransitionError, match="账号状态不能"):
            check_transition(old, new)


def test_reconcile_new_seen_reopened_confirmed() -> None:
    pending = [
        (1, ("broken_link", "u1", "404"), RectificationState.OPEN),
        (2, ("broken_link", "u2", "404"), RectificationState.FIXED),
        (3, ("wording", "u3", "w"), RectificationState.FIXED),
        (4, ("wording", "u4", "w"), RectificationState.OPEN),
    ]
    found = [("broken_link", "u1", "404"), ("broken_link", "u2", "404"), ("x", "u5", "")]
    result = reconcile(pending, found, complete=True)
    assert result.new == [("x", "u5", "")]
    assert result.seen_again == [1]
    assert result.reopened == [2]
    assert result.confirmed == [3, 4]
    assert reconcile(pending, found, complete=False).confirmed == []


@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("uv"), st.just("")), max_size=8))
def test_reconcile_accounts_for_every_key_once(found) -> None:
    pending = [(i, key, RectificationState.OPEN) for i, key in enumerate(set(found[:3]))]
    result = reconcile(pending, found, complete=True)
    matched = len(result.new) + len(result.seen_again) + len(result.reopened)
    assert matched == len(set(found))
    assert not set(result.confirmed) & set(result.seen_again)


def test_mark_fixed_rules() -> None:
    check_mark_fixed(RectificationState.OPEN, ON, ON - timedelta(days=3), ON)
    with pytest.raises(RectificationError, match="不能晚于今天"):
        check_mark_fixed(RectificationState.OPEN, ON + timedelta(days=1), ON, ON)
    with pytest.raises(RectificationError, match="不能早于首次发现"):
        check_mark_fixed(RectificationState.OPEN, ON - timedelta(days=1), ON, ON)
    with pytest.raises(RectificationError, match="已整改待复核"):
        check_mark_fixed(RectificationState.FIXED, ON, ON, ON)


@pytest.mark.parametrize(
    ("state", "due", "fixed", "resolved", "on_time"),
    [
        (RectificationState.CONFIRMED, ON, ON, ON + timedelta(days=3), True),
        (RectificationState.CONFIRMED, ON, None, ON, True),
        (RectificationState.CONFIRMED, ON, None, ON + timedelta(days=1), False),
        (RectificationState.FIXED, ON, ON, None, False),
    ],
)
def test_fixed_on_time(state, due, fixed, resolved, on_time) -> None:
    assert fixed_on_time(state, due, fixed, resolved) is on_time


def test_score_veto_first_then_capped_deductions() -> None:
    weights = {"broken_link": ItemWeight(Decimal("0.5"), Decimal(10))}
    kinds = ["broken_link"] * 30 + ["wording"]
    result = score(kinds, [], weights)
    assert result.points == Decimal(90)  # 30 × 0.5 = 15, capped at the item's 10
    assert result.passed and result.verdict == "合格"
    vetoed = score(kinds, [VetoItem(3, "首页不更新", "首页14天内无信息更新", ("u",))], weights)
    assert vetoed.points is None and not vetoed.passed
    assert vetoed.verdict == "不合格（单项否决）"
    assert score(kinds, [], {}).points == Decimal(100)  # no points set: nothing deducted
    low = score(["wording"] * 5, [], {"wording": ItemWeight(Decimal(10), Decimal(50))})
    assert low.points == Decimal(50) and low.verdict == "不合格（得分低于60分）"


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><pubDate>Tue, 12 May 2026 20:30:00 GMT</pubDate></item>
<item><title>b</title><pubDate>Mon, 04 May 2026 08:00:00 +0800</pubDate></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>a</title><updated>2026-05-01T10:00:00+08:00</updated></entry>
<entry><title>b</title><published>2026-05-09T23:00:00Z</published></entry></feed>"""


def test_feeds_give_the_newest_day_in_shanghai() -> None:
    assert newest_post_date(RSS) == date(2026, 5, 13)  # 20:30 GMT is the next morning
    assert newest_post_date(ATOM) == date(2026, 5, 10)
    assert newest_post_date(b"<rss><channel></channel></rss>") is None


@pytest.mark.parametrize(
    "content", [b"not xml", b"<html></html>", b'<!DOCTYPE x [<!ENTITY a "b">]><rss/>']
)
def test_bad_feeds_are_refused_in_chinese(content) -> None:
    with pytest.raises(FeedError, match="RSS"):
        newest_post_date(content)


def test_import_rows() -> None:
    row, errors = parse_row(
        2,
        {
            "unit": "T-A",
            "platform": "微信",
            "name": "甲镇发布",
            "account_id": "gh_1",
            "last_post_on": "2026/5/1",
            "status": "",
        },
        ON,
    )
    assert errors == [] and row.platform is Platform.WECHAT and row.last_post_on == date(2026, 5, 1)
    assert row.status is AccountStatus.ACTIVE
    _, errors = parse_row(
        3,
        {
            "unit": "",
            "platform": "myspace",
            "name": "x",
            "account_id": "y",
            "last_post_on": "2026-13-01",
            "status": "gone",
        },
        ON,
    )
    assert [e.split("：")[0] for e in errors] == ["第3行"] * 4
    assert any("平台“myspace”" in e for e in errors)
