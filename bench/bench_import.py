"""Benchmark: import generated plain-text work-plan notices with ``gongkai import``, on one core.

Run with ``.venv/bin/python bench/bench_import.py [COUNT]`` (default 2,000). The documents are
the ones `bench_parse.py` generates (3–8 KB 公文 with a work plan of numbered, assigned items;
a fifth GB18030 with CRLF, one in twenty traditional), each with its own doc number so that
none is skipped as a duplicate. They are written to a temporary folder and imported into a
throwaway SQLite database in a temporary ``GONGKAI_DATA_DIR`` (migrated first), so every
document goes through the whole import: parse, register as a draft with an index number and
its audit entry, its work plan's tasks with unit names matched and theirs, one transaction
each. Target: ≥ 100 documents per second.

The import runs in this one thread (SQLite is in-process), so the process's CPU time is what one
core does; on a shared machine it is the steadier figure, and the load average printed with it
says how shared the machine was. Work queued for the task worker (Wagtail's reference index,
one task per 200 documents) is done later by ``db_worker`` and is not in either figure.
"""

import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

TARGET_PER_SECOND = 100


def write_corpus(folder: Path, count: int) -> int:
    import opencc
    from bench_parse import make_document

    rng = random.Random(20240601)
    to_traditional = opencc.OpenCC("s2t")
    size = 0
    for number in range(count):
        text = make_document(rng, rng.randint(3_000, 8_000))
        text = re.sub(r"〔2024〕\d+号", f"〔2024〕{number + 1}号", text, count=1)
        if number % 20 == 19:
            text = to_traditional.convert(text)
        if number % 5 == 4:
            data = text.replace("\n", "\r\n").encode("gb18030")
        else:
            data = text.encode("utf-8")
        (folder / f"{number:05d}.txt").write_bytes(data)
        size += len(data)
    return size


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-import-") as scratch:
        run(count, Path(scratch))


def run(count: int, scratch: Path) -> None:
    os.environ["GONGKAI_DATA_DIR"] = str(scratch / "data")
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings.production"
    import django

    django.setup()
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from gongkai.core.services import unit_create
    from gongkai.documents.models import OfficialDocument
    from gongkai.importer.domain.traditional import is_traditional
    from gongkai.tasks_ledger.models import Task

    call_command("migrate", verbosity=0)
    unit = unit_create(actor=None, code="BENCH", name="甘肃省人民政府办公厅", kind="department")
    folder = scratch / "files"
    folder.mkdir()
    size = write_corpus(folder, count)
    # Build OpenCC's tables before timing: a long-running importer pays this once.
    is_traditional("")

    queued = DBTaskResult.objects.count()
    load_before = os.getloadavg()[0]
    began, cpu_began = time.perf_counter(), time.process_time()
    call_command("import", str(folder), "--unit", unit.code, verbosity=0)
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu_began
    load_after = os.getloadavg()[0]

    imported = OfficialDocument.objects.filter(unit=unit).count()
    if imported != count:
        sys.exit(f"only {imported:,} of {count:,} documents were imported")
    wall_rate, cpu_rate = count / elapsed, count / cpu
    print(
        f"imported {count:,} plain-text documents ({size / count / 1024:.1f} KB and "
        f"{Task.objects.count() / count:.1f} tasks each) on one thread:\n"
        f"  wall clock {elapsed:.2f} s = {wall_rate:,.0f} docs/s "
        f"({_verdict(wall_rate)} the target of {TARGET_PER_SECOND:,} per second)\n"
        f"  CPU time   {cpu:.2f} s = {cpu_rate:,.0f} docs/s ({_verdict(cpu_rate)})\n"
        f"  load average {load_before:.2f} before, {load_after:.2f} after, on "
        f"{os.cpu_count()} CPUs; {DBTaskResult.objects.count() - queued:,} tasks queued for "
        "the worker"
    )


def _verdict(rate: float) -> str:
    return "meets" if rate >= TARGET_PER_SECOND else "MISSES"


if __name__ == "__main__":
    main()
