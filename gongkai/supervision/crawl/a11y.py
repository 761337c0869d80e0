"""Accessibility of a sample of pages: axe-core in Debian's chromium (``gongkai sitecheck
--a11y``), the same pair the platform's own browser tests use.

Only the site's own hosts are loaded: every other request the page makes (fonts, analytics,
external images) is aborted, so a check never reaches another address. Violations of impact
serious or critical are findings (``accessibility``), one per page and rule; the lesser ones
are left out, as in the platform's own tests.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Collection, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from gongkai.supervision.domain import rules
from gongkai.supervision.domain.findings import ACCESSIBILITY, Finding
from gongkai.supervision.domain.links import host_of

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags chromium dials out on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IMPACTS = ("serious", "critical")
IMPACT_LABELS = {"serious": "严重", "critical": "非常严重"}


class A11yUnavailable(RuntimeError):
    """The browser or the axe package is missing; the message is for the clerk."""


def ensure_available() -> None:
    if not CHROMIUM.exists():
        raise A11yUnavailable(f"无障碍检查需要浏览器 {CHROMIUM}（Debian 的 chromium 软件包）")
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as error:
        raise A11yUnavailable(
            "无障碍检查需要 playwright 和 axe-playwright-python 两个 Python 包"
        ) from error


def check_accessibility(
    urls: Iterable[str], *, hosts: Collection[str], timeout: float = rules.FETCH_TIMEOUT_SECONDS
) -> list[Finding]:
    ensure_available()
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _check(urls, hosts, timeout)
    # Playwright's sync API refuses to start inside a running event loop (an async caller, or
    # another Playwright session of this thread): drive the browser from a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_check, list(urls), hosts, timeout).result()


def _check(urls: Iterable[str], hosts: Collection[str], timeout: float) -> list[Finding]:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    # Playwright's sync API refuses to run where an event loop is running (Django's async-unsafe
    # guard sees it too); the browser is driven from this thread only.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    axe = Axe()
    findings = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale="zh-CN", bypass_csp=True)
            context.route(
                "**/*",
                lambda route: (
                    route.continue_() if host_of(route.request.url) in hosts else route.abort()
                ),
            )
            for url in urls:
                page = context.new_page()
                try:
                    page.goto(url, timeout=timeout * 1000, wait_until="load")
                    violations = axe.run(page).response["violations"]
                except PlaywrightError:
                    # The page did not load in the browser; the crawl already reports why.
                    continue
                finally:
                    page.close()
                findings.extend(
                    _finding(url, violation)
                    for violation in violations
                    if violation["impact"] in IMPACTS
                )
        finally:
            browser.close()
    return findings


def _finding(url: str, violation: dict) -> Finding:
    nodes = violation.get("nodes", [])
    return Finding(
        kind=ACCESSIBILITY,
        url=url,
        detail=(
            f"无障碍问题（{IMPACT_LABELS[violation['impact']]}）：{violation['help']}，"
            f"{len(nodes)} 处"
        ),
        value=violation["id"],
    )
