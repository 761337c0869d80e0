"""The registry of modules that store due dates (“deadline holders”).

A holiday added to a year after deadlines were computed must not leave stale due dates behind.
Every module that stores a due date registers here, from its ``AppConfig.ready()``::

    register_deadline_holder(
        "foi.requests", recompute_request_deadlines, open_years=request_deadline_years
    )

- ``recompute(years)`` gets the years whose calendar changed. It recomputes every open deadline
  whose counting span (from its start, or corrected start, to its due date) touches one of those
  years, with `selectors.deadline_for`, saves those that moved, and returns how many moved. It
  runs inside the calendar write's transaction and already sees the new calendar; if it raises,
  the calendar change is rolled back with it.
- ``open_years()`` (optional) returns the years that open deadlines touch, so that the admin
  warns about a provisional year while deadlines depend on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class DeadlineHolder:
    name: str
    recompute: Callable[[frozenset[int]], int]
    open_years: Callable[[], Iterable[int]] | None = None


HOLDERS: dict[str, DeadlineHolder] = {}


def register_deadline_holder(
    name: str,
    recompute: Callable[[frozenset[int]], int],
    *,
    open_years: Callable[[], Iterable[int]] | None = None,
) -> None:
    """Register a module's recompute function under `name` (shown in the audit log)."""
    holder = DeadlineHolder(name, recompute, open_years)
    if HOLDERS.get(name, holder) != holder:
        raise ValueError(f"deadline holder {name!r} is already registered with other functions")
    HOLDERS[name] = holder


def recompute_deadlines(years: frozenset[int]) -> dict[str, int]:
    """Call every holder for the changed `years`; how many deadlines each one moved."""
    return {name: holder.recompute(years) for name, holder in HOLDERS.items()}


def open_deadline_years() -> set[int]:
    """The years touched by open deadlines, as far as the holders report them."""
    years: set[int] = set()
    for holder in HOLDERS.values():
        if holder.open_years is not None:
            years.update(holder.open_years())
    return years
