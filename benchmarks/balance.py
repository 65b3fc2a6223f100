"""Time the balance check end to end: every shipped scenario but the tutorial, the customer
player and every blind player, 1,000 seeded games each.

    python -m ripple balance --runs 1000

runs once as a fresh subprocess (interpreter start-up, imports, the one process pool and the
table included), its output discarded. No target: the figures are the wall time, the games
played and games a second, and the processor time over all processes.

    python benchmarks/balance.py [--runs 1000] [--jobs J] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from ripple.batch.balance import games, players, teaching_scenarios
from ripple.scenario.load import load_scenario

REPO = Path(__file__).resolve().parent.parent


def command(runs: int, jobs: int | None) -> list[str]:
    """The command under test, run from the repository root with this interpreter."""
    found = [sys.executable, "-m", "ripple", "balance", "--runs", str(runs)]
    return found + (["--jobs", str(jobs)] if jobs else [])


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def measure(runs: int, jobs: int | None) -> dict[str, Any]:
    """Run the command once and time it. Exit status 1 (a scenario does not teach) is an
    answer, not a failure; any other status is reported as the problem."""
    scenarios = [load_scenario(path) for path in teaching_scenarios()]
    played = games(scenarios, runs)
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(
        command(runs, jobs), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    problem = None
    if done.returncode not in (0, 1):
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        problem = f"`ripple balance` exited with status {done.returncode}:\n{tail}"
    return {
        "command": " ".join(["python", *command(runs, jobs)[1:]]),
        "scenarios": len(scenarios),
        "players": [len(players(scenario)) for scenario in scenarios],
        "runs": runs,
        "games": played,
        "processors": os.cpu_count(),
        "python": sys.version.split()[0],
        "wall_seconds": round(wall, 3),
        "games_per_second": round(played / wall, 1),
        "cpu_seconds": round(cpu, 3),
        "cpu_ms_per_game": round(1000 * cpu / played, 2),
        "teaches": done.returncode == 0,
        "problem": problem,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit status 1 only when the command itself failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000, help="games a player (default 1000)")
    parser.add_argument("--jobs", type=int, help="processes (default: the command's own)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = measure(max(1, args.runs), args.jobs)
    if args.json:
        print(json.dumps(figures, indent=2))
    elif figures["problem"]:
        print(figures["problem"])
    else:
        low, high = min(figures["players"]), max(figures["players"])
        print(
            f"{figures['command']}: {figures['scenarios']} scenarios, {low} to {high} players "
            f"each, {figures['processors']} processors, Python {figures['python']}"
        )
        print(
            f"wall time {figures['wall_seconds']:.2f} s for {figures['games']:,} games "
            f"({figures['games_per_second']:.0f} games/s)"
        )
        print(
            f"processor time {figures['cpu_seconds']:.2f} s over all processes "
            f"({figures['cpu_ms_per_game']:.1f} ms a game, start-up included)"
        )
    return 1 if figures["problem"] else 0


if __name__ == "__main__":
    sys.exit(main())
