"""ripple preview: draw a scenario's organisation to a PNG, as the play screen shows it
before the first turn: for a slide, or to check the picture before a workshop."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ripple.commands.options import print_problems, scenario_file, size

NAME = "preview"
HELP = "draw the organisation to a PNG (the play screen at turn 0)"


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    scenario_file(parser)
    parser.add_argument(
        "--out",
        type=Path,
        metavar="PNG",
        help="the picture to write (default: the scenario's name with .png, in this folder)",
    )
    parser.add_argument(
        "--size",
        type=size,
        default=(1280, 720),
        metavar="WxH",
        help="picture size (default 1280x720; 1024x768 is the smallest screen, "
        "1920x1080 suits a slide)",
    )
    parser.add_argument(
        "--projector",
        action="store_true",
        help="high-contrast colours and larger text, as `ripple play --projector` shows it",
    )


def run(args: argparse.Namespace) -> int:
    """Check the scenario, then draw the play screen at turn 0 with no window."""
    from ripple.scenario.load import check_file
    from ripple.ui.measure import text_width

    problems = check_file(args.file, text_width)
    print_problems(problems)
    if any(problem.is_error for problem in problems):
        return 1
    from ripple.ui.launch import Options, play

    out: Path = args.out or Path(f"{args.file.stem}.png")
    status = play(
        Options(
            file=args.file,
            size=args.size,
            projector=args.projector,
            sound=False,
            autoplay=0,
            screenshot=out,
        )
    )
    if status == 0:
        width, height = args.size
        print(f"{out}: the organisation at turn 0, {width}x{height}", file=sys.stderr)
    return status
