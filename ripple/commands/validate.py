"""ripple validate: check scenario files, every problem at once as FILE:LINE:COL."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ripple.commands.options import print_problems
from ripple.paths import DEFAULT_SCENARIO

NAME = "validate"
HELP = "check scenario files"


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")


def run(args: argparse.Namespace) -> int:
    """Check each file; exit 1 if any has an error (warnings alone pass)."""
    from ripple.scenario.load import check_file
    from ripple.ui.measure import text_width  # the screen's widths, without loading pygame

    failed = False
    for path in args.files or [DEFAULT_SCENARIO]:
        problems = check_file(path, text_width)
        print_problems(problems)
        failed = failed or any(p.severity == "error" for p in problems)
        if not problems and not args.quiet:
            print(f"{path}: ok", file=sys.stderr)
    return 1 if failed else 0
