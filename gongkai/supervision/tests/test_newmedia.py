"""New-media accounts: registry, status steps, import, checks, feeds on loopback, weekly
warnings, and ``gongkai newmedia``."""

from __future__ import annotations

import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.domain.errors import DomainError
from gongkai.core.models import QueuedMail
from gongkai.supervision import checks, services
from gongkai.supervision.models import Account, AccountFinding, AccountStep, WeeklyWarning

NOW = "2026-05-15 09:00 +0800"
ON = date(2026, 5, 15)


@pytest.fixture
def travel():
    with time_machine.travel(NOW, tick=False):
        yield


def _register(unit, account_id, *, platform="wechat", last=ON, interaction=True):
    return services.account_register(
        actor=None,
        unit=unit,
        fields=services.AccountFields(
            platform=platform,
            name=f"号{account_id}",
            account_id=account_id,
            last_post_on=last,
            has_interaction=interaction,
        ),
    )


def test_status_steps(unit_tree, travel) -> None:
    account = _register(unit_tree["town_a"], "a")
    with pytest.raises(DomainError, match="不能从“正常运维”改为“已关停”"):
        services.account_change_status(
            actor=None, account=account, status="closed", on=ON, note="关停"
        )
    services.account_change_status(
        actor=None, account=account, status="closing", on=ON, note="职能调整"
    )
    with pytest.raises(DomainError, match="不能早于上一次变更"):
        services.account_change_status(
            actor=None, account=account, status="closed", on=date(2026, 5, 9), note="关停"
        )
    services.account_change_status(
        actor=None, account=account, status="closed", on=ON, note="已注销"
    )
    steps = list(AccountStep.objects.values_list("old_status", "new_status"))
    assert steps == [("active", "closing"), ("closing", "closed")]
    with pytest.raises(DomainError, match="已登记"):
        _register(unit_tree["town_b"], "a")


def test_check_records_and_resolves(unit_tree, travel) -> None:
    a = _register(unit_tree["town_a"], "a")
    _register(unit_tree["town_a"], "b", last=date(2026, 4, 1))
    found = services.accounts_check(on=ON)
    assert sorted((f.kind, f.account_id) for f in found) == [
        ("duplicate_platform", "a"),
        ("duplicate_platform", "b"),
        ("stale", "b"),
    ]
    assert AccountFinding.objects.filter(resolved_on=None).count() == 3
    services.account_change_status(actor=None, account=a, status="merging", on=ON, note="整合")
    services.accounts_check(on=ON)
    assert sorted(
        AccountFinding.objects.filter(resolved_on=None).values_list("kind", flat=True)
    ) == ["stale"]


def test_weekly_warning_is_mailed_once(unit_tree, travel, settings) -> None:
    settings.EMAIL_BACKEND = "gongkai.core.mail.QueueingEmailBackend"
    services.site_register(
        actor=None,
        unit=unit_tree["town_a"],
        fields=services.SiteFields(
            name="甲镇网站", home_url="http://a.example/", contact_email="a@example.invalid"
        ),
    )
    _register(unit_tree["town_a"], "a", interaction=False)
    _register(unit_tree["town_b"], "b", last=None)
    services.accounts_check(on=ON)
    made = services.weekly_warnings_send(on=ON)
    assert {w.unit.code: w.mailed_to for w in made} == {"T-A": "a@example.invalid", "T-B": ""}
    assert QueuedMail.objects.count() == 1
    assert "政务新媒体周预警" in QueuedMail.objects.get().subject
    assert services.weekly_warnings_send(on=date(2026, 5, 17)) == []  # same week
    assert WeeklyWarning.objects.get(unit=unit_tree["town_a"]).week_of == date(2026, 5, 11)


CSV = (
    "unit,platform,name,account_id,last_post_on,status\n"
    "T-A,wechat,甲镇发布,gh_a,2026-05-14,active\n"
    "甲镇人民政府,微信,甲镇服务,gh_b,2026-04-01,\n"
    "T-B,douyin,乙乡发布,dy_b,2026-05-10,closing\n"
)


def test_import_and_check_command(unit_tree, travel, tmp_path, capsys) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text(CSV, encoding="utf-8")
    call_command("newmedia", "import", str(path))
    assert Account.objects.count() == 3
    call_command("newmedia", "import", str(path))  # again: nothing new
    assert Account.objects.count() == 3
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        call_command("newmedia", "check", "--json")
    assert exit_.value.code == 1
    output = json.loads(capsys.readouterr().out)
    assert [(f["kind"], f["account_id"]) for f in output["findings"]] == [
        ("duplicate_platform", "gh_a"),
        ("duplicate_platform", "gh_b"),
        ("stale", "gh_b"),
    ]
    assert set(output["findings"][0]) == {"kind", "unit", "platform", "account_id", "detail"}


def test_import_is_all_or_nothing(unit_tree, travel, tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(CSV + "X-NONE,weibo,无名,wb_x,,\nT-A,myspace,x,y,,\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("newmedia", "import", str(path))
    assert error.value.returncode == 2
    assert "第6行" in str(error.value) and Account.objects.count() == 0
    with pytest.raises(CommandError, match="有效日期") as error:
        call_command("newmedia", "check", "--on", "2026-02-30")
    assert error.value.returncode == 2


def test_check_command_finds_nothing(db, capsys) -> None:
    call_command("newmedia", "check", "--json", "--on", "2026-05-15")
    assert json.loads(capsys.readouterr().out) == {"findings": []}


FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel>
<item><title>a</title><pubDate>Wed, 13 May 2026 09:00:00 +0800</pubDate></item>
</channel></rss>"""


class _Feed(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(FEED)))
        self.end_headers()
        self.wfile.write(FEED)

    def log_message(self, *args):
        pass


def test_feed_moves_the_last_post_date(unit_tree, travel) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        account = _register(unit_tree["town_a"], "a", last=date(2026, 4, 1))
        services.account_update(
            actor=None,
            account=account,
            fields=services.AccountFields(
                platform="wechat",
                name=account.name,
                account_id="a",
                last_post_on=account.last_post_on,
                feed_url=f"http://127.0.0.1:{server.server_port}/feed.xml",
            ),
        )
        assert checks.feeds_refresh() == 1
    finally:
        server.shutdown()
        server.server_close()
    account.refresh_from_db()
    assert account.last_post_on == date(2026, 5, 13)
