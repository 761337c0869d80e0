"""Benchmark: a province-size annual assessment, 2,000 units, in the database (issue 20).

Run with ``.venv/bin/python bench/bench_assessment.py [--data-dir DIR] [--units N] [--fresh]``.
Target on SQLite: the whole year computed in ≤ 60 s.

Setup (untimed, reused between runs in ``--data-dir``, default ``/tmp/gongkai-bench-assessment``):
a migrated database with a province government over ``--units`` units (half departments, half
townships) and, per unit, records shaped like the other modules' benchmarks and written with
``bulk_create`` in the columns the indicators read: 40 proactive documents of the year (some
late, some unpublished), 8 of them policy documents with interpretations; 10 disclosure
requests (some late, some open past their due day) and an appeal on every fifth unit; 50
messages (some late, some three months unanswered, 2 % invalid); 2 consultations; last year's
annual report (some late, some missing); 3 work-plan tasks led by the unit; 2 problems of the
problem list; and 4 entered scores. About 200,000 records in all at 2,000 units.

Timed: ``selectors.scheme_results`` for the whole province (what ``gongkai assessment compute``
runs: every registered indicator of the scheme for every unit, scores, redistribution and the
ranking per group), then the JSON of the command, each three times after a warm-up. Printed:
the best and median wall time with the CPU time of the best, the time of each indicator's
compute alone, and the load average, since this 2-core machine is shared. The catalog's gap
indicator is left out of the scheme here: its per-item time rules are the catalog's own
benchmark.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics as stats
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal as D
from pathlib import Path
from zoneinfo import ZoneInfo

TARGET_SECONDS = 60.0
YEAR = 2025
SHANGHAI = ZoneInfo("Asia/Shanghai")
KEYS = (
    "documents.timely_publication",
    "documents.interpretation_sync",
    "reports.annual_report_on_time",
    "requests.on_time_reply",
    "requests.appeals_corrected",
    "messages.on_time_reply",
    "messages.three_months_unanswered",
    "participation.feedback_rate",
    "ledger.tasks_on_time",
    "assessment.problems_overdue",
)


def _setup(data_dir: Path) -> None:
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings.production"
    os.environ.setdefault("GONGKAI_ALLOWED_HOSTS", "localhost")
    import django

    django.setup()


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def _day(rng: random.Random, year: int = YEAR) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(0, 330))


def fill(count: int) -> None:
    from django.db import transaction

    from gongkai.assessment.domain.scoring import Rule, RuleKind
    from gongkai.assessment.models import EnteredScore, Problem
    from gongkai.assessment.services import heading_add, item_add, scheme_create
    from gongkai.core.models import Unit
    from gongkai.documents.models import Interpretation, OfficialDocument
    from gongkai.messages.models import Message
    from gongkai.participation.models import Consultation, Feedback
    from gongkai.reports.models import AnnualReport
    from gongkai.requests.models import Appeal, DisclosureRequest
    from gongkai.tasks_ledger.models import Task, WorkPlan

    rng = random.Random(20)
    province = Unit.objects.create(
        code="P", name="某省人民政府", kind="government", path="", depth=0
    )
    Unit.objects.filter(pk=province.pk).update(path=f"/{province.pk}/")
    province.refresh_from_db()
    first_id = province.pk + 1
    units = [
        Unit(
            pk=first_id + n,
            code=f"U{n:05d}",
            name=f"第{n}单位",
            kind="department" if n % 2 == 0 else "township",
            parent=province,
            path=f"{province.path}{first_id + n}/",
            depth=1,
            sort_order=n,
        )
        for n in range(count)
    ]
    Unit.objects.bulk_create(units, batch_size=2000)

    with transaction.atomic():
        scheme = scheme_create(actor=None, unit=province, year=YEAR, title="某省年度政务公开考核")
        heading = heading_add(actor=None, scheme=scheme, title="指标")
        rules = {
            "rate": Rule(RuleKind.LINEAR, D(10), full_at=D("0.95")),
            "count": Rule(RuleKind.DEDUCT, D(6), per_item=D(2)),
            "flag": Rule(RuleKind.FLAG, D(5)),
        }
        from gongkai.assessment.registry import get_indicator

        groups = ["department", "township"]
        for key in KEYS:
            item_add(
                actor=None,
                heading=heading,
                key=key,
                rule=rules[get_indicator(key).kind.value],
                groups=groups,
            )
        entered = [
            item_add(
                actor=None,
                heading=heading,
                label=f"录入指标{n}",
                rule=Rule(RuleKind.ENTERED, D(3)),
                groups=groups,
            )
            for n in range(4)
        ]

    plan_document = OfficialDocument.objects.create(
        unit=province,
        title="工作要点",
        written_on=date(YEAR, 2, 1),
        index_number="P-PLAN",
        disclosure="proactive",
    )
    plan = WorkPlan.objects.create(
        unit=province, document=plan_document, title="工作要点", year=YEAR
    )

    documents, requests, messages, consultations, reports, problems, scores = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    tasks = []
    serial = 0
    for unit in units:
        for n in range(40):
            serial += 1
            written = _day(rng)
            late = rng.random() < 0.1
            unpublished = rng.random() < 0.03
            documents.append(
                OfficialDocument(
                    unit=unit,
                    title=f"{unit.name}文件{n}",
                    written_on=written,
                    disclosure="proactive",
                    index_number=f"B{serial:08d}",
                    is_policy_document=n < 8,
                    live=not unpublished,
                    published_on=None
                    if unpublished
                    else written + timedelta(days=35 if late else 10),
                )
            )
        for n in range(10):
            received = _day(rng)
            due = received + timedelta(days=28)
            roll = rng.random()
            replied = None if roll < 0.05 else received + timedelta(days=30 if roll < 0.15 else 15)
            requests.append(
                DisclosureRequest(
                    unit=unit,
                    tracking_no=f"{unit.code}-{n}",
                    submitted_at=_at(received),
                    received_on=received,
                    due_on=due,
                    replied_on=replied,
                    state="replied" if replied else "in_handling",
                )
            )
        for n in range(50):
            received = _day(rng)
            roll = rng.random()
            answered = None if roll < 0.03 else received + timedelta(days=9 if roll < 0.12 else 3)
            messages.append(
                Message(
                    unit=unit,
                    number=f"{unit.code}-M{n}",
                    channel="web",
                    kind="consultation",
                    title="留言",
                    received_at=_at(received),
                    received_on=received,
                    due_on=received + timedelta(days=7),
                    three_months_on=received + timedelta(days=91),
                    answered_on=answered,
                    state="invalid"
                    if rng.random() < 0.02
                    else ("answered" if answered else "handling"),
                )
            )
        for n in range(2):
            ends = _day(rng)
            consultations.append(
                Consultation(
                    unit=unit,
                    title=f"征求意见{n}",
                    starts_on=ends - timedelta(days=30),
                    ends_on=ends,
                    opened_at=_at(ends - timedelta(days=30)),
                )
            )
        roll = rng.random()
        if roll > 0.05:
            published = date(YEAR, 1, 20) if roll > 0.2 else date(YEAR, 2, 10)
            reports.append(
                AnnualReport(
                    unit=unit,
                    year=YEAR - 1,
                    state="published",
                    published_at=_at(published),
                    snapshot={},
                )
            )
        for n in range(3):
            deadline = _day(rng)
            closed = (
                None
                if rng.random() < 0.2
                else _at(deadline - timedelta(days=rng.choice([-5, 3, 10])))
            )
            tasks.append(
                (
                    Task(
                        plan=plan,
                        position=len(tasks),
                        title=f"任务{unit.pk}-{n}",
                        text="任务",
                        deadline=deadline,
                        closed_at=closed,
                    ),
                    unit,
                )
            )
        for _n in range(2):
            found = _day(rng)
            closed = rng.random() < 0.6
            problems.append(
                Problem(
                    scheme=scheme,
                    unit=unit,
                    title="问题",
                    source="check",
                    found_on=found,
                    deadline=found + timedelta(days=30),
                    state="closed" if closed else "open",
                    closed_on=found + timedelta(days=rng.choice([10, 40])) if closed else None,
                )
            )
        for item in entered:
            scores.append(
                EnteredScore(item=item, unit=unit, points=D(rng.randrange(0, 4)), note="评分")
            )

    OfficialDocument.objects.bulk_create(documents, batch_size=5000)
    policies = OfficialDocument.objects.filter(
        is_policy_document=True, unit__parent=province, published_on__isnull=False
    )
    Interpretation.objects.bulk_create(
        [
            Interpretation(
                document_id=pk,
                unit_id=unit_id,
                title="解读",
                form="text",
                live=True,
                published_on=published + timedelta(days=rng.choice([0, 1, 9])),
            )
            for pk, unit_id, published in policies.values_list("pk", "unit_id", "published_on")
        ],
        batch_size=5000,
    )
    DisclosureRequest.objects.bulk_create(requests, batch_size=5000)
    appeals = [
        Appeal(
            request=r,
            kind="review",
            filed_on=date(YEAR, 3, 1),
            result=rng.choice(["upheld", "corrected"]),
            decided_on=date(YEAR, 6, 1),
        )
        for r in DisclosureRequest.objects.filter(tracking_no__endswith="-0")[::5]
    ]
    Appeal.objects.bulk_create(appeals, batch_size=5000)
    Message.objects.bulk_create(messages, batch_size=5000)
    Consultation.objects.bulk_create(consultations, batch_size=5000)
    Feedback.objects.bulk_create(
        [
            Feedback(consultation_id=pk, summary="采纳情况", published_at=_at(date(YEAR, 12, 1)))
            for pk in Consultation.objects.values_list("pk", flat=True)
            if rng.random() < 0.7
        ],
        batch_size=5000,
    )
    AnnualReport.objects.bulk_create(reports, batch_size=5000)
    Task.objects.bulk_create([t for t, _u in tasks], batch_size=5000)
    Lead = Task.lead_units.through
    Lead.objects.bulk_create([Lead(task_id=t.pk, unit_id=u.pk) for t, u in tasks], batch_size=5000)
    Problem.objects.bulk_create(problems, batch_size=5000)
    EnteredScore.objects.bulk_create(scores, batch_size=5000)
    total = sum(
        m.objects.count()
        for m in (
            OfficialDocument,
            Interpretation,
            DisclosureRequest,
            Appeal,
            Message,
            Consultation,
            Feedback,
            AnnualReport,
            Task,
            Problem,
            EnteredScore,
        )
    )
    print(f"setup: {count:,} units, {total:,} records")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default="/tmp/gongkai-bench-assessment")
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--fresh", action="store_true", help="rebuild the data dir")
    args = parser.parse_args()
    data_dir = Path(args.data_dir)
    if args.fresh and data_dir.exists():
        import shutil

        shutil.rmtree(data_dir)
    new = not (data_dir / "gongkai.sqlite3").exists()
    data_dir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    _setup(data_dir)
    import time_machine
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # A fixed "today" so that a rerun counts the same overdue items.
    with time_machine.travel(date(YEAR + 1, 1, 20), tick=True):
        if new:
            began = time.perf_counter()
            fill(args.units)
            print(f"setup took {time.perf_counter() - began:.1f} s")
        _measure()


def _measure() -> None:
    from gongkai.assessment.registry import get_indicator
    from gongkai.assessment.render import results_json
    from gongkai.assessment.selectors import scheme_for, scheme_results

    scheme = scheme_for(YEAR)
    units = len(scheme_results(scheme).units)  # warm-up
    runs = []
    for _ in range(3):
        load = os.getloadavg()[0]
        began, cpu = time.perf_counter(), time.process_time()
        results_json(scheme_results(scheme))
        runs.append((time.perf_counter() - began, time.process_time() - cpu, load))
    best = min(runs)
    print(
        f"whole province, {units:,} units, {len(KEYS)} computed + 4 entered indicators: "
        f"best {best[0]:.2f} s wall ({best[1]:.2f} s CPU), median {stats.median(r[0] for r in runs):.2f} s; "
        f"load average {best[2]:.2f}; target ≤ {TARGET_SECONDS:.0f} s"
    )
    ids = [r.unit.pk for r in scheme_results(scheme, compare=False).units]
    for key in KEYS:
        began = time.perf_counter()
        figures = get_indicator(key).compute(year=YEAR, unit_ids=ids)
        print(f"  {key}: {time.perf_counter() - began:.2f} s for {len(figures):,} units")


if __name__ == "__main__":
    main()
