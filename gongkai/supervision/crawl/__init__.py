"""The site checker (网站检查): `check_site` and the fetchers it can run over."""

from gongkai.supervision.crawl.crawler import SiteReport, SiteSpec, SiteSpecError, check_site
from gongkai.supervision.crawl.fetchers import (
    Fetched,
    Fetcher,
    HttpFetcher,
    RoutingFetcher,
    StaticFetcher,
    WsgiFetcher,
)
from gongkai.supervision.crawl.probe import probe
from gongkai.supervision.crawl.progress import Progress, ProgressBar

__all__ = [
    "Fetched",
    "Fetcher",
    "HttpFetcher",
    "Progress",
    "ProgressBar",
    "RoutingFetcher",
    "SiteReport",
    "SiteSpec",
    "SiteSpecError",
    "StaticFetcher",
    "WsgiFetcher",
    "check_site",
    "probe",
]
