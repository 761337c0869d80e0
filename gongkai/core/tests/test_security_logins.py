"""Staff logins are throttled per account and per address (django-axes, core/logins.py), the
lockout and its lifting are audited, and the admin has one login page."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.domain.roles import Role
from gongkai.core.logins import current_lockouts
from gongkai.core.models import AuditEntry

LOGIN = "/admin/login/"
LOCKOUTS = "/admin/login_lockouts/"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)


def attempt(client, username: str, password: str, address: str = "198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_wrong_passwords_then_the_right_one_is_refused_with_a_chinese_message(
    client, make_user, unit_tree
):
    make_user("clerk", (Role.EDITOR, unit_tree["town_a"]))
    for _ in range(4):
        assert attempt(client, "clerk", "guess").status_code == 200  # the form, with its error
    locked = attempt(client, "clerk", "guess")
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    right = attempt(client, "clerk", "pw")
    assert right.status_code == 429 and not logged_in(client)


def test_forty_wrong_passwords_never_let_the_right_one_in(client, make_user, unit_tree):
    make_user("clerk", (Role.EDITOR, unit_tree["town_a"]))
    for _ in range(40):
        attempt(client, "clerk", "guess")
    attempt(client, "clerk", "pw")
    assert not logged_in(client)


def test_the_account_is_locked_from_every_address(client, make_user, unit_tree):
    make_user("clerk", (Role.EDITOR, unit_tree["town_a"]))
    for number in range(5):
        attempt(client, "clerk", "guess", address=f"203.0.113.{number}")
    assert attempt(client, "clerk", "pw", address="192.0.2.99").status_code == 429


def test_an_address_guessing_many_accounts_is_locked(client, make_user, unit_tree):
    make_user("clerk", (Role.EDITOR, unit_tree["town_a"]))
    for number in range(5):
        attempt(client, f"name{number}", "guess")
    # Even a real account with its right password, from that address.
    assert attempt(client, "clerk", "pw").status_code == 429
    assert attempt(client, "clerk", "pw", address="192.0.2.99").status_code == 302


def test_the_lockout_ends_after_the_lockout_time(client, make_user, unit_tree):
    make_user("clerk", (Role.EDITOR, unit_tree["town_a"]))
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False):
        for _ in range(5):
            attempt(client, "clerk", "guess")
        assert attempt(client, "clerk", "pw").status_code == 429
    with time_machine.travel("2026-03-02 09:31 +0800", tick=False):
        assert attempt(client, "clerk", "pw").status_code == 302
        assert logged_in(client)


def test_the_start_of_a_lockout_is_audited_once(client, make_user, unit_tree):
    make_user("clerk", (Role.EDITOR, unit_tree["town_a"]))
    for _ in range(9):
        attempt(client, "clerk", "guess")
    entries = AuditEntry.objects.filter(action="login.locked")
    assert entries.count() == 1
    assert entries.get().changes == {"username": "clerk", "address": "198.51.100.7"}


def test_a_platform_administrator_unlocks_an_account_and_it_is_audited(
    client, make_user, unit_tree
):
    make_user("clerk", (Role.EDITOR, unit_tree["town_a"]))
    for _ in range(5):
        attempt(client, "clerk", "guess")
    admin = make_user("root", superuser=True)
    client.force_login(admin)
    page = client.get(LOCKOUTS).content.decode()
    assert "账号 clerk" in page and "地址 198.51.100.7" in page
    response = client.post(LOCKOUTS, {"username": "clerk"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="login.unlock")
    assert entry.actor == admin and entry.changes["username"] == "clerk"
    client.logout()
    # The address stays locked until it is unlocked too: the account is free elsewhere.
    assert attempt(client, "clerk", "pw", address="192.0.2.99").status_code == 302


def test_a_unit_administrator_unlocks_only_accounts_of_their_units(client, make_user, unit_tree):
    make_user("clerk_a", (Role.EDITOR, unit_tree["town_a"]))
    make_user("clerk_b", (Role.EDITOR, unit_tree["town_b"]))
    for username in ("clerk_a", "clerk_b"):
        for number in range(5):
            attempt(client, username, "guess", address=f"203.0.113.{number}")
    unit_admin = make_user("admin_a", (Role.ADMINISTRATOR, unit_tree["town_a"]))
    client.force_login(unit_admin)
    page = client.get(LOCKOUTS).content.decode()
    assert "账号 clerk_a" in page and "clerk_b" not in page and "203.0.113" not in page
    # Wagtail answers a refusal with a redirect to the dashboard and a message.
    assert client.post(LOCKOUTS, {"username": "clerk_b"})["Location"] == "/admin/"
    assert not AuditEntry.objects.filter(action="login.unlock").exists()
    assert {lockout.username for lockout in current_lockouts()} == {"clerk_a", "clerk_b"}
    assert client.post(LOCKOUTS, {"username": "clerk_a"})["Location"] == LOCKOUTS
    assert {lockout.username for lockout in current_lockouts()} == {"clerk_b"}
    editor = make_user("editor_a", (Role.EDITOR, unit_tree["town_a"]))
    client.force_login(editor)
    assert client.get(LOCKOUTS)["Location"] == "/admin/"


def test_only_platform_administrators_unlock_an_address(client, make_user, unit_tree):
    for number in range(5):
        attempt(client, f"name{number}", "guess")
    client.force_login(make_user("admin_a", (Role.ADMINISTRATOR, unit_tree["county"])))
    assert client.post(LOCKOUTS, {"address": "198.51.100.7"})["Location"] == "/admin/"
    client.force_login(make_user("root", superuser=True))
    assert client.post(LOCKOUTS, {"address": "198.51.100.7"})["Location"] == LOCKOUTS
    assert current_lockouts() == []


def test_the_command_lists_and_unlocks(client, make_user, unit_tree, capsys):
    make_user("clerk", (Role.EDITOR, unit_tree["town_a"]))
    for _ in range(5):
        attempt(client, "clerk", "guess")
    call_command("logins", "list")
    assert "账号 clerk" in capsys.readouterr().out
    call_command("logins", "unlock", "--username", "clerk")
    assert AuditEntry.objects.filter(action="login.unlock").count() == 1
    # Unlocking forgets the failed attempts themselves: those locked the address too.
    with pytest.raises(CommandError, match="当前未被锁定"):
        call_command("logins", "unlock", "--address", "198.51.100.7")
    assert attempt(client, "clerk", "pw").status_code == 302


def test_there_is_no_second_login_page(client, db):
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404
    assert "django-admin" not in client.get("/robots.txt").content.decode()
