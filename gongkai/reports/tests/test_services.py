from datetime import date
from decimal import Decimal

import pytest

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.models import AuditEntry
from gongkai.reports import services
from gongkai.reports.domain.compute import RequestFact
from gongkai.reports.domain.figures import Figures, FiguresError, parse_figure_rows
from gongkai.reports.domain.periods import Period
from gongkai.reports.domain.tables import CARRIED_IN, CARRIED_OUT, NEW, TOTAL
from gongkai.reports.models import AnnualReport, ReminderKind, ReportReminder
from gongkai.reports.selectors import (
    Scope,
    compute_table3,
    overview,
    reminders_for,
    report_data,
)
from gongkai.reports.tests import hand_fixture as fx
from gongkai.reports.tests.records import store_requests
from gongkai.requests.domain.outcomes import Outcome
from gongkai.requests.models import FeeNotice

NO_FEES = "本年度未收取信息处理费。"


def test_a_new_report_starts_from_the_facts_in_the_records(hand_records, people):
    report = services.report_create(actor=people["editor"], unit=hand_records["county"], year=2025)
    assert report.covers_subtree  # a government's report is the 本级政府 report
    assert "2025年新收政府信息公开申请10件，上年结转3件；办结9件" in report.overview
    assert "结转下期继续办理4件" in report.overview
    assert report.other_matters == "2025年，测试县人民政府及所属单位未收取信息处理费。"
    assert AuditEntry.objects.filter(action="report.create").count() == 1


def test_the_fee_line_counts_fees_paid_in_the_period(hand_records, people):
    county = hand_records["county"]
    [request] = store_requests(county, [RequestFact(fx.NP, date(2025, 3, 1), None, None)])
    common = {"request": request, "method": "volume", "notified_on": date(2025, 3, 2)}
    common["pay_by"] = date(2025, 4, 1)
    FeeNotice.objects.create(
        **common, amount=Decimal("120.00"), status="paid", paid_on=date(2025, 3, 9)
    )
    FeeNotice.objects.create(
        **common, amount=Decimal("80.50"), status="paid", paid_on=date(2025, 3, 20)
    )
    FeeNotice.objects.create(**common, amount=Decimal("99.00"), status="lapsed")
    FeeNotice.objects.create(
        **common, amount=Decimal("10.00"), status="paid", paid_on=date(2024, 12, 1)
    )
    report = services.report_create(actor=people["editor"], unit=county, year=2025)
    assert "收取信息处理费2笔，共计200.50元" in report.other_matters


def test_villages_write_no_report_and_a_report_exists_once(unit_tree, people):
    with pytest.raises(DomainError, match="村（居）民委员会"):
        services.report_create(actor=people["editor"], unit=unit_tree["village_a"], year=2025)
    services.report_create(actor=people["editor"], unit=unit_tree["office"], year=2025)
    with pytest.raises(DomainError, match="已存在"):
        services.report_create(actor=people["editor"], unit=unit_tree["office"], year=2025)
    with pytest.raises(DomainError, match="报告年度"):
        services.report_create(actor=people["editor"], unit=unit_tree["office"], year=2999)


def test_a_township_editor_cannot_write_the_countys_report(unit_tree, people):
    with pytest.raises(PermissionDeniedError):
        services.report_create(actor=people["town_editor"], unit=unit_tree["county"], year=2025)
    assert not AnnualReport.objects.exists()


def test_publishing_freezes_the_tables(hand_records, people):
    county = hand_records["county"]
    report = services.report_create(actor=people["editor"], unit=county, year=2025)
    report = services.report_publish(actor=people["leader"], report=report)
    assert report.is_published and report.published_by == people["leader"]
    frozen = report_data(report).table3
    assert frozen == fx.EXPECTED_2025
    # A request of 2025 recorded afterwards changes the live figures, not the published report.
    store_requests(county, [RequestFact(fx.COMM, date(2025, 5, 5), None, None)])
    report.refresh_from_db()
    assert report_data(report).table3 == fx.EXPECTED_2025
    assert compute_table3(Scope.of(report))[NEW][TOTAL] == fx.EXPECTED_2025[NEW][TOTAL] + 1
    with pytest.raises(DomainError, match="已公布"):
        services.report_update_text(
            actor=people["editor"], report=report, overview="x", problems="y", other_matters=""
        )


