"""An idiomatic SimPy model of a scenario's flow, as a yardstick for `ripple simulate`.

The model is what a SimPy user would write for the same organisation: every department is a
process with a `collections.deque` queue and one `env.timeout(1)` a turn; every customer
segment is a process that puts its demand, one small object per work item, in the queue of
the department where it enters. Each turn a department takes up to its capacity from its
queue, marks each item defective with chance 1 - quality, and hands it on to the next
department along the customer's route, where it can be worked on from the next turn. The
department that serves the customer records the delivery and its lead time. Hand-offs land
in one of two arrival lists, picked by the parity of the turn, so a department never works
in the same turn on what its supplier finished that turn, whatever order SimPy runs them in.

Only the core keys are read (capacity, quality, dependencies, demand). Each department
has at most one next department, as in the benchmark organisation of tests/organisations.py.

    python benchmarks/simpy_baseline.py [SCENARIO.yaml] [--repeat 3] [--json]
    python benchmarks/simpy_baseline.py [SCENARIO.yaml] --once   # one run, totals as JSON
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from collections import deque
from collections.abc import Generator
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import simpy
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script: the shared generators are in tests/

from tests.organisations import big_org  # noqa: E402

Turn = Generator[simpy.Event, Any, None]


@dataclass(slots=True)
class WorkItem:
    """One order, claim or ticket: the turn it arrived and whether it picked up a defect."""

    created: int
    defective: bool = False


@dataclass
class Department:
    """A department's queue, the work handed to it (by turn parity) and the department its
    finished work goes to (None: delivered to the customer)."""

    id: str
    capacity: int
    quality: float
    queue: deque[WorkItem] = field(default_factory=deque)
    arrivals: tuple[list[WorkItem], list[WorkItem]] = field(default_factory=lambda: ([], []))
    next: Department | None = None

    @property
    def holding(self) -> int:
        """Items waiting here, including those handed over and not yet queued."""
        return len(self.queue) + len(self.arrivals[0]) + len(self.arrivals[1])


@dataclass
class Outcome:
    """What a run produced; `created == delivered + queued` when work is conserved."""

    turns: int
    created: int = 0
    delivered: int = 0
    defective: int = 0
    lead_time_total: int = 0
    queued: int = 0

    @property
    def mean_lead_time(self) -> float:
        """Average turns from arrival to delivery over the delivered items."""
        return self.lead_time_total / self.delivered if self.delivered else 0.0


def load(path: Path) -> dict[str, Any]:
    """Read a scenario file with PyYAML's fastest safe loader."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as file:
        scenario: dict[str, Any] = yaml.load(file, Loader=loader)
    return scenario


def route(start: str, end: str, suppliers_to: dict[str, list[str]]) -> list[str]:
    """The shortest chain of dependencies from `start` to `end` (breadth-first)."""
    came_from: dict[str, str | None] = {start: None}
    frontier = deque([start])
    while frontier:
        here = frontier.popleft()
        if here == end:
            path = [here]
            while (back := came_from[path[-1]]) is not None:
                path.append(back)
            return path[::-1]
        for there in suppliers_to.get(here, []):
            if there not in came_from:
                came_from[there] = here
                frontier.append(there)
    raise ValueError(f"no chain of dependencies leads from {start!r} to {end!r}")


def build(scenario: dict[str, Any]) -> dict[str, Department]:
    """Departments by id, each linked to the next one along its customers' routes."""
    departments = {
        d["id"]: Department(d["id"], int(d["capacity"]), float(d["quality"]))
        for d in scenario["departments"]
    }
    suppliers_to: dict[str, list[str]] = {}
    for dependency in scenario.get("dependencies", []):
        suppliers_to.setdefault(dependency["from"], []).append(dependency["to"])
    for customer in scenario["customers"]:
        stops = route(customer["enters_at"], customer["served_by"], suppliers_to)
        for here, there in pairwise(stops):
            linked = departments[here].next
            if linked is not None and linked.id != there:
                raise ValueError(f"{here!r} hands work to both {linked.id!r} and {there!r}")
            departments[here].next = departments[there]
    return departments


