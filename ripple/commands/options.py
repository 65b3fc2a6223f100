"""Options several subcommands share."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ripple.paths import DEFAULT_SCENARIO

if TYPE_CHECKING:
    from ripple.play.save import SavedGame


def scenario_file(parser: argparse.ArgumentParser) -> None:
    """The optional FILE argument: a scenario, by default the shipped one."""
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=DEFAULT_SCENARIO,
        help=f"scenario file (default: {DEFAULT_SCENARIO.name})",
    )


def positive(text: str) -> int:
    """A whole number of 1 or more."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def count(text: str) -> int:
    """A whole number of 0 or more."""
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def size(text: str) -> tuple[int, int]:
    """A window size written WIDTHxHEIGHT."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("write the size as WIDTHxHEIGHT, e.g. 1920x1080") from None
    if not (320 <= width <= 8192 and 240 <= height <= 8192):
        raise argparse.ArgumentTypeError("the size must be from 320x240 to 8192x8192")
    return width, height


def print_problems(problems: Iterable[object]) -> None:
    """Scenario problems, one per line, as FILE:LINE:COL: severity: message."""
    for problem in problems:
        print(problem)


def read_saved_game(path: Path) -> SavedGame | None:
    """A save for a command: the save before it (with a warning) when it is damaged or
    missing; None, with the error printed, when neither can be read."""
    import sys

    from ripple.play.save import SaveError, read_save_or_previous

    try:
        saved, note = read_save_or_previous(path)
    except SaveError as error:
        print(f"error: {error}", file=sys.stderr)
        return None
    if note:
        print(f"warning: {note}", file=sys.stderr)
    return saved
