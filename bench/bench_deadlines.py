"""Benchmark: foi-reply due dates over random start dates in 2025–2026, on one core.

Run with ``.venv/bin/python bench/bench_deadlines.py [COUNT]`` (default 1,000,000). The timed
loop calls the public entry point, `compute_deadline`, as the request queues will; the start
dates are drawn before timing so only deadline work is measured. Target: ≥ 200,000 per second.

The rate is taken from the process's CPU time, which is what one core delivers even when other
work shares the machine; wall-clock time is printed alongside.
"""

import random
import sys
import time
from datetime import date, timedelta

from gongkai.calendar.domain.deadlines import compute_deadline
from gongkai.calendar.domain.workdays import WorkdayCalendar

TARGET_PER_SECOND = 200_000


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(20250101)
    first = date(2025, 1, 1)
    span = (date(2026, 12, 31) - first).days
    starts = [first + timedelta(days=rng.randint(0, span)) for _ in range(count)]
    calendar = WorkdayCalendar()
    # Index the years before timing: a long-running process pays this once, not per call.
    compute_deadline("foi-reply", date(2026, 12, 31), calendar=calendar)

    wall_began, cpu_began = time.perf_counter(), time.process_time()
    for start in starts:
        compute_deadline("foi-reply", start, calendar=calendar)
    cpu = time.process_time() - cpu_began
    wall = time.perf_counter() - wall_began

    rate = count / cpu
    verdict = "meets" if rate >= TARGET_PER_SECOND else "MISSES"
    print(
        f"foi-reply due dates: {count:,} in {cpu:.2f} s = {rate:,.0f} per second (one core, "
        f"CPU time; wall {wall:.2f} s = {count / wall:,.0f} per second); "
        f"{verdict} the target of {TARGET_PER_SECOND:,} per second"
    )


if __name__ == "__main__":
    main()