def test_publishing_is_refused_while_a_check_fails_and_names_the_cells(hand_records, people):
    county = hand_records["county"]
    last_year = services.report_create(actor=people["editor"], unit=county, year=2024)
    services.report_publish(actor=people["leader"], report=last_year)
    # A 2024 request entered after the 2024 report was published: 2025's 上年结转 no longer
    # matches the published 结转下年度.
    store_requests(county, [RequestFact(fx.RES, date(2024, 12, 20), None, None)])
    report = services.report_create(actor=people["editor"], unit=county, year=2025)
    with pytest.raises(services.ReportNotPublishable) as refused:
        services.report_publish(actor=people["leader"], report=report)
    assert "二（上年结转）4 ≠ 上年度四（结转下年度）3" in str(refused.value)
    assert refused.value.cells == {
        ("table3", CARRIED_IN, "research"),
        ("table3", CARRIED_IN, "total"),
    }
    report.refresh_from_db()
    assert report.state == "draft" and report.snapshot is None
    assert not AuditEntry.objects.filter(action="report.publish", object_id=str(report.pk)).exists()


def test_the_period_must_be_over_before_publishing(unit_tree, people):
    report = services.report_create(actor=people["editor"], unit=unit_tree["office"], year=2026)
    with pytest.raises(DomainError, match="结束后才能公布"):
        services.report_publish(actor=people["leader"], report=report)


def test_an_editor_cannot_publish_and_a_withdrawal_needs_a_reason(hand_records, people):
    report = services.report_create(actor=people["editor"], unit=hand_records["county"], year=2025)
    with pytest.raises(PermissionDeniedError):
        services.report_publish(actor=people["editor"], report=report)
    report = services.report_publish(actor=people["leader"], report=report)
    with pytest.raises(DomainError, match="理由"):
        services.report_withdraw(actor=people["leader"], report=report, reason=" ")
    report = services.report_withdraw(actor=people["leader"], report=report, reason="数据有误")
    assert report.state == "draft" and report.snapshot is None and report.published_at is None
    entry = AuditEntry.objects.get(action="report.withdraw")
    assert entry.changes["reason"] == "数据有误"


def test_a_region_adds_up_the_figures_its_units_entered(unit_tree, people):
    editor = people["editor"]
    county = services.report_create(actor=editor, unit=unit_tree["county"], year=2025)
    town = services.report_create(actor=editor, unit=unit_tree["town_a"], year=2025)
    services.report_set_figures(
        actor=editor, report=county, figures=Figures(10, 2, 1, Decimal("3.5"))
    )
    services.report_set_figures(
        actor=editor, report=town, figures=Figures(4, 0, 0, Decimal("0.25"))
    )
    table2 = report_data(county).table2
    assert table2["licensing"]["decisions"] == 14
    assert table2["fees_collected"]["amount_wan_yuan"] == Decimal("3.75")
    assert report_data(town).table2["licensing"]["decisions"] == 4
    with pytest.raises(DomainError, match="不能为负数"):
        services.report_set_figures(actor=editor, report=town, figures=Figures(-1))


def test_an_import_with_any_bad_row_changes_nothing(unit_tree, people):
    published = services.report_create(actor=people["editor"], unit=unit_tree["office"], year=2024)
    services.report_update_text(
        actor=people["editor"], report=published, overview="a", problems="b", other_matters=NO_FEES
    )
    services.report_publish(actor=people["leader"], report=published)
    rows = parse_figure_rows(
        [
            ["单位代码", "年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费（万元）"],
            ["T-A", "2025", "3", "1", "0", "1.5"],
            ["NOPE", "2025", "1", "1", "1", "1"],
            ["C-OFF", "2024", "1", "1", "1", "1"],
            ["V-A", "2025", "1", "1", "1", "1"],
        ]
    )
    with pytest.raises(FiguresError) as refused:
        services.figures_import(actor=people["editor"], rows=rows)
    assert refused.value.problems == [
        "第 3 行：没有代码为“NOPE”的单位",
        "第 4 行：测试县人民政府办公室2024年政府信息公开工作年度报告已公布，不能修改",
        "第 5 行：甲镇一村村民委员会是村（居）民委员会，不编制政府信息公开工作年度报告",
    ]
    assert not AnnualReport.objects.filter(unit=unit_tree["town_a"]).exists()


