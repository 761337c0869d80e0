"""Benchmark: message statistics in the database, 1,000,000 messages across 200 units (issue 15).

Run with ``.venv/bin/python bench/bench_messages.py [--data-dir DIR] [--messages N] [--fresh]``.
Targets on SQLite: one unit's year ≤ 0.5 s, the whole region ≤ 3 s.

Setup (untimed, reused between runs in ``--data-dir``, default ``/tmp/gongkai-bench-messages``):
a migrated database with a county of 200 units (the county, 59 departments, 20 townships with 6
offices and committees each) and ``--messages`` messages received over 2022–2026, spread over the
units in proportion to their size, of every kind, with the due day the deadline engine gives and
the three-month day, answered mostly on time, some late, some open, 2 % invalid. The rows are
written with ``bulk_create`` (the services would take hours for a million); every column the
statistics read is filled as the services fill it.

Timed: `selectors.statistics`, the function ``gongkai messages stats --json`` runs, for
(a) one department's year, (b) one township's year (its subtree), (c) the whole region's year and
(d) the whole region over all five years, each five times after a warm-up; printed are the best
and the median wall time with the CPU time of the best, the number of messages counted, and the
load average, since this 2-core machine is shared.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics as stats
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

TARGET_UNIT_YEAR = 0.5
TARGET_REGION = 3.0
YEARS = range(2022, 2027)
BATCH = 20_000


def _setup(data_dir: Path) -> None:
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.production")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()


def _units():
    from gongkai.core.models import Unit
    from gongkai.core.services import unit_create

    county = Unit.objects.filter(code="B-COUNTY").first()
    if county is not None:
        return list(Unit.objects.filter(path__startswith=county.path).order_by("path"))
    county = unit_create(actor=None, code="B-COUNTY", name="基准县人民政府", kind="government")
    units = [county]
    for n in range(59):
        units.append(
            unit_create(
                actor=None,
                parent=county,
                code=f"B-D{n:02d}",
                name=f"基准县第{n}局",
                kind="department",
            )
        )
    for t in range(20):
        town = unit_create(
            actor=None,
            parent=county,
            code=f"B-T{t:02d}",
            name=f"基准县第{t}镇人民政府",
            kind="township",
        )
        units.append(town)
        for v in range(6):
            units.append(
                unit_create(
                    actor=None,
                    parent=town,
                    code=f"B-T{t:02d}-{v}",
                    name=f"基准县第{t}镇第{v}站所",
                    kind="other",
                )
            )
    return units


def _build(count: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from gongkai.calendar.domain.deadlines import add_months
    from gongkai.calendar.selectors import current_calendar, deadline_for
    from gongkai.messages.domain.kinds import Channel, MessageKind
    from gongkai.messages.domain.states import State
    from gongkai.messages.models import Message

    units = _units()
    existing = Message.objects.filter(unit__code__startswith="B-").count()
    if existing >= count:
        print(f"reusing {existing:,} messages in the data directory")
        return
    calendar = current_calendar()
    days = {kind: deadline_for(kind.rule_key, date(2026, 3, 2)).days for kind in MessageKind}
    kinds = list(MessageKind)
    weights = [1 if u.kind == "other" else 6 if u.kind == "township" else 4 for u in units]
    rng = random.Random(15)
    first, span = date(2022, 1, 1), (date(2026, 11, 30) - date(2022, 1, 1)).days
    today = timezone.localdate()
    began = time.perf_counter()
    made = existing
    while made < count:
        batch = []
        for _ in range(min(BATCH, count - made)):
            made += 1
            unit = rng.choices(units, weights)[0]
            kind = rng.choice(kinds)
            received_on = first + timedelta(days=rng.randint(0, span))
            received_at = timezone.make_aware(datetime.combine(received_on, clock(9 + made % 8)))
            due_on = calendar.add_workdays(received_on, days[kind])
            roll = rng.random()
            state, answered_on = State.ANSWERED, None
            if roll < 0.02:
                state = State.INVALID
            elif roll < 0.10 and received_on > today - timedelta(days=200):
                state = State.HANDLING
            else:
                late = rng.random() < 0.15
                answered_on = calendar.add_workdays(
                    received_on,
                    days[kind] + rng.randint(1, 40) if late else rng.randint(0, days[kind]),
                )
                answered_on = min(answered_on, today)
            batch.append(
                Message(
                    unit_id=unit.pk,
                    number=f"B{made:09d}",
                    channel=Channel.WEB,
                    kind=kind,
                    title="基准留言",
                    text="",
                    received_at=received_at,
                    received_on=received_on,
                    due_on=due_on,
                    three_months_on=add_months(received_on, 3),
                    state=state,
                    answered_at=timezone.make_aware(datetime.combine(answered_on, clock(16)))
                    if answered_on
                    else None,
                    answered_on=answered_on,
                    answer_workdays=calendar.workdays_between(received_on, answered_on)
                    if answered_on
                    else None,
                )
            )
        with transaction.atomic():
            Message.objects.bulk_create(batch, batch_size=2000)
        print(f"  {made:,} messages ({time.perf_counter() - began:.0f} s)", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _time(label: str, unit, start: date, end: date, on: date, target: float) -> None:
    from gongkai.messages.selectors import statistics

    statistics(unit, start, end, on=on)  # warm-up: the page cache, the unit ids
    walls, cpus = [], []
    for _ in range(5):
        wall, cpu = time.perf_counter(), time.process_time()
        result = statistics(unit, start, end, on=on)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    best = min(range(5), key=walls.__getitem__)
    verdict = "meets" if walls[best] <= target else "MISSES"
    print(
        f"{label}: {result.total.received + result.total.invalid:,} messages, "
        f"best {walls[best]:.3f} s (CPU {cpus[best]:.3f} s), median {stats.median(walls):.3f} s; "
        f"{verdict} the target of {target} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/tmp/gongkai-bench-messages")
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--fresh", action="store_true", help="start from an empty data directory")
    args = parser.parse_args()
    data_dir = Path(args.data_dir)
    if args.fresh and data_dir.exists():
        import shutil

        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    _setup(data_dir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _build(args.messages)
    from gongkai.core.models import Unit
    from gongkai.messages.models import Message

    total = Message.objects.count()
    units = Unit.objects.filter(code__startswith="B-").count()
    size = sum(f.stat().st_size for f in data_dir.glob("gongkai.sqlite3*")) / 1e6
    print(f"{total:,} messages across {units} units; database {size:,.0f} MB")
    print(f"load average before timing: {os.getloadavg()}")
    on = date(2026, 12, 1)
    year = date(2025, 1, 1), date(2025, 12, 31)
    _time("one department, 2025", Unit.objects.get(code="B-D07"), *year, on, TARGET_UNIT_YEAR)
    _time(
        "one township with its 6 offices, 2025",
        Unit.objects.get(code="B-T03"),
        *year,
        on,
        TARGET_UNIT_YEAR,
    )
    county = Unit.objects.get(code="B-COUNTY")
    _time("the whole region (200 units), 2025", county, *year, on, TARGET_REGION)
    _time(
        "the whole region, 2022–2026",
        county,
        date(2022, 1, 1),
        date(2026, 12, 31),
        on,
        TARGET_REGION,
    )
    print(f"load average after timing: {os.getloadavg()}")


if __name__ == "__main__":
    main()
