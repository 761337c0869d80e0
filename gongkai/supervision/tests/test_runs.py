"""Stored runs of the demo sites: findings, veto, scoring and rectification across days."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.supervision import checks, services
from gongkai.supervision.domain.findings import Finding
from gongkai.supervision.models import CheckRun, RunStatus, SiteFinding

DAY = date(2026, 5, 12)


@pytest.fixture
def demo_site(unit_tree):
    services.wording_import(
        actor=None,
        unit=unit_tree["county"],
        text="中华人民共合国\t中华人民共和国\t严重\n",
        replace=True,
    )
    return services.site_register(
        actor=None,
        unit=unit_tree["office"],
        fields=services.SiteFields(
            name="演示县教育局", home_url="http://jyj.example/", demo_files="jyj"
        ),
    )


def _check(site, day):
    with time_machine.travel(f"{day.isoformat()} 02:00 +0800", tick=False):
        return checks.site_check(site=site, day=day)


def test_a_run_stores_findings_veto_and_deadlines(demo_site) -> None:
    run = _check(demo_site, DAY)
    assert run.status == RunStatus.FINISHED and run.pages >= 10
    kinds = sorted(run.findings.values_list("kind", flat=True))
    assert kinds == [
        "broken_link",
        "empty_column",
        "personal_data",
        "stale_column",
        "wording",
    ]
    assert [v["number"] for v in run.veto] == [1]
    assert run.passed is False and run.points is None
    finding = SiteFinding.objects.get(kind="personal_data")
    assert "11010519491231002X" not in finding.value
    # 10 working days after 2026-05-12 (Tuesday): 05-26.
    assert finding.due_on == date(2026, 5, 26)
    assert finding.assigned_unit == demo_site.unit
    assert AuditEntry.objects.filter(action="supervision.run_finish").count() == 1


def test_a_day_is_checked_once(demo_site) -> None:
    _check(demo_site, DAY)
    with pytest.raises(DomainError, match="已检查过"):
        _check(demo_site, DAY)


def _run(site, day, findings, *, complete=True):
    run = services.run_start(site=site, day=day)
    return services.run_finish(run=run, pages=1, findings=findings, vetoes=[], complete=complete)


BROKEN = Finding("broken_link", "http://jyj.example/a.html", detail="404", value="HTTP 404")
WORDING = Finding("wording", "http://jyj.example/b.html", value="共合国")


def test_rectification_confirmed_reopened_and_on_time(demo_site, make_user, unit_tree) -> None:
    editor = make_user("ed", (Role.EDITOR, unit_tree["office"]))
    stranger = make_user("st", (Role.EDITOR, unit_tree["town_a"]))
    with time_machine.travel("2026-05-12 10:00 +0800", tick=False):
        _run(demo_site, DAY, [BROKEN, WORDING])
        broken = SiteFinding.objects.get(kind="broken_link")
        with pytest.raises(PermissionDeniedError):
            services.finding_mark_fixed(actor=stranger, finding=broken, fixed_on=DAY, note="改")
        with pytest.raises(DomainError, match="如何整改"):
            services.finding_mark_fixed(actor=editor, finding=broken, fixed_on=DAY, note=" ")
        services.finding_mark_fixed(actor=editor, finding=broken, fixed_on=DAY, note="已删除链接")
        wording = SiteFinding.objects.get(kind="wording")
        services.finding_mark_fixed(actor=editor, finding=wording, fixed_on=DAY, note="已改正")
    # Next day: the link is gone, the wording error is still there.
    _run(demo_site, DAY + timedelta(days=1), [WORDING])
    broken.refresh_from_db()
    wording.refresh_from_db()
    assert broken.state == "confirmed" and broken.resolved_on == DAY + timedelta(days=1)
    assert wording.state == "open" and wording.times_reopened == 1 and wording.fixed_on is None
    assert wording.first_seen == DAY and wording.last_seen == DAY + timedelta(days=1)
    # A partial run confirms nothing.
    _run(demo_site, DAY + timedelta(days=2), [], complete=False)
    wording.refresh_from_db()
    assert wording.state == "open"
    assert CheckRun.objects.get(day=DAY + timedelta(days=2)).status == RunStatus.PARTIAL
    _run(demo_site, DAY + timedelta(days=3), [])
    wording.refresh_from_db()
    assert wording.state == "confirmed"


def test_office_points_are_deducted(demo_site, unit_tree) -> None:
    services.scoring_set(actor=None, unit=unit_tree["county"], points={"broken_link": ("2", "10")})
    run = _run(demo_site, DAY, [BROKEN, WORDING])
    assert run.points == Decimal("98.0") and run.passed
    with pytest.raises(DomainError, match="不能超过100分"):
        services.scoring_set(
            actor=None,
            unit=unit_tree["county"],
            points={"broken_link": ("1", "60"), "wording": ("1", "50")},
        )


def test_platform_sites_are_unique(unit_tree) -> None:
    fields = services.SiteFields(name="门户", home_url="http://testserver/", is_platform=True)
    services.site_register(actor=None, unit=unit_tree["county"], fields=fields)
    with pytest.raises(DomainError, match="第二个"):
        services.site_register(actor=None, unit=unit_tree["county"], fields=fields)
    with pytest.raises(DomainError, match="网站标识码"):
        services.site_register(
            actor=None,
            unit=unit_tree["county"],
            fields=services.SiteFields(name="x", home_url="http://x.example/", site_code="12"),
        )


def test_unreachable_from_the_day_before_probes(demo_site) -> None:
    from django.utils import timezone

    start = timezone.make_aware(timezone.datetime(2026, 5, 11, 0, 0))
    results = [
        services.ProbeResult(demo_site, start + timedelta(hours=i), 0.2, 200, "") for i in range(19)
    ] + [services.ProbeResult(demo_site, start + timedelta(hours=20), 15.0, None, "超时")]
    services.probes_record(results=results)
    found = checks.unreachable_findings(demo_site, DAY)
    assert [f.kind for f in found] == ["unreachable"] and found[0].value == "5.0%"
    assert checks.unreachable_findings(demo_site, DAY + timedelta(days=1)) == []


def test_the_platform_is_not_checked_inside_a_transaction(unit_tree) -> None:
    site = services.site_register(
        actor=None,
        unit=unit_tree["county"],
        fields=services.SiteFields(name="门户", home_url="http://testserver/", is_platform=True),
    )
    with pytest.raises(DomainError, match="事务之外"):
        checks.site_check(site=site, day=DAY)
    assert not CheckRun.objects.exists()


def test_platform_fetcher_percent_encodes_chinese_queries() -> None:
    seen = {}

    def application(environ, start_response):
        seen["query"] = environ["QUERY_STRING"]
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    fetched = checks.PlatformFetcher(application).fetch(
        "http://testserver/search/?q=政务公开&page=2", timeout=1
    )
    assert fetched.outcome.status == 200
    assert seen["query"] == "q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80&page=2"
