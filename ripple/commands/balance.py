"""ripple balance: does each scenario teach? Many seeded games per scenario under the silo
and customer policies, judged on satisfaction, on-time share and whether the departments
proud of their own numbers started the harm; `--write` keeps the table in the docs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ripple.commands.options import positive, print_problems

NAME = "balance"
HELP = "check that scenarios teach: silo against customer over many seeded games"

COMMAND = "ripple balance --write docs/balance.md"
"""How the committed balance table is made (make balance runs it)."""


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
        "--runs", type=positive, default=1000, help="games per policy (default: 1000)"
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
    from ripple.scenario.problems import ScenarioError

    verdicts = []
    for path in args.files or teaching_scenarios():
        bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
        try:
            verdicts.append(judge(path, args.runs, jobs=args.jobs or processors(), progress=bar))
        except ScenarioError as error:
            print_problems(error.problems)
            return 1
        finally:
            if bar is not None:
                bar.clear()
    print("\n".join(table(verdicts)))
    if args.write is not None:
        args.write.write_text(page(verdicts, COMMAND), encoding="utf-8")
        print(f"written: {args.write}", file=sys.stderr)
    return 0 if all(v.teaches for v in verdicts) else 1
