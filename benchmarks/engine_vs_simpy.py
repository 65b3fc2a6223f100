"""Time `ripple simulate` end to end against an idiomatic SimPy model of the same flow.

The organisation is `big_org()`: 50 chains of 10 departments (500 departments), 10,000 items
entering a turn, 200 turns, core keys only. Both sides run as fresh subprocesses, so
interpreter start-up, imports and reading the scenario file are part of the time:

    python -m ripple simulate big_org.yaml --json > /dev/null
    python benchmarks/simpy_baseline.py big_org.yaml --once

Targets: `ripple simulate` at least 3x faster than the SimPy model, and under 6 ms a turn
including start-up.

    python benchmarks/engine_vs_simpy.py [--runs 5] [--json] [--strict] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # run as a script: the shared generators are in tests/

from tests.organisations import big_org, write_yaml  # noqa: E402

TARGET_SPEED_UP = 3.0
TARGET_MS_PER_TURN = 6.0
SIMULATE_KEYS = {"scenario", "seed", "policy", "turns", "totals", "attribution"}


@dataclass
class Timing:
    """Wall times, in seconds, of repeated end-to-end runs of one command."""

    command: list[str]
    seconds: list[float]

    @property
    def median(self) -> float:
        """The median wall time: the figure the targets are judged on."""
        return statistics.median(self.seconds)

    @property
    def best(self) -> float:
        """The fastest run: the figure least disturbed by the rest of the machine."""
        return min(self.seconds)


def ripple_command(scenario: Path) -> list[str]:
    """The command under test, run from the repository root with this interpreter."""
    return [sys.executable, "-m", "ripple", "simulate", str(scenario), "--json"]


def simpy_command(scenario: Path) -> list[str]:
    """The SimPy baseline, one run in a fresh interpreter."""
    return [sys.executable, str(HERE / "simpy_baseline.py"), str(scenario), "--once"]


def check_ripple(scenario: Path, turns: int) -> str | None:
    """Run `ripple simulate` once untimed; None if its JSON looks right, else the problem."""
    done = subprocess.run(ripple_command(scenario), cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        return f"`ripple simulate` exited with status {done.returncode}:\n{tail}"
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        return f"`ripple simulate --json` printed something that is not JSON: {error}"
    if not isinstance(report, dict) or not report.keys() >= SIMULATE_KEYS:
        found = sorted(report) if isinstance(report, dict) else type(report).__name__
        return f"`ripple simulate --json` lacks keys {sorted(SIMULATE_KEYS)}; found {found}"
    if len(report["turns"]) != turns:
        return f"`ripple simulate` reported {len(report['turns'])} turns, expected {turns}"
    return None


def run_once(command: list[str]) -> float:
    """Wall time of one run of `command` as a subprocess, output discarded."""
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def time_interleaved(commands: list[list[str]], runs: int) -> list[Timing]:
    """Time each command `runs` times, taking turns, so that a busy spell on the machine
    slows both sides alike instead of one."""
    timings = [Timing(command, []) for command in commands]
    for _ in range(runs):
        for timing in timings:
            timing.seconds.append(run_once(timing.command))
    return timings


def summary(timing: Timing | None, turns: int) -> dict[str, Any] | None:
    """The figures of one side: median and best seconds, ms a turn, every run."""
    if timing is None:
        return None
    return {
        "command": " ".join(timing.command),
        "median_seconds": round(timing.median, 4),
        "min_seconds": round(timing.best, 4),
        "ms_per_turn": round(1000 * timing.median / turns, 3),
        "runs_seconds": [round(s, 4) for s in timing.seconds],
    }


def compare(runs: int, out: Path) -> dict[str, Any]:
    """Write the organisation, time both sides and judge the targets."""
    scenario = big_org()
    turns = int(scenario["turns"])
    path = write_yaml(scenario, out / "big_org.yaml")
    problem = check_ripple(path, turns)  # also the warm-up: file cache and bytecode
    run_once(simpy_command(path))
    if problem:
        ripple, simpy = None, time_interleaved([simpy_command(path)], runs)[0]
    else:
        ripple, simpy = time_interleaved([ripple_command(path), simpy_command(path)], runs)
    speed_up = simpy.median / ripple.median if ripple else None
    ms_per_turn = 1000 * ripple.median / turns if ripple else None
    fast_enough = speed_up is not None and speed_up >= TARGET_SPEED_UP
    quick_enough = ms_per_turn is not None and ms_per_turn < TARGET_MS_PER_TURN
    return {
        "scenario": str(path),
        "departments": len(scenario["departments"]),
        "items_per_turn": sum(c["demand"] for c in scenario["customers"]),
        "turns": turns,
        "runs": runs,
        "python": sys.version.split()[0],
        "ripple": summary(ripple, turns),
        "ripple_problem": problem,
        "simpy": summary(simpy, turns),
        "speed_up": round(speed_up, 2) if speed_up is not None else None,
        "targets": {
            "speed_up_at_least": TARGET_SPEED_UP,
            "ms_per_turn_under": TARGET_MS_PER_TURN,
            "speed_up_pass": fast_enough,
            "ms_per_turn_pass": quick_enough,
        },
        "pass": fast_enough and quick_enough,
    }


def verdict(passed: bool) -> str:
    """PASS or FAIL, as printed."""
    return "PASS" if passed else "FAIL"


def print_report(figures: dict[str, Any]) -> None:
    """The figures as a short table for people."""
    print(
        f"{figures['departments']} departments, {figures['items_per_turn']:,} items a turn, "
        f"{figures['turns']} turns; {figures['runs']} runs each, start-up included "
        f"(Python {figures['python']})"
    )
    print(f"{'':22}{'median s':>10}{'min s':>10}{'ms/turn':>10}")
    for label, key in (("ripple simulate --json", "ripple"), ("SimPy baseline", "simpy")):
        side = figures[key]
        if side is None:
            print(f"{label:22}{'-':>10}{'-':>10}{'-':>10}")
        else:
            print(
                f"{label:22}{side['median_seconds']:>10.3f}{side['min_seconds']:>10.3f}"
                f"{side['ms_per_turn']:>10.2f}"
            )
    if figures["ripple_problem"]:
        print(f"\n{figures['ripple_problem']}")
    targets = figures["targets"]
    speed_up = figures["speed_up"]
    shown = f"{speed_up:.2f}x" if speed_up is not None else "-"
    print(
        f"\nspeed-up (SimPy / ripple, medians): {shown}  "
        f"target >= {targets['speed_up_at_least']:.0f}x: {verdict(targets['speed_up_pass'])}"
    )
    ripple = figures["ripple"]
    shown = f"{ripple['ms_per_turn']:.2f} ms" if ripple else "-"
    print(
        f"ripple per turn, start-up included: {shown}  "
        f"target < {targets['ms_per_turn_under']:.0f} ms: {verdict(targets['ms_per_turn_pass'])}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the comparison; exit status 1 on a missed target only with --strict."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where the YAML goes")
    args = parser.parse_args(argv)
    figures = compare(max(1, args.runs), args.out)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_report(figures)
    if figures["ripple_problem"]:
        return 2
    return 1 if args.strict and not figures["pass"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
