"""Running the checks: a site's daily run through the site checker, the availability probes,
and the new-media feeds. Each reads from the outside world and stores through ``services``.

The platform's own site is checked in this process (the WSGI fetcher); a demo site from the
static files shipped with the app; every other site over HTTP.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.core.domain.errors import DomainError
from gongkai.messages.selectors import three_month_flags

from . import services
from .crawl import (
    Fetched,
    Fetcher,
    HttpFetcher,
    RoutingFetcher,
    SiteReport,
    SiteSpec,
    SiteSpecError,
    StaticFetcher,
    WsgiFetcher,
    check_site,
)
from .crawl.probe import probe
from .domain import rules
from .domain.feeds import FeedError, newest_post_date
from .domain.findings import UNANSWERED_MESSAGE, UNREACHABLE, Finding
from .domain.probes import day_unreachable, failed_share
from .domain.veto import decide_veto
from .models import Account, AccountStatus, CheckRun, Probe, RunStatus, Site

logger = logging.getLogger(__name__)

DEMO_SITES = Path(__file__).resolve().parent / "demo_sites"
FEED_BYTES = 2 * 1024 * 1024


_DATE_TOKEN = re.compile(rb"\{\{(date|cn)-(\d+)\}\}")


class DemoFetcher(StaticFetcher):
    """The demo's sample sites: their dates are written relative to the check day
    (``{{date-3}}`` is three days before it as 2026-05-01, ``{{cn-3}}`` as 2026年5月1日), so a
    demo loaded on any day shows the same findings."""

    def __init__(self, root: Path, today: date) -> None:
        super().__init__(root)
        self.today = today

    def _date(self, match: re.Match[bytes]) -> bytes:
        day = self.today - timedelta(days=int(match[2]))
        text = day.isoformat() if match[1] == b"date" else f"{day.year}年{day.month}月{day.day}日"
        return text.encode()

    def fetch(self, url: str, *, timeout: float, body: bool = False) -> Fetched:
        fetched = super().fetch(url, timeout=timeout, body=body)
        if fetched.body is None:
            return fetched
        return replace(fetched, body=_DATE_TOKEN.sub(self._date, fetched.body))


# Characters a URL keeps as they are; everything else (Chinese in a query) is percent-encoded.
_URL_SAFE = "%/:=&?~#+!$,;'@()*[]"


class PlatformFetcher(WsgiFetcher):
    """The platform in process. Links written with raw Chinese in their query (search links)
    are sent percent-encoded, as a browser sends them: WSGI carries only latin-1."""

    def fetch(self, url: str, *, timeout: float, body: bool = False) -> Fetched:
        return super().fetch(quote(url, safe=_URL_SAFE), timeout=timeout, body=body)


def _fetcher(site: Site, today: date) -> Fetcher | None:
    """None: real HTTP, made by the checker itself."""
    if site.is_platform:
        return PlatformFetcher()
    if site.demo_files:
        root = (DEMO_SITES / site.demo_files).resolve()
        if not root.is_relative_to(DEMO_SITES) or not root.is_dir():
            raise DomainError(f"演示站点文件“{site.demo_files}”不存在。")
        return RoutingFetcher({urlsplit(site.home_url).netloc: DemoFetcher(root, today)})
    return None


def state_path(site: Site, day: date) -> Path:
    folder = Path(settings.DATA_DIR) / "sitecheck"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"site-{site.pk}-{day.isoformat()}.json"


def unreachable_findings(site: Site, day: date) -> list[Finding]:
    """``unreachable`` for the day before ``day``: the last whole day of probes."""
    start = timezone.make_aware(datetime.combine(day - timedelta(days=1), datetime.min.time()))
    timings = [
        None if p.error else p.seconds
        for p in Probe.objects.filter(site=site, at__gte=start, at__lt=start + timedelta(days=1))
    ]
    if not timings or not day_unreachable(timings):
        return []
    share = failed_share(timings)
    return [
        Finding(
            UNREACHABLE,
            site.home_url,
            detail=f"{day - timedelta(days=1):%Y年%m月%d日}共探测{len(timings)}次，"
            f"{share:.0%}超过{rules.PROBE_SLOW_SECONDS:g}秒仍打不开。",
            value=f"{share:.1%}",
        )
    ]


def unanswered_findings(site: Site, day: date) -> list[Finding]:
    """The platform's own messages still unanswered three months on (互动回应差)."""
    if not site.is_platform:
        return []
    # 19号: 监测时间点前1年内 (29 February looks back to 28 February).
    year_before = day - (date(day.year, 3, 1) - date(day.year - 1, 3, 1))
    return [
        Finding(
            UNANSWERED_MESSAGE,
            site.home_url,
            column=flag.unit_name,
            detail=f"留言“{flag.title}”（{flag.number}）于{flag.received_on:%Y年%m月%d日}收到，"
            f"至{day:%Y年%m月%d日}超过3个月未回应。",
            value=flag.number,
        )
        for flag in three_month_flags(on=day, received_from=year_before, open_only=True)
    ]


