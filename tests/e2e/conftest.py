"""Browser tests: Playwright driving Debian's chromium (never a downloaded browser), with axe-core.

Against ``GONGKAI_SMOKE_URL`` when set (CI's smoke test of the real server), otherwise against a
live test server loaded with the demo data.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags chromium keeps dialling out on this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in the test thread; the database calls the fixtures
# make there are still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError("CI needs Debian's chromium at /usr/bin/chromium for browser tests")
    skip = pytest.mark.skip(reason="Debian's chromium is not installed (make system-deps)")
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def playwright():
    """The worker's one Playwright session: its sync API cannot start a second one in the same
    thread, so a test that needs a browser launched otherwise launches it from this."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    """A page whose Content-Security-Policy violations fail the test that caused them: every
    journey also checks that the policy (gongkai/core/csp.py) blocks nothing the platform
    itself needs, and that no page runs a script the policy does not allow."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture(scope="session")
def demo_snapshot():
    """The worker's in-memory SQLite database as the demo left it, taken by the first test that
    loads the demo: loading it (PDF builds included) takes a minute on a loaded machine, copying
    it back a few milliseconds."""
    snapshot: dict[str, sqlite3.Connection] = {}
    yield snapshot
    if copy := snapshot.get("database"):
        copy.close()


@pytest.fixture
def portal_url(request, demo_snapshot):
    """Tests using this are marked ``django_db(transaction=True)``: the live server's thread must
    see the demo data, so it cannot hide in a rolled-back transaction."""
    if url := os.environ.get("GONGKAI_SMOKE_URL"):
        return url.rstrip("/")
    live_server = request.getfixturevalue("live_server")
    load_demo(demo_snapshot)
    return live_server.url


def load_demo(snapshot: dict[str, sqlite3.Connection]) -> None:
    """The demo data in the test database: loaded by ``gongkai demo`` the first time, then copied
    back from ``snapshot`` (SQLite's online backup replaces every page, sequences included, so
    each test starts from the same rows as the first). On PostgreSQL it is loaded every time."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        return
    connection.ensure_connection()
    if (copy := snapshot.get("database")) is None:
        call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        snapshot["database"] = copy
        return
    copy.backup(connection.connection)
    _forget_rows_held_in_memory()


def _forget_rows_held_in_memory() -> None:
    """The rows were replaced under the process's caches, which may hold others with the same
    keys (content types recreated by the last test's flush, Wagtail's site root paths, pages
    cached by a test that turned the page cache on)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches

    ContentType.objects.clear_cache()
    for cache in caches.all(initialized_only=True):
        cache.clear()


def axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    # Colours checked mid-transition (Wagtail's messages fade in) are colours nobody reads: end
    # each animation at once. Endless ones (spinners) cannot end and are left running.
    page.evaluate(
        "document.getAnimations()"
        ".filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)"
        ".forEach((a) => a.finish())"
    )
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in impacts
    ]


STAFF_PASSWORD = "journey-pw-2026"


def staff_login(page, portal_url: str, username: str, role, unit_code: str, full_name: str):
    """Create a staff user holding ``role`` in the unit and log ``page`` in to the admin as them."""
    import re

    from django.contrib.auth import get_user_model

    from gongkai.core.models import Unit
    from gongkai.core.services import role_grant

    user = get_user_model().objects.create_user(
        username, password=STAFF_PASSWORD, first_name=full_name
    )
    role_grant(actor=None, user=user, unit=Unit.objects.get(code=unit_code), role=role)
    page.goto(f"{portal_url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(STAFF_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    return user
