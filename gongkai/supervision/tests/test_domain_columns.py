from datetime import date

import pytest

from gongkai.supervision.domain.columns import (
    EMPTY,
    LIST,
    NEWS,
    NOTICE,
    OTHER,
    SINGLE,
    ColumnSeen,
    column_findings,
    column_kind,
    column_page,
    home_finding,
    merge_columns,
    oldest_fresh_day,
)

TODAY = date(2026, 8, 31)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("工作动态", NEWS),
        ("今日要闻", NEWS),
        ("乡镇新闻", NEWS),
        ("通知公告", NOTICE),
        ("政策文件", NOTICE),
        ("公示公告", NOTICE),
        ("机构职能", OTHER),
        ("统计数据", OTHER),
    ],
)
def test_column_kind(name, kind):
    assert column_kind(name) == kind


@pytest.mark.parametrize(
    ("kind", "oldest"),
    [
        (NEWS, date(2026, 8, 17)),
        (NOTICE, date(2026, 2, 28)),  # six calendar months, clamped to February's end
        (OTHER, date(2025, 8, 31)),
    ],
)
def test_oldest_fresh_day(kind, oldest):
    assert oldest_fresh_day(kind, today=TODAY) == oldest


def test_other_columns_take_the_configured_limit():
    assert oldest_fresh_day(OTHER, today=TODAY, other_days=30) == date(2026, 8, 1)


@pytest.mark.parametrize(
    ("name", "meta", "article", "items", "chars", "shape"),
    [
        ("工作动态", "工作动态", False, 5, 300, LIST),
        ("工作动态", "工作动态", False, 1, 300, LIST),
        ("工作动态", "工作动态", False, 0, 4, EMPTY),  # 暂无信息
        ("机构概况", "机构概况", False, 0, 400, SINGLE),
        ("文章", "工作动态", True, 0, 2000, None),  # an article of the column
        ("某页", "", False, 3, 100, LIST),  # a list page without metadata
        ("某页", "", False, 2, 100, None),
        ("某页", "", False, 0, 0, None),
        ("站内搜索", "站内搜索", False, 20, 900, None),
    ],
)
def test_column_page(name, meta, article, items, chars, shape):
    found = column_page(
        name=name, column_meta=meta, is_article=article, dated_items=items, content_chars=chars
    )
    assert found == shape


@pytest.mark.parametrize(
    ("kind", "newest", "found"),
    [
        (NEWS, date(2026, 8, 17), None),  # exactly two weeks: still updated
        (NEWS, date(2026, 8, 16), "stale_column"),
        (NOTICE, date(2026, 2, 28), None),
        (NOTICE, date(2026, 2, 27), "stale_column"),
        (OTHER, date(2025, 9, 1), None),
        (OTHER, None, "empty_column"),
    ],
)
def test_column_findings(kind, newest, found):
    column = ColumnSeen("栏目", "http://x/c/", kind, newest, 0 if newest is None else 4)
    findings = column_findings([column], today=TODAY)
    assert [f.kind for f in findings] == ([found] if found else [])
    if found:
        assert findings[0].column == "栏目"
        assert findings[0].url == "http://x/c/"


def test_pages_of_one_column_merge():
    merged = merge_columns(
        [
            ColumnSeen("动态", "http://x/d/", NEWS, date(2026, 1, 1), 20),
            ColumnSeen("动态", "http://x/d/2", NEWS, date(2026, 3, 1), 5),
            ColumnSeen("公告", "http://x/g/", NOTICE, None, 0),
        ]
    )
    assert merged == [
        ColumnSeen("公告", "http://x/g/", NOTICE, None, 0),
        ColumnSeen("动态", "http://x/d/", NEWS, date(2026, 3, 1), 25),
    ]


@pytest.mark.parametrize(
    ("newest", "fires"), [(date(2026, 8, 17), False), (date(2026, 8, 16), True), (None, True)]
)
def test_home_not_updated(newest, fires):
    finding = home_finding("http://x/", newest, today=TODAY)
    assert (finding is not None) is fires
    if finding:
        assert finding.kind == "home_not_updated"
