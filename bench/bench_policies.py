"""Benchmark: match 100,000 enterprises against 2,000 policies (issue 18: ≤ 10 s).

Run with ``.venv/bin/python bench/bench_policies.py [--data-dir DIR] [--enterprises N]
[--policies M] [--fresh]``.

Setup (untimed, reused between runs in ``--data-dir``, default ``/tmp/gongkai-bench-policies``):
a migrated database with a county of 201 units (the county, 40 departments, 20 townships with 7
villages each), ``--policies`` published policies and ``--enterprises`` registered enterprises,
written with ``bulk_create``. Policies state 1–3 industry classes (one in ten none) at random levels of GB/T
4754-2017 (门类 to 小类), 0–2 sizes, 0–2 subject types and, for one in four, 1–2 regions; one in
ten has expired. Enterprises have random 小类 codes drawn from every section's divisions, so
hardly two share a profile (the index's cache of answers per profile does not flatter the figure).

Timed, each three times after a warm-up, best and median wall time and the CPU time of the best:
(a) ``selectors.match_all``, what ``gongkai policies match --json`` runs: read the policies and
their regions, build the index, read every enterprise and match it; (b) the same plus writing
the JSON; (c) the pure index alone on profiles already in memory. A naive loop (every policy
for every enterprise, `domain.matching.matches`) is timed on 1,000 enterprises and scaled, for
comparison. The answers of (a) are checked against the naive rule on a sample of 2,000
enterprises. Printed with the load average: this 2-core machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics as stats
import sys
import time
from datetime import date, timedelta
from pathlib import Path

TARGET = 10.0
ON = date(2026, 6, 1)
BATCH = 10_000


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
    for n in range(40):
        units.append(
            unit_create(
                actor=None, parent=county, code=f"B-D{n:02d}", name=f"部门{n}", kind="department"
            )
        )
    for t in range(20):
        town = unit_create(
            actor=None, parent=county, code=f"B-T{t:02d}", name=f"乡镇{t}", kind="township"
        )
        units.append(town)
        for v in range(7):
            units.append(
                unit_create(
                    actor=None,
                    parent=town,
                    code=f"B-T{t:02d}V{v}",
                    name=f"乡镇{t}村{v}",
                    kind="village",
                )
            )
    return units


def _industry(rng: random.Random, level: int) -> str:
    from gongkai.policies.domain.industries import SECTION_DIVISIONS

    section = rng.choice(list(SECTION_DIVISIONS))
    if level == 1:
        return section
    division = f"{section}{rng.choice(SECTION_DIVISIONS[section]):02d}"
    return division + "".join(str(rng.randint(1, 9)) for _ in range(level - 3))


def _populate(n_enterprises: int, n_policies: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from gongkai.policies.domain.uscc import check_character
    from gongkai.policies.models import Enterprise, EnterpriseSource, PolicyItem, PolicyState

    units = _units()
    places = [u for u in units if u.kind in ("township", "village")]
    rng = random.Random(18)
    sizes = ["large", "medium", "small", "micro"]
    subjects = ["enterprise", "individual", "cooperative"]
    have = PolicyItem.objects.count()
    if have < n_policies:
        with transaction.atomic():
            made = PolicyItem.objects.bulk_create(
                [
                    PolicyItem(
                        unit=units[0],
                        code=f"B-P{n:05d}",
                        title=f"基准政策{n}",
                        industries=[
                            _industry(rng, rng.choice((1, 3, 4, 5)))
                            for _ in range(0 if n % 10 == 5 else rng.randint(1, 3))
                        ],
                        sizes=rng.sample(sizes, rng.randint(0, 2)),
                        subject_types=rng.sample(subjects, rng.randint(0, 2)),
                        valid_from=ON - timedelta(days=rng.randint(0, 400)),
                        valid_to=ON - timedelta(days=1)
                        if n % 10 == 0
                        else ON + timedelta(days=rng.randint(0, 400)),
                        state=PolicyState.PUBLISHED,
                        published_at=timezone.now(),
                    )
                    for n in range(have, n_policies)
                ]
            )
            through = PolicyItem.regions.through
            through.objects.bulk_create(
                [
                    through(policyitem_id=p.pk, unit_id=u.pk)
                    for p in made
                    if rng.random() < 0.25
                    for u in rng.sample(places, rng.randint(1, 2))
                ]
            )
    have = Enterprise.objects.count()
    now = timezone.now()
    for start in range(have, n_enterprises, BATCH):
        rows = []
        for serial in range(start, min(start + BATCH, n_enterprises)):
            subject = rng.choice(subjects)
            first17 = {"enterprise": "91", "individual": "92", "cooperative": "93"}[subject]
            first17 += f"620000B{serial:08d}"
            rows.append(
                Enterprise(
                    uscc=first17 + check_character(first17),
                    name=f"基准企业{serial}",
                    industry=_industry(rng, 5),
                    size=rng.choice(sizes),
                    region=rng.choice(places),
                    subject_type=subject,
                    source=EnterpriseSource.IMPORTED,
                    confirmed_at=now,
                )
            )
        Enterprise.objects.bulk_create(rows)


def _time(label: str, run, repeat: int = 3):
    run()
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    best = min(range(repeat), key=walls.__getitem__)
    print(
        f"{label:<58} best {walls[best]:6.2f} s (CPU {cpus[best]:5.2f} s)  "
        f"median {stats.median(walls):6.2f} s"
    )
    return result, walls[best]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", default="/tmp/gongkai-bench-policies")
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--policies", type=int, default=2_000)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    data_dir = Path(args.data_dir)
    if args.fresh and data_dir.exists():
        import shutil

        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    _setup(data_dir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    _populate(args.enterprises, args.policies)
    from gongkai.policies.domain.matching import PolicyIndex, Profile, matches
    from gongkai.policies.models import Enterprise, PolicyItem
    from gongkai.policies.selectors import criteria_of, current_policy_items, match_all

    n_ent, n_pol = Enterprise.objects.count(), PolicyItem.objects.count()
    valid = current_policy_items(ON).count()
    print(
        f"setup {time.perf_counter() - started:.1f} s: {n_ent} enterprises, {n_pol} policies "
        f"({valid} valid on {ON.isoformat()}); load {os.getloadavg()[0]:.2f}"
    )

    answers, best = _time("(a) match_all from the database", lambda: match_all(ON))
    _time(
        "(b) match_all + JSON (gongkai policies match --json)",
        lambda: len(json.dumps({"matches": match_all(ON)}, ensure_ascii=False)),
    )
    criteria = criteria_of(current_policy_items(ON).order_by("code"))
    profiles = [
        Profile(i, s, p, t)
        for i, s, p, t in Enterprise.objects.values_list(
            "industry", "size", "region__path", "subject_type"
        )
    ]

    def in_memory():
        index = PolicyIndex(criteria, ON)
        return [index.match(p) for p in profiles]

    _time("(c) index build + match, profiles in memory", in_memory)
    sample = profiles[:1000]
    wall = time.perf_counter()
    for profile in sample:
        [c.code for c in criteria if matches(c, profile, ON)]
    naive = (time.perf_counter() - wall) * len(profiles) / len(sample)
    print(f"{'naive loop, scaled from 1,000 enterprises':<58} ~{naive:6.1f} s")

    rows = Enterprise.objects.values_list(
        "uscc", "industry", "size", "region__path", "subject_type"
    )[:2000]
    wrong = sum(
        answers[u] != [c.code for c in criteria if matches(c, Profile(i, s, p, t), ON)]
        for u, i, s, p, t in rows
    )
    total = sum(len(v) for v in answers.values())
    print(
        f"matches: {total} pairs, {total / max(len(answers), 1):.1f} per enterprise; "
        f"checked against the naive rule on 2,000: {wrong} differ"
    )
    verdict = "OK" if best <= TARGET else "SLOWER THAN TARGET"
    print(f"target ≤ {TARGET:.0f} s for (a): {verdict}; load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
