"""Supervision's periodic jobs: the daily check of each site (日监测), availability probes
through the day, the new-media feeds and checks, and the weekly warning list (周预警). Each is
idempotent: a site is checked once a day, a unit warned once a week."""

from django.utils import timezone

from gongkai.core.periodic import periodic_job

from . import checks, services

# 19号 站点无法访问: 「每天间隔性访问20次以上」: every hour gives 24 probes a day.
PROBE_MINUTES = 60


@periodic_job(minutes=24 * 60, name="supervision.daily_checks")
def daily_site_checks() -> None:
    checks.daily_checks()


@periodic_job(minutes=PROBE_MINUTES, name="supervision.probes")
def availability_probes() -> None:
    checks.probe_round()


@periodic_job(minutes=24 * 60, name="supervision.newmedia")
def newmedia_checks() -> None:
    # Feeds first, so the day's check reads the newest post dates.
    checks.feeds_refresh()
    services.accounts_check(on=timezone.localdate())


@periodic_job(minutes=24 * 60, name="supervision.weekly_warnings")
def weekly_warnings() -> None:
    # Runs daily but sends once per unit and week (the first run of the week).
    services.weekly_warnings_send(on=timezone.localdate())
