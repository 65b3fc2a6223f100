"""ripple balance: does each scenario teach? Many seeded games per scenario of the customer
policy and of every player who reads nothing from the game, judged on satisfaction, on-time
share and whether the departments proud of their own numbers started the harm; `--write`
keeps the table in the docs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ripple.commands.options import positive, print_problems

NAME = "balance"
HELP = "check that scenarios teach: customer against players who read nothing, many games each"

COMMAND = "ripple balance --write docs/balance.md"
"""How the committed balance table is made (make balance runs it)."""

RUNS = 1000
"""Games per player by default: what the verdict is made over; fewer make a quick look."""


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="scenario files (default: every shipped scenario but the guided ones)",
    )
    parser.add_argument(
        "--runs", type=positive, default=RUNS, help=f"games per player (default: {RUNS})"
    )
    parser.add_argument(
        "--jobs", type=positive, help="processes to play in (default: one per processor)"
    )
    parser.add_argument("--write", type=Path, metavar="PATH", help="also write the page here")


def run(args: argparse.Namespace) -> int:
    """Judge each scenario and print the table; exit 1 if any does not teach."""
    from ripple.batch.balance import judge, page, table, teaching_scenarios
    from ripple.batch.report import ProgressBar
    from ripple.commands.simulate import processors
    from ripple.scenario.load import load_scenario
    from ripple.scenario.model import Scenario
    from ripple.scenario.problems import Problem, ScenarioError

    scenarios: list[tuple[Path, Scenario]] = []
    problems: list[Problem] = []
    for path in args.files or teaching_scenarios():
        try:
            scenarios.append((path, load_scenario(path)))
        except ScenarioError as error:
            problems += error.problems
    if problems:
        print_problems(problems)
        return 1
    if args.runs < RUNS:
        print(
            f"note: {args.runs} games a player make a quick look; the verdict is made over "
            f"{RUNS:,}",
            file=sys.stderr,
        )
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        verdicts = judge(scenarios, args.runs, jobs=args.jobs or processors(), progress=bar)
    finally:
        if bar is not None:
            bar.clear()
    print("\n".join(table(verdicts)))
    if args.write is not None:
        args.write.write_text(page(verdicts, COMMAND), encoding="utf-8")
        print(f"written: {args.write}", file=sys.stderr)
    return 0 if all(v.teaches for v in verdicts) else 1