def demand(env: simpy.Environment, entry: Department, per_turn: int, outcome: Outcome) -> Turn:
    """A customer segment: `per_turn` new work items at its entry department every turn."""
    while True:
        now = int(env.now)
        for _ in range(per_turn):
            entry.queue.append(WorkItem(now))
        outcome.created += per_turn
        yield env.timeout(1)


def work(
    env: simpy.Environment, department: Department, rng: random.Random, outcome: Outcome
) -> Turn:
    """A department: each turn, up to its capacity of queued items, first come first served."""
    queue = department.queue
    while True:
        now = int(env.now)
        arrived = department.arrivals[now % 2]
        queue.extend(arrived)
        arrived.clear()
        receiver = department.next
        hand_on = receiver.arrivals[(now + 1) % 2].append if receiver else None
        for _ in range(min(department.capacity, len(queue))):
            item = queue.popleft()
            if rng.random() >= department.quality:
                item.defective = True
            if hand_on is None:
                outcome.delivered += 1
                outcome.defective += item.defective
                outcome.lead_time_total += now - item.created
            else:
                hand_on(item)
        yield env.timeout(1)


def simulate(scenario: dict[str, Any], turns: int | None = None) -> Outcome:
    """Run the scenario's flow for `turns` (default: its own) and return the totals."""
    turns = int(scenario["turns"]) if turns is None else turns
    rng = random.Random(scenario.get("seed", 0))
    departments = build(scenario)
    outcome = Outcome(turns)
    env = simpy.Environment()
    # Customers first, so that each turn's demand is queued before departments work.
    for customer in scenario["customers"]:
        entry = departments[customer["enters_at"]]
        env.process(demand(env, entry, int(customer["demand"]), outcome))
    for department_id in sorted(departments):
        env.process(work(env, departments[department_id], rng, outcome))
    env.run(until=turns)
    outcome.queued = sum(d.holding for d in departments.values())
    return outcome


def timed_run(scenario: dict[str, Any]) -> tuple[Outcome, float]:
    """One run and its wall time in seconds (model building included)."""
    start = time.perf_counter()
    outcome = simulate(scenario)
    return outcome, time.perf_counter() - start


def subprocess_seconds(path: Path | None) -> float:
    """Wall time of one `--once` run in a fresh interpreter, start-up included."""
    command = [sys.executable, str(Path(__file__).resolve()), "--once"]
    if path is not None:
        command.insert(2, str(path))
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Time the SimPy model in process (median of --repeat runs) and as a subprocess."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", type=Path, help="default: big_org() in memory")
    parser.add_argument("--repeat", type=int, default=3, help="runs in process (default 3)")
    parser.add_argument("--once", action="store_true", help="run once, print totals as JSON")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    scenario = big_org() if args.scenario is None else load(args.scenario)
    if args.once:
        outcome, seconds = timed_run(scenario)
        print(json.dumps({**asdict(outcome), "seconds": round(seconds, 4)}))
        return 0

    runs = [timed_run(scenario) for _ in range(max(1, args.repeat))]
    outcome = runs[0][0]
    median = statistics.median(seconds for _, seconds in runs)
    turns = max(1, outcome.turns)
    figures: dict[str, Any] = {
        "departments": len(scenario["departments"]),
        "items_per_turn": sum(int(c["demand"]) for c in scenario["customers"]),
        "turns": outcome.turns,
        "repeat": len(runs),
        "median_seconds": round(median, 4),
        "ms_per_turn": round(1000 * median / turns, 3),
        "subprocess_seconds": round(subprocess_seconds(args.scenario), 4),
        "outcome": asdict(outcome),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(
        f"SimPy baseline: {figures['departments']} departments, "
        f"{figures['items_per_turn']:,} items a turn, {outcome.turns} turns"
    )
    print(f"  in process : {figures['ms_per_turn']:.2f} ms a turn (median of {len(runs)})")
    print(
        f"  subprocess : {figures['subprocess_seconds']:.2f} s end to end, start-up included "
        f"({1000 * figures['subprocess_seconds'] / turns:.2f} ms a turn)"
    )
    print(
        f"  items      : {outcome.created:,} created = {outcome.delivered:,} delivered "
        f"+ {outcome.queued:,} queued; {outcome.defective:,} defective; "
        f"mean lead time {outcome.mean_lead_time:.2f} turns"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
