"""A site with a run, a finding and a probe, an account with a step, a finding and a weekly
warning, all of the other unit, for the isolation walk
(``gongkai/core/tests/test_security_isolation.py``)."""

from __future__ import annotations

from django.utils import timezone

from gongkai.supervision import services
from gongkai.supervision.domain.findings import Finding


def make_records(*, unit, marker: str, actor) -> None:
    today = timezone.localdate()
    site = services.site_register(
        actor=actor,
        unit=unit,
        fields=services.SiteFields(
            name=f"{marker}网站",
            home_url="http://other.example/",
            contact_email="other@example.invalid",
        ),
    )
    run = services.run_start(site=site, day=today)
    services.run_finish(
        run=run,
        pages=1,
        findings=[Finding("broken_link", "http://other.example/x", detail=f"{marker}链接")],
        vetoes=[],
        complete=True,
    )
    services.probes_record(results=[services.ProbeResult(site, timezone.now(), 0.5, 200, "")])
    fields = services.AccountFields(
        platform="wechat", name=f"{marker}发布", account_id=f"{marker}-1", has_interaction=False
    )
    account = services.account_register(actor=actor, unit=unit, fields=fields)
    services.account_change_status(
        actor=actor, account=account, status="merging", on=today, note=f"{marker}整合"
    )
    services.account_change_status(
        actor=actor, account=account, status="active", on=today, note=f"{marker}恢复"
    )
    services.accounts_check(on=today)
    services.weekly_warnings_send(on=today)