def test_an_import_creates_drafts_and_updates_figures(unit_tree, people):
    existing = services.report_create(actor=people["editor"], unit=unit_tree["finance"], year=2025)
    rows = parse_figure_rows(
        [
            ["unit", "year", "period", "licensing", "penalty", "coercion", "fees_wan_yuan"],
            ["T-A", "2025", "", "3", "1", "0", "1.5"],
            ["C-FIN", "2025", "年度", "0", "7", "0", "0"],
            ["C-FIN", "2025", "半年", "0", "2", "0", "0"],
        ]
    )
    summary = services.figures_import(actor=people["editor"], rows=rows)
    assert [r.unit.code for r in summary.created] == ["T-A", "C-FIN"]
    assert summary.created[1].period == Period.HALF_YEAR
    assert summary.updated == [existing]
    existing.refresh_from_db()
    assert existing.penalty_decisions == 7
    assert summary.created[0].fees_wan_yuan == Decimal("1.5")


def test_a_township_editor_may_import_only_for_the_township(unit_tree, people):
    rows = parse_figure_rows(
        [
            ["unit", "year", "licensing", "penalty", "coercion", "fees_wan_yuan"],
            ["C", "2025", "1", "1", "1", "1"],
        ]
    )
    with pytest.raises(FiguresError, match="第 2 行：您没有编辑“测试县人民政府”年度报告的权限"):
        services.figures_import(actor=people["town_editor"], rows=rows)


def test_reminders_go_out_before_and_after_the_deadline_once(unit_tree, people):
    services.report_create(actor=people["editor"], unit=unit_tree["finance"], year=2025)
    finance = AnnualReport.objects.get(unit=unit_tree["finance"])
    services.report_update_text(
        actor=people["editor"], report=finance, overview="a", problems="b", other_matters=NO_FEES
    )
    services.report_publish(actor=people["leader"], report=finance)
    # 20 January: departments and townships are due on 31 January, the county on 31 March.
    assert services.reminders_send(today=date(2026, 1, 20)) == 3  # office, town A, town B
    assert services.reminders_send(today=date(2026, 1, 21)) == 0
    kinds = set(ReportReminder.objects.values_list("unit__code", "kind"))
    assert kinds == {("C-OFF", "due_soon"), ("T-A", "due_soon"), ("T-B", "due_soon")}
    services.reminders_send(today=date(2026, 3, 10))
    assert ReportReminder.objects.filter(kind=ReminderKind.OVERDUE).count() == 3
    assert ReportReminder.objects.get(unit__code="C").kind == ReminderKind.DUE_SOON
    supervisor_sees = {r.unit.code for r in reminders_for(people["supervisor"])}
    assert supervisor_sees == {"C", "C-OFF", "T-A", "T-B"}
    assert {r.unit.code for r in reminders_for(people["town_editor"])} == {"T-A"}


def test_the_overview_says_who_has_published(unit_tree, people):
    finance = services.report_create(actor=people["editor"], unit=unit_tree["finance"], year=2025)
    services.report_update_text(
        actor=people["editor"], report=finance, overview="a", problems="b", other_matters=NO_FEES
    )
    services.report_publish(actor=people["leader"], report=finance)
    services.report_create(actor=people["editor"], unit=unit_tree["town_a"], year=2025)
    rows = {r.unit.code: r for r in overview(people["supervisor"], 2025, date(2026, 1, 10))}
    assert set(rows) == {"C", "C-OFF", "C-FIN", "T-A", "T-B"}  # no villages
    assert rows["C-FIN"].status == "published_late"  # published today, after 31 January 2026
    assert rows["T-A"].status == "draft" and rows["C-OFF"].status == "missing"
    assert rows["C"].due_on == date(2026, 3, 31) and rows["T-A"].due_on == date(2026, 1, 31)
    later = {r.unit.code: r.status for r in overview(people["supervisor"], 2025, date(2026, 2, 2))}
    assert later["T-A"] == "overdue" and later["C"] == "missing"


def test_carried_out_of_a_draft_previous_year_is_computed_live(hand_records, people):
    county = hand_records["county"]
    services.report_create(actor=people["editor"], unit=county, year=2024)
    report = services.report_create(actor=people["editor"], unit=county, year=2025)
    checks = report_data(report).checks
    carried = [c for c in checks if c.rule == "table3.carried_in"]
    assert len(carried) == 7 and all(c.ok for c in carried)
    assert report_data(report).table3[CARRIED_IN] == fx.EXPECTED_2024[CARRIED_OUT]
    assert Outcome.GRANTED.value in report_data(report).table3


