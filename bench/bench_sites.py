"""Benchmark: the page cache's hit rate while many units publish, scoped versions against the
one version of before.

Run with ``.venv/bin/python bench/bench_sites.py [--units 100] [--seconds 60] [--requests 20]``.

A throwaway data directory (``/tmp/gongkai-bench-sites``) gets the demo county and ``--units``
townships under it, each with a few published documents. Then each simulated second one
document is published in a random unit (through the register's services, so the cache's
invalidation runs as in production) and ``--requests`` anonymous requests are served in-process
(Django's test client, the real middleware and the per-process page cache): 70 % a document
page, 15 % a unit's document list, 10 % a unit's section, 5 % the home page, each of a random
unit, after one uncounted request of every page. Printed: the share served from the cache, overall and per page kind, once with the
scoped versions and once with every publication bumping every page (the behaviour before).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import sys
from collections import Counter
from datetime import date
from pathlib import Path

DOCUMENTS_PER_UNIT = 3


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default="/tmp/gongkai-bench-sites", type=Path)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=60, help="simulated seconds")
    parser.add_argument("--requests", type=int, default=20, help="page requests a second")
    return parser.parse_args()


def _setup(units: int) -> list:
    from django.core.management import call_command

    from gongkai.core.models import Unit
    from gongkai.core.services import unit_create

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not Unit.objects.exists():
        with contextlib.redirect_stdout(io.StringIO()):  # the demo prints one-time passwords
            call_command("demo")
    county = Unit.objects.filter(depth=0).order_by("pk").first()
    have = list(Unit.objects.filter(code__startswith="BENCH").order_by("code"))
    for number in range(len(have), units):
        unit = unit_create(
            actor=None,
            parent=county,
            code=f"BENCH{number:03d}",
            name=f"第{number + 1}镇人民政府",
            kind="township",
        )
        for _ in range(DOCUMENTS_PER_UNIT):
            _publish(unit, random.Random(number))
        have.append(unit)
    return have[:units]


def _publish(unit, rng: random.Random):
    from gongkai.documents.services import document_create, document_publish

    document = document_create(
        actor=None,
        unit=unit,
        title=f"{unit.name}关于做好第{rng.randint(1, 99999)}项政务公开工作的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
    )
    return document_publish(actor=None, document=document)


def _simulate(units: list, arguments, *, scoped: bool) -> Counter:
    from django.core.cache import caches
    from django.test import Client

    from gongkai.documents.selectors import public_documents
    from gongkai.portal.response_cache import CACHE_ALIAS, bump_public_content

    caches[CACHE_ALIAS].clear()
    rng = random.Random(20251207)
    documents = {u.pk: list(public_documents(u).values_list("pk", flat=True)) for u in units}
    client = Client()
    # Every page once, uncounted: the figure is the steady state, not a cold start.
    for unit in units:
        for url in (f"/xxgk/{unit.code}/", f"/xxgk/{unit.code}/documents/"):
            client.get(url)
        for pk in documents[unit.pk]:
            client.get(f"/xxgk/{unit.code}/documents/{pk}/")
    client.get("/")
    served: Counter = Counter()
    for _ in range(arguments.seconds):
        unit = rng.choice(units)
        document = _publish(unit, rng)
        documents[unit.pk].append(document.pk)
        if not scoped:
            bump_public_content()  # the behaviour before: every page gets a new version
        for _ in range(arguments.requests):
            unit = rng.choice(units)
            draw = rng.random()
            if draw < 0.70:
                kind, url = (
                    "document",
                    (f"/xxgk/{unit.code}/documents/{rng.choice(documents[unit.pk])}/"),
                )
            elif draw < 0.85:
                kind, url = "list", f"/xxgk/{unit.code}/documents/"
            elif draw < 0.95:
                kind, url = "section", f"/xxgk/{unit.code}/"
            else:
                kind, url = "home", "/"
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            served[kind, response.get("X-Portal-Cache") == "hit"] += 1
    return served


def _report(label: str, served: Counter) -> None:
    total = sum(served.values())
    hits = sum(n for (_, hit), n in served.items() if hit)
    parts = []
    for kind in ("document", "list", "section", "home"):
        kind_total = served[kind, True] + served[kind, False]
        if kind_total:
            parts.append(f"{kind} {served[kind, True] / kind_total:.0%} of {kind_total}")
    print(f"{label:<36} hit rate {hits / total:6.1%} of {total:,} requests ({', '.join(parts)})")


def main() -> None:
    arguments = _arguments()
    arguments.data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["GONGKAI_DATA_DIR"] = str(arguments.data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings.production"
    os.environ["GONGKAI_PORTAL_CACHE_SECONDS"] = "3600"
    os.environ.setdefault("GONGKAI_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    units = _setup(arguments.units)
    print(
        f"{len(units)} units × {DOCUMENTS_PER_UNIT}+ documents; {arguments.seconds} simulated "
        f"seconds, one publication and {arguments.requests} page requests each"
    )
    _report("scoped versions (site, unit section)", _simulate(units, arguments, scoped=True))
    _report("one version for every page (before)", _simulate(units, arguments, scoped=False))


if __name__ == "__main__":
    main()
