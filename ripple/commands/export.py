"""ripple export: write a saved game's pack to send round after the workshop: every turn of
every team as CSV, the decisions and events as CSV, the charts as PNG, and a one-page summary
as Markdown and HTML.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ripple.commands.options import print_problems, read_saved_game, size

NAME = "export"
HELP = "write a saved game's charts, CSV tables and summary to a folder"


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument("save", type=Path, metavar="SAVE", help="a saved game (JSON)")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="folder to write to (default: a folder named after SAVE, beside it)",
    )
    parser.add_argument(
        "--scenario",
        type=Path,
        metavar="FILE",
        help="the scenario the game was played on (default: the one the save names)",
    )
    parser.add_argument(
        "--size",
        type=size,
        metavar="WxH",
        default=(1280, 720),
        help="size of each chart picture (default: 1280x720)",
    )


def scenario_path(save: Path, named: str) -> Path:
    """The scenario file a save names: as written, else beside the save (a relative path
    written where the save was made)."""
    path = Path(named)
    if path.is_absolute() or path.exists():
        return path
    beside = save.parent / path
    return beside if beside.exists() else path


def run(args: argparse.Namespace) -> int:
    """Read the save, replay it on its scenario and write the pack; print the files written."""
    from ripple.engine import DecisionError
    from ripple.report.export import default_out, export_pack
    from ripple.scenario.load import load_scenario, scenario_hash
    from ripple.scenario.problems import ScenarioError

    saved = read_saved_game(args.save)
    if saved is None:
        return 1
    path = args.scenario
    if path is None:
        if not saved.scenario:
            print(
                f"error: {args.save} does not say which scenario it was played on; "
                "name it with --scenario FILE",
                file=sys.stderr,
            )
            return 1
        path = scenario_path(args.save, saved.scenario)
    try:
        scenario = load_scenario(path)
    except ScenarioError as error:
        print_problems(error.problems)
        return 1
    if saved.scenario_sha256 and saved.scenario_sha256 != scenario_hash(path):
        print(
            f"warning: {path} has changed since {args.save} was saved; "
            "the replay may differ from the game that was played",
            file=sys.stderr,
        )
    out = args.out if args.out is not None else default_out(args.save)
    try:
        written = export_pack(saved, scenario, out, size=args.size)
    except DecisionError as error:
        print(f"error: {args.save} cannot be replayed on {path}: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: cannot write the pack to {out}: {error}", file=sys.stderr)
        return 1
    for file in written:
        print(file)
    return 0
