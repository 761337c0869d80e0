"""The title pattern of periodic entries: the title with its periods replaced by …"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.search.domain.periods import PLACEHOLDER, title_pattern


@pytest.mark.parametrize(
    ("title", "pattern"),
    [
        # month
        ("示范县2025年3月城乡低保资金发放情况", "示范县…城乡低保资金发放情况"),
        ("示范县2025年12月城乡低保资金发放情况", "示范县…城乡低保资金发放情况"),
        ("２０２５年３月城乡低保资金发放情况", "…城乡低保资金发放情况"),
        ("二〇二五年三月低保资金发放", "…低保资金发放"),
        ("十二月份低保名单", "…低保名单"),
        ("2025.03低保发放", "…低保发放"),
        ("民政局3月工作要点", "民政局…工作要点"),
        # quarter and half-year
        ("示范县2025年第一季度城乡低保对象审核确认结果公示", "示范县…城乡低保对象审核确认结果公示"),
        ("河西乡2025年第二季度低保对象公示", "河西乡…低保对象公示"),
        ("示范县第三季度城乡低保对象审核确认结果公示", "示范县…城乡低保对象审核确认结果公示"),
        ("2025年Q3低保公示", "…低保公示"),
        ("2025年上半年政府信息公开工作情况", "…政府信息公开工作情况"),
        ("关于做好2025年一季度工作的通知", "关于做好…工作的通知"),
        # ranges, dates, years and issues
        ("2025年1-3月财政收支情况", "…财政收支情况"),
        ("2021-2025年乡村振兴规划", "…乡村振兴规划"),
        ("2025-03-15停水通知", "…停水通知"),
        ("3月15日会议纪要", "…会议纪要"),
        ("关于2025年度部门预算的说明", "关于…部门预算的说明"),
        ("示范县人民政府2024年政府信息公开工作年度报告", "示范县人民政府…政府信息公开工作年度报告"),
        ("政府公报2025年第3期", "政府公报…"),
        # no period, or nothing but the period
        ("示范县人民政府关于印发《示范县城乡居民最低生活保障实施办法》的通知", None),
        ("第十四个五年规划", None),
        ("国务院令第649号", None),
        ("2025年3月", None),
        ("第3期", None),
        ("", None),
    ],
)
def test_title_pattern(title, pattern):
    assert title_pattern(title) == pattern


YEARS = st.integers(2000, 2030)
MONTHS = st.integers(1, 12)
QUARTERS = st.sampled_from(["第一季度", "第二季度", "第三季度", "第四季度", "一季度", "四季度"])
STEMS = st.text(
    alphabet="示范县城乡低保资金发放情况公示对象审核结果河西乡", min_size=4, max_size=12
)


@given(STEMS, STEMS, YEARS, MONTHS, YEARS, MONTHS)
@settings(max_examples=200, deadline=None)
def test_titles_differing_only_in_the_month_share_a_pattern(head, tail, y1, m1, y2, m2):
    first = title_pattern(f"{head}{y1}年{m1}月{tail}")
    assert first == title_pattern(f"{head}{y2}年{m2}月{tail}")
    assert first is not None and str(y1) not in first.replace(head, "").replace(tail, "")


@given(STEMS, YEARS, QUARTERS, YEARS, QUARTERS)
@settings(max_examples=100, deadline=None)
def test_titles_differing_only_in_the_quarter_share_a_pattern(stem, y1, q1, y2, q2):
    assert title_pattern(f"{stem}{y1}年{q1}公示") == title_pattern(f"{stem}{y2}年{q2}公示")


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_a_pattern_keeps_the_words_and_marks_a_period(title):
    pattern = title_pattern(title)
    assert pattern is None or PLACEHOLDER in pattern
