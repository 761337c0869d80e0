"""The figures per period and per unit that the monthly page, the bulletin and the annual
assessment read."""

from __future__ import annotations

from datetime import date

import time_machine

from gongkai.supervision import selectors, services
from gongkai.supervision.domain.findings import Finding
from gongkai.supervision.domain.veto import VetoItem
from gongkai.supervision.models import Site

A = Finding("broken_link", "http://a.example/1", value="HTTP 404")
B = Finding("wording", "http://a.example/2", value="共合国")


def _run(site, day, findings, vetoes=()):
    run = services.run_start(site=site, day=day)
    services.run_finish(run=run, pages=2, findings=findings, vetoes=list(vetoes), complete=True)


def test_site_results_per_unit(unit_tree) -> None:
    with time_machine.travel("2026-03-20 10:00 +0800", tick=False):
        site = services.site_register(
            actor=None,
            unit=unit_tree["town_a"],
            fields=services.SiteFields(name="甲镇网站", home_url="http://a.example/"),
        )
        veto = VetoItem(3, "首页不更新", "首页14天内无信息更新", ("http://a.example/",))
        _run(site, date(2026, 3, 2), [A, B], [veto])
        # A gone the next day (on time: due 03-16); B still there after its deadline.
        _run(site, date(2026, 3, 3), [B])
        _run(site, date(2026, 3, 19), [])
    [result] = selectors.site_results(2026)
    assert (result.unit_name, result.checked, result.vetoed) == ("甲镇人民政府", 1, 1)
    assert (result.findings, result.due, result.fixed_on_time) == (2, 2, 1)
    [row] = selectors.site_period(Site.objects.all(), date(2026, 3, 1), date(2026, 3, 31))
    assert row.runs == 3 and row.vetoes == ["首页不更新"] and row.found == 2
    assert selectors.kinds_in([row]) == ["broken_link", "wording"]
    assert selectors.site_results(2025)[0].findings == 0


def test_account_results_per_unit(unit_tree) -> None:
    with time_machine.travel("2026-03-02 10:00 +0800", tick=False):
        account = services.account_register(
            actor=None,
            unit=unit_tree["town_b"],
            fields=services.AccountFields(
                platform="weibo", name="乙乡", account_id="wb", last_post_on=date(2026, 1, 1)
            ),
        )
        services.accounts_check(on=date(2026, 3, 2))
    with time_machine.travel("2026-03-05 10:00 +0800", tick=False):
        services.account_set_last_post(
            actor=None, account=account, on=date(2026, 3, 4), source="entered"
        )
        services.accounts_check(on=date(2026, 3, 5))
    [result] = selectors.account_results(2026)
    assert (result.checked, result.vetoed, result.findings) == (1, 1, 1)
    assert (result.due, result.fixed_on_time) == (1, 1)


def test_assessment_indicators(unit_tree) -> None:
    from gongkai.assessment.registry import get_indicator

    with time_machine.travel("2026-03-20 10:00 +0800", tick=False):
        site = services.site_register(
            actor=None,
            unit=unit_tree["town_a"],
            fields=services.SiteFields(name="甲镇网站", home_url="http://a.example/"),
        )
        _run(site, date(2026, 3, 2), [A, B])
        _run(site, date(2026, 3, 3), [B])
        _run(site, date(2026, 3, 19), [])
    ids = [unit_tree["town_a"].pk, unit_tree["town_b"].pk]
    rate = get_indicator("supervision.site_rectification")
    measure = rate.compute(year=2026, unit_ids=ids)
    assert list(measure) == [unit_tree["town_a"].pk]
    assert (measure[ids[0]].numerator, measure[ids[0]].denominator) == (1, 2)
    rows = list(rate.evidence(year=2026, unit_id=ids[0]))
    assert [r.counted for r in rows] == [True, False]
    veto = get_indicator("supervision.site_veto").compute(year=2026, unit_ids=ids)
    assert veto[ids[0]].numerator == 0
    for key in ("supervision.newmedia_rectification", "supervision.newmedia_veto"):
        assert get_indicator(key).compute(year=2026, unit_ids=ids) == {}
