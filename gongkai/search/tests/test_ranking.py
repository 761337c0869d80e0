"""Policy texts first; periodic catalog entries grouped into one result per series."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.catalog.domain.elements import Channel
from gongkai.catalog.domain.rules import RuleKind, TimeRule
from gongkai.catalog.models import Area
from gongkai.catalog.services import catalog_entry_create, catalog_item_create
from gongkai.search import selectors
from gongkai.search.index import refresh_vocabulary
from gongkai.search.selectors import SearchRequest, search

ELEMENTS = {
    "content": "低保资金发放总额、发放户数和人数",
    "basis": "《社会救助暂行办法》",
    "body_text": "县民政局",
    "channels": [Channel.WEBSITE],
    "audience": "public",
    "method": "proactive",
}


@pytest.fixture
def monthly(unit_tree):
    """``monthly(unit, "低保资金发放情况", months)``: catalog entries 示范县2025年M月…, one a
    month, each repeating 低保 in title and text."""

    def make(unit, stem: str, months, *, item_name: str = "资金发放情况"):
        item = catalog_item_create(
            actor=None,
            unit=unit,
            area=Area.objects.get(name="社会救助"),
            name=item_name,
            time_limit="每月公开",
            rule=TimeRule(RuleKind.MONTHLY),
            **ELEMENTS,
        )
        return [
            catalog_entry_create(
                actor=None,
                item=item,
                kind="text",
                title=f"{unit.name}2025年{month}月{stem}",
                text=f"2025年{month}月发放低保资金，低保对象5216户，低保金386万元。低保低保。",
                published_on=date(2025, month, 28),
            )
            for month in months
        ]

    return make


def test_a_policy_text_matching_in_its_title_comes_before_catalog_entries(
    publish, monthly, unit_tree
):
    # Newer, shorter and repeating the word: bm25 alone would put the entries first.
    monthly(unit_tree["county"], "低保资金发放情况", range(1, 7))
    policy = publish(
        title="关于调整城乡低保标准的通知",
        body="<p>经县人民政府同意，自2025年1月1日起调整标准。</p>",
        published_on=date(2024, 12, 20),
    )
    # A document with the word in its body only is no policy title match: it ranks by score.
    publish(title="关于做好春节期间困难群众走访慰问的通知", body="<p>低保对象。</p>")
    hits = search(SearchRequest(q="低保")).hits
    assert hits[0].obj == policy


def test_the_title_order_holds_when_words_are_too_common_to_rank(
    publish, monthly, unit_tree, monkeypatch
):
    monthly(unit_tree["county"], "低保资金发放情况", range(1, 4))
    policy = publish(title="关于调整城乡低保标准的通知", published_on=date(2024, 1, 5))
    refresh_vocabulary()
    monkeypatch.setattr(selectors, "RANK_POSTINGS", 0)
    result = search(SearchRequest(q="低保"))
    assert result.titles_first
    assert result.hits[0].obj == policy


def test_periodic_entries_are_one_result_with_their_number_and_a_link(
    publish, monthly, unit_tree, client
):
    county, town = unit_tree["county"], unit_tree["town_a"]
    monthly(county, "城乡低保资金发放情况", range(1, 7))
    monthly(town, "低保对象公示", range(1, 4), item_name="对象公示")
    single = monthly(county, "临时救助低保情况", [5], item_name="临时救助")
    entries = {"q": "低保", "kind": "catalogentry"}
    result = search(SearchRequest(**entries))
    grouped = {hit.title: hit.series_total for hit in result.hits}
    # Newest of each series where it ranks; the other months are folded into it.
    assert grouped == {
        "测试县人民政府2025年6月城乡低保资金发放情况": 6,
        "甲镇人民政府2025年3月低保对象公示": 3,
        single[0].title: 0,
    }
    # Counted as listed: a series once.
    assert result.total == 3
    county_series = next(hit for hit in result.hits if hit.series_total == 6)
    # The link lists all six, ungrouped.
    members = search(SearchRequest(**entries, series=county_series.series))
    assert len(members.hits) == 6 and all(not hit.series_total for hit in members.hits)
    # Another query counts what it matches of each series: January only, nothing to group.
    january = search(SearchRequest(q="低保 2025年1月", kind="catalogentry")).hits
    assert sorted((h.title[:2], h.series_total) for h in january) == [("测试", 0), ("甲镇", 0)]

    html = client.get("/search/", entries).content.decode()
    assert "同一系列的定期公开信息共 6 条" in html
    assert f"series={county_series.series}" in html
    page = client.get("/search/", {**entries, "series": county_series.series}).content.decode()
    assert "只列出同一系列的定期公开信息" in page and page.count("<h3>") == 6
    # A series value that is not one changes nothing (the whole result).
    assert client.get("/search/", {**entries, "series": "<x>"}).content.decode().count(
        "<h3>"
    ) == len(result.hits)


def test_policy_texts_are_never_grouped(publish):
    for year in (2023, 2024, 2025):
        publish(title=f"示范县{year}年政务公开工作要点", published_on=date(year, 3, 1))
    assert [hit.series_total for hit in search(SearchRequest(q="工作要点")).hits] == [0, 0, 0]


@pytest.mark.parametrize("fold_all", [selectors.FOLD_ALL, 0], ids=["all-read", "read-to-page"])
def test_a_series_is_listed_once_across_pages(monthly, unit_tree, monkeypatch, fold_all):
    monkeypatch.setattr(selectors, "FOLD_ALL", fold_all)
    county, town = unit_tree["county"], unit_tree["town_a"]
    monthly(county, "城乡低保资金发放情况", range(1, 7))
    monthly(town, "低保对象公示", range(1, 4), item_name="对象公示")
    monthly(county, "临时救助低保情况", [5], item_name="临时救助")
    monthly(town, "低保资金公示", [8], item_name="资金公示")

    def page(number: int):
        return search(SearchRequest(q="低保", kind="catalogentry", page=number, per_page=2))

    pages = page(1).pages
    # Read to the page, the number of pages is that of the entries: the last may be empty.
    assert pages == (2 if fold_all else 6)
    seen = [hit.title for number in range(1, pages + 1) for hit in page(number).hits]
    assert len(seen) == len(set(seen)) == 4
    assert sum("城乡低保资金发放情况" in title for title in seen) == 1
