"""The site checker: crawl one site within its hosts and report what the 19号 checks find.

`check_site` is the one entry point (the supervision module's runs, the demo and
``gongkai sitecheck`` call it). The crawl is breadth-first from the home page: ``connections``
threads fetch at once (urllib3 keeps one keep-alive connection per thread), each URL is
fetched once per run whatever links to it, robots.txt is honoured, redirects are followed by
hand (at most ``MAX_REDIRECTS``, a URL met twice is a loop), and a page's body is dropped as
soon as it is parsed. The frontier never holds more than ``max_pages`` URLs, so memory stays
flat. With ``state_path`` the frontier, the URLs seen and the findings so far are saved every
few seconds, and a later call with the same site, day and path resumes the run.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib import robotparser
from urllib.parse import urlsplit

from gongkai.supervision.crawl.a11y import check_accessibility
from gongkai.supervision.crawl.fetchers import Fetched, Fetcher, HttpFetcher
from gongkai.supervision.crawl.parse import parse_page
from gongkai.supervision.crawl.progress import Progress
from gongkai.supervision.crawl.state import load_state, save_state
from gongkai.supervision.domain import rules
from gongkai.supervision.domain.channels import is_message_channel, no_channel_finding
from gongkai.supervision.domain.columns import (
    EMPTY,
    LIST,
    ColumnSeen,
    column_findings,
    column_kind,
    column_page,
    home_finding,
    merge_columns,
)
from gongkai.supervision.domain.dates import newest
from gongkai.supervision.domain.findings import BROKEN_LINK, SITE_KINDS, Finding
from gongkai.supervision.domain.links import (
    GONE,
    REDIRECT_LOOP,
    TOO_MANY_REDIRECTS,
    Outcome,
    broken_link_finding,
    host_of,
    in_scope,
    looks_gone,
    normalise,
)
from gongkai.supervision.domain.pages import PAGE_LINK, RESOURCE_LINK, text_findings
from gongkai.supervision.domain.veto import VetoItem, decide_veto
from gongkai.supervision.domain.wording import WordingChecker, WordingRule

ROBOTS_AGENT = "gongkai-sitecheck"
_SAVE_EVERY_SECONDS = 2.0
_CHANNELS_KEPT = 50


class SiteSpecError(ValueError):
    """A site that cannot be checked as given; the message is for the clerk."""


@dataclass(frozen=True)
class SiteSpec:
    """A site to check: its home page and the hosts that belong to it (the home page's host
    when none are given; ``host`` or ``host:port``)."""

    home_url: str
    hosts: tuple[str, ...] = ()
    name: str = ""

    def normalised(self) -> SiteSpec:
        home = normalise(self.home_url, self.home_url)
        if home is None or not urlsplit(self.home_url.strip()).scheme:
            raise SiteSpecError(f"网址“{self.home_url}”无效：应以 http:// 或 https:// 开头")
        hosts = tuple(
            dict.fromkeys([host_of(home), *(h.strip().lower() for h in self.hosts if h.strip())])
        )
        return SiteSpec(home, hosts, self.name)


@dataclass
class SiteReport:
    """What one run found. ``pages`` counts the HTML pages of the site read; ``checked`` every
    URL fetched (pages, files, images, and external links with ``external``); ``disallowed``
    the URLs of the site robots.txt kept the checker from (the home page included)."""

    spec: SiteSpec
    today: date
    pages: int
    checked: int
    findings: list[Finding]
    columns: list[ColumnSeen]
    home_newest: date | None
    finished: bool
    seconds: float = 0.0
    veto: list[VetoItem] = field(default_factory=list)
    disallowed: int = 0

    def as_json(self) -> dict[str, Any]:
        """The shape of ``gongkai sitecheck --json``."""
        return {
            "pages": self.pages,
            "findings": [finding.as_json() for finding in self.findings],
            "veto": [item.as_json() for item in self.veto],
        }


@dataclass(frozen=True)
class _Task:
    url: str
    depth: int
    referrer: str
    role: str
    external: bool = False

    def as_list(self) -> list[Any]:
        return [self.url, self.depth, self.referrer, self.role, self.external]


@dataclass
class _Visit:
    outcome: Outcome
    final_url: str
    links: list[tuple[str, str, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    column: ColumnSeen | None = None
    page_newest: date | None = None
    page: bool = False


class _Robots:
    """robots.txt of each host, fetched once. A missing file allows everything; 401 and 403
    forbid everything (the convention `urllib.robotparser` follows); a file that cannot be
    fetched allows everything, because an unreachable robots.txt says nothing."""

    def __init__(self, fetcher: Fetcher, timeout: float) -> None:
        self._fetcher = fetcher
        self._timeout = timeout
        self._parsers: dict[str, robotparser.RobotFileParser] = {}
        self._lock = threading.Lock()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            parser = self._parsers.get(key)
            if parser is None:
                parser = self._parsers[key] = self._read(key)
        return parser.can_fetch(ROBOTS_AGENT, url)

    def _read(self, origin: str) -> robotparser.RobotFileParser:
        parser = robotparser.RobotFileParser()
        fetched = self._fetcher.fetch(origin + "/robots.txt", timeout=self._timeout, body=True)
        status = fetched.outcome.status
        if status in (401, 403):
            parser.disallow_all = True
        elif status == 200:
            parser.parse((fetched.body or b"").decode("utf-8", "replace").splitlines())
        else:
            parser.allow_all = True
        return parser


class _Crawl:
    def __init__(
        self,
        spec: SiteSpec,
        *,
        today: date,
        checker: WordingChecker,
        max_pages: int,
        max_depth: int,
        external: bool,
        fetcher: Fetcher,
        timeout: float,
    ) -> None:
        self.spec = spec
        self.today = today
        self.checker = checker
        self.max_pages = max_pages
        self.max_depth = max_depth
        self.external = external
        self.fetcher = fetcher
        self.timeout = timeout
        self.robots = _Robots(fetcher, timeout)
        self.hosts = set(spec.hosts)
        self.frontier: deque[_Task] = deque()
        self.seen: set[str] = set()
        self.admitted = 0
        self.admitted_external = 0
        self.disallowed = 0
        self.pages = 0
        self.checked = 0
        self.findings: list[Finding] = []
        self.columns: dict[str, ColumnSeen] = {}
        self.home_newest: date | None = None
        self.home_read = False
        self.nav_newest: date | None = None
        self.channel_urls: set[str] = set()
        self.sample: list[str] = []
        self.sample_size = 0

    # -- state ----------------------------------------------------------------------------

    def start(self, state: dict[str, Any] | None) -> None:
        if state is None:
            self.seen.add(self.spec.home_url)
            self.admitted = 1
            if self.robots.allowed(self.spec.home_url):
                self.frontier.append(_Task(self.spec.home_url, 0, "", PAGE_LINK))
            else:
                self.disallowed += 1
            return
        self.frontier.extend(
            _Task(u, d, r, role, bool(e)) for u, d, r, role, e in state["frontier"]
        )
        self.seen.update(state["seen"])
        self.hosts.update(state["hosts"])
        self.admitted = state["admitted"]
        self.admitted_external = state["admitted_external"]
        self.disallowed = state["disallowed"]
        self.pages = state["pages"]
        self.checked = state["checked"]
        self.findings = [Finding(**item) for item in state["findings"]]
        for item in state["columns"]:
            item = dict(item, newest=date.fromisoformat(item["newest"]) if item["newest"] else None)
            self.columns[item["name"]] = ColumnSeen(**item)
        self.home_newest = _day(state["home_newest"])
        self.nav_newest = _day(state["nav_newest"])
        self.home_read = state["home_read"]
        self.channel_urls.update(state["channel_urls"])
        self.sample = state["sample"]

    def snapshot(self, pending: Iterable[_Task], *, finished: bool) -> dict[str, Any]:
        return {
            "home_url": self.spec.home_url,
            "hosts": sorted(self.hosts),
            "today": self.today.isoformat(),
            "finished": finished,
            "frontier": [task.as_list() for task in [*pending, *self.frontier]],
            "seen": sorted(self.seen),
            "admitted": self.admitted,
            "admitted_external": self.admitted_external,
            "disallowed": self.disallowed,
            "pages": self.pages,
            "checked": self.checked,
            "findings": [
                {**finding.as_json(), "serious": finding.serious} for finding in self.findings
            ],
            "columns": [column.as_json() for column in self.columns.values()],
            "home_newest": self.home_newest.isoformat() if self.home_newest else None,
            "nav_newest": self.nav_newest.isoformat() if self.nav_newest else None,
            "home_read": self.home_read,
            "channel_urls": sorted(self.channel_urls),
            "sample": self.sample,
        }

    # -- one URL, in a worker thread ------------------------------------------------------

    def visit(self, task: _Task) -> _Visit:
        chain = [task.url]
        url = task.url
        for _ in range(rules.MAX_REDIRECTS + 1):
            fetched = self.fetcher.fetch(url, timeout=self.timeout)
            status = fetched.outcome.status
            if not (300 <= status < 400 and fetched.location):
                break
            target = normalise(fetched.location, url)
            if target is None:
                break
            if target in chain:
                return _Visit(Outcome(status=status, error=REDIRECT_LOOP), url)
            if task.depth == 0 and not task.external:
                # The home page moving to another host (www., a new domain) takes the site
                # with it: that host belongs to the site from now on.
                self.hosts.add(host_of(target))
            if task.external or not in_scope(target, self.hosts):
                # A redirect away from the site ends the check of this link: the other
                # site is only checked with ``external``, as a link of its own would be.
                if not self.external:
                    return _Visit(Outcome(status=status), target)
            elif not self.robots.allowed(target):
                return _Visit(Outcome(status=status), target)
            chain.append(target)
            url = target
        else:
            return _Visit(Outcome(status=status, error=TOO_MANY_REDIRECTS), url)
        if task.external or task.role != PAGE_LINK or not in_scope(url, self.hosts):
            return _Visit(fetched.outcome, url)
        return self._read_page(task, url, fetched)

    def _read_page(self, task: _Task, url: str, fetched: Fetched) -> _Visit:
        if fetched.outcome.broken or not fetched.is_html or fetched.body is None:
            return _Visit(fetched.outcome, url)
        page = parse_page(url, fetched.body, fetched.charset)
        if looks_gone(page.title):
            return _Visit(Outcome(status=fetched.outcome.status, error=GONE), url)
        column = None
        shape = column_page(
            name=page.column_name,
            column_meta=page.column_meta,
            is_article=page.is_article,
            dated_items=len(page.item_dates),
            content_chars=page.content_chars,
        )
        if task.depth > 0 and shape in (LIST, EMPTY):
            column = ColumnSeen(
                page.column_name,
                url,
                column_kind(page.column_name),
                newest(page.item_dates, today=self.today),
                len(page.item_dates),
            )
        name = column.name if column else page.column_meta
        return _Visit(
            fetched.outcome,
            url,
            links=[(link.url, link.text, link.role) for link in page.links],
            findings=text_findings(page, self.checker, name),
            column=column,
            page_newest=newest(page.item_dates, today=self.today),
            page=True,
        )

    # -- merging a visit, in the main thread ----------------------------------------------

    def merge(self, task: _Task, visit: _Visit) -> None:
        self.checked += 1
        if visit.outcome.broken:
            self.findings.append(broken_link_finding(task.url, visit.outcome, task.referrer))
            return
        if not visit.page:
            return
        if visit.final_url != task.url:
            if visit.final_url in self.seen:
                return
            self.seen.add(visit.final_url)
        self.pages += 1
        if len(self.sample) < self.sample_size:
            self.sample.append(visit.final_url)
        self.findings.extend(visit.findings)
        if task.depth == 0:
            self.home_read = True
            self.home_newest = visit.page_newest
        if visit.column is not None:
            self._add_column(visit.column)
            if task.depth == 1 and visit.column.newest:
                self.nav_newest = max(filter(None, (self.nav_newest, visit.column.newest)))
        for url, text, role in visit.links:
            if (
                len(self.channel_urls) < _CHANNELS_KEPT
                and role == PAGE_LINK
                and is_message_channel(text, url)
            ):
                self.channel_urls.add(url)
            self._admit(url, task, role)

    def _add_column(self, column: ColumnSeen) -> None:
        self.columns[column.name] = merge_columns(
            [c for c in (self.columns.get(column.name), column) if c]
        )[0]

    def _admit(self, url: str, task: _Task, role: str) -> None:
        if url in self.seen:
            return
        if in_scope(url, self.hosts):
            depth = task.depth + 1
            if depth > self.max_depth or self.admitted >= self.max_pages:
                return
            if not self.robots.allowed(url):
                self.seen.add(url)
                self.disallowed += 1
                return
            self.seen.add(url)
            self.admitted += 1
            self.frontier.append(_Task(url, depth, task.url, role))
        elif self.external and self.admitted_external < self.max_pages:
            self.seen.add(url)
            self.admitted_external += 1
            self.frontier.append(_Task(url, task.depth + 1, task.url, RESOURCE_LINK, True))

    # -- the site-wide rules, once the crawl is over --------------------------------------

    def site_findings(self, *, finished: bool, other_days: int) -> list[Finding]:
        findings = column_findings(self.columns.values(), today=self.today, other_days=other_days)
        if self.home_read:
            home = self.home_newest or self.nav_newest
            found = home_finding(self.spec.home_url, home, today=self.today)
            if found:
                findings.append(found)
            # A channel counts when its link works (有效渠道); external channel links are only
            # fetched with ``external``, and count unless found broken.
            broken = {f.url for f in self.findings if f.kind == BROKEN_LINK}
            if finished and not (self.channel_urls - broken):
                findings.append(no_channel_finding(self.spec.home_url))
        return findings


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def check_site(
    spec: SiteSpec,
    *,
    today: date,
    wording_rules: Iterable[WordingRule] = (),
    max_pages: int = rules.MAX_PAGES,
    max_depth: int = rules.MAX_DEPTH,
    external: bool = False,
    fetcher: Fetcher | None = None,
    state_path: Path | None = None,
    progress: Callable[[Progress], None] | None = None,
    connections: int = rules.CONNECTIONS,
    timeout: float = rules.FETCH_TIMEOUT_SECONDS,
    other_stale_days: int = rules.OTHER_STALE_DAYS,
    stop: Callable[[], bool] | None = None,
    a11y: int = 0,
) -> SiteReport:
    """Crawl ``spec`` and check it as of ``today``.

    ``fetcher`` defaults to real HTTP; ``max_pages`` caps the URLs of the site fetched (and,
    with ``external``, the external links checked); ``stop`` is asked after each URL and ends
    the run early (``finished`` is then False and the state file keeps the rest for the next
    call). ``a11y`` pages (the home page, the columns, then the first pages read) are checked
    with axe-core in chromium after the crawl, over HTTP only (`crawl.a11y`). Raises
    `SiteSpecError` for a home URL that is not an http(s) URL.
    """
    spec = spec.normalised()
    if max_pages < 1 or max_depth < 0 or connections < 1:
        raise SiteSpecError("页面数上限、层级上限和连接数应为正数")
    own_fetcher = fetcher is None
    fetcher = fetcher or HttpFetcher(connections=connections)
    crawl = _Crawl(
        spec,
        today=today,
        checker=WordingChecker(wording_rules),
        max_pages=max_pages,
        max_depth=max_depth,
        external=external,
        fetcher=fetcher,
        timeout=timeout,
    )
    state = (
        load_state(state_path, home_url=spec.home_url, today=today.isoformat())
        if state_path
        else None
    )
    crawl.sample_size = a11y
    crawl.start(state)
    started = time.monotonic()
    last_save = started
    inflight: dict[Future[_Visit], _Task] = {}
    stopped = False

    def report(done: bool) -> None:
        if progress:
            progress(
                Progress(
                    pages=crawl.pages,
                    checked=crawl.checked,
                    queued=len(crawl.frontier) + len(inflight),
                    findings=len(crawl.findings),
                    limit=crawl.admitted + crawl.admitted_external,
                    seconds=time.monotonic() - started,
                    done=done,
                )
            )

    try:
        with ThreadPoolExecutor(max_workers=connections, thread_name_prefix="sitecheck") as pool:
            try:
                while crawl.frontier or inflight:
                    while crawl.frontier and len(inflight) < connections * 2:
                        task = crawl.frontier.popleft()
                        inflight[pool.submit(crawl.visit, task)] = task
                    done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                    for future in done:
                        crawl.merge(inflight.pop(future), future.result())
                    report(False)
                    if state_path and time.monotonic() - last_save >= _SAVE_EVERY_SECONDS:
                        save_state(state_path, crawl.snapshot(inflight.values(), finished=False))
                        last_save = time.monotonic()
                    if stop and stop():
                        stopped = True
                        break
            except BaseException:
                # Interrupted (Ctrl-C): keep what is done, so the next run resumes here.
                stopped = True
                raise
            finally:
                pending = list(inflight.values())
                for future in inflight:
                    future.cancel()
                if state_path:
                    save_state(state_path, crawl.snapshot(pending, finished=not stopped))
    finally:
        if own_fetcher:
            fetcher.close()
    report(True)
    finished = not stopped
    columns = sorted(crawl.columns.values(), key=lambda column: column.url)
    site_findings = crawl.site_findings(finished=finished, other_days=other_stale_days)
    if a11y and crawl.pages:
        sample = [crawl.spec.home_url, *(column.url for column in columns), *crawl.sample]
        site_findings += check_accessibility(
            list(dict.fromkeys(sample))[:a11y], hosts=crawl.hosts, timeout=timeout
        )
    findings = sorted(
        crawl.findings + site_findings,
        key=lambda f: (SITE_KINDS.index(f.kind), f.url, f.value),
    )
    return SiteReport(
        spec=spec,
        today=today,
        pages=crawl.pages,
        checked=crawl.checked,
        findings=findings,
        columns=columns,
        home_newest=crawl.home_newest or crawl.nav_newest,
        finished=finished,
        seconds=time.monotonic() - started,
        veto=decide_veto(findings, column_kinds={c.name: c.kind for c in columns}),
        disallowed=crawl.disallowed,
    )