def site_check(
    *,
    site: Site,
    day: date,
    max_pages: int = rules.MAX_PAGES,
    stop: Callable[[], bool] | None = None,
) -> CheckRun:
    """Check ``site`` for ``day`` (resuming the day's unfinished run) and store the result."""
    if site.is_platform and transaction.get_connection().in_atomic_block:
        # The platform's pages are read by other threads, which cannot see an open
        # transaction's records, and each in-process request ends by closing the connection.
        raise DomainError("本平台网站须在数据库事务之外检查。")
    run = services.run_start(site=site, day=day)
    path = state_path(site, day)
    services.run_set_state_path(run=run, state_path=str(path))
    spec = SiteSpec(site.home_url, tuple(site.host_list), site.name)
    try:
        report: SiteReport = check_site(
            spec,
            today=day,
            wording_rules=services.wording_rules(),
            max_pages=max_pages,
            fetcher=_fetcher(site, day),
            state_path=path,
            stop=stop,
        )
    except (SiteSpecError, DomainError, OSError) as error:
        return services.run_fail(run=run, error=str(error))
    findings = report.findings + unreachable_findings(site, day) + unanswered_findings(site, day)
    vetoes = decide_veto(findings, column_kinds={c.name: c.kind for c in report.columns})
    run = services.run_finish(
        run=run, pages=report.pages, findings=findings, vetoes=vetoes, complete=report.finished
    )
    if report.finished:
        path.unlink(missing_ok=True)
    return run


def daily_checks(*, day: date | None = None) -> list[CheckRun]:
    """Each active site once a day; a run left unfinished (a restart) is resumed."""
    day = day or timezone.localdate()
    done = set(
        CheckRun.objects.filter(day=day)
        .exclude(status=RunStatus.RUNNING)
        .values_list("site_id", flat=True)
    )
    runs = []
    for site in Site.objects.filter(is_active=True).select_related("unit"):
        if site.pk in done:
            continue
        try:
            runs.append(site_check(site=site, day=day))
        except DomainError as error:
            logger.warning("site check of %s skipped: %s", site.name, error)
    return runs


def probe_once(site: Site) -> services.ProbeResult:
    """Open the home page once, as a visitor would, with the 15 s limit."""
    at = timezone.now()
    started = time.monotonic()
    seconds = probe(site.home_url, fetcher=_fetcher(site, timezone.localdate()))
    if seconds is None:
        return services.ProbeResult(site, at, time.monotonic() - started, None, "未能打开")
    return services.ProbeResult(site, at, seconds, 200, "")


def probe_round() -> int:
    return services.probes_record(
        results=[probe_once(site) for site in Site.objects.filter(is_active=True)]
    )


def read_feed(url: str) -> date | None:
    """The newest post date of a feed over HTTP (15 s, 2 MB at most)."""
    fetcher = HttpFetcher(connections=1, max_body=FEED_BYTES)
    try:
        fetched = fetcher.fetch(url, timeout=rules.FETCH_TIMEOUT_SECONDS, body=True)
    finally:
        fetcher.close()
    if fetched.outcome.broken or fetched.body is None:
        raise FeedError(f"订阅地址无法访问（{fetched.outcome.label}）。")
    return newest_post_date(fetched.body)


def feeds_refresh() -> int:
    """Read the feeds of active accounts; the number of accounts whose last post moved."""
    moved = 0
    for account in Account.objects.filter(status=AccountStatus.ACTIVE).exclude(feed_url=""):
        try:
            newest = read_feed(account.feed_url)
        except FeedError as error:
            logger.warning("feed of account %s: %s", account.pk, error)
            continue
        # A feed only moves the date forward: an entered date newer than the feed stays.
        later = account.last_post_on is None or (newest and newest > account.last_post_on)
        if newest and newest <= timezone.localdate() and later:
            services.account_set_last_post(actor=None, account=account, on=newest, source="feed")
            moved += 1
    return moved
