"""Benchmark: the annual report's JSON, computed in the database, over 1,000,000 requests.

Run with ``.venv/bin/python bench/bench_report.py [--requests N] [--units U] [--data-dir DIR]
[--fresh] [--repeat R]``.

Setup: a throwaway data directory (default ``/tmp/gongkai-bench-report``, kept and reused while it
holds the records) is migrated and gets a county government with ``--units`` − 1 departments and
townships below it (200 units in all, made by the unit services), then ``--requests`` requests
(default 1,000,000) received from 2021 to 2025 and about 1 % of them appealed. The requests are
inserted in the order they were received, across all units, as a real office's table fills,
straight into the table with ``executemany`` — **bypassing the request services** (which check,
compute a deadline, write an event and an audit entry for each): this is setup only, and what is
measured is the report. Outcomes follow a plausible mix (most granted, some refused or unable,
a few not processed), 3 % are still open, the rest are closed within 0–60 days.

Measurement: ``gongkai report annual … --format json`` run in this process (``call_command``,
so Django's start-up is not counted; it is printed once for the command line as a whole):

- one unit-year: ten departments' 2025 reports (about 1,000 requests received each year,
  5,000 in all), median and slowest; target ≤ 1 s;
- the whole region: the county government's 本级政府 report (all 200 units, every request),
  for 2025 (the year a draft report is about), 2023 and 2021; target ≤ 5 s.

Each figure is the median of ``--repeat`` runs after one warm-up run, wall time and this process's
CPU time (SQLite runs in it: the query's own cost, the steadier figure while other work shares the
machine). The load average before and after the runs is printed.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

REQUESTS = 1_000_000
UNITS = 200
YEARS = (2021, 2022, 2023, 2024, 2025)
COUNTY = "B0000"
TARGETS = {"unit-year": 1.0, "region": 5.0}
BATCH = 20_000

# (outcome, weight): a plausible year of a county's requests.
OUTCOMES = (
    ("granted", 52),
    ("partly_granted", 8),
    ("refused.third_party", 3),
    ("refused.process_info", 2),
    ("refused.internal_affairs", 1),
    ("refused.enforcement_file", 1),
    ("refused.state_secret", 1),
    ("unable.not_held", 12),
    ("unable.needs_creation", 2),
    ("unable.unclear_after_correction", 1),
    ("not_processed.petition", 4),
    ("not_processed.repeat", 3),
    ("not_processed.publication", 1),
    ("not_processed.excessive", 1),
    ("other.no_correction", 4),
    ("other.fee_unpaid", 1),
    ("other.other", 3),
)
APPLICANTS = (
    ("natural_person", 80),
    ("commercial", 8),
    ("research", 2),
    ("public_interest", 2),
    ("legal_services", 5),
    ("other_org", 3),
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--units", type=int, default=UNITS)
    parser.add_argument("--data-dir", default="/tmp/gongkai-bench-report", type=Path)
    parser.add_argument("--fresh", action="store_true", help="delete the data dir first")
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args()


def _units(count: int) -> list:
    from gongkai.core.models import Unit
    from gongkai.core.services import unit_create

    county = Unit.objects.filter(code=COUNTY).first() or unit_create(
        actor=None, code=COUNTY, name="基准县人民政府", kind="government"
    )
    units = [county]
    for number in range(1, count):
        code = f"B{number:04d}"
        unit = Unit.objects.filter(code=code).first() or unit_create(
            actor=None,
            parent=county,
            code=code,
            name=f"基准县第{number}单位",
            kind="township" if number % 5 == 0 else "department",
        )
        units.append(unit)
    return units


def _columns(model, values: dict) -> tuple[list[str], list]:
    """Every concrete column but the id, with ``values`` or the field's own default."""
    names, defaults = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        names.append(field.column)
        if field.column in values:
            defaults.append(values[field.column])
        elif field.has_default():
            defaults.append(field.get_default())
        else:
            defaults.append(None if field.null else "")
    return names, defaults


