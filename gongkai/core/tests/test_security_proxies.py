"""Behind reverse proxies each citizen keeps an address of their own for the rate limits, and
what a client writes into X-Forwarded-For never chooses it (core/clients.py); the proxies and
the limits come from the environment."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.clients import client_address, parse_networks
from gongkai.core.conf import check_security_settings
from gongkai.settings.base import _int_env

rf = RequestFactory()


def address(remote: str, forwarded: str | None, trusted: list[str], settings) -> str:
    settings.GONGKAI_TRUSTED_PROXIES = trusted
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(rf.get("/", REMOTE_ADDR=remote, **extra))


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        # No proxy configured: the header is anybody's to write and is ignored.
        ("203.0.113.7", "6.6.6.6", [], "203.0.113.7"),
        # One nginx on the same machine.
        ("127.0.0.1", "203.0.113.7", ["127.0.0.1"], "203.0.113.7"),
        ("127.0.0.1", "6.6.6.6, 203.0.113.7", ["127.0.0.1"], "203.0.113.7"),
        # A load balancer, then nginx, both in the private network.
        ("10.0.0.2", "203.0.113.7, 10.0.0.1", ["10.0.0.0/8"], "203.0.113.7"),
        ("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.1", ["10.0.0.0/8"], "203.0.113.7"),
        # A request that reached the server directly, past the proxy: its header is not believed.
        ("203.0.113.9", "6.6.6.6", ["10.0.0.0/8"], "203.0.113.9"),
        # A proxy that sent no header, or garbage where an address should be.
        ("127.0.0.1", None, ["127.0.0.1"], "127.0.0.1"),
        ("127.0.0.1", "unknown", ["127.0.0.1"], "127.0.0.1"),
        ("127.0.0.1", "203.0.113.7, unknown", ["127.0.0.1"], "127.0.0.1"),
        # IPv6 clients and proxies.
        ("::1", "2001:db8::7", ["::1"], "2001:db8::7"),
    ],
)
def test_client_address(remote, forwarded, trusted, expected, settings):
    assert address(remote, forwarded, trusted, settings) == expected


forged = st.lists(
    st.one_of(st.ip_addresses().map(str), st.text(max_size=20).filter(lambda t: "," not in t)),
    max_size=5,
)


@given(prefix=forged)
def test_whatever_the_client_writes_before_the_proxies_does_not_change_its_address(prefix):
    # (The settings fixture cannot be used with hypothesis; the override is restored below.)
    from django.test import override_settings

    with override_settings(GONGKAI_TRUSTED_PROXIES=["10.0.0.0/8"]):
        header = ", ".join([*prefix, "203.0.113.7", "10.0.0.1"])
        request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=header)
        assert client_address(request) == "203.0.113.7"


def test_citizens_behind_one_proxy_have_their_own_submission_limits(client, settings, tmp_path):
    from gongkai.core import ratelimit

    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.GONGKAI_RATELIMIT_DIR = str(tmp_path)
    first = client_address(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.1"))
    second = client_address(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.2"))
    assert ratelimit.consume("submit", first, 1)
    assert not ratelimit.consume("submit", first, 1)
    assert ratelimit.consume("submit", second, 1)


@pytest.mark.parametrize("text", ["10.0.0.0/33", "example.org", "10.0.0.1;10.0.0.2"])
def test_a_wrong_proxy_setting_stops_the_start_with_a_chinese_message(text, settings):
    settings.GONGKAI_TRUSTED_PROXIES = [text]
    with pytest.raises(ImproperlyConfigured, match="GONGKAI_TRUSTED_PROXIES 有误"):
        check_security_settings()


def test_networks_are_parsed_from_the_environment_form():
    assert [str(n) for n in parse_networks(" 127.0.0.1, 10.0.0.0/8 ,,::1")] == [
        "127.0.0.1/32",
        "10.0.0.0/8",
        "::1/128",
    ]


@pytest.mark.parametrize(("value", "expected"), [("", 5), ("12", 12), (" 0 ", 0)])
def test_limits_from_the_environment(value, expected, monkeypatch):
    monkeypatch.setenv("GONGKAI_REQUEST_SUBMIT_LIMIT", value)
    assert _int_env("GONGKAI_REQUEST_SUBMIT_LIMIT", 5) == expected


@pytest.mark.parametrize("value", ["five", "-1", "2.5"])
def test_a_wrong_limit_in_the_environment_is_named(value, monkeypatch):
    monkeypatch.setenv("GONGKAI_LOGIN_FAILURE_LIMIT", value)
    with pytest.raises(
        ImproperlyConfigured, match="GONGKAI_LOGIN_FAILURE_LIMIT 应为不小于 0 的整数"
    ):
        _int_env("GONGKAI_LOGIN_FAILURE_LIMIT", 5)


def test_the_settings_read_the_environment(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "GONGKAI_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "gongkai.settings.production",
        "GONGKAI_TRUSTED_PROXIES": "127.0.0.1,10.0.0.0/8",
        "GONGKAI_REQUEST_SUBMIT_LIMIT": "7",
        "GONGKAI_REQUEST_LOOKUP_LIMIT": "30",
        "GONGKAI_LOGIN_FAILURE_LIMIT": "8",
        "GONGKAI_LOGIN_LOCKOUT_MINUTES": "15",
    }
    code = (
        "from django.conf import settings as s;"
        "print(s.GONGKAI_TRUSTED_PROXIES, s.GONGKAI_REQUEST_SUBMIT_LIMIT,"
        " s.GONGKAI_REQUEST_LOOKUP_LIMIT, s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['127.0.0.1', '10.0.0.0/8'] 7 30 8 0:15:00"
