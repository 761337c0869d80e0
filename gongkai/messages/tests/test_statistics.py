"""Statistics in the database: received, answered on time and late, open and overdue, the
three-month veto, invalid messages left out and counted, by kind; the ``stats`` command."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from gongkai.messages.domain.statistics import Counts
from gongkai.messages.imports import messages_import
from gongkai.messages.models import Message
from gongkai.messages.selectors import open_over_three_months, statistics, three_month_flags
from gongkai.messages.services import message_close_invalid

pytestmark = pytest.mark.django_db

LEDGER = """number,unit,kind,received_at,answered_at
A1,C-FIN,consultation,2026-02-12 16:00,2026-02-26 17:00
A2,C-FIN,consultation,2026-02-12 16:00,2026-02-27 09:00
A3,C-FIN,correction,2026-02-13 09:30,
A4,T-A,simple,2026-02-14 10:00,2026-02-24 08:00
A5,C-FIN,suggestion,2026-01-05 09:00,2026-04-10 09:00
A6,C-FIN,complaint,2026-01-06 09:00,
A7,T-B,consultation,2026-03-09 09:00,
A8,C-FIN,consultation,2025-12-31 09:00,2026-01-05 09:00
A9,C-FIN,consultation,2026-03-10 09:00,
"""
YEAR = date(2026, 1, 1), date(2026, 12, 31)


@pytest.fixture
def ledger(tree, people):
    messages_import(actor=None, data=LEDGER.encode())
    spam = Message.objects.get(number="A9")
    message_close_invalid(actor=people["finance"], message=spam, reason="spam")


def test_the_figures_of_a_county_year(tree, ledger):
    result = statistics(tree["county"], *YEAR, on=date(2026, 4, 20))
    assert result.total.to_json() == {
        "received": 7,
        "answered": 4,
        "answered_on_time": 2,  # A1 on its due day, A4
        "answered_late": 2,  # A2 a day late, A5 three months late
        "open": 3,
        "open_overdue": 3,  # A3 (due 02-25), A6 (01-13), A7 (03-16)
        "over_three_months": 2,  # A5 answered after 04-05, A6 still open since 04-06
        "on_time_rate": round(2 / 7, 4),
        "invalid": 1,  # A9, left out of every other figure
    }
    by_kind = result.to_json()["by_kind"]
    assert set(by_kind) == {"correction", "consultation", "simple", "suggestion", "complaint"}
    assert by_kind["consultation"]["received"] == 3 and by_kind["consultation"]["invalid"] == 1
    assert by_kind["simple"] == {**Counts(received=1, answered=1, answered_on_time=1).to_json()}


def test_as_of_an_earlier_day_later_answers_are_still_open(tree, ledger):
    total = statistics(tree["county"], *YEAR, on=date(2026, 2, 26)).total
    assert (total.answered, total.open, total.open_overdue) == (2, 5, 3)
    assert total.over_three_months == 0


def test_a_unit_counts_its_subtree_only(tree, ledger):
    assert statistics(tree["town_a"], *YEAR, on=date(2026, 4, 20)).total.received == 1
    assert statistics(tree["finance"], *YEAR, on=date(2026, 4, 20)).total.received == 5
    previous = statistics(
        tree["county"], date(2025, 1, 1), date(2025, 12, 31), on=date(2026, 4, 20)
    )
    assert previous.total.received == 1 and previous.total.answered_on_time == 1


def test_the_three_month_flags(tree, ledger):
    flags = three_month_flags(tree["county"], on=date(2026, 4, 20))
    assert [(f.number, f.answered_on) for f in flags] == [("A5", date(2026, 4, 10)), ("A6", None)]
    assert [f.number for f in open_over_three_months(tree["county"], on=date(2026, 4, 20))] == [
        "A6"
    ]
    # A5's three months were up on 04-05 and it was answered only on 04-10.
    assert open_over_three_months(tree["county"], on=date(2026, 4, 4)) == []
    assert [f.number for f in open_over_three_months(on=date(2026, 4, 5))] == ["A5"]
    assert [f.number for f in open_over_three_months(on=date(2026, 4, 6))] == ["A5", "A6"]
    since = three_month_flags(on=date(2026, 4, 20), received_from=date(2026, 1, 6))
    assert [f.number for f in since] == ["A6"]


def test_the_stats_command(tree, ledger):
    out = io.StringIO()
    call_command(
        "messages",
        "stats",
        "--unit",
        "C",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--on",
        "2026-04-20",
        "--detail",
        "--json",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["received"] == 7 and result["on_time_rate"] == round(2 / 7, 4)
    assert result["by_kind"]["complaint"]["over_three_months"] == 1
    detail = {row["number"]: row for row in result["messages"]}
    assert list(detail) == ["A5", "A6", "A1", "A2", "A3", "A4", "A7"]
    assert detail["A1"] == {
        "number": "A1",
        "kind": "consultation",
        "received_at": "2026-02-12T16:00:00+08:00",
        "due_on": "2026-02-26",
        "answered_at": "2026-02-26T17:00:00+08:00",
        "on_time": True,
    }
    assert detail["A3"]["answered_at"] is None and detail["A3"]["on_time"] is None
    text = io.StringIO()
    call_command(
        "messages",
        "stats",
        "--unit",
        "C",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        stdout=text,
    )
    assert "合计" in text.getvalue() and "无效留言（未计入统计）：1 条" in text.getvalue()


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--unit", "NOPE", "--from", "2026-01-01", "--to", "2026-12-31"], "单位代码 NOPE 不存在"),
        (["--unit", "C", "--from", "2026-13-01", "--to", "2026-12-31"], "不是有效日期"),
        (["--unit", "C", "--from", "2026-12-01", "--to", "2026-01-31"], "不能早于"),
    ],
)
def test_bad_stats_arguments_exit_with_code_2(tree, args, problem):
    with pytest.raises(CommandError, match=problem) as raised:
        call_command("messages", "stats", *args)
    assert raised.value.returncode == 2


counts = st.builds(
    Counts,
    answered=st.integers(0, 50),
    answered_on_time=st.integers(0, 50),
    open_overdue=st.integers(0, 50),
)


@given(counts, counts)
def test_counts_add_up_and_the_rate_is_a_share(first: Counts, second: Counts) -> None:
    total = first + second
    assert total.answered == first.answered + second.answered
    rate = Counts(
        answered=10,
        answered_on_time=min(first.answered_on_time, 10),
        open_overdue=first.open_overdue,
    ).on_time_rate
    assert rate is not None and 0 <= rate <= 1
    assert Counts().on_time_rate is None
