"""Extreme scenarios played long: the runs too slow for the test suite.

Each case is a valid but extreme organisation (tests/factory.py builds them), played to
its end by every policy with the engine's laws checked after every turn (conservation,
attribution, numbers in range); the table gives its time and time a turn, and FAIL with
the error when a case breaks. Exit status 1 if any case failed.

    python benchmarks/extremes.py            # the long runs (a few minutes on one core)
    python benchmarks/extremes.py --quick    # every case for a few turns (seconds; a test runs it)
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script: the shared generators are in tests/

from ripple.engine.policies import POLICIES  # noqa: E402
from ripple.scenario.model import Scenario  # noqa: E402
from tests.factory import (  # noqa: E402
    chain,
    changed,
    complete,
    every_event,
    flood,
    loop,
    played,
    tree,
    with_customer,
)


@dataclass(frozen=True)
class Case:
    """An extreme organisation, its length in full and in quick mode, and who plays it."""

    name: str
    build: Callable[[int], Scenario]
    turns: int
    quick_turns: int
    policies: tuple[str, ...] = tuple(sorted(POLICIES))


CASES = (
    Case(
        "chain of 1,000 departments",
        lambda t: chain(1000, capacity=30, turns=t),
        1010,
        3,
        ("none",),
    ),
    Case("tree of 1,000 departments", lambda t: tree(1000, turns=t), 60, 6),
    Case(
        "10,000 turns, 3 departments",
        lambda t: chain(3, capacity=22, turns=t),
        10_000,
        20,
        ("none",),
    ),
    Case("complete graph of 40", lambda t: complete(40, turns=t), 100, 4),
    Case("loop of hand-offs", loop, 1000, 10),
    Case("every event at once", lambda t: every_event(chain(6, turns=t)), 150, 5),
    Case(
        "a million a turn, variability 5",
        lambda t: with_customer(
            chain(5, capacity=1, demand=1e6, turns=t), variability=5.0, patience=4
        ),
        1000,
        8,
    ),
    Case("flood of a billion a turn", flood, 40, 3, ("none",)),
    Case("zero capacity everywhere", lambda t: chain(20, capacity=0, turns=t), 1000, 5),
    Case(
        "budget 1000",
        lambda t: changed(chain(8, capacity=22, quality=0.9, turns=t), budget=1000),
        500,
        5,
    ),
)


def run(quick: bool) -> int:
    """Play every case with every policy of it; print one line each and a summary."""
    failed = 0
    games = 0
    start = time.perf_counter()
    print(f"{'case':34} {'policy':9} {'depts':>6} {'turns':>6} {'seconds':>8} {'ms/turn':>8}")
    for case in CASES:
        turns = case.quick_turns if quick else case.turns
        scenario = case.build(turns)
        for policy in case.policies:
            began = time.perf_counter()
            try:
                played(scenario, policy)
                verdict = ""
            except Exception as error:  # a broken case is reported, and the rest still run
                failed += 1
                verdict = f"  FAIL: {type(error).__name__}: {error}"
                traceback.print_exc(file=sys.stderr)
            seconds = time.perf_counter() - began
            games += 1
            print(
                f"{case.name:34} {policy:9} {len(scenario.departments):6} {turns:6} "
                f"{seconds:8.2f} {1000 * seconds / turns:8.2f}{verdict}",
                flush=True,
            )
    total = time.perf_counter() - start
    print(f"{len(CASES)} cases, {games} games, {failed} failed, {total:.1f} s")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run the cases."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every case for a few turns only")
    return run(parser.parse_args(argv).quick)


if __name__ == "__main__":
    sys.exit(main())
