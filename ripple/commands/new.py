"""ripple new: write a starter scenario to change into your own organisation.

Every key is explained in a comment; the file is valid and playable as it is.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from importlib.resources import files
from pathlib import Path

from ripple.paths import IN_CHECKOUT, ROOT, SCENARIOS

NAME = "new"
HELP = "write a commented starter scenario"

SCHEMA = SCENARIOS / "scenario.schema.json"


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument("path", type=Path, metavar="PATH", help="the scenario file to write")
    parser.add_argument("--force", action="store_true", help="replace the file if it exists")


def run(args: argparse.Namespace) -> int:
    """Write the starter scenario, then say what to do next."""
    path: Path = args.path
    if path.is_dir():
        print(f"error: {path} is a folder; give the name of the file to write", file=sys.stderr)
        return 1
    if path.exists() and not args.force:
        print(
            f"error: {path} already exists; choose another name, or add --force to replace it",
            file=sys.stderr,
        )
        return 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(starter_text(path), encoding="utf-8")
    except OSError as error:
        print(f"error: cannot write {path}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(next_steps(path))
    return 0


def starter_text(path: Path) -> str:
    """The starter scenario as it is written to `path`: the editor's schema line first."""
    template = files("ripple.scenario").joinpath("starter.yaml").read_text(encoding="utf-8")
    schema_line = f"# yaml-language-server: $schema={schema_for(path)}\n"
    return schema_line + template.replace("{file}", shlex.quote(str(path)))


def schema_for(path: Path) -> str:
    """Where the JSON Schema is, as the editor sees it from `path`: relative inside the
    project checkout (so the project can move), absolute elsewhere (and always when installed
    from a wheel, whose schema is inside the package)."""
    folder = path.resolve().parent
    if IN_CHECKOUT and folder.is_relative_to(ROOT):
        return Path(os.path.relpath(SCHEMA, folder)).as_posix()
    return SCHEMA.as_posix()


def next_steps(path: Path) -> str:
    """What to do with the new file."""
    file = shlex.quote(str(path))
    picture = shlex.quote(f"{path.stem}.png")
    return (
        f"Wrote {path}: a small online shop, ready to play, to change into your organisation.\n"
        "Next:\n"
        f"  ripple validate {file}    check it: every problem at once, as file:line:column\n"
        f"  ripple preview {file}     draw the organisation to {picture}\n"
        f"  ripple simulate {file}    play one game headless and read its story\n"
        f"  ripple play {file}        play it\n"
        "Every key is explained in the file. docs/scenarios.md describes each one, and\n"
        "docs/facilitators.md goes from interviewing an organisation to running a session."
    )
