"""Time a balancing run end to end: 1,000 seeded games of the default scenario.

    python -m ripple simulate --runs 1000 --json > /dev/null

runs as a fresh subprocess (interpreter start-up, imports, the process pool and the JSON
included), `--runs` times (default 3). Target: the median under 4 s.

    python benchmarks/batch_speed.py [--runs 3] [--games 1000] [--jobs J] [--json] [--strict]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 4.0


def command(games: int, jobs: int | None) -> list[str]:
    """The command under test, run from the repository root with this interpreter."""
    found = [sys.executable, "-m", "ripple", "simulate", "--runs", str(games), "--json"]
    return found + (["--jobs", str(jobs)] if jobs else [])


def check(games: int, jobs: int | None) -> str | None:
    """Run the command once untimed (the warm-up); None if its JSON looks right."""
    done = subprocess.run(command(games, jobs), cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        return f"`ripple simulate --runs` exited with status {done.returncode}:\n{tail}"
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        return f"`ripple simulate --runs --json` printed something that is not JSON: {error}"
    if not isinstance(report, dict) or report.get("runs") != games:
        return f"`ripple simulate --runs {games} --json` did not report {games} runs"
    return None


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_once(games: int, jobs: int | None) -> tuple[float, float]:
    """Wall time and processor time (all its processes) of one run, output discarded.

    Processor time moves less than wall time when other work shares the machine."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(command(games, jobs), cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, _children_cpu() - cpu


def measure(runs: int, games: int, jobs: int | None) -> dict[str, Any]:
    """Time the command `runs` times and judge the target on the median."""
    problem = check(games, jobs)
    timed = [] if problem else [run_once(games, jobs) for _ in range(runs)]
    seconds = [wall for wall, _ in timed]
    median = statistics.median(seconds) if seconds else None
    cpu = statistics.median(used for _, used in timed) if timed else None
    return {
        "command": " ".join(["python", *command(games, jobs)[1:]]),
        "games": games,
        "processors": os.cpu_count(),
        "python": sys.version.split()[0],
        "runs_seconds": [round(s, 3) for s in seconds],
        "median_seconds": round(median, 3) if median is not None else None,
        "min_seconds": round(min(seconds), 3) if seconds else None,
        "games_per_second": round(games / median, 1) if median else None,
        "cpu_seconds": round(cpu, 3) if cpu is not None else None,
        "cpu_ms_per_game": round(1000 * cpu / games, 2) if cpu is not None else None,
        "target_seconds": TARGET_SECONDS,
        "problem": problem,
        "pass": median is not None and median < TARGET_SECONDS,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit status 1 on a missed target only with --strict."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs (default 3)")
    parser.add_argument("--games", type=int, default=1000, help="games a run (default 1000)")
    parser.add_argument("--jobs", type=int, help="processes (default: the command's own)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 if the target is missed")
    args = parser.parse_args(argv)
    figures = measure(max(1, args.runs), max(1, args.games), args.jobs)
    if args.json:
        print(json.dumps(figures, indent=2))
    elif figures["problem"]:
        print(figures["problem"])
    else:
        print(
            f"{figures['command']}: {figures['games']} games, {figures['processors']} processors, "
            f"Python {figures['python']}"
        )
        print(f"runs: {', '.join(f'{s:.2f} s' for s in figures['runs_seconds'])}")
        print(
            f"median {figures['median_seconds']:.2f} s ({figures['games_per_second']:.0f} games/s)"
            f"  target < {TARGET_SECONDS:.0f} s: {'PASS' if figures['pass'] else 'FAIL'}"
        )
        print(
            f"processor time {figures['cpu_seconds']:.2f} s over all processes "
            f"({figures['cpu_ms_per_game']:.1f} ms a game, start-up included)"
        )
    return 1 if args.strict and not figures["pass"] else 0


if __name__ == "__main__":
    sys.exit(main())