def _insert_requests(units: list, total: int) -> None:
    from django.db import connection, transaction

    from gongkai.requests.models import Appeal, DisclosureRequest

    rng = random.Random(20251231)
    start, days = date(YEARS[0], 1, 1), (date(YEARS[-1], 12, 31) - date(YEARS[0], 1, 1)).days + 1
    received_days = sorted(start + timedelta(days=rng.randrange(days)) for _ in range(total))
    outcomes = [o for o, _ in OUTCOMES]
    outcome_weights = [w for _, w in OUTCOMES]
    applicants = [a for a, _ in APPLICANTS]
    applicant_weights = [w for _, w in APPLICANTS]
    adapt = connection.ops.adapt_datetimefield_value
    now = adapt(datetime.now().astimezone())
    fixed = {"channel": "in_person", "imported": True, "created_at": now, "updated_at": now}
    names, template = _columns(DisclosureRequest, fixed)
    position = {name: i for i, name in enumerate(names)}
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        DisclosureRequest._meta.db_table,
        ", ".join(connection.ops.quote_name(n) for n in names),
        ", ".join(["%s"] * len(names)),
    )
    appeals: list[tuple[int, str, date]] = []
    print(f"inserting {total:,} requests across {len(units)} units…", flush=True)
    began = time.monotonic()
    for batch_start in range(0, total, BATCH):
        rows = []
        for number in range(batch_start, min(batch_start + BATCH, total)):
            received = received_days[number]
            row = list(template)
            row[position["unit_id"]] = units[rng.randrange(len(units))].pk
            row[position["tracking_no"]] = f"B{received.year}-{number:07d}"
            row[position["applicant_type"]] = rng.choices(applicants, applicant_weights)[0]
            row[position["submitted_at"]] = adapt(datetime.combine(received, clock(9)).astimezone())
            row[position["received_on"]] = received
            if rng.random() < 0.03 and received.year == YEARS[-1]:
                row[position["state"]] = "in_handling"
            else:
                closed = received + timedelta(days=rng.randint(0, 60))
                outcome = rng.choices(outcomes, outcome_weights)[0]
                row[position["state"]] = "archived"
                row[position["outcome"]] = outcome
                row[position["closed_on"]] = closed
                row[position["replied_on"]] = closed
                if rng.random() < 0.01:
                    appeals.append(
                        (number, rng.choice(["review", "review", "lawsuit_direct"]), closed)
                    )
            rows.append(row)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        done = batch_start + len(rows)
        if done % 200_000 == 0 or done == total:
            print(f"  {done:,} ({time.monotonic() - began:.0f} s)", flush=True)
    ids = dict(
        DisclosureRequest.objects.filter(tracking_no__startswith="B").values_list(
            "tracking_no", "pk"
        )
    )
    objects = []
    for number, kind, closed in appeals:
        received = received_days[number]
        decided = closed + timedelta(days=rng.randint(30, 200))
        pending = decided > date(YEARS[-1], 12, 31) and rng.random() < 0.5
        objects.append(
            Appeal(
                request_id=ids[f"B{received.year}-{number:07d}"],
                kind=kind,
                filed_on=closed + timedelta(days=rng.randint(1, 50)),
                result="pending"
                if pending
                else rng.choice(["upheld", "upheld", "corrected", "other"]),
                decided_on=None if pending else decided,
            )
        )
    Appeal.objects.bulk_create(objects, batch_size=2_000)
    print(f"  and {len(objects):,} appeals", flush=True)


def _prepare(arguments: argparse.Namespace) -> list:
    from django.core.management import call_command

    from gongkai.requests.models import DisclosureRequest

    call_command("migrate", verbosity=0)
    units = _units(arguments.units)
    existing = DisclosureRequest.objects.filter(tracking_no__startswith="B").count()
    if existing not in (0, arguments.requests):
        raise SystemExit(
            f"{arguments.data_dir} holds {existing:,} requests, not {arguments.requests:,}: "
            "run with --fresh"
        )
    if existing == 0:
        _insert_requests(units, arguments.requests)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as a live database gets from time to time
    return units


def _time(args: list[str], repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of the command (SQLite works in this process, so its CPU
    time is the query's cost, the steadier figure while other work shares the machine)."""
    from django.core.management import call_command

    def once() -> tuple[float, float]:
        out = io.StringIO()
        wall, cpu = time.perf_counter(), time.process_time()
        call_command("report", *args, stdout=out, stderr=io.StringIO())
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if '"table3"' not in out.getvalue():
            raise SystemExit(f"no report from {args}")
        return wall, cpu

    once()  # warm the page cache and Django's caches
    runs = [once() for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def _verdict(seconds: float, target: float) -> str:
    return f"({'meets' if seconds <= target else 'MISSES'} the target of {target:.0f} s)"


def main() -> None:
    arguments = _arguments()
    if arguments.fresh and arguments.data_dir.exists():
        shutil.rmtree(arguments.data_dir)
    arguments.data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["GONGKAI_DATA_DIR"] = str(arguments.data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings.production"
    os.environ.setdefault("GONGKAI_LOG_LEVEL", "WARNING")

    import django

    django.setup()
    from django.conf import settings

    units = _prepare(arguments)
    database = Path(settings.DATABASES["default"]["NAME"])
    size = database.stat().st_size / 1e6 if database.exists() else 0
    print(
        f"\n{arguments.requests:,} requests, {len(units)} units, {YEARS[0]}–{YEARS[-1]}; "
        f"SQLite {size:,.0f} MB; {os.cpu_count()} CPUs, load average "
        "{:.1f} {:.1f} {:.1f} before the runs; median of {} runs".format(
            *os.getloadavg(), arguments.repeat
        )
    )
    departments = [u for u in units[1:] if u.kind == "department"][:10]
    unit_times = [
        _time(["annual", "--unit", u.code, "--year", "2025", "--format", "json"], arguments.repeat)
        for u in departments
    ]
    wall = statistics.median(w for w, _ in unit_times)
    slowest = max(w for w, _ in unit_times)
    cpu = statistics.median(c for _, c in unit_times)
    print(
        f"one unit-year (10 departments, 2025): median {wall:.3f} s (CPU {cpu:.3f} s), "
        f"slowest {slowest:.3f} s {_verdict(slowest, TARGETS['unit-year'])}"
    )
    # The year just ended is what a draft report computes; earlier years show the cost growing
    # with the share of the history closed on or after the year's start.
    for year in (2025, 2023, 2021):
        wall, cpu = _time(
            ["annual", "--unit", COUNTY, "--year", str(year), "--region", "--format", "json"],
            arguments.repeat,
        )
        print(
            f"whole region ({len(units)} units), {year}: {wall:.3f} s (CPU {cpu:.3f} s) "
            f"{_verdict(wall, TARGETS['region'])}"
        )
    print("load average {:.1f} {:.1f} {:.1f} after the runs".format(*os.getloadavg()))
    began = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "gongkai.cli",
            "report",
            "annual",
            "--unit",
            COUNTY,
            "--year",
            "2025",
            "--region",
            "--format",
            "json",
            "--output",
            os.devnull,
        ],
        check=True,
        env=dict(os.environ),
        stderr=subprocess.DEVNULL,
    )
    print(
        f"the whole command line for the region, start-up included: {time.perf_counter() - began:.2f} s"
    )


if __name__ == "__main__":
    main()
