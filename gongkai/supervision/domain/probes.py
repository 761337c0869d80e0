"""站点无法访问: the availability rule over one day's probes of a site's home page.

19号 单项否决 2: 「每天间隔性访问20次以上，超过（含）15秒网站仍打不开的次数累计占比超过（含）5%」.
A probe is the seconds the home page took to open, or None when it did not open at all (an
error, or no answer within the timeout); a failed probe counts as one over 15 s.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.supervision.domain import rules


def _failed(timings: Sequence[float | None]) -> int:
    return sum(1 for seconds in timings if seconds is None or seconds >= rules.PROBE_SLOW_SECONDS)


def failed_share(timings: Sequence[float | None]) -> float:
    """The share of probes that failed or took ``PROBE_SLOW_SECONDS`` or more; 0 with none."""
    if not timings:
        return 0.0
    return _failed(timings) / len(timings)


def day_unreachable(timings: Sequence[float | None]) -> bool:
    """Whether the day counts as 无法访问. The indicator asks for 20 probes or more a day; a day
    with fewer still counts when its failures already reach 5 % of 20, so a site that is down
    (and probed less because of it) does not escape."""
    return _failed(timings) / max(len(timings), rules.PROBES_PER_DAY) >= rules.PROBE_FAILED_SHARE
