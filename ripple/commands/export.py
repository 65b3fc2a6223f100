"""ripple export: write a saved game's pack to send round after the workshop: every turn of
every team as CSV, the decisions and events as CSV, each department's own number and who
left it, every recurring problem and the money turn by turn as CSV, the charts as PNG, and
a one-page summary as Markdown and HTML.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ripple.commands.options import print_problems, read_saved_game, size

if TYPE_CHECKING:
    from ripple.play.save import SavedGame
    from ripple.report.export import Picture
    from ripple.scenario.model import Scenario

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


def export_pack(
    saved: SavedGame,
    scenario: Scenario,
    out: Path,
    *,
    size: tuple[int, int] | None = None,
    pictures: Sequence[Picture] | None = None,
) -> list[Path]:
    """The pack as `ripple export` writes it: `ripple.report.export.export_pack` handed the
    front end's chart renderer, at `size` (else the pack's default size), unless `pictures`
    drawn beforehand are given. The renderer, and so pygame, is loaded here: only when a pack
    is written, never for `--help`."""
    # No window is opened, and pygame's greeting must not mix with the files printed.
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from ripple.report import export
    from ripple.report.export_summary import DEFAULT_SIZE
    from ripple.ui.draw.charts import render_chart

    return export.export_pack(
        saved, scenario, out, render=render_chart, size=size or DEFAULT_SIZE, pictures=pictures
    )


def run(args: argparse.Namespace) -> int:
    """Read the save, replay it on its scenario and write the pack; print the files written."""
    from ripple.engine import DecisionError
    from ripple.report.export import default_out
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