def test_the_reminders_run_daily():
    from gongkai.core.management.commands.periodic import discover_jobs
    from gongkai.core.periodic import JOBS

    discover_jobs()
    assert JOBS["reports.deadline_reminders"].minutes == 24 * 60


def test_published_reports_are_searchable_and_withdrawn_ones_are_not(hand_records, people):
    from gongkai.search.selectors import SearchRequest, search

    def found() -> list[str]:
        result = search(SearchRequest(q="政府信息公开工作年度报告", kind="annualreport"))
        return [hit.title for hit in result.hits]

    report = services.report_create(actor=people["editor"], unit=hand_records["county"], year=2025)
    assert found() == []  # a draft is never indexed
    report = services.report_publish(actor=people["leader"], report=report)
    assert found() == [report.title]
    services.report_withdraw(actor=people["leader"], report=report, reason="数据有误")
    assert found() == []


def test_publishing_needs_section_five_and_the_fee_as_recorded(hand_records, people):
    county = hand_records["county"]
    report = services.report_create(actor=people["editor"], unit=county, year=2025)
    report = services.report_update_text(
        actor=people["editor"],
        report=report,
        overview=report.overview,
        problems="无",
        other_matters="本年度收取信息处理费100元。",
    )
    with pytest.raises(services.ReportNotPublishable) as refused:
        services.report_publish(actor=people["leader"], report=report)
    message = str(refused.value)
    assert "五、存在的主要问题及改进情况：只写了“无”，应如实说明相关情况" in message
    assert "六、其他需要报告的事项：收费记录显示本期未收取信息处理费" in message
    assert refused.value.cells == set()  # sections, not cells
    report.refresh_from_db()
    assert report.state == "draft"
    # The draft page's checks say the same before anyone tries to publish.
    failing = [c.detail for c in report_data(report).checks if not c.ok]
    assert len(failing) == 2 and failing[0].startswith("五、")
    report = services.report_refill(
        actor=people["editor"], report=report, sections=("problems", "other_matters")
    )
    assert services.report_publish(actor=people["leader"], report=report).is_published


def _normative(unit, number: str, written: date, **validity) -> None:
    from gongkai.documents.models import OfficialDocument

    OfficialDocument.objects.create(
        unit=unit,
        title="规范性文件",
        kind="normative",
        disclosure="proactive",
        live=True,
        published_on=written,
        written_on=written,
        index_number=number,
        validity=validity.pop("validity", "in_force"),
        **validity,
    )


def test_in_force_documents_carry_over_from_last_years_published_report(hand_records, people):
    county = hand_records["county"]
    _normative(county, "N-1", date(2023, 4, 1))
    _normative(county, "N-2", date(2024, 5, 1))
    _normative(
        county, "N-3", date(2024, 6, 1), validity="repealed", validity_changed_on=date(2025, 3, 1)
    )
    _normative(county, "N-4", date(2025, 2, 1))
    last_year = services.report_create(actor=people["editor"], unit=county, year=2024)
    last_year = services.report_publish(actor=people["leader"], report=last_year)
    assert report_data(last_year).table2["normative_documents"]["in_force"] == 3
    report = services.report_create(actor=people["editor"], unit=county, year=2025)
    assert report_data(report).table2["normative_documents"] == {
        "issued_this_year": 1,
        "repealed_this_year": 1,
        "in_force": 3,
    }
    assert all(c.ok for c in report_data(report).checks if c.rule == "table2.in_force")
    # A 2024 document registered after the 2024 report was published: 2025's 现行有效 no longer
    # follows from the published figure.
    _normative(county, "N-5", date(2024, 9, 1))
    with pytest.raises(services.ReportNotPublishable) as refused:
        services.report_publish(actor=people["leader"], report=report)
    assert (
        "行政规范性文件：现行有效件数 4 ≠ 上年度现行有效件数 3 + 本年制发件数 1 − 本年废止件数 1"
        "（= 3）"
    ) in str(refused.value)
    assert ("table2", "normative_documents", "in_force") in refused.value.cells
