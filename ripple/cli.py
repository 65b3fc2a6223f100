"""The `ripple` command: the subcommands in `ripple/commands/`, one module each."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from types import ModuleType

from ripple.commands import (
    balance,
    bench,
    export,
    new,
    play,
    preview,
    schema,
    simulate,
    validate,
)

COMMANDS: tuple[ModuleType, ...] = (
    play,
    simulate,
    balance,
    validate,
    new,
    preview,
    export,
    schema,
    bench,
)
"""Every subcommand, in the order `ripple --help` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `ripple` command."""
    parser = argparse.ArgumentParser(
        prog="ripple", description="The Ripple Effect: every job is a customer service job."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        sub = commands.add_parser(command.NAME, help=command.HELP, description=command.__doc__)
        command.add(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `ripple` command; returns its exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
